import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { Alert } from "antd";
import { useTranslation } from "react-i18next";

/** Told by an act's dialog when its act succeeded (ActDialog), with the dialog's title. */
export const ActDoneContext = createContext<((title: string) => void) | null>(null);
export const useActDone = () => useContext(ActDoneContext);

interface Departure {
  number: string;
  title: string;
}

/**
 * Rows do not vanish silently: after an act from a list row, the list says which case left it and
 * why (the act), until dismissed. `track(number)` wraps the row's dialogs.
 */
export function useDepartures() {
  const [gone, setGone] = useState<Departure[]>([]);
  const track = useCallback(
    (number: string, children: ReactNode) => (
      <ActDoneContext.Provider value={(title) => setGone((all) => [{ number, title }, ...all.filter((d) => d.number !== number)].slice(0, 5))}>{children}</ActDoneContext.Provider>
    ),
    [],
  );
  return { gone, track, dismiss: () => setGone([]) };
}

export function DeparturesNotice({ gone, onDismiss }: { gone: Departure[]; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (!gone.length) return null;
  return (
    <Alert
      className="departures"
      type="success"
      showIcon
      role="status"
      closable={{ "aria-label": t("workspace.departed.dismiss") }}
      onClose={onDismiss}
      title={
        <ul className="departures-list">
          {gone.map((d) => (
            <li key={d.number}>{t("workspace.departed.left", { title: d.title, number: d.number })}</li>
          ))}
        </ul>
      }
    />
  );
}
