import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Checkbox, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../../gql";
import { useRunMutation } from "../../../lib/mutations";
import { ActDialog } from "../ActDialog";
import { chinaDate, chinaMidnight, newKey } from "../format";
import { useIssueAuthorizationLetterMutation } from "./useLetterMutations";
import { DayPicker } from "../../../components/DayPicker";

const LetterOptionsDocument = graphql(`
  query LetterOptions($departmentCode: String!) {
    approvalSeals(departmentCode: $departmentCode) {
      id
      code
      name
      active
    }
    serviceItems(departmentCode: $departmentCode, first: 100) {
      nodes {
        id
        code
        name
      }
    }
  }
`);

interface LetterValues {
  holderUsername: string;
  allItems?: boolean;
  itemCodes?: string[];
  validFrom: string;
  validTo: string;
  sealCode: string;
}

const inAYear = (today: string) => `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;

/**
 * A1: the director signs a 授权委托书 — holder, scope, validity (China calendar days; the letter
 * ends at the start of its last day + 1), and the seal decisions under it will carry.
 */
export function IssueLetterDialog({ departmentCode, open, onClose }: { departmentCode: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [issue] = useIssueAuthorizationLetterMutation();
  const [key, setKey] = useState(newKey);
  const { data } = useQuery(LetterOptionsDocument, { variables: { departmentCode }, skip: !open });
  const seals = (data?.approvalSeals ?? []).filter((s) => s.active);
  const items = data?.serviceItems.nodes ?? [];
  const today = chinaDate(new Date());
  const required = { required: true, message: t("common.required") };

  const close = () => {
    setKey(newKey());
    onClose();
  };
  const submit = async (v: LetterValues) => {
    const input = {
      holderUsername: v.holderUsername.trim(),
      allItems: !!v.allItems,
      itemCodes: v.allItems ? [] : (v.itemCodes ?? []),
      // Valid from the start of the first day (or now, for today) to the end of the last day, China time.
      validFrom: v.validFrom === today ? new Date().toISOString() : chinaMidnight(v.validFrom),
      validTo: new Date(Date.parse(chinaMidnight(v.validTo)) + 86_400_000).toISOString(),
      sealCode: v.sealCode,
      idempotencyKey: key,
    };
    return (await run(() => issue({ variables: { input } })))?.data?.issueAuthorizationLetter.userErrors;
  };

  return (
    <ActDialog<LetterValues>
      name="letter-issue"
      title={t("cases.letters.issueTitle")}
      okText={t("cases.letters.issueOk")}
      open={open}
      onClose={close}
      initialValues={{ validFrom: today, validTo: inAYear(today), allItems: false, itemCodes: [] }}
      submit={submit}
    >
      <Form.Item label={t("cases.letters.holder")} name="holderUsername" rules={[required]} extra={t("hall.letter.holderHelp")}>
        <Input autoComplete="off" maxLength={40} />
      </Form.Item>
      <Form.Item name="allItems" valuePropName="checked">
        <Checkbox>{t("cases.letters.allItemsLabel")}</Checkbox>
      </Form.Item>
      <Form.Item noStyle dependencies={["allItems"]}>
        {({ getFieldValue }) =>
          !getFieldValue("allItems") && (
            <Form.Item label={t("cases.letters.items")} name="itemCodes" rules={[{ required: true, type: "array", min: 1, message: t("cases.letters.itemsRequired") }]}>
              <Select mode="multiple" options={items.map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }))} showSearch={{ optionFilterProp: "label" }} />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item label={t("cases.letters.validFrom")} name="validFrom" rules={[required]}>
        <DayPicker min={today} />
      </Form.Item>
      <Form.Item label={t("cases.letters.validTo")} name="validTo" rules={[required]}>
        <DayPicker min={today} />
      </Form.Item>
      <Form.Item label={t("cases.letters.seal")} name="sealCode" rules={[required]}>
        <Select options={seals.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }))} />
      </Form.Item>
    </ActDialog>
  );
}
