import { Button } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../../gql";
import type { DocumentKind } from "../../../gql/graphql";

export const CaseDocumentsFragment = graphql(`
  fragment CaseDocuments_case on Case {
    documents {
      kind
      title
      url
    }
  }
`);

const KNOWN: Record<DocumentKind, string> = {
  ACCEPTANCE: "cases.documents.acceptance",
  SUPPLEMENT: "cases.documents.supplement",
  RETURN: "cases.documents.return",
  DECISION: "cases.documents.decision",
  RECEIPT: "paper.receipt",
  HANDOVER: "paper.handover",
};

/**
 * Print buttons for the notices the case has now (C8). They are real links to the PDFs (sent with
 * the session cookie), opened in a new tab where the browser prints them.
 */
export function CaseDocuments(props: { case: FragmentType<typeof CaseDocumentsFragment> }) {
  const { t } = useTranslation();
  const { documents } = getFragmentData(CaseDocumentsFragment, props.case);
  if (!documents.length) return <p className="case-muted">{t("cases.documents.none")}</p>;
  return (
    <ul className="case-documents">
      {documents.map((d) => {
        const title = KNOWN[d.kind] ? t(KNOWN[d.kind]) : d.title;
        return (
          <li key={d.kind}>
            <Button href={d.url} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />} aria-label={t("cases.documents.print", { title })}>
              {title}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
