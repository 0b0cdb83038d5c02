import { Descriptions } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../../gql";
import { DeadlineMark, ProvisionalMark } from "../DeadlineMark";
import { chinaDateTime, day } from "../format";
import { CaseParties } from "./CaseParties";

export const CaseHeaderFragment = graphql(`
  fragment CaseHeader_case on Case {
    number
    status
    kind
    queryCode
    deadline
    deadlineProvisional
    deadlineState
    remainingWorkingDays
    limitDays
    registeredAt
    receivedOn
    acceptedOn
    decidedAt
    closedAt
    deliveredVia
    outcome
    completionCode
    completionReason
    forwardedTo
    forwardDue
    forwardDueProvisional
    informDue
    informDueProvisional
    applicant {
      name
      idNumber
      phone
    }
    parties {
      seq
      role
      kind
      name
      identifier
      legalRepresentative
      phone
      actsForName
    }
    item {
      id
      code
      name
      department {
        id
        name
      }
    }
    window {
      id
      code
      name
    }
    registeredPoint {
      id
      name
    }
    handlingPoint {
      id
      name
    }
    currentPoint {
      id
      name
    }
  }
`);

/** Who, what, where and by when: the facts of a case at a glance. */
export function CaseHeader(props: { case: FragmentType<typeof CaseHeaderFragment> }) {
  const { t } = useTranslation();
  const c = getFragmentData(CaseHeaderFragment, props.case);
  const Item = Descriptions.Item;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      <Item label={t("cases.field.number")}>{c.number}</Item>
      {c.queryCode && <Item label={t("cases.field.queryCode")}>{c.queryCode}</Item>}
      <Item label={t("cases.field.item")}>
        <Link to={`/guide/${encodeURIComponent(c.item.code)}`}>{`${c.item.name}（${c.item.code}）`}</Link>
      </Item>
      <Item label={t("item.department")}>{c.item.department.name}</Item>
      <Item label={t("cases.field.kind")}>{c.kind ? t(`enums.CaseKind.${c.kind}`) : t("cases.field.notAccepted")}</Item>
      <Item label={t("cases.field.status")}>
        <strong>{t(`cases.status.${c.status}`)}</strong>
        {c.outcome && `（${t(`cases.outcome.${c.outcome}`)}）`}
      </Item>
      {c.completionCode !== null && c.completionCode !== undefined && (
        <Item label={t("cases.field.completion")}>
          <span data-testid="completion-code">{t("cases.field.completionCode", { code: c.completionCode, label: t(`cases.completionCode.${c.completionCode}`) })}</span>
          {c.completionReason && <span className="case-muted">（{c.completionReason}）</span>}
        </Item>
      )}
      <Item label={t("cases.field.deadline")}>
        <DeadlineMark state={c.deadlineState} deadline={c.deadline} remaining={c.remainingWorkingDays} provisional={c.deadlineProvisional} />
        {c.limitDays !== null && c.limitDays !== undefined && <span className="case-muted">（{t("common.workingDays", { count: c.limitDays })}）</span>}
      </Item>
      <Item label={t("cases.field.window")}>
        <Link to={`/windows/${encodeURIComponent(c.window.code)}`}>{`${c.window.name}（${c.window.code}）`}</Link>
      </Item>
      <Item label={t("cases.field.currentPoint")}>
        <strong>{c.currentPoint.name}</strong>
      </Item>
      <Item label={t("cases.field.route")}>{t("cases.field.routeText", { from: c.registeredPoint.name, to: c.handlingPoint.name })}</Item>
      <Item label={t("cases.field.applicant")}>
        <CaseParties parties={c.parties} fallback={c.applicant} />
      </Item>
      <Item label={t("cases.field.registeredAt")}>{chinaDateTime(c.registeredAt)}</Item>
      <Item label={t("cases.field.receivedOn")}>{day(c.receivedOn)}</Item>
      <Item label={t("cases.field.acceptedOn")}>{day(c.acceptedOn)}</Item>
      <Item label={t("cases.field.decidedAt")}>{chinaDateTime(c.decidedAt)}</Item>
      <Item label={t("cases.field.closedAt")}>
        {chinaDateTime(c.closedAt)}
        {c.deliveredVia && `（${t(`cases.channel.${c.deliveredVia}`)}）`}
      </Item>
      {c.kind === "REPORTED_UP" && (
        <>
          <Item label={t("cases.field.forwardedTo")}>
            {c.forwardedTo ?? t("cases.field.notForwarded", { day: day(c.forwardDue) })}
            {!c.forwardedTo && <ProvisionalMark provisional={c.forwardDueProvisional} />}
          </Item>
          <Item label={t("cases.field.informDue")}>
            {day(c.informDue)} <ProvisionalMark provisional={c.informDue ? c.informDueProvisional : false} />
          </Item>
        </>
      )}
    </Descriptions>
  );
}
