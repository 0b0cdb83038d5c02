import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button} from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { chinaDateTime } from "../cases/format";
import { refusals, lastQuarter } from "./assessment-shared";
import "./assessment.css";

const BulletinsDocument = graphql(`
  query StaffBulletins {
    bulletins {
      id
      kind
      period
      title
      pdfUrl
      generatedAt
      publishedAt
    }
  }
`);

const GenerateBulletinDocument = graphql(`
  mutation GenerateBulletin($input: PeriodInput!) {
    generateBulletin(input: $input) {
      bulletin {
        id
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

const PublishBulletinDocument = graphql(`
  mutation PublishBulletin($input: BulletinIdInput!) {
    publishBulletin(input: $input) {
      bulletin {
        id
        publishedAt
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

/** S4: bulletins, generated as drafts and published to /bulletins. */
export function BulletinsPanel({ canPublish }: { canPublish: boolean }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const { data, loading, error } = useQuery(BulletinsDocument);
  const [generate, { loading: generating }] = useMutation(GenerateBulletinDocument, { refetchQueries: [BulletinsDocument] });
  const [publish] = useMutation(PublishBulletinDocument, { refetchQueries: [BulletinsDocument] });
  const [period, setPeriod] = useState(lastQuarter());
  const [refusal, setRefusal] = useState<string>();
  const list = data?.bulletins;
  return (
    <Section title={t("assessment.bulletins")}>
      {canPublish && (
        <form
          className="filters"
          onSubmit={async (e) => {
            e.preventDefault();
            const errors = refusals((await run(() => generate({ variables: { input: { period: period.trim() } } })))?.data?.generateBulletin.userErrors, t);
            setRefusal(errors?.[0]?.message);
          }}
        >
          <label className="field-label">
            {t("assessment.bulletinPeriod")}
            <input className="native-input" value={period} onChange={(e) => setPeriod(e.target.value)} maxLength={7} aria-describedby="bulletin-hint" />
            <span id="bulletin-hint" className="muted">
              {t("assessment.bulletinHint")}
            </span>
          </label>
          <Button htmlType="submit" loading={generating}>
            {t("assessment.generate")}
          </Button>
        </form>
      )}
      {refusal && (
        <p role="alert" className="form-refusal">
          {refusal}
        </p>
      )}
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <SimpleTable
          rows={list}
          rowKey={(b) => b.id}
          caption={t("assessment.bulletins")}
          empty={t("assessment.empty")}
          columns={[
            { key: "title", title: t("assessment.bulletins"), render: (b) => b.title },
            { key: "kind", title: t("assessment.kind"), render: (b) => t(`assessment.bulletinKinds.${b.kind}`) },
            { key: "state", title: t("assessment.publishedAt"), render: (b) => (b.publishedAt ? `${t("assessment.published")} ${chinaDateTime(b.publishedAt)}` : t("assessment.draft")) },
            {
              key: "actions",
              title: t("common.actions"),
              render: (b) => (
                <>
                  <a href={b.pdfUrl} target="_blank" rel="noopener" aria-label={t("assessment.downloadNamed", { title: b.title })}>
                    {t("assessment.download")}
                  </a>
                  {canPublish && !b.publishedAt && (
                    <Button size="small" type="primary" className="inline-action" aria-label={t("assessment.publishNamed", { title: b.title })} onClick={() => void run(() => publish({ variables: { input: { id: b.id } } }))}>
                      {t("assessment.publish")}
                    </Button>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </Section>
  );
}
