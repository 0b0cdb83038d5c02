import { useState } from "react";
import { App, Button, Drawer, Form, Input, Popconfirm, Select, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FormErrors } from "../../components/FormErrors";
import { applyUserErrors } from "../../lib/errors";
import { weekdayName } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { useAddWindowScheduleMutation, useRemoveWindowScheduleMutation } from "./useWindowMutations";

interface Slot {
  id: string;
  weekday: number;
  startTime: string;
  endTime: string;
  note?: string | null;
  active: boolean;
}

interface SlotValues {
  weekday: number;
  startTime: string;
  endTime: string;
  note?: string;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The weekly hours (定期办公时间) of one window: list, add a slot, remove a slot. */
export function ScheduleEditor(props: {
  window: { id: string; code: string; name: string; schedules: Slot[] } | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const w = props.window;
  const [form] = Form.useForm<SlotValues>();
  const [add, { loading: adding }] = useAddWindowScheduleMutation(w?.id ?? "");
  const [remove] = useRemoveWindowScheduleMutation();
  const run = useRunMutation();
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async (values: SlotValues) => {
    if (!w) return;
    const result = await run(
      () => add({ variables: { input: { windowCode: w.code, ...values, note: values.note || null } } }),
      { form },
    );
    const payload = result?.data?.addWindowSchedule;
    if (!payload) return;
    setErrors(applyUserErrors(form, payload.userErrors));
    if (!payload.userErrors.length) {
      form.resetFields();
      void message.success(t("common.saved"));
    }
  };

  const removeSlot = async (id: string) => {
    const result = await run(() => remove({ variables: { id } }));
    const userErrors = result?.data?.removeWindowSchedule.userErrors ?? [];
    if (userErrors.length) void message.error(userErrors.map((e) => e.message).join("；"));
  };

  const slots = (w?.schedules ?? []).filter((s) => s.active).sort((a, b) => a.weekday - b.weekday);
  const title = w ? t("admin.schedule.title", { code: w.code, name: w.name }) : "";

  return (
    <Drawer title={title} open={!!w} onClose={props.onClose} size="large" destroyOnHidden>
      <Table<Slot>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={slots}
        columns={[
          { title: t("schedule.weekday"), dataIndex: "weekday", render: (d: number) => weekdayName(d, t) },
          { title: t("schedule.hours"), key: "hours", render: (_, s) => `${s.startTime}–${s.endTime}` },
          { title: t("schedule.note"), dataIndex: "note", render: (n?: string | null) => n ?? "—" },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, s) => (
              <Popconfirm title={t("admin.schedule.removeConfirm")} onConfirm={() => removeSlot(s.id)}>
                <Button size="small" danger>
                  {t("admin.schedule.remove", { weekday: weekdayName(s.weekday, t) })}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Typography.Title level={3} className="section-title">
        {t("admin.schedule.add")}
      </Typography.Title>
      <FormErrors messages={errors} />
      <Form<SlotValues> name="schedule" form={form} layout="vertical" onFinish={submit} initialValues={{ weekday: 1 }}>
        <Form.Item label={t("schedule.weekday")} name="weekday" rules={[{ required: true }]}>
          <Select options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: weekdayName(d, t) }))} />
        </Form.Item>
        <Form.Item
          label={t("schedule.startTime")}
          name="startTime"
          rules={[{ required: true, pattern: HH_MM, message: t("admin.schedule.timeFormat") }]}
        >
          <Input placeholder="08:30" inputMode="numeric" maxLength={5} />
        </Form.Item>
        <Form.Item
          label={t("schedule.endTime")}
          name="endTime"
          rules={[{ required: true, pattern: HH_MM, message: t("admin.schedule.timeFormat") }]}
        >
          <Input placeholder="12:00" inputMode="numeric" maxLength={5} />
        </Form.Item>
        <Form.Item label={t("schedule.note")} name="note">
          <Input maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={adding}>
          {t("admin.schedule.add")}
        </Button>
      </Form>
    </Drawer>
  );
}
