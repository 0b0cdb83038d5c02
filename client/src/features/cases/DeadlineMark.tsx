import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DeadlineState } from "../../gql/graphql";
import "./cases.css";

const ICONS: Record<DeadlineState, React.ReactNode> = {
  ON_TIME: <CheckCircleOutlined aria-hidden />,
  YELLOW: <ClockCircleOutlined aria-hidden />,
  RED: <ExclamationCircleOutlined aria-hidden />,
  PAUSED: <PauseCircleOutlined aria-hidden />,
  NONE: null,
};

interface DeadlineMarkProps {
  state: DeadlineState;
  deadline?: string | null;
  remaining?: number | null;
}

/**
 * The deadline with its warning (C5). Colour is never the only signal: an icon and words
 * ("即将到期", "已超期", "暂停计时") say the same for readers who cannot tell red from yellow.
 */
export function DeadlineMark({ state, deadline, remaining }: DeadlineMarkProps) {
  const { t } = useTranslation();
  const words =
    state === "RED"
      ? t("cases.deadline.overdue", { count: Math.abs(remaining ?? 0) })
      : state === "YELLOW"
        ? t("cases.deadline.soon", { count: remaining ?? 0 })
        : state === "ON_TIME"
          ? t("cases.deadline.left", { count: remaining ?? 0 })
          : state === "PAUSED"
            ? t("cases.deadline.paused")
            : null;
  return (
    <span className={`deadline-mark deadline-${state.toLowerCase()}`}>
      {deadline && <span className="deadline-date">{deadline}</span>}
      {words && (
        <span className="deadline-words">
          {ICONS[state]} {words}
        </span>
      )}
      {!deadline && !words && "—"}
    </span>
  );
}
