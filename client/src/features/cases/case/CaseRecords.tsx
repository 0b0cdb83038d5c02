import { Descriptions } from "antd";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../../gql";
import { Section } from "../../../components/Page";
import { SimpleTable } from "../../../components/SimpleTable";
import { ProvisionalMark } from "../DeadlineMark";
import { chinaDateTime } from "../format";

export const CaseRecordsFragment = graphql(`
  fragment CaseRecords_case on Case {
    awaitingReview
    review {
      id
      conclusion
      opinion
      reviewedAt
      reviewedBy {
        id
        displayName
      }
    }
    returnCategory
    returnReason
    materials {
      id
      name
      paper
      receivedAt
    }
    supplementNotice {
      id
      issuedAt
      missing
      defects
      completedAt
    }
    jointNotices {
      id
      dueOn
      dueOnProvisional
      opinion
      reasons
      answeredAt
      department {
        id
        name
      }
    }
    pauses {
      id
      reason
      note
      startedOn
      endedOn
    }
    extension {
      id
      days
      reason
      approvedAt
    }
    decision {
      id
      outcome
      reason
      decidedAt
      sealCode
      decidedBy {
        id
        displayName
      }
      letter {
        id
        number
      }
      review {
        id
        conclusion
        opinion
      }
    }
  }
`);

/** What was handed in and what happened on the way: notices, opinions, pauses, extension, decision. */
export function CaseRecords(props: { case: FragmentType<typeof CaseRecordsFragment> }) {
  const { t } = useTranslation();
  const c = getFragmentData(CaseRecordsFragment, props.case);
  const notice = c.supplementNotice;
  return (
    <>
      <Section title={t("cases.records.materials")}>
        <SimpleTable
          rows={c.materials}
          rowKey={(m) => m.id}
          caption={t("cases.records.materials")}
          empty={t("cases.records.noMaterials")}
          columns={[
            { key: "name", title: t("material.name"), render: (m) => m.name },
            { key: "paper", title: t("cases.records.paper"), render: (m) => (m.paper ? t("common.yes") : t("common.no")) },
            { key: "at", title: t("cases.records.receivedAt"), render: (m) => chinaDateTime(m.receivedAt) },
          ]}
        />
      </Section>
      {notice && (
        <Section title={t("cases.records.supplement")}>
          <p>{t("cases.records.supplementIssued", { at: chinaDateTime(notice.issuedAt) })}</p>
          <ul className="case-list">
            {notice.missing.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
          {notice.defects.length > 0 && (
            <>
              <p>{t("paper.defects.records")}</p>
              <ul className="case-list">
                {notice.defects.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </>
          )}
          <p>{notice.completedAt ? t("cases.records.supplementDone", { at: chinaDateTime(notice.completedAt) }) : t("cases.records.supplementWaiting")}</p>
        </Section>
      )}
      {c.jointNotices.length > 0 && (
        <Section title={t("cases.records.joint")}>
          <SimpleTable
            rows={c.jointNotices}
            rowKey={(n) => n.id}
            caption={t("cases.records.joint")}
            columns={[
              { key: "dept", title: t("item.department"), render: (n) => n.department.name },
              { key: "due", title: t("cases.records.dueOn"), render: (n) => (
                  <>
                    {n.dueOn} <ProvisionalMark provisional={!n.opinion && n.dueOnProvisional} />
                  </>
                ),
              },
              { key: "opinion", title: t("cases.records.opinion"), render: (n) => (n.opinion ? t(`cases.opinion.${n.opinion}`) : t("cases.records.waiting")) },
              { key: "reasons", title: t("cases.records.reasons"), render: (n) => n.reasons ?? "—" },
              { key: "at", title: t("cases.records.answeredAt"), render: (n) => chinaDateTime(n.answeredAt) },
            ]}
          />
        </Section>
      )}
      {c.pauses.length > 0 && (
        <Section title={t("cases.records.pauses")}>
          <SimpleTable
            rows={c.pauses}
            rowKey={(p) => p.id}
            caption={t("cases.records.pauses")}
            columns={[
              { key: "reason", title: t("cases.acts.pause.reason"), render: (p) => t(`cases.pauseReason.${p.reason}`) },
              { key: "note", title: t("cases.acts.pause.note"), render: (p) => p.note },
              { key: "from", title: t("cases.records.startedOn"), render: (p) => p.startedOn },
              { key: "to", title: t("cases.records.endedOn"), render: (p) => p.endedOn ?? t("cases.records.ongoing") },
            ]}
          />
        </Section>
      )}
      {c.extension && (
        <Section title={t("cases.records.extension")}>
          <p>
            {t("cases.records.extensionText", { days: c.extension.days, at: chinaDateTime(c.extension.approvedAt), reason: c.extension.reason })}
          </p>
        </Section>
      )}
      {c.review ? (
        <Section title={t("hall.review.section")}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t("hall.review.conclusion")}>{t(`hall.review.${c.review.conclusion}`)}</Descriptions.Item>
            <Descriptions.Item label={t("hall.review.by")}>{c.review.reviewedBy.displayName}</Descriptions.Item>
            <Descriptions.Item label={t("hall.review.at")}>{chinaDateTime(c.review.reviewedAt)}</Descriptions.Item>
            <Descriptions.Item label={t("hall.review.opinion")}>{c.review.opinion}</Descriptions.Item>
          </Descriptions>
        </Section>
      ) : (
        c.awaitingReview && (
          <Section title={t("hall.review.section")}>
            <p>{t("hall.review.waitingRequired")}</p>
          </Section>
        )
      )}
      {c.decision && (
        <Section title={t("cases.records.decision")}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t("cases.decision.outcome")}>{t(`cases.outcome.${c.decision.outcome}`)}</Descriptions.Item>
            <Descriptions.Item label={t("cases.decision.at")}>{chinaDateTime(c.decision.decidedAt)}</Descriptions.Item>
            <Descriptions.Item label={t("cases.decision.by")}>{c.decision.decidedBy?.displayName ?? t("cases.decision.system")}</Descriptions.Item>
            <Descriptions.Item label={t("cases.decision.letter")}>{c.decision.letter?.number ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("cases.decision.seal")}>{c.decision.sealCode ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("cases.decision.reason")}>{c.decision.reason ?? "—"}</Descriptions.Item>
            {c.decision.review && (
              <Descriptions.Item label={t("hall.review.section")}>{`${t(`hall.review.${c.decision.review.conclusion}`)}：${c.decision.review.opinion}`}</Descriptions.Item>
            )}
            {c.returnCategory && (
              <Descriptions.Item label={t("cases.acts.return.category")}>
                {`${t(`cases.returnCategory.${c.returnCategory}`)}：${c.returnReason ?? ""}`}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Section>
      )}
    </>
  );
}
