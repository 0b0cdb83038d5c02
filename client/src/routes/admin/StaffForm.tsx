import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { App, Button, Form, Input, Modal, Select, Typography } from "antd";
import type { FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { Role } from "../../gql/graphql";
import { FormErrors } from "../../components/FormErrors";
import { useAdminOptions } from "../../features/admin/options";
import { applyNestedRefusals } from "../../features/admin/refusals";
import { useRunMutation } from "../../lib/mutations";

const AdminPointWindowsDocument = graphql(`
  query AdminPointWindows($pointCode: String!) {
    serviceWindows(first: 100, pointCode: $pointCode) {
      nodes {
        id
        code
        name
        kind
        active
      }
    }
  }
`);

const CreateStaffDocument = graphql(`
  mutation CreateStaff($input: CreateStaffInput!) {
    createStaff(input: $input) {
      result {
        temporaryPassword
        staff {
          ...AdminStaffRow_staff
        }
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

const UpdateStaffDocument = graphql(`
  mutation UpdateStaff($input: UpdateStaffInput!) {
    updateStaff(input: $input) {
      staff {
        ...AdminStaffRow_staff
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

export const ROLES: Role[] = [
  "WINDOW_CLERK",
  "FINANCE_CLERK",
  "TOWNSHIP_CLERK",
  "VILLAGE_AGENT",
  "SECTION_CHIEF",
  "DEPUTY_DIRECTOR",
  "DIRECTOR",
  "CENTER_ADMIN",
  "SUPERVISOR",
];

/** Which unit a role is bound to (the server's ROLE_UNIT). */
function unitOf(role: Role | undefined): "WINDOW" | "DEPARTMENT" | "VILLAGE" | "CITY" | undefined {
  if (!role) return undefined;
  if (role === "WINDOW_CLERK" || role === "FINANCE_CLERK" || role === "TOWNSHIP_CLERK") return "WINDOW";
  if (role === "SECTION_CHIEF" || role === "DEPUTY_DIRECTOR" || role === "DIRECTOR") return "DEPARTMENT";
  if (role === "VILLAGE_AGENT") return "VILLAGE";
  return "CITY";
}

interface StaffValues {
  username: string;
  displayName: string;
  role: Role;
  phone?: string;
  windowPoint?: string;
  windowCode?: string;
  departmentCode?: string;
  pointCode?: string;
}

/** The unit fields the chosen role needs: a window (chosen by its point), a department, or a village station. */
export function UnitFields({ form }: { form: FormInstance<StaffValues> }) {
  const { t } = useTranslation();
  const { points, departments } = useAdminOptions();
  const role = Form.useWatch("role", form);
  const windowPoint = Form.useWatch("windowPoint", form);
  const unit = unitOf(role);
  const { data } = useQuery(AdminPointWindowsDocument, { variables: { pointCode: windowPoint ?? "" }, skip: unit !== "WINDOW" || !windowPoint });
  const windows = (data?.serviceWindows.nodes ?? [])
    .filter((w) => w.active && (role === "FINANCE_CLERK" ? w.kind === "FINANCE" : w.kind !== "FINANCE"))
    .map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }));
  const required = [{ required: true, message: t("common.required") }];
  if (unit === "WINDOW") {
    return (
      <>
        <Form.Item label={t("window.point")} name="windowPoint" rules={required}>
          <Select options={points} showSearch={{ optionFilterProp: "label" }} onChange={() => form.setFieldValue("windowCode", undefined)} />
        </Form.Item>
        <Form.Item label={t("adminScreens.staff.window")} name="windowCode" rules={required}>
          <Select options={windows} showSearch={{ optionFilterProp: "label" }} disabled={!windowPoint} />
        </Form.Item>
      </>
    );
  }
  if (unit === "DEPARTMENT") {
    return (
      <Form.Item label={t("adminScreens.staff.department")} name="departmentCode" rules={required}>
        <Select options={departments} showSearch={{ optionFilterProp: "label" }} />
      </Form.Item>
    );
  }
  if (unit === "VILLAGE") {
    return (
      <Form.Item label={t("adminScreens.staff.village")} name="pointCode" rules={required} extra={t("adminScreens.staff.villageHelp")}>
        <Input maxLength={20} inputMode="numeric" />
      </Form.Item>
    );
  }
  return null;
}

const unitInput = (v: StaffValues) => {
  const unit = unitOf(v.role);
  return {
    windowCode: unit === "WINDOW" ? v.windowCode : undefined,
    departmentCode: unit === "DEPARTMENT" ? v.departmentCode : undefined,
    pointCode: unit === "VILLAGE" ? v.pointCode?.trim() : undefined,
  };
};


export interface EditedStaff {
  username: string;
  displayName: string;
  role: Role;
  point: { code: string };
  window?: { code: string } | null;
  department?: { code: string } | null;
}

/** Create an account, or give one another role and unit (`staff` given). */
export function StaffForm({ open, onClose, staff, onCreated }: { open: boolean; onClose: () => void; staff?: EditedStaff; onCreated: (shown: Shown) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffValues>();
  // no-cache: the one-time password is not kept in the client's cache once its dialog closes.
  const [create, { loading: creating }] = useMutation(CreateStaffDocument, { refetchQueries: ["AdminStaff"], fetchPolicy: "no-cache" });
  const [update, { loading: updating }] = useMutation(UpdateStaffDocument);
  const run = useRunMutation();
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async (values: StaffValues) => {
    setErrors([]);
    if (staff) {
      const input = { username: staff.username, role: values.role, displayName: values.displayName, ...unitInput(values) };
      const result = await run(() => update({ variables: { input } }));
      const payload = result?.data?.updateStaff;
      if (!payload) return;
      if (payload.userErrors.length) return setErrors(applyNestedRefusals(form, payload.userErrors));
      void message.success(t("adminScreens.staff.saved", { username: staff.username }));
      return onClose();
    }
    const input = { username: values.username.trim(), displayName: values.displayName, role: values.role, phone: values.phone?.trim() || undefined, ...unitInput(values) };
    const result = await run(() => create({ variables: { input } }));
    const payload = result?.data?.createStaff;
    if (!payload) return;
    if (payload.userErrors.length || !payload.result) return setErrors(applyNestedRefusals(form, payload.userErrors));
    onClose();
    onCreated({ name: values.displayName, username: input.username, password: payload.result.temporaryPassword });
  };

  const required = [{ required: true, message: t("common.required") }];
  const initialValues: Partial<StaffValues> = staff
    ? {
        displayName: staff.displayName,
        role: staff.role,
        windowPoint: staff.window ? staff.point.code : undefined,
        windowCode: staff.window?.code,
        departmentCode: staff.department?.code,
        pointCode: staff.role === "VILLAGE_AGENT" ? staff.point.code : undefined,
      }
    : {};
  return (
    <Modal
      title={staff ? t("adminScreens.staff.editTitle", { username: staff.username }) : t("adminScreens.staff.createTitle")}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={creating || updating}
      destroyOnHidden
    >
      <FormErrors messages={errors} />
      <Form<StaffValues> name={staff ? "editStaff" : "staff"} form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        {!staff && (
          <Form.Item
            label={t("adminScreens.staff.username")}
            name="username"
            rules={required}
            extra={t("adminScreens.staff.usernameHelp")}
            normalize={(v: string | undefined) => v?.toLowerCase()}
          >
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label={t("adminScreens.staff.displayName")} name="displayName" rules={required}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t("adminScreens.staff.role")} name="role" rules={required}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`enums.Role.${r}`) }))} />
        </Form.Item>
        <UnitFields form={form} />
        {!staff && (
          <Form.Item label={t("adminScreens.staff.phone")} name="phone">
            <Input maxLength={30} inputMode="tel" autoComplete="off" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export interface Shown {
  name: string;
  username: string;
  password: string;
}

/** The one-time password, shown once: the admin hands it over in person. */
export function TemporaryPassword({ shown, onClose }: { shown: Shown | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Modal
      title={t("adminScreens.staff.temporaryTitle")}
      open={!!shown}
      onCancel={onClose}
      onOk={onClose}
      okText={t("adminScreens.staff.done")}
      cancelButtonProps={{ style: { display: "none" } }}
      destroyOnHidden
      maskClosable={false}
    >
      {shown && (
        <>
          <Typography.Paragraph>{t("adminScreens.staff.temporaryIntro", { name: shown.name })}</Typography.Paragraph>
          <dl className="temporary-password">
            <dt>{t("adminScreens.staff.username")}</dt>
            <dd>
              <code>{shown.username}</code>
            </dd>
            <dt>{t("adminScreens.staff.temporaryPassword")}</dt>
            <dd>
              <code data-testid="temporary-password">{shown.password}</code>{" "}
              <Button
                size="small"
                onClick={() => {
                  void navigator.clipboard?.writeText(shown.password).then(() => message.success(t("adminScreens.staff.copied")));
                }}
              >
                {t("adminScreens.staff.copy")}
              </Button>
            </dd>
          </dl>
        </>
      )}
    </Modal>
  );
}
