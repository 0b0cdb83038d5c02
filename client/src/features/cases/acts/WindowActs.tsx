import { Checkbox, Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import type { CaseKind, ReturnCategory } from "../../../gql/graphql";
import { useRunMutation } from "../../../lib/mutations";
import { ActDialog } from "../ActDialog";
import { useAcceptCaseMutation, useCompleteSupplementMutation, useIssueSupplementNoticeMutation, useReturnCaseMutation } from "../useCaseMutations";

export interface ActProps {
  caseNumber: string;
  open: boolean;
  onClose: () => void;
}

interface MaterialRef {
  id: string;
  name: string;
}

export const ACCEPT_KINDS: CaseKind[] = ["IMMEDIATE", "COMMITTED", "JOINT", "REPORTED_UP"];
const RETURN_CATEGORIES: ReturnCategory[] = ["BANNED", "AGAINST_INDUSTRIAL_POLICY", "OUTSIDE_DEVELOPMENT_PLAN", "NOT_IN_SCOPE"];

/** C3/C4: accept and set the kind; the clock starts today. */
export function AcceptDialog({ caseNumber, open, onClose, defaultKind }: ActProps & { defaultKind: CaseKind }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [accept] = useAcceptCaseMutation();
  return (
    <ActDialog<{ kind: CaseKind }>
      name="act-accept"
      title={t("cases.acts.accept.title", { number: caseNumber })}
      okText={t("cases.acts.accept.ok")}
      open={open}
      onClose={onClose}
      initialValues={{ kind: ACCEPT_KINDS.includes(defaultKind) ? defaultKind : "COMMITTED" }}
      submit={async ({ kind }) => (await run(() => accept({ variables: { input: { caseNumber, kind } } })))?.data?.acceptCase.userErrors}
    >
      <Form.Item label={t("cases.field.kind")} name="kind" rules={[{ required: true, message: t("common.required") }]} extra={t("cases.acts.accept.help")}>
        <Radio.Group options={ACCEPT_KINDS.map((k) => ({ value: k, label: t(`enums.CaseKind.${k}`) }))} />
      </Form.Item>
    </ActDialog>
  );
}

/** The defects typed one per line: trimmed, blank lines dropped (the server checks 2–200 characters each, at most 20). */
export function defectLines(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** C3.6: the one-time notice lists every missing required material (and any optional ones ticked). */
export function SupplementDialog({ caseNumber, open, onClose, missing, optional }: ActProps & { missing: MaterialRef[]; optional: MaterialRef[] }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [issue] = useIssueSupplementNoticeMutation();
  return (
    <ActDialog<{ alsoMaterialIds?: string[]; defects?: string }>
      name="act-supplement"
      title={t("cases.acts.supplement.title", { number: caseNumber })}
      okText={t("cases.acts.supplement.ok")}
      open={open}
      onClose={onClose}
      preview={
        <>
          <p>{t("cases.acts.supplement.willList")}</p>
          {missing.length ? (
            <ul className="case-list">
              {missing.map((m) => (
                <li key={m.id}>{m.name}</li>
              ))}
            </ul>
          ) : (
            <p className="case-muted">{t("cases.acts.supplement.noneMissing")}</p>
          )}
          <p className="case-muted">{t("cases.acts.supplement.once")}</p>
        </>
      }
      submit={async ({ alsoMaterialIds, defects }) =>
        (await run(() => issue({ variables: { input: { caseNumber, alsoMaterialIds: alsoMaterialIds ?? [], defects: defectLines(defects) } } })))?.data?.issueSupplementNotice.userErrors
      }
    >
      {optional.length > 0 && (
        <fieldset className="case-fieldset">
          <legend>{t("cases.acts.supplement.also")}</legend>
          <Form.Item name="alsoMaterialIds" noStyle>
            <Checkbox.Group options={optional.map((m) => ({ value: m.id, label: m.name }))} />
          </Form.Item>
        </fieldset>
      )}
      <Form.Item
        label={t("paper.defects.label")}
        name="defects"
        extra={t("paper.defects.help")}
        rules={[
          {
            validator: (_, value?: string) => {
              const lines = defectLines(value);
              if (lines.length > 20) return Promise.reject(new Error(t("paper.defects.tooMany")));
              if (lines.some((l) => l.length < 2)) return Promise.reject(new Error(t("paper.defects.tooShort")));
              if (lines.some((l) => l.length > 200)) return Promise.reject(new Error(t("paper.defects.tooLong")));
              return Promise.resolve();
            },
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={4200} />
      </Form.Item>
    </ActDialog>
  );
}

/** C3.6/C4: the missing materials arrived; the case is accepted today. */
export function CompleteSupplementDialog({ caseNumber, open, onClose, missing }: ActProps & { missing: MaterialRef[] }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [complete] = useCompleteSupplementMutation();
  return (
    <ActDialog<{ materialIds?: string[] }>
      name="act-complete"
      title={t("cases.acts.complete.title", { number: caseNumber })}
      okText={t("cases.acts.complete.ok")}
      open={open}
      onClose={onClose}
      preview={<p>{t("cases.acts.complete.help")}</p>}
      submit={async ({ materialIds }) =>
        (await run(() => complete({ variables: { input: { caseNumber, materialIds: materialIds ?? [] } } })))?.data?.completeSupplement.userErrors
      }
    >
      <fieldset className="case-fieldset">
        <legend>{t("cases.acts.complete.legend")}</legend>
        <Form.Item name="materialIds" noStyle>
          <Checkbox.Group options={missing.map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
      </fieldset>
    </ActDialog>
  );
}

/** C3.5: a written reply with the reason category and text. */
export function ReturnDialog({ caseNumber, open, onClose }: ActProps) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [returnCase] = useReturnCaseMutation();
  const required = { required: true, message: t("common.required") };
  return (
    <ActDialog<{ category: ReturnCategory; reason: string }>
      name="act-return"
      title={t("cases.acts.return.title", { number: caseNumber })}
      okText={t("cases.acts.return.ok")}
      danger
      open={open}
      onClose={onClose}
      submit={async (v) => (await run(() => returnCase({ variables: { input: { caseNumber, ...v, reason: v.reason.trim() } } })))?.data?.returnCase.userErrors}
    >
      <Form.Item label={t("cases.acts.return.category")} name="category" rules={[required]}>
        <Radio.Group className="vertical-radios" options={RETURN_CATEGORIES.map((c) => ({ value: c, label: t(`cases.returnCategory.${c}`) }))} />
      </Form.Item>
      <Form.Item label={t("cases.acts.return.reason")} name="reason" rules={[required, { min: 4, message: t("cases.acts.minLength", { count: 4 }) }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </ActDialog>
  );
}
