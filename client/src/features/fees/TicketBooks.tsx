import { useState, type ReactNode } from "react";
import { useQuery } from "@apollo/client/react";
import { Button, Checkbox, Form, Space } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FeeTag, type Tone } from "./FeeTag";
import type { TFunction } from "i18next";
import { graphql } from "../../gql";
import type { TicketBookStatus } from "../../gql/graphql";
import { SimpleTable } from "../../components/SimpleTable";
import { QueryState } from "../../components/QueryState";
import { formatDate } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { ActDialog } from "../cases/ActDialog";
import { chinaDateTime } from "../cases/format";
import { useApplyForTicketBookMutation, useHandInTicketBookMutation } from "./useFeeMutations";

const TicketBooksDocument = graphql(`
  query TicketBooks($departmentCode: String) {
    ticketBooks(departmentCode: $departmentCode) {
      id
      series
      fromNo
      toNo
      nextNo
      used
      remaining
      status
      issuedAt
      department {
        id
        code
        name
      }
      point {
        id
        code
        name
      }
      audits {
        id
        passed
        stampedAt
        stampedBy {
          id
          displayName
        }
        discrepancies {
          ticketNumber
          kind
          detail
        }
      }
    }
  }
`);

const TicketBookApplicationsDocument = graphql(`
  query TicketBookApplications($status: TicketBookApplicationStatus) {
    ticketBookApplications(status: $status) {
      id
      status
      appliedAt
      department {
        id
        code
        name
      }
      point {
        id
        code
        name
      }
      appliedBy {
        id
        displayName
      }
    }
  }
`);

const ApplyPointsDocument = graphql(`
  query ApplyPoints {
    city: servicePoints(first: 1, level: CITY) {
      nodes {
        id
        code
        name
      }
    }
    townships: servicePoints(first: 100, level: TOWNSHIP) {
      nodes {
        id
        code
        name
      }
    }
  }
`);

const STATUS_COLOR: Record<TicketBookStatus, Tone> = { ACTIVE: "green", EXHAUSTED: "orange", HANDED_IN: "blue", AUDITED: "default" };

export type Book = NonNullable<ReturnType<typeof useTicketBooks>["books"]>[number];

export function useTicketBooks(departmentCode?: string) {
  const { data, previousData, loading, error } = useQuery(TicketBooksDocument, { variables: { departmentCode } });
  return { books: (data ?? previousData)?.ticketBooks, loading, error };
}

export function useTicketBookApplications(status?: "PENDING") {
  const { data, previousData, loading, error } = useQuery(TicketBookApplicationsDocument, { variables: { status } });
  return { applications: (data ?? previousData)?.ticketBookApplications, loading, error };
}

