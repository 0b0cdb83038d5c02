import { SimpleTable, type Column } from "../../components/SimpleTable";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { yesNo } from "../../lib/format";

export const WindowsTableFragment = graphql(`
  fragment WindowsTable_window on ServiceWindow {
    id
    code
    number
    name
    kind
    active
    point {
      id
      name
    }
    department {
      id
      code
      name
    }
  }
`);

/** Windows of a point or a department, each linking to its workspace. */
export function WindowsTable(props: {
  windows: FragmentType<typeof WindowsTableFragment>[];
  showPoint?: boolean;
  showDepartment?: boolean;
}) {
  const { t } = useTranslation();
  const windows = getFragmentData(WindowsTableFragment, props.windows);
  type Row = (typeof windows)[number];
  const columns: Column<Row>[] = [
    { key: "number", title: t("window.number"), render: (w) => w.number },
    {
      key: "name",
      title: t("window.name"),
      render: (w) => <Link to={`/windows/${encodeURIComponent(w.code)}`}>{`${w.code} ${w.name}`}</Link>,
    },
    { key: "kind", title: t("window.kind"), render: (w) => t(`enums.WindowKind.${w.kind}`) },
  ];
  if (props.showPoint) columns.push({ key: "point", title: t("window.point"), render: (w) => w.point.name });
  if (props.showDepartment) columns.push({ key: "dept", title: t("window.department"), render: (w) => w.department?.name ?? "—" });
  columns.push({ key: "active", title: t("common.active"), render: (w) => yesNo(w.active, t) });
  return (
    <SimpleTable rows={[...windows].sort((a, b) => a.number - b.number)} rowKey={(w) => w.id} columns={columns} empty={t("window.none")} />
  );
}
