import { SimpleTable } from "../../components/SimpleTable";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { yesNo } from "../../lib/format";

export const StaffTableFragment = graphql(`
  fragment StaffTable_staff on Staff {
    id
    username
    displayName
    role
    active
  }
`);

export function StaffTable(props: { staff: FragmentType<typeof StaffTableFragment>[] }) {
  const { t } = useTranslation();
  const staff = getFragmentData(StaffTableFragment, props.staff);
  if (!staff.length) return <p>{t("staff.none")}</p>;
  return (
    <SimpleTable
      rows={staff}
      rowKey={(s) => s.id}
      columns={[
        { key: "name", title: t("staff.displayName"), render: (s) => s.displayName },
        { key: "username", title: t("staff.username"), render: (s) => s.username },
        { key: "role", title: t("staff.role"), render: (s) => t(`enums.Role.${s.role}`) },
        { key: "active", title: t("common.active"), render: (s) => yesNo(s.active, t) },
      ]}
    />
  );
}
