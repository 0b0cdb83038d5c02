import { SimpleTable } from "../../components/SimpleTable";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { formatDate, formatFen } from "../../lib/format";

export const FeeStandardsFragment = graphql(`
  fragment FeeStandards_fee on FeeStandard {
    id
    name
    amountFen
    unit
    legalBasis
    version
    effectiveFrom
    supersededFrom
  }
`);

/** 收费依据 and 收费标准: the locked amounts in force, or "不收费". */
export function FeeStandards(props: { fees: FragmentType<typeof FeeStandardsFragment>[] }) {
  const { t } = useTranslation();
  const now = Date.now();
  const fees = getFragmentData(FeeStandardsFragment, props.fees).filter(
    (f) => !f.supersededFrom || new Date(f.supersededFrom).getTime() > now,
  );
  if (!fees.length) return <p className="strong">{t("fee.free")}</p>;
  return (
    <SimpleTable
      rows={fees}
      rowKey={(f) => f.id}
      columns={[
        { key: "name", title: t("fee.name"), render: (f) => f.name },
        {
          key: "amount",
          title: t("fee.standard"),
          render: (f) => (f.amountFen === 0 ? t("fee.free") : `${formatFen(f.amountFen)} / ${f.unit}`),
        },
        { key: "basis", title: t("fee.basis"), render: (f) => f.legalBasis },
        { key: "from", title: t("fee.effectiveFrom"), render: (f) => formatDate(f.effectiveFrom) },
      ]}
    />
  );
}
