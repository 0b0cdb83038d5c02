import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Alert, Button, Checkbox, Form, Input, Radio, Space } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../../gql";
import { FormErrors } from "../../../components/FormErrors";
import { applyUserErrors } from "../../../lib/errors";
import { useRunMutation } from "../../../lib/mutations";
import { casePath, newKey } from "../format";
import { useRegisterCaseMutation } from "../useRouteMutations";
import { creditCodeProblem, idNumberProblem, validPhone } from "../applicant";
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
  /** The primary applicant: a person (name, ID number) or an enterprise (name, credit code, legal representative). */
  applicantKind: "PERSON" | "ENTERPRISE";
  name: string;
  idNumber?: string;
  creditCode?: string;
  legalRepresentative?: string;
  phone: string;
  /** Further applicants (persons), e.g. the other party of a marriage registration. */
  others?: { name: string; idNumber: string; phone: string }[];
  hasAgent?: boolean;
  agentName?: string;
  agentIdNumber?: string;
  agentPhone?: string;
}

type PartyInputValue = { role: "APPLICANT" | "AGENT"; kind: "PERSON" | "ENTERPRISE"; name: string; idNumber?: string; creditCode?: string; legalRepresentative?: string; phone: string; actsFor?: number };

/**
 * A refusal about `parties[i]` pointed at the form's field (the primary applicant's, or the agent's);
 * applyUserErrors words it from its reason and params (locales/reasons.*.ts).
 */
function partyError<E extends { field?: readonly string[] | null }>(e: E, values: IntakeValues): E {
  const path = e.field ?? [];
  if (path[1] !== "parties" || path.length < 4) return e;
  const index = Number(path[2]);
  const field = path[3];
  const agentIndex = values.hasAgent ? 1 + (values.others?.length ?? 0) : -1;
  if (index === 0) return { ...e, field: ["input", field] };
  if (index === agentIndex) return { ...e, field: ["input", `agent${field[0].toUpperCase()}${field.slice(1)}`] };
  return { ...e, field: null };
}

