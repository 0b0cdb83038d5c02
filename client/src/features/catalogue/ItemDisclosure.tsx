import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { Section } from "../../components/Page";
import { yesNo } from "../../lib/format";
import { FeeStandards } from "./FeeStandards";
import { MaterialsTable } from "./MaterialsTable";
import { ProcedureFlowchart } from "../guide/ProcedureFlowchart";

export const ItemDisclosureFragment = graphql(`
  fragment ItemDisclosure_item on ServiceItem {
    id
    code
    legalBasis
    defaultKind
    higherAuthority
    overdueCountsAsApproval
    coDepartments {
      id
      code
      name
    }
    guide {
      content
      promisedLimitDays
      legalLimitDays
      feeBasis
      procedure {
        id
        seq
        name
        description
      }
      materials {
        ...MaterialsTable_material
      }
      feeStandards {
        ...FeeStandards_fee
      }
    }
  }
`);

/** 五公开: content, procedure, materials, time limit, fee basis and fee standard of one item (G2). */
export function ItemDisclosure(props: { item: FragmentType<typeof ItemDisclosureFragment> }) {
  const { t } = useTranslation();
  const item = getFragmentData(ItemDisclosureFragment, props.item);
  const guide = item.guide;
  return (
    <>
      <Section title={t("guide.disclosure.content")}>
        <p className="prewrap">{guide.content}</p>
        <dl className="facts">
          <dt>{t("item.legalBasis")}</dt>
          <dd>{item.legalBasis}</dd>
          <dt>{t("item.defaultKind")}</dt>
          <dd>{t(`enums.CaseKind.${item.defaultKind}`)}</dd>
          {item.higherAuthority && (
            <>
              <dt>{t("item.higherAuthority")}</dt>
              <dd>{item.higherAuthority}</dd>
            </>
          )}
          {item.coDepartments.length > 0 && (
            <>
              <dt>{t("item.coDepartments")}</dt>
              <dd>
                {item.coDepartments.map((d, i) => (
                  <span key={d.id}>
                    {i > 0 && "、"}
                    <Link to={`/departments/${encodeURIComponent(d.code)}`}>{d.name}</Link>
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
      </Section>
      <Section title={t("guide.disclosure.procedure")}>
        <ProcedureFlowchart steps={guide.procedure} immediate={item.defaultKind === "IMMEDIATE"} promisedDays={guide.promisedLimitDays} />
      </Section>
      <Section title={t("guide.disclosure.materials")}>
        <MaterialsTable materials={guide.materials} />
      </Section>
      <Section title={t("guide.disclosure.limit")}>
        <dl className="facts">
          <dt>{t("item.promisedLimit")}</dt>
          <dd>{t("common.workingDays", { count: guide.promisedLimitDays })}</dd>
          <dt>{t("item.legalLimit")}</dt>
          <dd>{t("common.workingDays", { count: guide.legalLimitDays })}</dd>
          <dt>{t("item.overdueCountsAsApproval")}</dt>
          <dd>{yesNo(item.overdueCountsAsApproval, t)}</dd>
        </dl>
      </Section>
      <Section title={t("guide.disclosure.feeBasis")}>
        {guide.feeBasis.length ? (
          <ul>
            {guide.feeBasis.map((basis) => (
              <li key={basis}>{basis}</li>
            ))}
          </ul>
        ) : (
          <p className="strong">{t("fee.free")}</p>
        )}
      </Section>
      <Section title={t("guide.disclosure.feeStandard")}>
        <FeeStandards fees={guide.feeStandards} />
      </Section>
    </>
  );
}
