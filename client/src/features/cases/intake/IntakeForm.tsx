import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Alert, Button, Checkbox, Form, Input, Space } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../../gql";
import { FormErrors } from "../../../components/FormErrors";
import { applyUserErrors } from "../../../lib/errors";
import { useRunMutation } from "../../../lib/mutations";
import { casePath, newKey } from "../format";
import { useRegisterCaseMutation } from "../useRouteMutations";
import { idNumberProblem, validPhone } from "../applicant";
import { ItemPicker } from "./ItemPicker";
import { IntakeCheckPanel } from "./IntakeCheckPanel";

const IntakeItemDocument = graphql(`
  query IntakeItem($code: String!) {
    serviceItem(code: $code) {
      id
      code
      name
      materials {
        id
        name
        required
        originals
        copies
      }
    }
  }
`);

interface IntakeValues {
  itemCode?: string;
  materialIds?: string[];
  name: string;
  idNumber: string;
  phone: string;
}

interface Registered {
  number: string;
  queryCode: string;
  where: string;
}

/**
 * 登记 (C1): the item, the materials handed in (ticked against the item's published list), and the
 * applicant. The server's intake check says at once which window will accept it, what is missing
 * and the kind it proposes; registering gives the case its number.
 */
export function IntakeForm({ windowCode }: { windowCode?: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IntakeValues>();
  const itemCode = Form.useWatch("itemCode", form);
  const materialIds = Form.useWatch("materialIds", form) ?? [];
  // One key per registration: a retry after a lost answer never registers twice.
  const [key, setKey] = useState(newKey);
  const [errors, setErrors] = useState<string[]>([]);
  const [registered, setRegistered] = useState<Registered>();
  const [register, { loading }] = useRegisterCaseMutation();
  const run = useRunMutation();
  const item = useQuery(IntakeItemDocument, { variables: { code: itemCode ?? "" }, skip: !itemCode });
  const materials = item.data?.serviceItem?.materials ?? [];

  const submit = async (values: IntakeValues) => {
    setErrors([]);
    const input = {
      itemCode: values.itemCode ?? "",
      materialIds: values.materialIds ?? [],
      applicant: { name: values.name.trim(), idNumber: values.idNumber.trim().toUpperCase(), phone: values.phone.trim() },
      idempotencyKey: key,
    };
    const result = await run(() => register({ variables: { input } }));
    const payload = result?.data?.registerCase;
    if (!payload) return;
    if (payload.userErrors.length || !payload.case) {
      setErrors(applyUserErrors(form, payload.userErrors));
      return;
    }
    const c = payload.case;
    setRegistered({ number: c.number, queryCode: c.queryCode ?? "", where: `${c.handlingPoint.name} ${c.window.name}（${c.window.code}）` });
    form.resetFields();
    setKey(newKey());
  };

  const required = { required: true, message: t("common.required") };
  return (
    <div className="intake-card">
      {registered && (
        <Alert
          type="success"
          showIcon
          role="status"
          className="form-errors"
          title={t("cases.intake.registered", { ...registered })}
          action={
            <Space wrap>
              <Button
                href={`/documents/cases/${registered.number}/receipt.pdf`}
                target="_blank"
                rel="noopener"
                icon={<PrinterOutlined aria-hidden />}
                aria-label={t("paper.printReceiptOf", { number: registered.number })}
              >
                {t("paper.printReceipt")}
              </Button>
              <Link to={casePath(registered.number)}>{t("cases.intake.openCase")}</Link>
            </Space>
          }
          closable={{ "aria-label": t("cases.intake.dismiss") }}
          onClose={() => setRegistered(undefined)}
        />
      )}
      <FormErrors messages={errors} />
      <Form<IntakeValues> name="intake" form={form} layout="vertical" onFinish={submit} initialValues={{ materialIds: [] }}>
        <Form.Item label={t("cases.field.item")} name="itemCode" rules={[required]}>
          <ItemPicker windowCode={windowCode} onChange={() => form.setFieldValue("materialIds", [])} />
        </Form.Item>
        {itemCode && (
          <fieldset className="case-fieldset">
            <legend>{t("cases.intake.materials")}</legend>
            {materials.length === 0 && !item.loading && <p>{t("material.none")}</p>}
            <Form.Item name="materialIds" noStyle>
              <Checkbox.Group
                options={materials.map((m) => ({
                  value: m.id,
                  label: `${m.name}（${m.required ? t("material.requiredYes") : t("material.requiredNo")}；${t("cases.intake.originalsCopies", { originals: m.originals, copies: m.copies })}）`,
                }))}
              />
            </Form.Item>
          </fieldset>
        )}
        {itemCode && <IntakeCheckPanel itemCode={itemCode} materialIds={materialIds} />}
        <fieldset className="case-fieldset">
          <legend>{t("cases.field.applicant")}</legend>
          <Form.Item label={t("cases.applicant.name")} name="name" rules={[required, { max: 50 }]}>
            <Input autoComplete="off" maxLength={50} />
          </Form.Item>
          <Form.Item
            label={t("cases.applicant.idNumber")}
            name="idNumber"
            rules={[
              required,
              {
                validator: (_, value?: string) => {
                  const problem = value ? idNumberProblem(value) : null;
                  return problem ? Promise.reject(new Error(t(`cases.applicant.idProblem.${problem}`))) : Promise.resolve();
                },
              },
            ]}
          >
            <Input autoComplete="off" maxLength={18} inputMode="text" />
          </Form.Item>
          <Form.Item
            label={t("cases.applicant.phone")}
            name="phone"
            rules={[required, { validator: (_, v?: string) => (!v || validPhone(v) ? Promise.resolve() : Promise.reject(new Error(t("cases.applicant.phoneProblem")))) }]}
          >
            <Input autoComplete="off" maxLength={14} inputMode="tel" />
          </Form.Item>
        </fieldset>
        <Button type="primary" htmlType="submit" loading={loading}>
          {t("cases.intake.submit")}
        </Button>
      </Form>
    </div>
  );
}
