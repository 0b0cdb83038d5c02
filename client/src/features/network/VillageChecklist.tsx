import { CheckOutlined, CloseOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";

export const VillageChecklistFragment = graphql(`
  fragment VillageChecklist_checklist on VillageChecklist {
    office
    noticeBoard
    serviceCard
    ledger
    phone
    computer
    met
  }
`);

const SIX_ONES = ["office", "noticeBoard", "serviceCard", "ledger", "phone", "computer"] as const;

/** N2 一室一栏一卡一账一话一机: each of the six, in words as well as icons. */
export function VillageChecklist(props: { checklist: FragmentType<typeof VillageChecklistFragment> }) {
  const { t } = useTranslation();
  const checklist = getFragmentData(VillageChecklistFragment, props.checklist);
  return (
    <div className="checklist">
      <Typography.Paragraph strong>{t("checklist.metOf", { met: checklist.met })}</Typography.Paragraph>
      <ul className="checklist-items">
        {SIX_ONES.map((key) => (
          <li key={key} className={checklist[key] ? "met" : "missing"}>
            {checklist[key] ? <CheckOutlined aria-hidden /> : <CloseOutlined aria-hidden />}{" "}
            {t(`checklist.${key}`)}：{checklist[key] ? t("checklist.present") : t("checklist.absent")}
          </li>
        ))}
      </ul>
    </div>
  );
}
