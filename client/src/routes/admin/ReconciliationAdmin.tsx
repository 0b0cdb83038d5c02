import { useState } from "react";
import { useTranslation } from "react-i18next";
import { chinaToday } from "../../features/fees/money";
import { Reconciliation } from "../../features/fees/Reconciliation";

/** F6: every finance window's day, closed by the centre's finance supervisor. */
export function ReconciliationAdmin() {
  const { t } = useTranslation();
  const [day, setDay] = useState(chinaToday);
  return (
    <>
      <div className="filter-field fee-day fee-day-bar">
        <label htmlFor="reconciliation-day">{t("fees.finance.pickDay")}</label>
        <input id="reconciliation-day" type="date" className="native-select" value={day} max={chinaToday()} onChange={(e) => setDay(e.target.value || chinaToday())} />
      </div>
      <Reconciliation day={day} canClose />
    </>
  );
}
