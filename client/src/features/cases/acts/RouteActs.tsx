import { Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import type { DeliveryChannel } from "../../../gql/graphql";
import { useRunMutation } from "../../../lib/mutations";
import { ActDialog } from "../ActDialog";
import { useCloseCaseMutation, useHandBackResultMutation, useHandOverCaseMutation } from "../useRouteMutations";
import type { ActProps } from "./WindowActs";

const CHANNELS: DeliveryChannel[] = ["WINDOW", "VILLAGE_AGENT", "POST"];

/** C2: the file and its paper materials go to the next point up, with a receipt. */
export function HandOverDialog({ caseNumber, open, onClose }: ActProps) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [handOver] = useHandOverCaseMutation();
  return (
    <ActDialog<{ note?: string }>
      name="act-handover"
      title={t("cases.acts.handOver.title", { number: caseNumber })}
      okText={t("cases.acts.handOver.ok")}
      open={open}
      onClose={onClose}
      preview={<p>{t("cases.acts.handOver.help")}</p>}
      submit={async ({ note }) =>
        (await run(() => handOver({ variables: { input: { caseNumber, note: note?.trim() || null } } })))?.data?.handOverCase.userErrors
      }
    >
      <Form.Item label={t("cases.acts.handOver.note")} name="note" extra={t("cases.acts.handOver.noteHelp")}>
        <Input maxLength={200} />
      </Form.Item>
    </ActDialog>
  );
}

/** C2: the result goes one point back towards the applicant. */
export function HandBackDialog({ caseNumber, open, onClose }: ActProps) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [handBack] = useHandBackResultMutation();
  return (
    <ActDialog<object>
      name="act-handback"
      title={t("cases.acts.handBack.title", { number: caseNumber })}
      okText={t("cases.acts.handBack.ok")}
      open={open}
      onClose={onClose}
      preview={<p>{t("cases.acts.handBack.help")}</p>}
      submit={async () => (await run(() => handBack({ variables: { input: { caseNumber } } })))?.data?.handBackResult.userErrors}
    />
  );
}

/** C7: 销号 — the result was delivered to the applicant. */
export function CloseDialog({ caseNumber, open, onClose, defaultChannel }: ActProps & { defaultChannel: DeliveryChannel }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [close] = useCloseCaseMutation();
  return (
    <ActDialog<{ via: DeliveryChannel }>
      name="act-close"
      title={t("cases.acts.close.title", { number: caseNumber })}
      okText={t("cases.acts.close.ok")}
      open={open}
      onClose={onClose}
      initialValues={{ via: defaultChannel }}
      submit={async ({ via }) => (await run(() => close({ variables: { input: { caseNumber, via } } })))?.data?.closeCase.userErrors}
    >
      <Form.Item label={t("cases.acts.close.via")} name="via" rules={[{ required: true, message: t("common.required") }]}>
        <Radio.Group options={CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))} />
      </Form.Item>
    </ActDialog>
  );
}
