import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { App, Button, Form, Input, Modal, Popconfirm, Space, Table } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { getFragmentData, graphql } from "../../gql";
import type { Role } from "../../gql/graphql";
import { FormErrors } from "../../components/FormErrors";
import { LoadMore } from "../../components/LoadMore";
import { NativeSelect } from "../../components/NativeSelect";
import { QueryState } from "../../components/QueryState";
import { adminRefusals, applyNestedRefusals } from "../../features/admin/refusals";
import { StatusMark } from "../../features/admin/StatusMark";
import { formatDateTime } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { ROLES, StaffForm, TemporaryPassword, type EditedStaff, type Shown } from "./StaffForm";

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
