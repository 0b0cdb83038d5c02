import { useState } from "react";
import { useTranslation } from "react-i18next";
import { chinaToday } from "../../features/fees/money";
import { Reconciliation } from "../../features/fees/Reconciliation";
import { DayPicker } from "../../components/DayPicker";

/** F6: every finance window's day, closed by the centre's finance supervisor. */
export function ReconciliationAdmin() {
  const { t } = useTranslation();
  const [day, setDay] = useState(chinaToday);
  return (
    <>
      <div className="filter-field fee-day fee-day-bar">
        <label htmlFor="reconciliation-day">{t("fees.finance.pickDay")}</label>
        <DayPicker id="reconciliation-day" value={day} max={chinaToday()} onChange={(v) => setDay(v || chinaToday())} />
      </div>
      <Reconciliation day={day} canClose />
    </>
  );
}
