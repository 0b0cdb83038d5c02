import { SimpleTable } from "../../components/SimpleTable";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";

export const MaterialsTableFragment = graphql(`
  fragment MaterialsTable_material on Material {
    id
    seq
    name
    description
    originals
    copies
    required
    active
  }
`);

/** 申报材料: the documents a citizen brings, as published in the guide. */
export function MaterialsTable(props: { materials: FragmentType<typeof MaterialsTableFragment>[] }) {
  const { t } = useTranslation();
  const materials = getFragmentData(MaterialsTableFragment, props.materials)
    .filter((m) => m.active)
    .sort((a, b) => a.seq - b.seq);
  if (!materials.length) return <p>{t("material.none")}</p>;
  return (
    <SimpleTable
      rows={materials}
      rowKey={(m) => m.id}
      columns={[
        { key: "seq", title: t("material.seq"), render: (m) => m.seq },
        { key: "name", title: t("material.name"), render: (m) => m.name },
        { key: "description", title: t("material.description"), render: (m) => m.description ?? "—" },
        { key: "originals", title: t("material.originals"), render: (m) => m.originals, align: "right" },
        { key: "copies", title: t("material.copies"), render: (m) => m.copies, align: "right" },
        {
          key: "required",
          title: t("material.required"),
          render: (m) => (m.required ? t("material.requiredYes") : t("material.requiredNo")),
        },
      ]}
    />
  );
}
