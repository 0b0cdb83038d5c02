import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { App, Button, Form, Input, Popconfirm, Space } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { userErrorMessage, type UserErrorLike } from "../../lib/errors";

const SearchSynonymsDocument = graphql(`
  query SearchSynonyms {
    searchSynonyms {
      id
      term
      initials
      target
    }
  }
`);

const AddSearchSynonymDocument = graphql(`
  mutation AddSearchSynonym($input: AddSearchSynonymInput!) {
    addSearchSynonym(input: $input) {
      synonym {
        id
        term
        initials
        target
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

const RemoveSearchSynonymDocument = graphql(`
  mutation RemoveSearchSynonym($id: ID!) {
    removeSearchSynonym(id: $id) {
      synonym {
        id
        term
        target
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

/** A refusal in the reader's language, from its reason and params (locales/reasons.*.ts). */
function refusalText(error: UserErrorLike): string {
  return userErrorMessage({ ...error, rule: null });
}

/** 同义词: the common names the public guide's search understands (营业执照 → 设立登记), kept by the centre's admin. */
export function SynonymsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ term: string; target: string }>();
  const { data, loading, error } = useQuery(SearchSynonymsDocument);
  const [add, adding] = useMutation(AddSearchSynonymDocument, { refetchQueries: [SearchSynonymsDocument] });
  const [remove] = useMutation(RemoveSearchSynonymDocument, { refetchQueries: [SearchSynonymsDocument] });
  const run = useRunMutation();
  const [formError, setFormError] = useState<string>();

  const submit = async (values: { term: string; target: string }) => {
    setFormError(undefined);
    const result = await run(() => add({ variables: { input: { term: values.term.trim(), target: values.target.trim() } } }));
    const payload = result?.data?.addSearchSynonym;
    if (!payload) return;
    if (payload.userErrors.length) {
      const rest: string[] = [];
      const fields: { name: "term" | "target"; errors: string[] }[] = [];
      for (const e of payload.userErrors) {
        const name = e.field?.[e.field.length - 1];
        if (name === "term" || name === "target") fields.push({ name, errors: [refusalText(e)] });
        else rest.push(refusalText(e));
      }
      form.setFields(fields);
      if (rest.length) setFormError(rest.join("；"));
      return;
    }
    if (payload.synonym) {
      void message.success(t("guide.search.admin.added", { term: payload.synonym.term, target: payload.synonym.target }));
      form.resetFields();
    }
  };

  const removeOne = async (id: string) => {
    const result = await run(() => remove({ variables: { id } }));
    const payload = result?.data?.removeSearchSynonym;
    if (payload?.userErrors.length) void message.error(payload.userErrors.map(refusalText).join("；"));
    else if (payload?.synonym) void message.success(t("guide.search.admin.removed", { term: payload.synonym.term, target: payload.synonym.target }));
  };

  const rows = data?.searchSynonyms ?? [];
  return (
    <>
      <p>{t("guide.search.admin.intro")}</p>
      <Form form={form} layout="inline" onFinish={submit} className="toolbar" aria-label={t("guide.search.admin.title")}>
        <Form.Item name="term" label={t("guide.search.admin.term")} rules={[{ required: true, whitespace: true, message: t("codes.SEARCH_SYNONYM_TEXT") }]}>
          <Input maxLength={30} placeholder="营业执照" />
        </Form.Item>
        <Form.Item name="target" label={t("guide.search.admin.target")} rules={[{ required: true, whitespace: true, message: t("codes.SEARCH_SYNONYM_TEXT") }]}>
          <Input maxLength={60} placeholder="设立登记" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={adding.loading}>
            {t("guide.search.admin.add")}
          </Button>
        </Form.Item>
      </Form>
      {formError && (
        <p role="alert" className="form-errors">
          {formError}
        </p>
      )}
      {!data ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <SimpleTable
          rows={rows}
          rowKey={(s) => s.id}
          caption={t("guide.search.admin.caption")}
          empty={t("guide.search.admin.none")}
          columns={[
            { key: "term", title: t("guide.search.admin.term"), render: (s) => s.term },
            { key: "initials", title: t("guide.search.admin.initials"), render: (s) => <code>{s.initials}</code> },
            { key: "target", title: t("guide.search.admin.target"), render: (s) => s.target },
            {
              key: "actions",
              title: t("common.actions"),
              render: (s) => (
                <Space>
                  <Popconfirm title={t("guide.search.admin.removeLabel", { term: s.term, target: s.target })} onConfirm={() => removeOne(s.id)}>
                    <Button size="small" danger aria-label={t("guide.search.admin.removeLabel", { term: s.term, target: s.target })}>
                      {t("guide.search.admin.remove")}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
