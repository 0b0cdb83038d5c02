import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DayKind } from "../../gql/graphql";
import { FormErrors } from "../../components/FormErrors";
import { applyNestedRefusals } from "../../features/admin/refusals";
import { useRunMutation } from "../../lib/mutations";

const AddCalendarYearFromNoticeDocument = graphql(`
  mutation AddCalendarYearFromNotice($input: AddCalendarYearFromNoticeInput!) {
    addCalendarYearFromNotice(input: $input) {
      calendarYear {
        year
      }
      recomputedCases
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

const SetCalendarDayDocument = graphql(`
  mutation SetCalendarDay($input: CalendarDayInput!, $reason: String!) {
    setCalendarDay(input: $input, reason: $reason) {
      day {
        date
      }
      recomputedCases
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

const ClearCalendarDayDocument = graphql(`
  mutation ClearCalendarDay($date: String!, $reason: String!) {
    clearCalendarDay(date: $date, reason: $reason) {
      cleared {
        date
      }
      recomputedCases
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

export const REFETCH = ["AdminCalendar", "AdminCalendarYear"];
const DAY_KINDS: DayKind[] = ["HOLIDAY", "MAKEUP_WORKDAY"];

interface NoticeValues {
  year: number;
  source: string;
  holidays: { name: string; firstDay: string; lastDay: string }[];
  makeupDays: { date: string; name: string }[];
}

interface DayValues {
  date: string;
  kind: DayKind;
  name: string;
  reason: string;
}

/** Toast after a year or a day changed: which open cases' due days moved later. */
export function useRecomputedNote() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (done: string, cases: readonly string[]) => {
    void message.success(done);
    if (cases.length) void message.info(t("adminScreens.calendar.recomputed", { count: cases.length, cases: cases.slice(0, 5).join("、") + (cases.length > 5 ? "…" : "") }));
  };
}

/** The State Council's notice as it is worded: holidays as ranges of days off, and the make-up working days. */
export function NoticeForm({ open, onClose, year }: { open: boolean; onClose: () => void; year: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NoticeValues>();
  const [add, { loading }] = useMutation(AddCalendarYearFromNoticeDocument, { refetchQueries: REFETCH });
  const run = useRunMutation();
  const note = useRecomputedNote();
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async (values: NoticeValues) => {
    setErrors([]);
    const input = { ...values, holidays: values.holidays ?? [], makeupDays: values.makeupDays ?? [] };
    const result = await run(() => add({ variables: { input } }));
    const payload = result?.data?.addCalendarYearFromNotice;
    if (!payload) return;
    if (payload.userErrors.length) {
      setErrors(applyNestedRefusals(form, payload.userErrors));
      return;
    }
    note(t("adminScreens.calendar.loaded", { year: values.year }), payload.recomputedCases);
    onClose();
  };

  const required = [{ required: true, message: t("common.required") }];
  return (
    <Modal
      title={t("adminScreens.calendar.noticeTitle")}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={loading}
      destroyOnHidden
      width={720}
    >
      <FormErrors messages={errors} />
      <Form<NoticeValues>
        name="notice"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ year, holidays: [{ name: "", firstDay: "", lastDay: "" }], makeupDays: [] }}
      >
        <Space wrap align="start">
          <Form.Item label={t("adminScreens.calendar.year")} name="year" rules={required}>
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item label={t("adminScreens.calendar.noticeSource")} name="source" rules={required} extra={t("adminScreens.calendar.noticeSourceHelp")}>
            <Input maxLength={100} style={{ width: 320 }} />
          </Form.Item>
        </Space>
        <Typography.Title level={4} className="section-title">
          {t("adminScreens.calendar.holidays")}
        </Typography.Title>
        <Form.List name="holidays">
          {(fields, { add: addRow, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} wrap align="start">
                  <Form.Item label={t("adminScreens.calendar.holidayName")} name={[field.name, "name"]} rules={required}>
                    <Input maxLength={40} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item label={t("adminScreens.calendar.firstDay")} name={[field.name, "firstDay"]} rules={required}>
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item label={t("adminScreens.calendar.lastDay")} name={[field.name, "lastDay"]} rules={required}>
                    <Input type="date" />
                  </Form.Item>
                  <Button
                    className="list-remove"
                    icon={<MinusCircleOutlined aria-hidden />}
                    aria-label={t("adminScreens.calendar.removeHoliday", { n: i + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => addRow({ name: "", firstDay: "", lastDay: "" })}>
                {t("adminScreens.calendar.addHoliday")}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={4} className="section-title">
          {t("adminScreens.calendar.makeupDays")}
        </Typography.Title>
        <Form.List name="makeupDays">
          {(fields, { add: addRow, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} wrap align="start">
                  <Form.Item label={t("adminScreens.calendar.makeupDay")} name={[field.name, "date"]} rules={required}>
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item label={t("adminScreens.calendar.holidayName")} name={[field.name, "name"]} rules={required}>
                    <Input maxLength={40} style={{ width: 140 }} />
                  </Form.Item>
                  <Button
                    className="list-remove"
                    icon={<MinusCircleOutlined aria-hidden />}
                    aria-label={t("adminScreens.calendar.removeMakeupDay", { n: i + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => addRow({ date: "", name: "" })}>
                {t("adminScreens.calendar.addMakeupDay")}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** Make one day of an official year a holiday or a make-up working day, with the reason. */
export function DayForm({ open, onClose, year }: { open: boolean; onClose: () => void; year: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DayValues>();
  const [setDay, { loading }] = useMutation(SetCalendarDayDocument, { refetchQueries: REFETCH });
  const run = useRunMutation();
  const note = useRecomputedNote();
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async ({ reason, ...input }: DayValues) => {
    setErrors([]);
    const result = await run(() => setDay({ variables: { input, reason } }));
    const payload = result?.data?.setCalendarDay;
    if (!payload) return;
    if (payload.userErrors.length) {
      setErrors(applyNestedRefusals(form, payload.userErrors));
      return;
    }
    note(t("adminScreens.calendar.daySaved", { date: input.date }), payload.recomputedCases);
    onClose();
  };

  const required = [{ required: true, message: t("common.required") }];
  return (
    <Modal
      title={t("adminScreens.calendar.setDayTitle", { year })}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={loading}
      destroyOnHidden
    >
      <FormErrors messages={errors} />
      <Form<DayValues> name="calendarDay" form={form} layout="vertical" onFinish={submit} initialValues={{ kind: "HOLIDAY" }}>
        <Form.Item label={t("adminScreens.calendar.date")} name="date" rules={required}>
          <Input type="date" min={`${year}-01-01`} max={`${year}-12-31`} />
        </Form.Item>
        <Form.Item label={t("adminScreens.calendar.kind")} name="kind" rules={required}>
          <Select options={DAY_KINDS.map((k) => ({ value: k, label: t(`adminScreens.calendar.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t("adminScreens.calendar.name")} name="name" rules={required}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label={t("adminScreens.calendar.reason")} name="reason" rules={[{ required: true, min: 2, message: t("common.required") }]} extra={t("adminScreens.calendar.reasonHelp")}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Give a day back to the ordinary week, with the reason. */
export function ClearDayForm({ date, onClose }: { date: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [clear, { loading }] = useMutation(ClearCalendarDayDocument, { refetchQueries: REFETCH });
  const run = useRunMutation();
  const note = useRecomputedNote();
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async ({ reason }: { reason: string }) => {
    if (!date) return;
    const result = await run(() => clear({ variables: { date, reason } }));
    const payload = result?.data?.clearCalendarDay;
    if (!payload) return;
    if (payload.userErrors.length) {
      setErrors(applyNestedRefusals(form, payload.userErrors));
      return;
    }
    note(t("adminScreens.calendar.dayCleared", { date }), payload.recomputedCases);
    onClose();
  };

  return (
    <Modal
      title={date ? t("adminScreens.calendar.clearDayTitle", { date }) : ""}
      open={!!date}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={loading}
      destroyOnHidden
    >
      <FormErrors messages={errors} />
      <Form name="clearDay" form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t("adminScreens.calendar.reason")} name="reason" rules={[{ required: true, min: 2, message: t("common.required") }]} extra={t("adminScreens.calendar.reasonHelp")}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
