import { useState } from "react";
import { Button, Form, Input, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { useRunMutation } from "../../lib/mutations";
import { ActDialog } from "../../features/cases/ActDialog";
import { ApplicationsTable, BooksTable, HandInDialog, bookUsage, useTicketBookApplications, useTicketBooks, type Application, type Book } from "../../features/fees/TicketBooks";
import { useAuditTicketStubsMutation, useIssueTicketBookMutation } from "../../features/fees/useFeeMutations";

/** F5: a new book only after the previous book's stubs passed audit — the server decides and says why not. */
function IssueDialog({ application, open, onClose }: { application: Application; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [issue] = useIssueTicketBookMutation();
  const required = { required: true, message: t("common.required") };
  return (
    <ActDialog<{ series: string; fromNo: number; toNo: number }>
      name="act-issue-book"
      title={t("fees.admin.issueTitle", { department: application.department.name })}
      okText={t("fees.admin.issueOk")}
      open={open}
      onClose={onClose}
      preview={
        <p>
          {application.point.name} · {t("fees.admin.issueHelp")}
        </p>
      }
      submit={async (v) => (await run(() => issue({ variables: { input: { applicationId: application.id, series: v.series.trim(), fromNo: v.fromNo, toNo: v.toNo } } })))?.data?.issueTicketBook.userErrors}
    >
      <Form.Item label={t("fees.field.series")} name="series" rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label={t("fees.admin.fromNo")} name="fromNo" rules={[required]}>
        <InputNumber min={1} precision={0} />
      </Form.Item>
      <Form.Item label={t("fees.admin.toNo")} name="toNo" rules={[required]}>
        <InputNumber min={1} precision={0} />
      </Form.Item>
    </ActDialog>
  );
}

/** F5: every number of a handed-in book accounted for; the result is stamped (票据审验章). */
function AuditDialog({ book, open, onClose }: { book: Book; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [audit] = useAuditTicketStubsMutation();
  return (
    <ActDialog
      name="act-audit-stubs"
      title={t("fees.admin.auditTitle", { series: book.series })}
      okText={t("fees.admin.auditOk")}
      open={open}
      onClose={onClose}
      preview={
        <>
          <p>{t("fees.admin.auditHelp")}</p>
          <p>
            {book.department.name} · {book.point.name} · {book.fromNo}–{book.toNo} · {bookUsage(book, t)}
          </p>
        </>
      }
      submit={async () => (await run(() => audit({ variables: { input: { bookId: book.id } } })))?.data?.auditTicketStubs.userErrors}
    />
  );
}

/** 票据管理: applications to issue, every book with its usage and audits, and the stub audits to run. */
export function TicketBooksAdmin() {
  const { t } = useTranslation();
  const { applications, loading, error } = useTicketBookApplications("PENDING");
  const books = useTicketBooks();
  const [issuing, setIssuing] = useState<Application>();
  const [auditing, setAuditing] = useState<Book>();
  const [handing, setHanding] = useState<Book>();

  return (
    <>
      <Section title={t("fees.books.applications")}>
        {!applications ? (
          <QueryState loading={loading} error={error} />
        ) : (
          <ApplicationsTable
            applications={applications}
            showDepartment
            actions={(a) => (
              <Button size="small" type="primary" aria-label={t("fees.admin.issueNamed", { department: a.department.name })} onClick={() => setIssuing(a)}>
                {t("fees.admin.issue")}
              </Button>
            )}
          />
        )}
      </Section>
      <Section title={t("fees.admin.allBooks")}>
        {!books.books ? (
          <QueryState loading={books.loading} error={books.error} />
        ) : (
          <BooksTable
            books={books.books}
            caption={t("fees.admin.allBooks")}
            showDepartment
            actions={(b) =>
              b.status === "ACTIVE" ? (
                <Button size="small" aria-label={t("fees.books.handInNamed", { series: b.series })} onClick={() => setHanding(b)}>
                  {t("fees.books.handIn")}
                </Button>
              ) : b.status !== "AUDITED" ? (
                <Button size="small" type="primary" aria-label={t("fees.admin.runAuditNamed", { series: b.series })} onClick={() => setAuditing(b)}>
                  {t("fees.admin.runAudit")}
                </Button>
              ) : null
            }
          />
        )}
      </Section>
      {issuing && <IssueDialog application={issuing} open={!!issuing} onClose={() => setIssuing(undefined)} />}
      {handing && <HandInDialog book={handing} open={!!handing} onClose={() => setHanding(undefined)} />}
      {auditing && <AuditDialog book={auditing} open={!!auditing} onClose={() => setAuditing(undefined)} />}
    </>
  );
}
