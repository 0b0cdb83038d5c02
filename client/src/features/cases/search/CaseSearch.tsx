import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { Button, Flex, Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../../gql";
import type { CaseKind, CaseSearchInput, CaseStatus } from "../../../gql/graphql";
import { FormErrors } from "../../../components/FormErrors";
import { LoadMore } from "../../../components/LoadMore";
import { QueryState } from "../../../components/QueryState";
import { CaseTable } from "../CaseTable";
import { CASE_STATUSES } from "../Ledger";
import { creditCodeProblem, idNumberProblem, validPhone } from "../applicant";
import { ItemPicker } from "../intake/ItemPicker";

const SearchCasesDocument = graphql(`
  query SearchCases($filter: CaseSearchInput!, $first: Int!, $after: String) {
    searchCases(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        ...CaseTable_case
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
      totalCountCapped
    }
  }
`);

const PAGE = 20;
const KINDS: CaseKind[] = ["IMMEDIATE", "COMMITTED", "JOINT", "REPORTED_UP", "SUPPLEMENT", "RETURNED"];

interface SearchValues {
  number?: string;
  name?: string;
  nameMatch: "PREFIX" | "CONTAINS";
  idNumber?: string;
  creditCode?: string;
  phone?: string;
  itemCode?: string;
  status?: string;
  kind?: string;
  registeredFrom?: string;
  registeredTo?: string;
}

/** The form's values as the API's filter: blanks dropped, codes upper-cased. Null when nothing is asked. */
function filterOf(v: SearchValues): CaseSearchInput | null {
  const text = (s?: string) => (s && s.trim() ? s.trim() : undefined);
  const filter: CaseSearchInput = {
    number: text(v.number),
    name: text(v.name),
    nameMatch: v.nameMatch,
    idNumber: text(v.idNumber)?.toUpperCase(),
    creditCode: text(v.creditCode)?.toUpperCase(),
    phone: text(v.phone),
    itemCode: v.itemCode || undefined,
    status: (v.status || undefined) as CaseStatus | undefined,
    kind: (v.kind || undefined) as CaseKind | undefined,
    registeredFrom: v.registeredFrom || undefined,
    registeredTo: v.registeredTo || undefined,
  };
  const { nameMatch: _match, kind: _kind, ...picks } = filter;
  return Object.values(picks).some((x) => x !== undefined) ? filter : null;
}

/**
 * 办件查询 (issue 9 §1): every criterion is optional, those given must all match. Personal data stays
 * out of the address bar (the filter lives in the page, not the URL). Results open the case page.
 */
export function CaseSearch() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SearchValues>();
  const [filter, setFilter] = useState<CaseSearchInput>();
  const [problems, setProblems] = useState<string[]>([]);
  const { data, previousData, loading, error, fetchMore } = useQuery(SearchCasesDocument, {
    variables: { filter: filter!, first: PAGE },
    skip: !filter,
  });
  const found = (data ?? previousData)?.searchCases;

  const submit = (values: SearchValues) => {
    const next = filterOf(values);
    if (!next) {
      setProblems([t("search.needCriterion")]);
      return;
    }
    setProblems([]);
    setFilter(next);
  };

  // The server's refusals (BAD_USER_INPUT with fields) land on their fields, in the reader's language.
  const serverProblems: string[] = [];
  if (error && CombinedGraphQLErrors.is(error)) {
    for (const e of error.errors) {
      const fields = (e.extensions?.fields ?? []) as { field: string; rule: string }[];
      for (const f of fields) serverProblems.push(t(`search.rules.${f.rule}`, { defaultValue: t("errors.BAD_USER_INPUT") }));
    }
  }

  const validator = (check: (v: string) => string | null) => ({
    validator: (_: unknown, value?: string) => {
      const problem = value && value.trim() ? check(value) : null;
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  });

  return (
    <>
      <FormErrors messages={[...problems, ...serverProblems]} />
      <Form<SearchValues>
        name="case-search"
        form={form}
        layout="vertical"
        role="search"
        aria-label={t("search.form")}
        onFinish={submit}
        initialValues={{ nameMatch: "PREFIX" }}
        className="case-search-form"
      >
        <Flex wrap gap="middle">
          <Form.Item label={t("search.number")} name="number" rules={[validator((v) => (/^\d{1,20}$/.test(v.trim()) ? null : t("search.numberProblem")))]}>
            <Input autoComplete="off" inputMode="numeric" maxLength={20} />
          </Form.Item>
          <Form.Item label={t("search.idNumber")} name="idNumber" rules={[validator((v) => { const p = idNumberProblem(v); return p ? t(`cases.applicant.idProblem.${p}`) : null; })]}>
            <Input autoComplete="off" maxLength={18} />
          </Form.Item>
          <Form.Item label={t("search.phone")} name="phone" rules={[validator((v) => (validPhone(v) ? null : t("cases.applicant.phoneProblem")))]}>
            <Input autoComplete="off" inputMode="tel" maxLength={14} />
          </Form.Item>
          <Form.Item label={t("search.creditCode")} name="creditCode" rules={[validator((v) => { const p = creditCodeProblem(v); return p ? t(`search.parties.creditProblem.${p}`) : null; })]}>
            <Input autoComplete="off" maxLength={18} />
          </Form.Item>
        </Flex>
        <Flex wrap gap="middle" align="end">
          <Form.Item label={t("search.name")} name="name" rules={[{ max: 50, message: t("search.nameTooLong") }]}>
            <Input autoComplete="off" maxLength={50} />
          </Form.Item>
          <Form.Item label={t("search.nameMatch")} name="nameMatch">
            <Radio.Group
              optionType="button"
              options={[
                { value: "PREFIX", label: t("search.prefix") },
                { value: "CONTAINS", label: t("search.contains") },
              ]}
            />
          </Form.Item>
        </Flex>
        <Flex wrap gap="middle">
          <Form.Item label={t("search.item")} name="itemCode" className="case-search-item">
            <ItemPicker />
          </Form.Item>
          <Form.Item label={t("search.status")} name="status">
            <select className="native-select">
              <option value="">{t("search.any")}</option>
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`cases.status.${s}`)}
                </option>
              ))}
            </select>
          </Form.Item>
          <Form.Item label={t("search.kind")} name="kind">
            <select className="native-select">
              <option value="">{t("search.any")}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`enums.CaseKind.${k}`)}
                </option>
              ))}
            </select>
          </Form.Item>
          <Form.Item label={t("search.from")} name="registeredFrom">
            <Input type="date" />
          </Form.Item>
          <Form.Item label={t("search.to")} name="registeredTo">
            <Input type="date" />
          </Form.Item>
        </Flex>
        <Flex gap="small">
          <Button type="primary" htmlType="submit" loading={loading}>
            {t("search.submit")}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilter(undefined);
              setProblems([]);
            }}
          >
            {t("search.clear")}
          </Button>
        </Flex>
      </Form>
      {filter && (
        <section className="page-section" aria-labelledby="case-search-results">
          <h2 id="case-search-results" className="section-title">
            {t("search.results")}
          </h2>
          {error && !serverProblems.length && <QueryState loading={false} error={error} />}
          {!found ? (
            !error && <QueryState loading={loading} error={undefined} />
          ) : (
            <>
              <p role="status" className="case-muted">
                {found.totalCountCapped ? t("search.capped", { count: found.totalCount }) : t("search.count", { count: found.totalCount })}
              </p>
              <CaseTable
                cases={found.nodes}
                columns={["number", "item", "applicant", "registeredAt", "kind", "status", "where"]}
                caption={t("search.results")}
                empty={t("search.empty")}
              />
              <LoadMore
                shown={found.nodes.length}
                total={found.totalCount}
                hasNextPage={found.pageInfo.hasNextPage}
                onLoadMore={() => fetchMore({ variables: { after: found.pageInfo.endCursor } })}
              />
            </>
          )}
        </section>
      )}
    </>
  );
}


