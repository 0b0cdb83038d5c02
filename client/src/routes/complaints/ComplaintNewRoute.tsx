import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { Alert, Button, Form, Input } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { FormErrors } from "../../components/FormErrors";
import { Page } from "../../components/Page";
import { applyUserErrors } from "../../lib/errors";
import { useRunMutation } from "../../lib/mutations";
import { translated } from "../../features/supervision/refusals";
import "../../features/supervision/supervision.css";

const FileComplaintDocument = graphql(`
  mutation FileComplaint($input: ComplaintFields!) {
    fileComplaint(input: $input) {
      receipt {
        number
        queryCode
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

const MAX_CONTENT = 2000;

interface ComplaintValues {
  caseNumber?: string;
  queryCode?: string;
  windowCode?: string;
  departmentCode?: string;
  personName?: string;
  content: string;
  contact?: string;
}

const blankToNull = (value: string | undefined) => value?.trim() || null;

/** 投诉举报 (S1): a citizen's complaint without login; the answer is a number and a query code to follow it up. */
export default function ComplaintNewRoute() {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [form] = Form.useForm<ComplaintValues>();
  const [file, { loading }] = useMutation(FileComplaintDocument);
  const [errors, setErrors] = useState<string[]>([]);
  const [receipt, setReceipt] = useState<{ number: string; queryCode: string }>();

  const submit = async (v: ComplaintValues) => {
    setErrors([]);
    const input = {
      caseNumber: blankToNull(v.caseNumber),
      queryCode: blankToNull(v.queryCode),
      windowCode: blankToNull(v.windowCode),
      departmentCode: blankToNull(v.departmentCode),
      personName: blankToNull(v.personName),
      content: v.content,
      contact: blankToNull(v.contact),
    };
    const payload = (await run(() => file({ variables: { input } }), { form }))?.data?.fileComplaint;
    if (!payload) return;
    if (payload.userErrors.length) setErrors(applyUserErrors(form, translated(payload.userErrors, t) ?? []));
    else if (payload.receipt) setReceipt(payload.receipt);
  };

  return (
    <Page title={t("supervision.complaint.newTitle")} subtitle={t("supervision.complaint.newSubtitle")}>
      {receipt ? (
        <div role="status">
          <Alert
            type="success"
            showIcon
            title={t("supervision.complaint.received")}
            description={t("supervision.complaint.receiptText", { number: receipt.number, code: receipt.queryCode })}
          />
          <p>
            <Link to={`/complaints/status?number=${receipt.number}&code=${receipt.queryCode}`}>{t("supervision.complaint.lookUp")}</Link>
          </p>
        </div>
      ) : (
        <Form<ComplaintValues> form={form} name="complaint" layout="vertical" className="complaint-form" onFinish={submit}>
          <FormErrors messages={errors} />
          <fieldset>
            <legend>{t("supervision.complaint.aboutLegend")}</legend>
            <Form.Item label={t("supervision.complaint.caseNumber")} name="caseNumber" rules={[{ pattern: /^\s*\d{20}\s*$/, message: t("cases.lookup.numberFormat") }]}>
              <Input inputMode="numeric" autoComplete="off" maxLength={24} />
            </Form.Item>
            <Form.Item label={t("supervision.complaint.queryCode")} name="queryCode">
              <Input autoComplete="off" maxLength={8} />
            </Form.Item>
            <Form.Item label={t("supervision.complaint.windowCode")} name="windowCode">
              <Input autoComplete="off" maxLength={30} />
            </Form.Item>
            <Form.Item label={t("supervision.complaint.departmentCode")} name="departmentCode">
              <Input autoComplete="off" maxLength={30} />
            </Form.Item>
            <Form.Item label={t("supervision.complaint.personName")} name="personName">
              <Input autoComplete="off" maxLength={50} />
            </Form.Item>
          </fieldset>
          <Form.Item
            label={t("supervision.complaint.content")}
            name="content"
            extra={t("supervision.complaint.contentHelp", { max: MAX_CONTENT })}
            rules={[{ required: true, whitespace: true, message: t("common.required") }]}
          >
            <Input.TextArea rows={6} maxLength={MAX_CONTENT} showCount />
          </Form.Item>
          <Form.Item label={t("supervision.complaint.contact")} name="contact">
            <Input autoComplete="tel" maxLength={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={loading}>
            {t("supervision.complaint.submit")}
          </Button>
        </Form>
      )}
    </Page>
  );
}
