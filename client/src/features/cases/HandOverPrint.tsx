import { useState } from "react";
import { Button } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { chinaDate } from "./format";

/**
 * 移交清单 (issue 9 §3): the hand-over list of every case this point passed on during a day — files
 * going up and results coming back — with signature lines for both sides. The server (H1) decides
 * who may print it and which rows they see; a day without hand-overs answers 404 in the new tab.
 */
export function HandOverPrint({ pointCode }: { pointCode: string }) {
  const { t } = useTranslation();
  const today = chinaDate(new Date());
  const [day, setDay] = useState(today);
  const id = `handover-day-${pointCode}`;
  return (
    <div className="handover-print">
      <p className="case-muted">{t("paper.handovers.help")}</p>
      <div className="filter-field">
        <label htmlFor={id}>{t("paper.handovers.day")}</label>
        <input id={id} type="date" className="native-select" value={day} max={today} onChange={(e) => setDay(e.target.value || today)} />
      </div>
      <Button
        href={`/documents/handovers/${pointCode}/${day}.pdf`}
        target="_blank"
        rel="noopener"
        icon={<PrinterOutlined aria-hidden />}
        aria-label={t("paper.handovers.printOf", { day })}
      >
        {t("paper.handovers.print")}
      </Button>
    </div>
  );
}
