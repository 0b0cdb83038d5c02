import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Button, Form, Input, Radio, Select, Space } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FeeTag } from "../../features/fees/FeeTag";
import { graphql } from "../../gql";
import type { RevenueType } from "../../gql/graphql";
import { SimpleTable } from "../../components/SimpleTable";
import { QueryState } from "../../components/QueryState";
import { formatDate, formatFen } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { ActDialog } from "../../features/cases/ActDialog";
import { ItemPicker } from "../../features/cases/intake/ItemPicker";
import { chinaToday, yuanRule, yuanToFen } from "../../features/fees/money";
import { useAddFeeStandardVersionMutation } from "../../features/fees/useFeeMutations";
import { DayPicker } from "../../components/DayPicker";

const FeeStandardVersionsDocument = graphql(`
  query FeeStandardVersions($itemCode: String!) {
    feeStandards(itemCode: $itemCode) {
      id
      name
      amountFen
      unit
      legalBasis
      revenueType
      version
      effectiveFrom
      supersededFrom
    }
  }
`);

const REVENUE_TYPES: RevenueType[] = ["ADMINISTRATIVE_FEE", "GOVERNMENT_FUND"];

interface VersionValues {
  standardId: string;
  name: string;
  amountYuan: string;
  unit: string;
  legalBasis: string;
  revenueType: RevenueType;
  effectiveFrom: string;
}

const NEW = "";

function AddVersionDialog({ itemCode, series, open, onClose }: { itemCode: string; series: { id: string; name: string; unit: string; legalBasis: string; revenueType: RevenueType }[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [add] = useAddFeeStandardVersionMutation();
  const required = { required: true, whitespace: true, message: t("common.required") };
  const first = series[0];
  return (
    <ActDialog<VersionValues>
      name="act-fee-version"
      title={t("fees.admin.addVersionTitle")}
      okText={t("fees.admin.addVersionOk")}
      open={open}
      onClose={onClose}
      preview={<p>{t("fees.admin.standardsHelp")}</p>}
      initialValues={{
        standardId: first?.id ?? NEW,
        name: first?.name,
        unit: first?.unit,
        legalBasis: first?.legalBasis,
        revenueType: first?.revenueType ?? "ADMINISTRATIVE_FEE",
        effectiveFrom: chinaToday(),
      }}
      submit={async (v) =>
        (
          await run(() =>
            add({
              variables: {
                input: {
                  itemCode,
                  standardId: v.standardId || null,
                  name: v.name.trim(),
                  amountFen: yuanToFen(v.amountYuan)!,
                  unit: v.unit.trim(),
                  legalBasis: v.legalBasis.trim(),
                  revenueType: v.revenueType,
                  effectiveFrom: v.effectiveFrom,
                },
              },
            }),
          )
        )?.data?.addFeeStandardVersion.userErrors
      }
    >
      <Form.Item label={t("fees.admin.series")} name="standardId">
        <Select options={[...series.map((s) => ({ value: s.id, label: s.name })), { value: NEW, label: t("fees.admin.newSeries") }]} />
      </Form.Item>
      <Form.Item label={t("fees.field.name")} name="name" rules={[required]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t("fees.admin.amountYuan")} name="amountYuan" rules={[{ required: true, message: t("common.required") }, yuanRule(t("fees.invalidYuan"))]}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item label={t("fees.field.unit")} name="unit" rules={[required]}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item label={t("fees.field.basis")} name="legalBasis" rules={[required]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item label={t("fees.field.revenueType")} name="revenueType" rules={[{ required: true, message: t("common.required") }]}>
        <Radio.Group options={REVENUE_TYPES.map((r) => ({ value: r, label: t(`fees.revenueType.${r}`) }))} />
      </Form.Item>
      <Form.Item label={t("fees.field.effectiveFrom")} name="effectiveFrom" rules={[{ required: true, message: t("common.required") }]}>
        <DayPicker min={chinaToday()} />
      </Form.Item>
    </ActDialog>
  );
}

/** F1: the fee standards of an item, every version with its effective dates; a change is a new version. */
export function FeeStandardsAdmin() {
  const { t } = useTranslation();
  const [itemCode, setItemCode] = useState<string>();
  const [adding, setAdding] = useState(false);
  const { data, loading, error } = useQuery(FeeStandardVersionsDocument, { variables: { itemCode: itemCode ?? "" }, skip: !itemCode });
  const versions = data?.feeStandards ?? [];
  type Row = (typeof versions)[number];
  const today = chinaToday();
  const state = (v: Row) => (v.effectiveFrom.slice(0, 10) > today ? "future" : v.supersededFrom && v.supersededFrom.slice(0, 10) <= today ? "superseded" : "inForce");
  const series = versions.filter((v) => !v.supersededFrom).map((v) => ({ id: v.id, name: v.name, unit: v.unit, legalBasis: v.legalBasis, revenueType: v.revenueType }));

  return (
    <>
      <p>{t("fees.admin.standardsHelp")}</p>
      <Space wrap className="toolbar" align="end">
        <div className="filter-field">
          <label htmlFor="fee-item">{t("fees.admin.pickItem")}</label>
          <ItemPicker id="fee-item" value={itemCode} onChange={setItemCode} />
        </div>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} disabled={!itemCode} onClick={() => setAdding(true)}>
          {t("fees.admin.addVersion")}
        </Button>
      </Space>
      {itemCode &&
        (!data ? (
          <QueryState loading={loading} error={error} />
        ) : (
          <SimpleTable<Row>
            rows={versions}
            rowKey={(v) => v.id}
            caption={t("fees.admin.versionsCaption", { item: itemCode })}
            empty={t("fees.admin.versionsEmpty")}
            columns={[
              { key: "name", title: t("fees.field.name"), render: (v) => v.name },
              { key: "version", title: t("fees.field.version"), align: "right", render: (v) => v.version },
              { key: "amount", title: t("fees.field.standard"), align: "right", render: (v) => `${formatFen(v.amountFen)} / ${v.unit}` },
              { key: "type", title: t("fees.field.revenueType"), render: (v) => t(`fees.revenueType.${v.revenueType}`) },
              { key: "basis", title: t("fees.field.basis"), render: (v) => v.legalBasis },
              { key: "from", title: t("fees.field.effectiveFrom"), render: (v) => formatDate(v.effectiveFrom) },
              { key: "to", title: t("fees.field.supersededFrom"), render: (v) => formatDate(v.supersededFrom) },
              {
                key: "state",
                title: t("fees.field.status"),
                render: (v) => {
                  const s = state(v);
                  return <FeeTag tone={s === "inForce" ? "green" : s === "future" ? "blue" : "default"}>{t(`fees.admin.${s}`)}</FeeTag>;
                },
              },
            ]}
          />
        ))}
      {itemCode && adding && <AddVersionDialog itemCode={itemCode} series={series} open={adding} onClose={() => setAdding(false)} />}
    </>
  );
}
