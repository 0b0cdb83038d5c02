import { useQuery } from "@apollo/client/react";
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../../gql";
import { describeError } from "../../../lib/errors";

const IntakeCheckDocument = graphql(`
  query IntakeCheck($itemCode: String!, $materialIds: [ID!]!) {
    intakeCheck(itemCode: $itemCode, materialIds: $materialIds) {
      proposedKind
      missing {
        id
        name
      }
      handlingPoint {
        id
        name
      }
      window {
        id
        code
        name
      }
    }
  }
`);

/**
 * What the server says before registering: the window that will accept the item (C2, N4), the
 * required materials still missing and the proposed kind (SUPPLEMENT when something is missing).
 * Announced politely to screen readers as the clerk ticks materials.
 */
export function IntakeCheckPanel({ itemCode, materialIds }: { itemCode: string; materialIds: string[] }) {
  const { t } = useTranslation();
  const { data, previousData, error } = useQuery(IntakeCheckDocument, { variables: { itemCode, materialIds } });
  const check = (data ?? previousData)?.intakeCheck;

  return (
    <div role="status" aria-live="polite" className="intake-check">
      {error && !data && (
        <Alert
          type="warning"
          showIcon
          // Why the item cannot be taken in here (e.g. a township item at the city, C2), from the refusal's reason.
          title={describeError(error, t)}
        />
      )}
      {check && (
        <Alert
          type={check.missing.length ? "warning" : "success"}
          showIcon
          title={t("cases.intake.proposedKind", { kind: t(`enums.CaseKind.${check.proposedKind}`) })}
          description={
            <>
              <p className="case-event-summary">
                {t("cases.intake.route", { point: check.handlingPoint.name, window: `${check.window.name}（${check.window.code}）` })}
              </p>
              <p className="case-event-summary">
                {check.missing.length
                  ? t("cases.intake.missing", { list: check.missing.map((m) => m.name).join("、") })
                  : t("cases.intake.complete")}
              </p>
            </>
          }
        />
      )}
    </div>
  );
}
