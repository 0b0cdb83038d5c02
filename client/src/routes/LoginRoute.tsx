import { useState } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { App, Button, Card, Form, Input } from "antd";
import { useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../components/Page";
import { FormErrors } from "../components/FormErrors";
import { useLoginMutation } from "../features/auth/useLoginMutation";
import { ChangePasswordForm } from "../features/auth/ChangePasswordForm";
import { graphql } from "../gql";
import { MeDocument, workspacePath } from "../lib/auth";
import { applyUserErrors } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { useRunMutation, WithFeedback } from "../lib/mutations";

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login, never another origin. */
function safeNext(next: string | null): string | undefined {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : undefined;
}

const PasswordChangeRequiredDocument = graphql(`
  query PasswordChangeRequired {
    passwordChangeRequired
  }
`);

function LoginForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useApolloClient();
  const pendingQuery = useQuery(PasswordChangeRequiredDocument, { fetchPolicy: "network-only" });
  const [mustChange, setMustChange] = useState(false);
  const [form] = Form.useForm<LoginValues>();
  const [login, { loading }] = useLoginMutation();
  const run = useRunMutation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async (values: LoginValues) => {
    setErrors([]);
    const result = await run(() => login({ variables: { input: values } }), { form });
    const payload = result?.data?.login;
    if (!payload) return;
    if (payload.userErrors.length || !payload.staff) {
      // Worded from their reasons (lib/errors.ts); the end of a lock in the reader's own time format.
      const userErrors = payload.userErrors.map((e) =>
        e.code === "ACCOUNT_LOCKED" && payload.lockedUntil ? { ...e, params: [{ name: "until", value: formatDateTime(payload.lockedUntil) }] } : e,
      );
      setErrors(applyUserErrors(form, userErrors));
      return;
    }
    if (payload.passwordChangeRequired) {
      setMustChange(true);
      return;
    }
    await navigate(safeNext(params.get("next")) ?? workspacePath(payload.staff), { replace: true });
  };

  const changed = async () => {
    void message.success(t("adminScreens.password.changed"));
    const { data } = await client.query({ query: MeDocument, fetchPolicy: "network-only" });
    setMustChange(false);
    await pendingQuery.refetch();
    if (data?.me) await navigate(safeNext(params.get("next")) ?? workspacePath(data.me), { replace: true });
  };

  if (mustChange || pendingQuery.data?.passwordChangeRequired) {
    return (
      <Page title={t("adminScreens.password.title")}>
        <ChangePasswordForm onChanged={changed} />
      </Page>
    );
  }

  return (
    <Page title={t("login.title")}>
      <Card className="login-card">
        <FormErrors messages={errors} />
        <Form<LoginValues> name="login" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t("login.username")}
            name="username"
            rules={[{ required: true, message: t("login.usernameRequired") }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t("login.password")}
            name="password"
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={loading} block>
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}

export default function LoginRoute() {
  return (
    <WithFeedback>
      <LoginForm />
    </WithFeedback>
  );
}
