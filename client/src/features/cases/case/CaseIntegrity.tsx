import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../../gql";

export const CaseIntegrityFragment = graphql(`
  fragment CaseIntegrity_case on Case {
    integrity {
      ok
      breaks {
        table
        row
        kind
        detail
      }
    }
  }
`);

/** The server verifies the case's records when the case is opened; a break is shown first, as a warning. */
export function CaseIntegrity(props: { case: FragmentType<typeof CaseIntegrityFragment> }) {
  const { t } = useTranslation();
  const { integrity } = getFragmentData(CaseIntegrityFragment, props.case);
  if (integrity.ok) return null;
  const where = (table: string, row: number | null | undefined) =>
    table === "case_event" ? (row ? t("cases.integrity.where.case_event", { row }) : t("cases.integrity.where.case_event_none")) : t(`cases.integrity.where.${table}`, { defaultValue: table });
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="case-integrity"
      style={{ marginBottom: 16 }}
      message={t("cases.integrity.title")}
      description={
        <>
          <p>{t("cases.integrity.body")}</p>
          <ul>
            {integrity.breaks.map((b, i) => (
              <li key={i}>
                {where(b.table, b.row)}：{t(`cases.integrity.kind.${b.kind}`, { detail: b.detail ?? "" })}
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
