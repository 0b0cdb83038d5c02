import { Descriptions } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { Section } from "../../components/Page";
import { yesNo } from "../../lib/format";
import { FeeStandards } from "./FeeStandards";
import { MaterialsTable } from "./MaterialsTable";

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
  const steps = [...guide.procedure].sort((a, b) => a.seq - b.seq);
  return (
    <>
      <Section title={t("guide.disclosure.content")}>
        <p className="prewrap">{guide.content}</p>
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t("item.legalBasis")}>{item.legalBasis}</Descriptions.Item>
          <Descriptions.Item label={t("item.defaultKind")}>{t(`enums.CaseKind.${item.defaultKind}`)}</Descriptions.Item>
          {item.higherAuthority && (
            <Descriptions.Item label={t("item.higherAuthority")}>{item.higherAuthority}</Descriptions.Item>
          )}
          {item.coDepartments.length > 0 && (
            <Descriptions.Item label={t("item.coDepartments")}>
              {item.coDepartments.map((d, i) => (
                <span key={d.id}>
                  {i > 0 && "、"}
                  <Link to={`/departments/${encodeURIComponent(d.code)}`}>{d.name}</Link>
                </span>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Section>
      <Section title={t("guide.disclosure.procedure")}>
        {steps.length ? (
          <ol className="procedure">
            {steps.map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong>
                {s.description && <p>{s.description}</p>}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t("guide.noProcedure")}</p>
        )}
      </Section>
      <Section title={t("guide.disclosure.materials")}>
        <MaterialsTable materials={guide.materials} />
      </Section>
      <Section title={t("guide.disclosure.limit")}>
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t("item.promisedLimit")}>
            {t("common.workingDays", { count: guide.promisedLimitDays })}
          </Descriptions.Item>
          <Descriptions.Item label={t("item.legalLimit")}>
            {t("common.workingDays", { count: guide.legalLimitDays })}
          </Descriptions.Item>
          <Descriptions.Item label={t("item.overdueCountsAsApproval")}>
            {yesNo(item.overdueCountsAsApproval, t)}
          </Descriptions.Item>
        </Descriptions>
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