/** The stub audits of one book (F5), newest first, each stamped by who and when, with its discrepancies. */
function StubAudits({ audits }: { audits: Book["audits"] }) {
  const { t } = useTranslation();
  if (!audits.length) return <span className="case-muted">{t("fees.books.auditsEmpty")}</span>;
  return (
    <ul className="fee-audits">
      {audits.map((a) => (
        <li key={a.id}>
          <FeeTag tone={a.passed ? "green" : "red"}>{t(a.passed ? "fees.books.passed" : "fees.books.failed")}</FeeTag>
          {t("fees.books.stamped", { name: a.stampedBy.displayName, at: chinaDateTime(a.stampedAt) })}
          {a.discrepancies.length > 0 && (
            <ul className="case-list" aria-label={t("fees.books.discrepancies")}>
              {a.discrepancies.map((d) => (
                <li key={`${d.ticketNumber}-${d.kind}`}>
                  {d.ticketNumber}：{t(`fees.discrepancy.${d.kind}`)}
                  {d.detail ? `（${d.detail}）` : ""}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Usage of a book: numbers used and left, as the server counts them. */
export function bookUsage(b: Pick<Book, "used" | "remaining">, t: TFunction): string {
  return t("fees.books.usage", { used: b.used, left: b.remaining });
}

interface BooksTableProps {
  books: readonly Book[];
  caption: string;
  showDepartment?: boolean;
  /** Extra buttons of a row (hand in, audit …). */
  actions?: (book: Book) => ReactNode;
}

export function BooksTable({ books, caption, showDepartment, actions }: BooksTableProps) {
  const { t } = useTranslation();
  return (
    <SimpleTable<Book>
      rows={books}
      rowKey={(b) => b.id}
      caption={caption}
      empty={t("fees.books.empty")}
      columns={[
        ...(showDepartment ? [{ key: "department", title: t("fees.field.department"), render: (b: Book) => b.department.name }] : []),
        { key: "point", title: t("fees.field.point"), render: (b) => b.point.name },
        { key: "series", title: t("fees.field.series"), render: (b) => <span className="fee-nowrap">{b.series}</span> },
        { key: "range", title: t("fees.field.range"), render: (b) => <span className="fee-nowrap">{`${b.fromNo}–${b.toNo}`}</span> },
        { key: "usage", title: t("fees.field.usage"), render: (b) => <span className="fee-usage">{bookUsage(b, t)}</span> },
        { key: "status", title: t("fees.field.status"), render: (b) => <FeeTag tone={STATUS_COLOR[b.status]}>{t(`fees.bookStatus.${b.status}`)}</FeeTag> },
        { key: "issued", title: t("fees.field.issuedAt"), render: (b) => <span className="fee-nowrap">{formatDate(b.issuedAt)}</span> },
        { key: "audits", title: t("fees.books.audits"), render: (b) => <StubAudits audits={b.audits} /> },
        ...(actions ? [{ key: "act", title: t("common.actions"), render: (b: Book) => actions(b) }] : []),
      ]}
    />
  );
}

/** F5/F7: a director applies for a new book with both written statements. */
function ApplyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [apply] = useApplyForTicketBookMutation();
  const { data } = useQuery(ApplyPointsDocument, { skip: !open });
  const points = [...(data?.city.nodes ?? []), ...(data?.townships.nodes ?? [])];
  const statement = { validator: (_: unknown, v: unknown) => (v ? Promise.resolve() : Promise.reject(new Error(t("fees.books.statementRequired")))) };
  return (
    <ActDialog<{ pointCode: string; statementNoDualTrack: boolean; statementDeposited: boolean }>
      name="act-apply-book"
      title={t("fees.books.applyTitle")}
      okText={t("fees.books.applyOk")}
      open={open && points.length > 0}
      onClose={onClose}
      initialValues={{ pointCode: points[0]?.code, statementNoDualTrack: false, statementDeposited: false }}
      preview={<p>{t("fees.books.applyHelp")}</p>}
      submit={async (v) => (await run(() => apply({ variables: { input: v } })))?.data?.applyForTicketBook.userErrors}
    >
      <Form.Item label={t("fees.field.point")} name="pointCode" rules={[{ required: true, message: t("common.required") }]}>
        <select className="native-select wide">
          {points.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </Form.Item>
      <Form.Item name="statementNoDualTrack" valuePropName="checked" rules={[statement]}>
        <Checkbox>{t("fees.books.statementNoDualTrack")}</Checkbox>
      </Form.Item>
      <Form.Item name="statementDeposited" valuePropName="checked" rules={[statement]}>
        <Checkbox>{t("fees.books.statementDeposited")}</Checkbox>
      </Form.Item>
    </ActDialog>
  );
}

/** F5: a used book is handed in (by its department's director or the admin) for its stub audit. */
export function HandInDialog({ book, open, onClose }: { book: Book; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [handIn] = useHandInTicketBookMutation();
  return (
    <ActDialog
      name="act-hand-in"
      title={t("fees.books.handInTitle", { series: book.series })}
      okText={t("fees.books.handInOk")}
      open={open}
      onClose={onClose}
      preview={<p>{t("fees.books.handInHelp")}</p>}
      submit={async () => (await run(() => handIn({ variables: { input: { bookId: book.id } } })))?.data?.handInTicketBook.userErrors}
    />
  );
}

/** A department's ticket books (F5): usage, audits, hand-in and its applications for a new book. */
export function DepartmentTicketBooks({ departmentCode, departmentName, director }: { departmentCode: string; departmentName: string; director: boolean }) {
  const { t } = useTranslation();
  const { books, loading, error } = useTicketBooks(departmentCode);
  const { applications } = useTicketBookApplications();
  const [applying, setApplying] = useState(false);
  const [handing, setHanding] = useState<Book>();
  const mine = (applications ?? []).filter((a) => a.department.code === departmentCode);

  return (
    <>
      {director && (
        <Space wrap className="case-actions">
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setApplying(true)}>
            {t("fees.books.apply")}
          </Button>
        </Space>
      )}
      {!books ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <BooksTable
          books={books}
          caption={t("fees.books.caption", { department: departmentName })}
          actions={
            director
              ? (b) =>
                  b.status === "ACTIVE" || b.status === "EXHAUSTED" ? (
                    <Button size="small" aria-label={t("fees.books.handInNamed", { series: b.series })} onClick={() => setHanding(b)}>
                      {t("fees.books.handIn")}
                    </Button>
                  ) : null
              : undefined
          }
        />
      )}
      <h3 className="fee-subtitle">{t("fees.books.applications")}</h3>
      <ApplicationsTable applications={mine} />
      <ApplyDialog open={applying} onClose={() => setApplying(false)} />
      {handing && <HandInDialog book={handing} open={!!handing} onClose={() => setHanding(undefined)} />}
    </>
  );
}

export type Application = NonNullable<ReturnType<typeof useTicketBookApplications>["applications"]>[number];

export function ApplicationsTable({ applications, showDepartment, actions }: { applications: readonly Application[]; showDepartment?: boolean; actions?: (a: Application) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <SimpleTable<Application>
      rows={applications}
      rowKey={(a) => a.id}
      caption={t("fees.books.applicationsCaption")}
      empty={t("fees.books.applicationsEmpty")}
      columns={[
        ...(showDepartment ? [{ key: "department", title: t("fees.field.department"), render: (a: Application) => a.department.name }] : []),
        { key: "point", title: t("fees.field.point"), render: (a) => a.point.name },
        { key: "by", title: t("fees.field.appliedBy"), render: (a) => a.appliedBy.displayName },
        { key: "at", title: t("fees.field.appliedAt"), render: (a) => chinaDateTime(a.appliedAt) },
        { key: "status", title: t("fees.field.status"), render: (a) => t(`fees.applicationStatus.${a.status}`) },
        ...(actions ? [{ key: "act", title: t("common.actions"), render: (a: Application) => actions(a) }] : []),
      ]}
    />
  );
}
