import type { ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { SimpleTable, type Column } from "../../components/SimpleTable";
import { DeadlineMark } from "./DeadlineMark";
import { casePath, chinaDateTime } from "./format";

export const CaseTableFragment = graphql(`
  fragment CaseTable_case on Case {
    id
    number
    status
    kind
    deadline
    deadlineProvisional
    deadlineState
    remainingWorkingDays
    registeredAt
    applicant {
      name
    }
    item {
      id
      code
      name
    }
    currentPoint {
      id
      code
      name
    }
    registeredPoint {
      id
      code
      name
    }
  }
`);

export type CaseRow = ReturnType<typeof useCaseRows>[number];
function useCaseRows(cases: FragmentType<typeof CaseTableFragment>[]) {
  return getFragmentData(CaseTableFragment, cases);
}

export type CaseColumn = "number" | "item" | "applicant" | "kind" | "status" | "deadline" | "where" | "registeredAt" | "registeredPoint";

interface CaseTableProps {
  cases: FragmentType<typeof CaseTableFragment>[];
  columns: CaseColumn[];
  caption: string;
  empty: string;
  /** Buttons of a row (hand over, close …), named with the case number for screen readers. */
  actions?: (row: CaseRow) => ReactNode;
}

/** A list of cases: each number opens the case page. Plain table, light for village PCs. */
export function CaseTable({ cases, columns, caption, empty, actions }: CaseTableProps) {
  const { t } = useTranslation();
  const rows = useCaseRows(cases);
  const all: Record<CaseColumn, Column<CaseRow>> = {
    number: { key: "number", title: t("cases.field.number"), render: (c) => <Link to={casePath(c.number)}>{c.number}</Link> },
    item: { key: "item", title: t("cases.field.item"), render: (c) => c.item.name },
    applicant: { key: "applicant", title: t("cases.field.applicant"), render: (c) => c.applicant.name },
    kind: { key: "kind", title: t("cases.field.kind"), render: (c) => (c.kind ? t(`enums.CaseKind.${c.kind}`) : "—") },
    status: { key: "status", title: t("cases.field.status"), render: (c) => t(`cases.status.${c.status}`) },
    deadline: {
      key: "deadline",
      title: t("cases.field.deadline"),
      render: (c) => <DeadlineMark state={c.deadlineState} deadline={c.deadline} remaining={c.remainingWorkingDays} provisional={c.deadlineProvisional} />,
    },
    where: { key: "where", title: t("cases.field.currentPoint"), render: (c) => c.currentPoint.name },
    registeredAt: { key: "registeredAt", title: t("cases.field.registeredAt"), render: (c) => chinaDateTime(c.registeredAt) },
    registeredPoint: { key: "registeredPoint", title: t("cases.field.registeredPoint"), render: (c) => c.registeredPoint.name },
  };
  const shown = columns.map((c) => all[c]);
  if (actions) shown.push({ key: "actions", title: t("common.actions"), render: actions });
  return <SimpleTable rows={rows} columns={shown} rowKey={(c) => c.id} caption={caption} empty={empty} />;
}
