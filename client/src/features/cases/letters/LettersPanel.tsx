import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Button, Form, Input, Space } from "antd";
import { PlusOutlined, PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { graphql } from "../../../gql";
import { LoadMore } from "../../../components/LoadMore";
import { QueryState } from "../../../components/QueryState";
import { SimpleTable } from "../../../components/SimpleTable";
import { useRunMutation } from "../../../lib/mutations";
import { ActDialog } from "../ActDialog";
import { chinaDate, chinaDateTime } from "../format";
import { IssueLetterDialog } from "./IssueLetterDialog";
import { useRevokeAuthorizationLetterMutation } from "./useLetterMutations";

const DepartmentLettersDocument = graphql(`
  query DepartmentLetters($departmentCode: String!, $first: Int!, $after: String) {
    authorizationLetters(departmentCode: $departmentCode, first: $first, after: $after) {
      nodes {
        id
        number
        active
        allItems
        validFrom
        validTo
        issuedAt
        revokedAt
        revokeReason
        holder {
          id
          username
          displayName
          role
        }
        items {
          id
          code
        }
        seal {
          id
          code
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

const PAGE = 20;

/** A1: the director's 授权委托书 — who holds what, until when, under which seal; sign and revoke. */
export function LettersPanel({ departmentCode, canSign }: { departmentCode: string; canSign: boolean }) {
  const { t } = useTranslation();
  const { data, previousData, loading, error, fetchMore } = useQuery(DepartmentLettersDocument, { variables: { departmentCode, first: PAGE } });
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; number: string }>();
  const [revokeOpen, setRevokeOpen] = useState(false);
  const [revoke] = useRevokeAuthorizationLetterMutation();
  const run = useRunMutation();
  const letters = (data ?? previousData)?.authorizationLetters;

  const state = (l: { active: boolean; revokedAt?: string | null; validTo: string }) =>
    l.active ? t("cases.letters.inForce") : l.revokedAt ? t("cases.letters.revoked", { at: chinaDateTime(l.revokedAt) }) : t("cases.letters.notInForce");

  return (
    <>
      {canSign && (
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIssuing(true)} className="case-actions">
          {t("cases.letters.issue")}
        </Button>
      )}
      {!letters ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <SimpleTable
            rows={letters.nodes}
            rowKey={(l) => l.id}
            caption={t("cases.letters.title")}
            empty={t("cases.letters.empty")}
            columns={[
              { key: "number", title: t("cases.letters.number"), render: (l) => l.number },
              { key: "holder", title: t("cases.letters.holder"), render: (l) => `${l.holder.displayName}（${l.holder.username}）` },
              { key: "scope", title: t("cases.letters.scope"), render: (l) => (l.allItems ? t("cases.letters.allItems") : l.items.map((i) => i.code).join("、")) },
              { key: "valid", title: t("cases.letters.validity"), render: (l) => `${chinaDate(l.validFrom)} – ${chinaDate(new Date(Date.parse(l.validTo) - 1))}` },
              { key: "seal", title: t("cases.letters.seal"), render: (l) => l.seal.code },
              { key: "state", title: t("cases.letters.state"), render: (l) => `${state(l)}${l.revokeReason ? `：${l.revokeReason}` : ""}` },
              {
                key: "actions",
                title: t("common.actions"),
                render: (l) => (
                  <Space wrap>
                    <Button
                      size="small"
                      href={`/documents/letters/${l.id}.pdf`}
                      target="_blank"
                      rel="noopener"
                      icon={<PrinterOutlined aria-hidden />}
                      aria-label={t("paper.letter.printOf", { number: l.number })}
                    >
                      {t("paper.letter.print")}
                    </Button>
                    {canSign && !l.revokedAt && Date.parse(l.validTo) > Date.now() ? (
                      <Button
                        size="small"
                        danger
                        onClick={() => {
                          setRevoking({ id: l.id, number: l.number });
                          setRevokeOpen(true);
                        }}
                        aria-label={t("cases.letters.revokeNamed", { number: l.number })}
                      >
                        {t("cases.letters.revoke")}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
          <LoadMore
            shown={letters.nodes.length}
            total={letters.totalCount}
            hasNextPage={letters.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: letters.pageInfo.endCursor } })}
          />
        </>
      )}
      {canSign && <IssueLetterDialog departmentCode={departmentCode} open={issuing} onClose={() => setIssuing(false)} />}
      <ActDialog<{ reason: string }>
        name="letter-revoke"
        title={t("cases.letters.revokeTitle", { number: revoking?.number ?? "" })}
        okText={t("cases.letters.revokeOk")}
        danger
        open={revokeOpen}
        onClose={() => setRevokeOpen(false)}
        submit={async ({ reason }) =>
          (await run(() => revoke({ variables: { input: { id: revoking?.id ?? "", reason: reason.trim() } } })))?.data?.revokeAuthorizationLetter.userErrors
        }
      >
        <Form.Item
          label={t("cases.letters.revokeReason")}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t("common.required") }, { min: 2, max: 200, message: t("cases.letters.reasonLength") }]}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </ActDialog>
    </>
  );
}