/** One person as the only applicant keeps the single `applicant` input; anything more is sent as `parties`. */
function applicantsOf(values: IntakeValues) {
  const person = (name: string, idNumber = "", phone = "") => ({ name: name.trim(), idNumber: idNumber.trim().toUpperCase(), phone: phone.trim() });
  const others = values.others ?? [];
  if (values.applicantKind !== "ENTERPRISE" && !others.length && !values.hasAgent) return { applicant: person(values.name, values.idNumber, values.phone) };
  const primary: PartyInputValue =
    values.applicantKind === "ENTERPRISE"
      ? { role: "APPLICANT", kind: "ENTERPRISE", name: values.name.trim(), creditCode: (values.creditCode ?? "").trim().toUpperCase(), legalRepresentative: (values.legalRepresentative ?? "").trim(), phone: values.phone.trim() }
      : { role: "APPLICANT", kind: "PERSON", ...person(values.name, values.idNumber, values.phone) };
  const parties: PartyInputValue[] = [primary, ...others.map((o): PartyInputValue => ({ role: "APPLICANT", kind: "PERSON", ...person(o.name, o.idNumber, o.phone) }))];
  if (values.hasAgent) parties.push({ role: "AGENT", kind: "PERSON", ...person(values.agentName ?? "", values.agentIdNumber, values.agentPhone), actsFor: 1 });
  return { parties };
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
  const applicantKind = Form.useWatch("applicantKind", form) ?? "PERSON";
  const hasAgent = Form.useWatch("hasAgent", form) ?? false;
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
      ...applicantsOf(values),
      idempotencyKey: key,
    };
    const result = await run(() => register({ variables: { input } }), { form });
    const payload = result?.data?.registerCase;
    if (!payload) return;
    if (payload.userErrors.length || !payload.case) {
      setErrors(applyUserErrors(form, payload.userErrors.map((e) => partyError(e, values))));
      return;
    }
    const c = payload.case;
    setRegistered({ number: c.number, queryCode: c.queryCode ?? "", where: `${c.handlingPoint.name} ${c.window.name}（${c.window.code}）` });
    form.resetFields();
    setKey(newKey());
  };

  const required = { required: true, message: t("common.required") };
  const codeRule = (problemOf: (v: string) => string | null, messages: string) => ({
    validator: (_: unknown, value?: string) => {
      const problem = value ? problemOf(value) : null;
      return problem ? Promise.reject(new Error(t(`${messages}.${problem}`))) : Promise.resolve();
    },
  });
  const phoneRule = { validator: (_: unknown, v?: string) => (!v || validPhone(v) ? Promise.resolve() : Promise.reject(new Error(t("cases.applicant.phoneProblem")))) };
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
      <Form<IntakeValues> name="intake" form={form} layout="vertical" onFinish={submit} initialValues={{ materialIds: [], applicantKind: "PERSON", others: [], hasAgent: false }}>
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
          <Form.Item label={t("search.parties.applicantKind")} name="applicantKind">
            <Radio.Group
              optionType="button"
              options={[
                { value: "PERSON", label: t("search.parties.PERSON") },
                { value: "ENTERPRISE", label: t("search.parties.ENTERPRISE") },
              ]}
            />
          </Form.Item>
          <Form.Item label={applicantKind === "ENTERPRISE" ? t("search.parties.enterpriseName") : t("cases.applicant.name")} name="name" rules={[required, { max: 50 }]}>
            <Input autoComplete="off" maxLength={50} />
          </Form.Item>
          {applicantKind === "ENTERPRISE" ? (
            <>
              <Form.Item label={t("search.parties.creditCode")} name="creditCode" rules={[required, codeRule(creditCodeProblem, "search.parties.creditProblem")]}>
                <Input autoComplete="off" maxLength={18} />
              </Form.Item>
              <Form.Item label={t("search.parties.legalRepresentative")} name="legalRepresentative" rules={[required, { max: 50 }]}>
                <Input autoComplete="off" maxLength={50} />
              </Form.Item>
            </>
          ) : (
            <Form.Item label={t("cases.applicant.idNumber")} name="idNumber" rules={[required, codeRule(idNumberProblem, "cases.applicant.idProblem")]}>
              <Input autoComplete="off" maxLength={18} inputMode="text" />
            </Form.Item>
          )}
          <Form.Item label={t("cases.applicant.phone")} name="phone" rules={[required, phoneRule]}>
            <Input autoComplete="off" maxLength={14} inputMode="tel" />
          </Form.Item>
        </fieldset>
        <fieldset className="case-fieldset">
          <legend>{t("search.parties.others")}</legend>
          <Form.List name="others">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="case-fieldset">
                    <legend>{t("search.parties.otherN", { n: index + 2 })}</legend>
                    <Form.Item label={t("cases.applicant.name")} name={[field.name, "name"]} rules={[required, { max: 50 }]}>
                      <Input autoComplete="off" maxLength={50} />
                    </Form.Item>
                    <Form.Item label={t("cases.applicant.idNumber")} name={[field.name, "idNumber"]} rules={[required, codeRule(idNumberProblem, "cases.applicant.idProblem")]}>
                      <Input autoComplete="off" maxLength={18} />
                    </Form.Item>
                    <Form.Item label={t("cases.applicant.phone")} name={[field.name, "phone"]} rules={[required, phoneRule]}>
                      <Input autoComplete="off" maxLength={14} inputMode="tel" />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>{t("search.parties.removeApplicant", { n: index + 2 })}</Button>
                  </fieldset>
                ))}
                {fields.length < 8 && <Button onClick={() => add({ name: "", idNumber: "", phone: "" })}>{t("search.parties.addApplicant")}</Button>}
              </>
            )}
          </Form.List>
        </fieldset>
        <fieldset className="case-fieldset">
          <legend>{t("search.parties.agent")}</legend>
          <Form.Item name="hasAgent" valuePropName="checked">
            <Checkbox>{t("search.parties.hasAgent")}</Checkbox>
          </Form.Item>
          {hasAgent && (
            <>
              <Form.Item label={t("search.parties.agentName")} name="agentName" rules={[required, { max: 50 }]}>
                <Input autoComplete="off" maxLength={50} />
              </Form.Item>
              <Form.Item label={t("search.parties.agentIdNumber")} name="agentIdNumber" rules={[required, codeRule(idNumberProblem, "cases.applicant.idProblem")]}>
                <Input autoComplete="off" maxLength={18} />
              </Form.Item>
              <Form.Item label={t("search.parties.agentPhone")} name="agentPhone" rules={[required, phoneRule]}>
                <Input autoComplete="off" maxLength={14} inputMode="tel" />
              </Form.Item>
            </>
          )}
        </fieldset>
        <Button type="primary" htmlType="submit" loading={loading}>
          {t("cases.intake.submit")}
        </Button>
      </Form>
    </div>
  );
}
