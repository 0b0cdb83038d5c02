import { Timeline } from "antd";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../../gql";
import type { CaseEventType } from "../../../gql/graphql";
import { chinaDateTime } from "../format";

export const CaseTimelineFragment = graphql(`
  fragment CaseTimeline_case on Case {
    events {
      id
      seq
      type
      summary
      at
      actorLabel
      fromPoint {
        id
        name
      }
      toPoint {
        id
        name
      }
    }
  }
`);

const RED = new Set<CaseEventType>(["RETURNED", "JOINT_DEEMED_AGREE", "DEEMED_APPROVED", "GUIDE_DRIFT"]);
const GREEN = new Set<CaseEventType>(["DECIDED", "CLOSED", "HIGHER_REPLY"]);

/** The full timeline, oldest first: every event with its time (China time), who, what, and from → to. */
export function CaseTimeline(props: { case: FragmentType<typeof CaseTimelineFragment> }) {
  const { t } = useTranslation();
  const { events } = getFragmentData(CaseTimelineFragment, props.case);
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        color: RED.has(e.type) ? "red" : GREEN.has(e.type) ? "green" : "blue",
        content: (
          <div>
            <div className="case-event-meta">
              <time dateTime={e.at}>{chinaDateTime(e.at)}</time> · {e.actorLabel}
            </div>
            <p className="case-event-summary">{e.summary}</p>
            {e.fromPoint && e.toPoint && (
              <div className="case-event-meta">{t("cases.timeline.fromTo", { from: e.fromPoint.name, to: e.toPoint.name })}</div>
            )}
          </div>
        ),
      }))}
    />
  );
}
