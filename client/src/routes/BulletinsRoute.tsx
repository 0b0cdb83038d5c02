import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { SimpleTable } from "../components/SimpleTable";

const PublishedBulletinsDocument = graphql(`
  query PublishedBulletins {
    publishedBulletins {
      id
      kind
      period
      title
      pdfUrl
      publishedAt
    }
  }
`);

/** S4: the published bulletins, for everyone, without login. */
export default function BulletinsRoute() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(PublishedBulletinsDocument);
  const list = data?.publishedBulletins;
  return (
    <Page title={t("assessment.publicTitle")} subtitle={t("assessment.publicSubtitle")}>
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <SimpleTable
          rows={list}
          rowKey={(b) => b.id}
          caption={t("assessment.publicTitle")}
          empty={t("assessment.publicEmpty")}
          columns={[
            { key: "title", title: t("assessment.bulletins"), render: (b) => b.title },
            { key: "kind", title: t("assessment.kind"), render: (b) => t(`assessment.bulletinKinds.${b.kind}`) },
            {
              key: "pdf",
              title: t("assessment.download"),
              render: (b) => (
                <a href={b.pdfUrl} target="_blank" rel="noopener" aria-label={t("assessment.downloadNamed", { title: b.title })}>
                  PDF
                </a>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
