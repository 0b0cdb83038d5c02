import { useState } from "react";
import { Button } from "antd";
import { FormOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { PointLevel } from "../../gql/graphql";
import type { Me } from "../../lib/auth";
import { Section } from "../../components/Page";
import { WithFeedback } from "../../lib/mutations";
import { IntakeForm } from "./intake/IntakeForm";
import { WindowQueue } from "./WindowQueue";
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

/** The case work of a window (C3–C8): register, and the queue by deadline. */
export function WindowCases({ me, window }: { me: Me | null | undefined; window: { code: string; pointCode: string; departmentCode?: string | null } }) {
  const { t } = useTranslation();
  if (!me || !readsQueue(me, window)) return null;
  const registers = (me.role === "WINDOW_CLERK" && me.window?.code === window.code) || (me.role === "TOWNSHIP_CLERK" && me.point.code === window.pointCode);
  return (
    <WithFeedback>
      {registers && <RegisterSection windowCode={window.code} />}
      <Section title={t("cases.queue.title")}>
        <WindowQueue windowCode={window.code} />
      </Section>
      {registers && me.role === "WINDOW_CLERK" && (
        <Section title={t("paper.handovers.title")}>
          <HandOverPrint pointCode={window.pointCode} />
        </Section>
      )}
    </WithFeedback>
  );
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
      {works && <RegisterSection />}
      {works && (
        <PointInbox
          pointCode={point.code}
          channel={village ? "VILLAGE_AGENT" : "WINDOW"}
          upTitle={t(village ? "cases.inbox.villageUp" : "cases.inbox.townshipUp")}
          downTitle={t(village ? "cases.inbox.villageDown" : "cases.inbox.townshipDown")}
        />
      )}
      {works && !village && (
        <Section title={t("cases.inbox.windows")}>
          <TownshipWindows pointCode={point.code} />
        </Section>
      )}
      {works && me.role === "TOWNSHIP_CLERK" && (
        <Section title={t("cases.decisions.title")}>
          <DecisionsAwaiting role={me.role} />
        </Section>
      )}
      {point.level !== "CITY" && (
        <Section title={t("paper.handovers.title")}>
          <HandOverPrint pointCode={point.code} />
        </Section>
      )}
      {point.level !== "CITY" && (
        <Section title={t("cases.ledger.title")}>
          <Ledger pointCode={point.code} />
        </Section>
      )}
    </WithFeedback>
  );
}

/** A department's case work: decisions under my letters (A3), joint opinions (C3.3), letters (A1). */
export function DepartmentCases({ me, departmentCode }: { me: Me | null | undefined; departmentCode: string }) {
  const { t } = useTranslation();
  if (!me) return null;
  const mine = me.department?.code === departmentCode;
  const decides = mine && (me.role === "DEPUTY_DIRECTOR" || me.role === "DIRECTOR");
  const opines = mine && (me.role === "SECTION_CHIEF" || me.role === "DEPUTY_DIRECTOR" || me.role === "DIRECTOR");
  const signs = mine && me.role === "DIRECTOR";
  const readsLetters = signs || me.role === "SUPERVISOR" || me.role === "CENTER_ADMIN";
  if (!decides && !opines && !readsLetters) return null;
  return (
    <WithFeedback>
      {decides && (
        <Section title={t("cases.decisions.title")}>
          <DecisionsAwaiting role={me.role} />
        </Section>
      )}
      {opines && (
        <Section title={t("cases.joint.title")}>
          <JointOpinionsAwaiting />
        </Section>
      )}
      {readsLetters && (
        <Section title={t("cases.letters.title")}>
          <LettersPanel departmentCode={departmentCode} canSign={signs} />
        </Section>
      )}
    </WithFeedback>
  );
}
