import { useState } from "react";
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../../gql";
import type { Me } from "../../../lib/auth";
import { AcceptDialog, CompleteSupplementDialog, ReturnDialog, SupplementDialog } from "../acts/WindowActs";
import { ExtendDialog, ForwardDialog, PauseDialog, ReplyDialog, ResumeDialog } from "../acts/ClockActs";
import { CloseDialog, HandBackDialog, HandOverDialog } from "../acts/RouteActs";
import { DecideDialog } from "../acts/DecideDialog";
import { JointOpinionDialog } from "../acts/JointOpinionDialog";
import { ReviewDialog } from "../acts/ReviewDialog";
import { ApproveVoidDialog, RejectVoidDialog, RequestVoidDialog, WithdrawDialog } from "../acts/EndingActs";
import type { CaseAct } from "../../../gql/graphql";

export const CaseActionsFragment = graphql(`
  fragment CaseActions_case on Case {
    number
    kind
    forwardDue
    availableActs
    decisionLetter {
      id
      number
      seal {
        id
        code
      }
    }
    applicant {
      name
    }
    item {
      id
      code
      name
      defaultKind
      higherAuthority
      department {
        id
        code
      }
      materials {
        id
        name
        required
      }
    }
    materials {
      id
      name
    }
    supplementNotice {
      id
      missing
    }
    jointNotices {
      id
      dueOn
      opinion
      department {
        id
        code
      }
    }
  }
`);

/**
 * The page's name of each act (its dialog and its `cases.acts.<name>` texts), in the order the buttons show.
 * The fee acts (CHARGE, REDUCE_CHARGE) have their buttons in the case's fee section.
 */
const ACT_NAMES = {
  ACCEPT: "accept",
  ISSUE_SUPPLEMENT: "supplement",
  COMPLETE_SUPPLEMENT: "completeSupplement",
  RETURN: "return",
  HAND_OVER: "handOver",
  PAUSE: "pause",
  RESUME: "resume",
  FORWARD_UP: "forward",
  RECORD_REPLY: "reply",
  EXTEND: "extend",
  JOINT_OPINION: "jointOpinion",
  REVIEW: "review",
  DECIDE: "decide",
  HAND_BACK: "handBack",
  CLOSE: "close",
  WITHDRAW: "withdraw",
  REQUEST_VOID: "requestVoid",
  APPROVE_VOID: "approveVoid",
  REJECT_VOID: "rejectVoid",
} as const satisfies Record<Exclude<CaseAct, "CHARGE" | "REDUCE_CHARGE" | "ATTACH_MATERIALS">, string>;
type Act = (typeof ACT_NAMES)[keyof typeof ACT_NAMES];
type Dialog = Act | "approve" | "refuse";
const ORDER = Object.keys(ACT_NAMES) as (keyof typeof ACT_NAMES)[];

/** The buttons of the acts the server's case policy lets the signed-in person take now (Case.availableActs). */
export function CaseActions(props: { case: FragmentType<typeof CaseActionsFragment>; me: Me }) {
  const { t } = useTranslation();
  const c = getFragmentData(CaseActionsFragment, props.case);
  const { me } = props;
  const [open, setOpen] = useState<Dialog>();
  const acts = ORDER.filter((a) => c.availableActs.includes(a)).map((a) => ACT_NAMES[a]);
  if (!acts.length) return <p className="case-muted">{t("cases.acts.none")}</p>;

  const close = () => setOpen(undefined);
  const n = c.number;
  const handedIn = new Set(c.materials.map((m) => m.name));
  const missing = c.item.materials.filter((m) => m.required && !handedIn.has(m.name));
  const optional = c.item.materials.filter((m) => !m.required && !handedIn.has(m.name));
  const noticeMissing = c.item.materials.filter((m) => c.supplementNotice?.missing.includes(m.name));
  const letter = c.decisionLetter;
  const subject = { itemName: c.item.name, applicantName: c.applicant.name, letterNumber: letter?.number, sealCode: letter?.seal.code };
  const notice = c.jointNotices.find((j) => j.department.code === me.department?.code && !j.opinion);

  const button = (act: Act) =>
    act === "decide" ? (
      <Space key="decide" wrap>
        <Button type="primary" onClick={() => setOpen("approve")}>
          {t("cases.acts.decide.approve")}
        </Button>
        <Button danger onClick={() => setOpen("refuse")}>
          {t("cases.acts.decide.refuse")}
        </Button>
      </Space>
    ) : (
      <Button key={act} type={act === "accept" || act === "close" ? "primary" : "default"} danger={act === "return" || act === "withdraw" || act === "approveVoid"} onClick={() => setOpen(act)}>
        {act === "review" ? t("hall.act.button") : t(`cases.acts.${act}.button`)}
      </Button>
    );

  return (
    <>
      <Space wrap className="case-actions">
        {acts.map(button)}
      </Space>
      <AcceptDialog caseNumber={n} open={open === "accept"} onClose={close} defaultKind={c.item.defaultKind} />
      <SupplementDialog caseNumber={n} open={open === "supplement"} onClose={close} missing={missing} optional={optional} />
      <CompleteSupplementDialog caseNumber={n} open={open === "completeSupplement"} onClose={close} missing={noticeMissing} />
      <ReturnDialog caseNumber={n} open={open === "return"} onClose={close} />
      <PauseDialog caseNumber={n} open={open === "pause"} onClose={close} />
      <ResumeDialog caseNumber={n} open={open === "resume"} onClose={close} />
      <ForwardDialog caseNumber={n} open={open === "forward"} onClose={close} authority={c.item.higherAuthority} due={c.forwardDue} />
      <ReplyDialog caseNumber={n} open={open === "reply"} onClose={close} />
      <ExtendDialog caseNumber={n} open={open === "extend"} onClose={close} days={c.kind === "JOINT" ? 15 : 10} />
      <JointOpinionDialog caseNumber={n} open={open === "jointOpinion"} onClose={close} dueOn={notice?.dueOn} />
      <ReviewDialog caseNumber={n} open={open === "review"} onClose={close} />
      <HandOverDialog caseNumber={n} open={open === "handOver"} onClose={close} />
      <HandBackDialog caseNumber={n} open={open === "handBack"} onClose={close} />
      <CloseDialog caseNumber={n} open={open === "close"} onClose={close} defaultChannel={me.role === "VILLAGE_AGENT" ? "VILLAGE_AGENT" : "WINDOW"} />
      <WithdrawDialog caseNumber={n} open={open === "withdraw"} onClose={close} />
      <RequestVoidDialog caseNumber={n} open={open === "requestVoid"} onClose={close} />
      <ApproveVoidDialog caseNumber={n} open={open === "approveVoid"} onClose={close} />
      <RejectVoidDialog caseNumber={n} open={open === "rejectVoid"} onClose={close} />
      <DecideDialog caseNumber={n} open={open === "approve"} onClose={close} approve subject={subject} />
      <DecideDialog caseNumber={n} open={open === "refuse"} onClose={close} approve={false} subject={subject} />
    </>
  );
}
