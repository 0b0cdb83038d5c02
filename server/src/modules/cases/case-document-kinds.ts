import { registerEnumType } from "type-graphql";

/**
 * The printable papers of a case (C8). The value is the name of the PDF in its path
 * (/documents/cases/<number>/<value>.pdf); the schema names them in capitals.
 */
export enum DocumentKind {
  RECEIPT = "receipt",
  ACCEPTANCE = "acceptance",
  SUPPLEMENT = "supplement",
  RETURN = "return",
  DECISION = "decision",
  HANDOVER = "handover",
}

/** Each paper's title as printed. */
export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  receipt: "办件登记回执",
  acceptance: "受理通知书",
  supplement: "一次性告知书",
  return: "不予受理（退回）通知书",
  decision: "行政许可决定书",
  handover: "办件移交清单",
};

export const DOCUMENT_KINDS: readonly string[] = Object.values(DocumentKind);

registerEnumType(DocumentKind, {
  name: "DocumentKind",
  description: "A printable paper of a case (C8), served as PDF at /documents/cases/<number>/<kind in lower case>.pdf.",
  valuesConfig: {
    RECEIPT: { description: "办件登记回执: the registration receipt with the query code (Q1)" },
    ACCEPTANCE: { description: "受理通知书: the acceptance notice, with the kind, limit and deadline (C3)" },
    SUPPLEMENT: { description: "一次性告知书: the one-time supplement notice listing what is missing (C3.6)" },
    RETURN: { description: "不予受理（退回）通知书: the notice of a returned application, with its reason (C3.5)" },
    DECISION: { description: "行政许可决定书: the decision, under the covering letter's seal (A2)" },
    HANDOVER: { description: "办件移交清单: the hand-over list of the case's latest relay between points (H1)" },
  },
});
