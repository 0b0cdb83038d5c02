import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { Alert, Button, Card, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { FormErrors } from "../../components/FormErrors";
import { applyNestedRefusals } from "../admin/refusals";
import { useRunMutation } from "../../lib/mutations";

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      staff {
        id
        username
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

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * 设置新密码: after an admin created the account or reset its password, the session may do nothing else
 * (the server refuses with PASSWORD_CHANGE_REQUIRED) until the person sets their own password here.
 */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [change, { loading }] = useMutation(ChangePasswordDocument);
  const run = useRunMutation();
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setErrors([]);
    const result = await run(() => change({ variables: { input: { currentPassword, newPassword } } }));
    const payload = result?.data?.changePassword;
    if (!payload) return;
    if (payload.userErrors.length || !payload.staff) {
      setErrors(applyNestedRefusals(form, payload.userErrors));
      return;
    }
    onChanged();
  };

  return (
    <Card className="login-card">
      <Alert type="info" showIcon title={t("adminScreens.password.intro")} className="form-errors" />
      <FormErrors messages={errors} />
      <Form<Values> name="changePassword" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t("adminScreens.password.current")} name="currentPassword" rules={[{ required: true, message: t("common.required") }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          label={t("adminScreens.password.new")}
          name="newPassword"
          extra={t("adminScreens.password.newHelp")}
          rules={[{ required: true, message: t("common.required") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t("adminScreens.password.confirm")}
          name="confirm"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("common.required") },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue("newPassword") === value ? Promise.resolve() : Promise.reject(new Error(t("adminScreens.password.mismatch")))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} block>
          {t("adminScreens.password.submit")}
        </Button>
      </Form>
    </Card>
  );
}
