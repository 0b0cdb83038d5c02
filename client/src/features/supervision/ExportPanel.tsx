import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Button, Space } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { Section } from "../../components/Page";
import { chinaToday } from "../fees/money";
import { DayPicker } from "../../components/DayPicker";

const CaseExportCountDocument = graphql(`
  query CaseExportCount($from: String!, $to: String!) {
    caseExport(from: $from, to: $to, first: 1) {
      totalCount
    }
  }
`);

/** The first day of the month of a YYYY-MM-DD day. */
const monthStart = (day: string) => `${day.slice(0, 8)}01`;

/** §6: ended cases of a period for the provincial platform, as CSV or XLSX (the server builds them). */
export function ExportPanel() {
  const { t } = useTranslation();
  const today = chinaToday();
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const valid = Boolean(from && to && from <= to);
  const { data } = useQuery(CaseExportCountDocument, { variables: { from, to }, skip: !valid });
  const url = (format: "csv" | "xlsx") => `/documents/export/cases.${format}?from=${from}&to=${to}`;
  return (
    <Section title={t("supervision.export.title")}>
      <p className="case-muted">{t("supervision.export.help")}</p>
      <Space wrap className="case-actions">
        <div className="filter-field">
          <label htmlFor="export-from">{t("supervision.panel.from")}</label>
          <DayPicker id="export-from" value={from} max={today} onChange={setFrom} />
        </div>
        <div className="filter-field">
          <label htmlFor="export-to">{t("supervision.panel.to")}</label>
          <DayPicker id="export-to" value={to} max={today} onChange={setTo} />
        </div>
        <Button href={valid ? url("csv") : undefined} disabled={!valid} icon={<DownloadOutlined aria-hidden />} download>
          {t("supervision.export.csv")}
        </Button>
        <Button href={valid ? url("xlsx") : undefined} disabled={!valid} icon={<DownloadOutlined aria-hidden />} download>
          {t("supervision.export.xlsx")}
        </Button>
        {valid && data && <span data-testid="export-count">{t("supervision.export.count", { count: data.caseExport.totalCount })}</span>}
        {!valid && <span role="alert">{t("supervision.export.badPeriod")}</span>}
      </Space>
    </Section>
  );
}
