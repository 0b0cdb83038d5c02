import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from "antd";
import type { FormInstance } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { getFragmentData, graphql } from "../../gql";
import type { Role } from "../../gql/graphql";
import { FormErrors } from "../../components/FormErrors";
import { LoadMore } from "../../components/LoadMore";
import { NativeSelect } from "../../components/NativeSelect";
import { QueryState } from "../../components/QueryState";
import { useAdminOptions } from "../../features/admin/options";
import { adminRefusals, applyNestedRefusals } from "../../features/admin/refusals";
import { StatusMark } from "../../features/admin/StatusMark";
import { formatDateTime } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";

const AdminStaffRowFragment = graphql(`
  fragment AdminStaffRow_staff on Staff {
    id
    username
    displayName
    role
    active
    passwordChangeRequired
    lockedUntil
    point {
      id
      code
      name
    }
    window {
      id
      code
      name
    }
    department {
      id
      code
      name
    }
  }
`);

const AdminStaffDocument = graphql(`
  query AdminStaff($first: Int!, $after: String, $search: String, $role: Role) {
    staffMembers(first: $first, after: $after, search: $search, role: $role) {
      nodes {
        ...AdminStaffRow_staff
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

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

const ResetStaffPasswordDocument = graphql(`
  mutation ResetStaffPassword($username: String!) {
    resetStaffPassword(username: $username) {
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

const DeactivateStaffDocument = graphql(`
  mutation DeactivateStaff($username: String!, $reason: String!) {
    deactivateStaff(username: $username, reason: $reason) {
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

const ReactivateStaffDocument = graphql(`
  mutation ReactivateStaff($username: String!) {
    reactivateStaff(username: $username) {
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

const UnlockStaffDocument = graphql(`
  mutation UnlockStaffAccount($username: String!) {
    unlockStaff(username: $username) {
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
function UnitFields({ form }: { form: FormInstance<StaffValues> }) {
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

interface Shown {
  name: string;
  username: string;
  password: string;
}

/** The one-time password, shown once: the admin hands it over in person. */
function TemporaryPassword({ shown, onClose }: { shown: Shown | undefined; onClose: () => void }) {
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

interface EditedStaff {
  username: string;
  displayName: string;
  role: Role;
  point: { code: string };
  window?: { code: string } | null;
  department?: { code: string } | null;
}

/** Create an account, or give one another role and unit (`staff` given). */
function StaffForm({ open, onClose, staff, onCreated }: { open: boolean; onClose: () => void; staff?: EditedStaff; onCreated: (shown: Shown) => void }) {
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

function DeactivateForm({ username, onClose }: { username: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [deactivate, { loading }] = useMutation(DeactivateStaffDocument);
  const run = useRunMutation();
  const [errors, setErrors] = useState<string[]>([]);
  const submit = async ({ reason }: { reason: string }) => {
    if (!username) return;
    const result = await run(() => deactivate({ variables: { username, reason } }));
    const payload = result?.data?.deactivateStaff;
    if (!payload) return;
    if (payload.userErrors.length) return setErrors(applyNestedRefusals(form, payload.userErrors));
    onClose();
  };
  return (
    <Modal
      title={username ? t("adminScreens.staff.deactivateTitle", { username }) : ""}
      open={!!username}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("adminScreens.staff.deactivate")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      confirmLoading={loading}
      destroyOnHidden
    >
      <FormErrors messages={errors} />
      <Form name="deactivateStaff" form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t("adminScreens.staff.deactivateReason")} name="reason" rules={[{ required: true, min: 2, message: t("common.required") }]}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 工作人员: accounts of the network — create, bind to a unit and role, deactivate, reset a password, lift a lock. */
export function StaffAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [search, setSearch] = useState<string>();
  const [role, setRole] = useState<Role>();
  const { data, loading, error, fetchMore } = useQuery(AdminStaffDocument, { variables: { first: 20, search, role } });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<EditedStaff>();
  const [deactivating, setDeactivating] = useState<string>();
  const [shown, setShown] = useState<Shown>();
  const [reset] = useMutation(ResetStaffPasswordDocument, { refetchQueries: ["AdminStaff"], fetchPolicy: "no-cache" });
  const [reactivate] = useMutation(ReactivateStaffDocument);
  const [unlock] = useMutation(UnlockStaffDocument);
  const run = useRunMutation();

  const connection = data?.staffMembers;
  const rows = getFragmentData(AdminStaffRowFragment, connection?.nodes ?? []);
  type Row = (typeof rows)[number];

  const refused = (errors: readonly { message: string; reason?: string | null; code: string }[]) =>
    void message.error((adminRefusals(errors) ?? []).map((e) => e.message).join("；"));

  const resetPassword = async (s: Row) => {
    const result = await run(() => reset({ variables: { username: s.username } }));
    const payload = result?.data?.resetStaffPassword;
    if (!payload) return;
    if (payload.userErrors.length || !payload.result) return refused(payload.userErrors);
    setShown({ name: s.displayName, username: s.username, password: payload.result.temporaryPassword });
  };
  const reactivateStaff = async (s: Row) => {
    const result = await run(() => reactivate({ variables: { username: s.username } }));
    const errors = result?.data?.reactivateStaff.userErrors ?? [];
    if (errors.length) refused(errors);
  };
  const unlockStaff = async (s: Row) => {
    const result = await run(() => unlock({ variables: { username: s.username } }));
    const errors = result?.data?.unlockStaff.userErrors ?? [];
    if (errors.length) refused(errors);
    else void message.success(t("adminScreens.staff.unlocked", { username: s.username }));
  };

  return (
    <>
      <Space className="toolbar" wrap align="end">
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t("adminScreens.staff.create")}
        </Button>
        <div className="filter-field">
          <label htmlFor="staff-search">{t("adminScreens.staff.search")}</label>
          <Input.Search id="staff-search" allowClear maxLength={40} onSearch={(v) => setSearch(v.trim() || undefined)} style={{ width: 240 }} />
        </div>
        <NativeSelect
          id="staff-role"
          label={t("adminScreens.staff.role")}
          value={role}
          onChange={(v) => setRole(v as Role | undefined)}
          options={ROLES.map((r) => ({ value: r, label: t(`enums.Role.${r}`) }))}
        />
      </Space>
      {!connection ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <Table<Row>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={rows}
            scroll={{ x: "max-content" }}
            columns={[
              { title: t("adminScreens.staff.username"), dataIndex: "username", render: (u: string) => <code>{u}</code> },
              { title: t("adminScreens.staff.displayName"), dataIndex: "displayName" },
              { title: t("adminScreens.staff.role"), dataIndex: "role", render: (r: Role) => t(`enums.Role.${r}`) },
              {
                title: t("adminScreens.staff.unit"),
                key: "unit",
                render: (_, s) => (s.window ? `${s.window.code} ${s.window.name}` : s.department ? s.department.name : s.point.name),
              },
              {
                title: t("adminScreens.staff.status"),
                key: "status",
                render: (_, s) => (
                  <Space size={4} wrap>
                    {s.active ? <StatusMark tone="ok">{t("adminScreens.staff.active")}</StatusMark> : <StatusMark tone="off">{t("adminScreens.staff.inactive")}</StatusMark>}
                    {s.passwordChangeRequired && <StatusMark tone="warn">{t("adminScreens.staff.mustChange")}</StatusMark>}
                    {s.lockedUntil && <StatusMark tone="bad">{t("adminScreens.staff.locked", { until: formatDateTime(s.lockedUntil) })}</StatusMark>}
                  </Space>
                ),
              },
              {
                title: t("common.actions"),
                key: "actions",
                render: (_, s) => (
                  <Space size={4} wrap>
                    <Button size="small" aria-label={t("adminScreens.staff.edit", { username: s.username })} onClick={() => setEditing(s)}>
                      {t("common.edit")}
                    </Button>
                    <Popconfirm title={t("adminScreens.staff.resetConfirm", { username: s.username })} onConfirm={() => resetPassword(s)}>
                      <Button size="small" aria-label={t("adminScreens.staff.resetNamed", { username: s.username })}>
                        {t("adminScreens.staff.reset")}
                      </Button>
                    </Popconfirm>
                    {s.lockedUntil && (
                      <Button size="small" aria-label={t("adminScreens.staff.unlockNamed", { username: s.username })} onClick={() => unlockStaff(s)}>
                        {t("adminScreens.staff.unlock")}
                      </Button>
                    )}
                    {s.active ? (
                      <Button size="small" danger aria-label={t("adminScreens.staff.deactivateNamed", { username: s.username })} onClick={() => setDeactivating(s.username)}>
                        {t("adminScreens.staff.deactivate")}
                      </Button>
                    ) : (
                      <Button size="small" aria-label={t("adminScreens.staff.reactivateNamed", { username: s.username })} onClick={() => reactivateStaff(s)}>
                        {t("adminScreens.staff.reactivate")}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <LoadMore
            shown={rows.length}
            total={connection.totalCount}
            hasNextPage={connection.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        </>
      )}
      <StaffForm open={creating} onClose={() => setCreating(false)} onCreated={setShown} />
      <StaffForm open={!!editing} staff={editing} onClose={() => setEditing(undefined)} onCreated={setShown} />
      <DeactivateForm username={deactivating} onClose={() => setDeactivating(undefined)} />
      <TemporaryPassword shown={shown} onClose={() => setShown(undefined)} />
    </>
  );
}
