import { useTranslation } from "react-i18next";
import type { DeadlineState } from "../../gql/graphql";
import { ProvisionalMark } from "../cases/DeadlineMark";

/** A due day with its working-day warning in words (never colour alone): 即将到期 / 已超期. */
export function DueMark({ dueOn, provisional, state }: { dueOn: string | null | undefined; provisional?: boolean; state: DeadlineState }) {
  const { t } = useTranslation();
  if (!dueOn) return <>—</>;
  return (
    <span className={`due-mark due-${state.toLowerCase()}`}>
      {dueOn} <ProvisionalMark provisional={!!provisional} />
      {(state === "YELLOW" || state === "RED") && <strong className="due-state">（{t(`supervision.enums.DeadlineState.${state}`)}）</strong>}
    </span>
  );
}
