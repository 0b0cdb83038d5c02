import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../../gql";

export const NextStepFragment = graphql(`
  fragment NextStep_case on Case {
    forwardedTo
    nextStep {
      code
      holder
      person
      waitingFor
      yours
      point {
        id
        code
        name
      }
      window {
        id
        code
        name
      }
      department {
        id
        code
        name
      }
    }
  }
`);

/**
 * Who holds the case now and what happens next, as the server derives it from the case's state and
 * the case policy (Case.nextStep). Said first on the case page; when the next step is not the
 * reader's, it says so, so a page without buttons is never a dead end.
 */
export function NextStep(props: { case: FragmentType<typeof NextStepFragment> }) {
  const { t } = useTranslation();
  const c = getFragmentData(NextStepFragment, props.case);
  const s = c.nextStep;
  const windowText = s.window ? `${s.point ? `${s.point.name} ` : ""}${s.window.code} ${s.window.name}` : "";
  const place = windowText || s.point?.name || "";
  const person = s.person ? t("workspace.next.person", { name: s.person }) : "";
  const who = {
    POINT: `${s.point?.name ?? ""}${person}`,
    WINDOW: `${windowText}${person}`,
    DEPARTMENT: s.department?.name ?? "",
    APPLICANT: t("workspace.next.applicant"),
    HIGHER_AUTHORITY: c.forwardedTo ?? t("workspace.next.higher"),
    CENTER_ADMIN: t("workspace.next.admin"),
    NONE: "—",
  }[s.holder];
  const done = s.code === "DONE";
  return (
    <Alert
      className="next-step"
      type={s.yours ? "info" : done ? "success" : "warning"}
      showIcon
      title={
        <>
          <p className="next-step-holder">
            <strong>{t("workspace.next.holder")}</strong>
            {who}
          </p>
          <p className="next-step-what">
            <strong>{t("workspace.next.what")}</strong>
            {t(`workspace.next.code.${s.code}`, { who, place, count: s.waitingFor })}
          </p>
          {!done && <p className="next-step-yours">{t(s.yours ? "workspace.next.yours" : "workspace.next.notYours")}</p>}
        </>
      }
    />
  );
}
