import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Badge, Button, Tabs } from "antd";
import { FormOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { PointLevel } from "../../gql/graphql";
import type { Me } from "../../lib/auth";
import { Section } from "../../components/Page";
import { WithFeedback } from "../../lib/mutations";
import { IntakeForm } from "./intake/IntakeForm";
import { WindowQueue, type QueueTab } from "./WindowQueue";
import { useWorkCounts, WorkCountsBar, type Tile } from "./workspace/WorkCounts";
import { DecidedByMe, MyJointOpinions } from "./workspace/Histories";
import { PointInbox } from "./PointInbox";
import { Ledger } from "./Ledger";
import { DecisionsAwaiting } from "./DecisionsAwaiting";
import { JointOpinionsAwaiting } from "./JointOpinionsAwaiting";
import { LettersPanel } from "./letters/LettersPanel";
import { TownshipWindows } from "./TownshipWindows";
import { HandOverPrint } from "./HandOverPrint";
import "./cases.css";

/** 登记新办件: the intake form, opened on demand so the workspace stays short. */
function RegisterSection({ windowCode }: { windowCode?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Section
      title={t("cases.intake.title")}
      extra={
        <Button icon={<FormOutlined aria-hidden />} aria-expanded={open} aria-controls="intake-panel" onClick={() => setOpen(!open)}>
          {open ? t("cases.intake.hide") : t("cases.intake.show")}
        </Button>
      }
    >
      <div id="intake-panel">{open && <IntakeForm windowCode={windowCode} />}</div>
    </Section>
  );
}

/** Who reads a window's queue (the server's rule in case.queries.ts). */
function readsQueue(me: Me, window: { code: string; pointCode: string; departmentCode?: string | null }): boolean {
  return (
    me.window?.code === window.code ||
    me.role === "SUPERVISOR" ||
    me.role === "CENTER_ADMIN" ||
    (me.role === "TOWNSHIP_CLERK" && me.point.code === window.pointCode) ||
    (!!me.department && me.department.code === window.departmentCode)
  );
}

type WindowRef = { code: string; pointCode: string; departmentCode?: string | null };

/** The case work of a window (C3–C8): today's counts, the queue by deadline with its tabs, register. */
export function WindowCases({ me, window }: { me: Me | null | undefined; window: WindowRef }) {
  if (!me || !readsQueue(me, window)) return null;
  return <WindowWork me={me} window={window} />;
}

function WindowWork({ me, window }: { me: Me; window: WindowRef }) {
  const { t } = useTranslation();
  const counts = useWorkCounts({ windowCode: window.code });
  const [tab, setTab] = useState<QueueTab>("open");
  const registers = (me.role === "WINDOW_CLERK" && me.window?.code === window.code) || (me.role === "TOWNSHIP_CLERK" && me.point.code === window.pointCode);
  return (
    <WithFeedback>
      <WorkCountsBar counts={counts} label={t("workspace.counts.title")} picked={tab as Tile} onPick={(tile) => setTab(tile === "doneToday" ? "open" : tile)} />
      <Section title={t("cases.queue.title")}>
        <WindowQueue windowCode={window.code} counts={counts} tab={tab} onTab={setTab} />
      </Section>
      {registers && me.role === "WINDOW_CLERK" && (
        <Section title={t("paper.handovers.title")}>
          <HandOverPrint pointCode={window.pointCode} />
        </Section>
      )}
      {registers && <RegisterSection windowCode={window.code} />}
    </WithFeedback>
  );
}

/** Today's counts of a point (files there, done today), for its own staff and overseers. */
function PointCounts({ pointCode }: { pointCode: string }) {
  const { t } = useTranslation();
  return <WorkCountsBar counts={useWorkCounts({ pointCode })} label={t("workspace.counts.title")} />;
}

/**
 * The case work of a township centre or village station (C2, C7): register, files to pass up,
 * results to pass down or deliver, decisions under a township clerk's letters, and the ledger.
 */
export function PointCases({ me, point }: { me: Me | null | undefined; point: { code: string; level: PointLevel } }) {
  const { t } = useTranslation();
  if (!me) return null;
  const works = (me.role === "VILLAGE_AGENT" || me.role === "TOWNSHIP_CLERK") && me.point.code === point.code;
  const oversees = me.role === "SUPERVISOR" || me.role === "CENTER_ADMIN";
  if (!works && !oversees) return null;
  const village = point.level === "VILLAGE";
  return (
    <WithFeedback>
      <PointCounts pointCode={point.code} />
      {works && (
        <PointInbox
          pointCode={point.code}
          channel={village ? "VILLAGE_AGENT" : "WINDOW"}
          upTitle={t(village ? "cases.inbox.villageUp" : "cases.inbox.townshipUp")}
          downTitle={t(village ? "cases.inbox.villageDown" : "cases.inbox.townshipDown")}
        />
      )}
      {works && me.role === "TOWNSHIP_CLERK" && (
        <Section title={t("cases.decisions.title")}>
          <DecisionsAwaiting role={me.role} />
        </Section>
      )}
      {works && <RegisterSection />}
      {works && !village && (
        <Section title={t("cases.inbox.windows")}>
          <TownshipWindows pointCode={point.code} />
        </Section>
      )}
      {point.level !== "CITY" && (
        <Section title={t("paper.handovers.title")}>
          <HandOverPrint pointCode={point.code} />
        </Section>
      )}
      {point.level !== "CITY" && (
        <Section title={t("cases.ledger.title")}>
          <Ledger pointCode={point.code} relays={point.level === "TOWNSHIP"} />
        </Section>
      )}
    </WithFeedback>
  );
}

const DepartmentTabCountsDocument = graphql(`
  query DepartmentTabCounts($decides: Boolean!, $opines: Boolean!) {
    decisionsAwaiting(first: 1) @include(if: $decides) {
      totalCount
    }
    jointOpinionsAwaiting(first: 1) @include(if: $opines) {
      totalCount
    }
  }
`);

/**
 * A department's case work: today's counts of its items, then tabs — decisions under my letters (A3),
 * joint opinions (C3.3), and my own history of both — and letters (A1).
 */
export function DepartmentCases({ me, departmentCode }: { me: Me | null | undefined; departmentCode: string }) {
  const { t } = useTranslation();
  if (!me) return null;
  const mine = me.department?.code === departmentCode;
  const decides = mine && (me.role === "DEPUTY_DIRECTOR" || me.role === "DIRECTOR");
  const opines = mine && (me.role === "SECTION_CHIEF" || me.role === "DEPUTY_DIRECTOR" || me.role === "DIRECTOR");
  const signs = mine && me.role === "DIRECTOR";
  const oversees = me.role === "SUPERVISOR" || me.role === "CENTER_ADMIN";
  const readsLetters = signs || oversees;
  if (!decides && !opines && !readsLetters) return null;
  return (
    <WithFeedback>
      {(mine || oversees) && <DepartmentCounts departmentCode={departmentCode} />}
      {(decides || opines) && <DepartmentTabs me={me} decides={decides} opines={opines} />}
      {readsLetters && (
        <Section title={t("cases.letters.title")}>
          <LettersPanel departmentCode={departmentCode} canSign={signs} />
        </Section>
      )}
    </WithFeedback>
  );
}

function DepartmentCounts({ departmentCode }: { departmentCode: string }) {
  const { t } = useTranslation();
  return <WorkCountsBar counts={useWorkCounts({ departmentCode })} label={t("workspace.counts.title")} />;
}

function DepartmentTabs({ me, decides, opines }: { me: Me; decides: boolean; opines: boolean }) {
  const { t } = useTranslation();
  const counts = useQuery(DepartmentTabCountsDocument, { variables: { decides, opines }, fetchPolicy: "cache-and-network" }).data;
  const label = (text: string, n?: number) => (
    <span>
      {text}
      {n !== undefined && <Badge count={n} showZero overflowCount={9999} color="#595959" className="queue-tab-badge" />}
    </span>
  );
  const items = [
    decides && { key: "decide", label: label(t("cases.decisions.title"), counts?.decisionsAwaiting?.totalCount), children: <DecisionsAwaiting role={me.role} /> },
    opines && { key: "joint", label: label(t("cases.joint.title"), counts?.jointOpinionsAwaiting?.totalCount), children: <JointOpinionsAwaiting /> },
    decides && { key: "decided", label: label(t("workspace.decided.title")), children: <DecidedByMe /> },
    opines && { key: "opinions", label: label(t("workspace.opinions.title")), children: <MyJointOpinions /> },
  ].filter((x) => !!x);
  return (
    <section className="page-section" aria-label={t("workspace.deptTabs")}>
      <Tabs items={items} destroyOnHidden />
    </section>
  );
}
