import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { SimpleTable, type Column } from "../../components/SimpleTable";

export const ItemsTableFragment = graphql(`
  fragment ItemsTable_item on ServiceItem {
    id
    code
    name
    level
    category
    defaultKind
    promisedLimitDays
    legalLimitDays
    active
    department {
      id
      code
      name
    }
  }
`);

/** Catalogue items, each name linking to its public guide. */
export function ItemsTable(props: {
  items: FragmentType<typeof ItemsTableFragment>[];
  showDepartment?: boolean;
  caption?: string;
}) {
  const { t } = useTranslation();
  const items = getFragmentData(ItemsTableFragment, props.items);
  type Item = (typeof items)[number];
  const columns: Column<Item>[] = [
    { key: "code", title: t("item.code"), render: (item) => item.code },
    {
      key: "name",
      title: t("item.name"),
      render: (item) => <Link to={`/guide/${encodeURIComponent(item.code)}`}>{item.name}</Link>,
    },
    { key: "level", title: t("item.level"), render: (item) => t(`enums.ItemLevel.${item.level}`) },
    { key: "category", title: t("item.category"), render: (item) => item.category },
    { key: "kind", title: t("item.defaultKind"), render: (item) => t(`enums.CaseKind.${item.defaultKind}`) },
    {
      key: "limit",
      title: t("item.promisedLimit"),
      render: (item) => t("common.workingDays", { count: item.promisedLimitDays }),
    },
  ];
  if (props.showDepartment) columns.push({ key: "dept", title: t("item.department"), render: (item) => item.department.name });
  return (
    <SimpleTable rows={items} columns={columns} rowKey={(item) => item.id} caption={props.caption} empty={t("item.none")} />
  );
}
