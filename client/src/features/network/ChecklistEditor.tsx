import { useState } from "react";
import { App, Button, Checkbox, Form } from "antd";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { FormErrors } from "../../components/FormErrors";
import { applyUserErrors } from "../../lib/errors";
import { useRunMutation } from "../../lib/mutations";
import { useUpdateVillageChecklistMutation } from "./useUpdateVillageChecklistMutation";

export const ChecklistEditorFragment = graphql(`
  fragment ChecklistEditor_checklist on VillageChecklist {
    office
    noticeBoard
    serviceCard
    ledger
    phone
    computer
  }
`);

const SIX_ONES = ["office", "noticeBoard", "serviceCard", "ledger", "phone", "computer"] as const;
type Values = Record<(typeof SIX_ONES)[number], boolean>;

/** Lets the centre record which of the six ones (N2) a village station has. */
export function ChecklistEditor(props: { pointCode: string; checklist: FragmentType<typeof ChecklistEditorFragment> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const checklist = getFragmentData(ChecklistEditorFragment, props.checklist);
  const [form] = Form.useForm<Values>();
  const [update, { loading }] = useUpdateVillageChecklistMutation();
  const run = useRunMutation();
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async (values: Values) => {
    const six = Object.fromEntries(SIX_ONES.map((key) => [key, !!values[key]])) as Values;
    const result = await run(() => update({ variables: { input: { pointCode: props.pointCode, ...six } } }), { form });
    const payload = result?.data?.updateVillageChecklist;
    if (!payload) return;
    setErrors(applyUserErrors(form, payload.userErrors));
    if (!payload.userErrors.length) void message.success(t("common.saved"));
  };

  return (
    <Form<Values> name="checklist" form={form} layout="inline" initialValues={Object.fromEntries(SIX_ONES.map((key) => [key, checklist[key]]))} onFinish={submit} className="checklist-editor">
      <FormErrors messages={errors} />
      {SIX_ONES.map((key) => (
        <Form.Item key={key} name={key} valuePropName="checked">
          <Checkbox>{t(`checklist.${key}`)}</Checkbox>
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={loading}>
        {t("checklist.save")}
      </Button>
    </Form>
  );
}
