import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Button, Form, Input, Space } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FeeTag } from "./FeeTag";
import { graphql } from "../../gql";
import { SimpleTable } from "../../components/SimpleTable";
import { QueryState } from "../../components/QueryState";
import { formatFen } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { ActDialog } from "../cases/ActDialog";
import { chinaDateTime } from "../cases/format";
import { reconciliationUrl } from "./money";
import { useCloseReconciliationDayMutation } from "./useFeeMutations";

const ReconciliationDocument = graphql(`
  query Reconciliation($day: String!, $windowCode: String) {
    reconciliation(day: $day, windowCode: $windowCode) {
      window {
        id
        code
        name
      }
      department {
        id
        code
        name
      }
      paymentsFen
      refundsFen
      depositsFen
      differenceFen
      ticketCount
      voidedCount
      closed
      closedAt
      closedBy {
        id
        displayName
      }
    }
  }
`);

/** F6: the finance supervisor closes a window's day; a difference needs a written reason. */
function CloseDayDialog({ day, window, difference, open, onClose }: { day: string; window: string; difference: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [close] = useCloseReconciliationDayMutation();
  return (
    <ActDialog<{ reason?: string }>
      name="act-close-day"
      title={t("fees.finance.closeTitle", { window, day })}
      okText={t("fees.finance.closeOk")}
      open={open}
      onClose={onClose}
      preview={
        <>
          <p>{t("fees.finance.closeHelp")}</p>
          <p className="strong">
            {t("fees.field.difference")}：{formatFen(difference)}
          </p>
        </>
      }
      submit={async ({ reason }) =>
        (await run(() => close({ variables: { input: { day, windowCode: window, reason: reason?.trim() || null } } })))?.data?.closeReconciliationDay.userErrors
      }
    >
      <Form.Item label={t("fees.finance.closeReason")} name="reason" rules={difference ? [{ required: true, whitespace: true, message: t("common.required") }] : []}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </ActDialog>
  );
}

/** A day is closed per window: its difference is that of all its rows (deposits matched to no department included). */
function windowDifference(rows: readonly { window: { code: string }; differenceFen: number }[], windowCode: string): number {
  return rows.filter((r) => r.window.code === windowCode).reduce((sum, r) => sum + r.differenceFen, 0);
}

/** F6: payments against deposits per window and department for one day, with the downloads. */
export function Reconciliation({ day, windowCode, canClose }: { day: string; windowCode?: string; canClose: boolean }) {
  const { t } = useTranslation();
  const { data, previousData, loading, error } = useQuery(ReconciliationDocument, { variables: { day, windowCode } });
  const [closing, setClosing] = useState<{ window: string; difference: number }>();
  const rows = (data ?? previousData)?.reconciliation;

  return (
    <>
      <Space wrap className="case-actions">
        <Button href={reconciliationUrl(day, "csv", windowCode)} icon={<DownloadOutlined aria-hidden />} download>
          {t("fees.finance.downloadCsv")}
        </Button>
        <Button href={reconciliationUrl(day, "xlsx", windowCode)} icon={<DownloadOutlined aria-hidden />} download>
          {t("fees.finance.downloadXlsx")}
        </Button>
      </Space>
      {!rows ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <SimpleTable
          rows={rows}
          rowKey={(r) => `${r.window.code}-${r.department?.code ?? ""}`}
          caption={t("fees.finance.reconciliationCaption", { day })}
          empty={t("fees.finance.reconciliationEmpty")}
          columns={[
            { key: "window", title: t("fees.field.window"), render: (r) => `${r.window.code} ${r.window.name}` },
            { key: "department", title: t("fees.field.department"), render: (r) => r.department?.name ?? t("fees.finance.unmatched") },
            { key: "payments", title: t("fees.field.payments"), align: "right", render: (r) => formatFen(r.paymentsFen) },
            { key: "refunds", title: t("fees.field.refunds"), align: "right", render: (r) => formatFen(r.refundsFen) },
            { key: "deposits", title: t("fees.field.deposits"), align: "right", render: (r) => formatFen(r.depositsFen) },
            {
              key: "difference",
              title: t("fees.field.difference"),
              align: "right",
              render: (r) => (r.differenceFen ? <strong className="fee-difference">{formatFen(r.differenceFen)}</strong> : formatFen(0)),
            },
            { key: "tickets", title: t("fees.field.tickets"), align: "right", render: (r) => r.ticketCount },
            { key: "voided", title: t("fees.field.voided"), align: "right", render: (r) => r.voidedCount },
            {
              key: "closed",
              title: t("fees.field.closed"),
              render: (r) =>
                r.closed ? (
                  <FeeTag tone="green">{t("fees.finance.closedBy", { name: r.closedBy?.displayName ?? "", at: chinaDateTime(r.closedAt) })}</FeeTag>
                ) : canClose ? (
                  <Button size="small" aria-label={t("fees.finance.closeDayNamed", { window: r.window.code, department: r.department?.name ?? "" })} onClick={() => setClosing({ window: r.window.code, difference: windowDifference(rows, r.window.code) })}>
                    {t("fees.finance.closeDay")}
                  </Button>
                ) : (
                  t("fees.finance.open")
                ),
            },
          ]}
        />
      )}
      {closing && <CloseDayDialog day={day} window={closing.window} difference={closing.difference} open={!!closing} onClose={() => setClosing(undefined)} />}
    </>
  );
}
