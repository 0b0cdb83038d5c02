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
  /** Counted on a provisional year (no State Council notice on record yet). */
  provisional?: boolean | null;
}

/** "暂定" after a due day counted on a provisional year, with the reason in words (not only on hover). */
export function ProvisionalMark({ provisional }: { provisional?: boolean | null }) {
  const { t } = useTranslation();
  if (!provisional) return null;
  return (
    <span className="deadline-provisional" title={t("cases.deadline.provisionalHelp")}>
      {t("cases.deadline.provisional")}
      <span className="visually-hidden">{t("cases.deadline.provisionalHelp")}</span>
    </span>
  );
}

/**
 * The deadline with its warning (C5). Colour is never the only signal: an icon and words
 * ("即将到期", "已超期", "暂停计时") say the same for readers who cannot tell red from yellow.
 */
export function DeadlineMark({ state, deadline, remaining, provisional }: DeadlineMarkProps) {
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
      {deadline && <ProvisionalMark provisional={provisional} />}
      {words && (
        <span className="deadline-words">
          {ICONS[state]} {words}
        </span>
      )}
      {!deadline && !words && "—"}
    </span>
  );
}
