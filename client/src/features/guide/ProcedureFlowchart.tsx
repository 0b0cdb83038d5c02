import { useTranslation } from "react-i18next";

export interface FlowStep {
  id: string;
  seq: number;
  name: string;
  description?: string | null;
}

/**
 * 办事流程图: the published procedure drawn as a flowchart — boxes joined by arrows, in CSS only (styles.css
 * `.flowchart`). It is an ordered list, so a screen reader reads the steps in order; the arrows are decoration.
 * The boxes stack top to bottom and wrap their text, so the chart fits a 390 px phone.
 */
export function ProcedureFlowchart({ steps, immediate, promisedDays }: { steps: FlowStep[]; immediate: boolean; promisedDays: number }) {
  const { t } = useTranslation();
  const ordered = [...steps].sort((a, b) => a.seq - b.seq);
  if (!ordered.length) return <p>{t("guide.noProcedure")}</p>;
  return (
    <figure className="flowchart-figure">
      <figcaption className="flowchart-caption">{t("guide.search.flowchart")}</figcaption>
      <ol className="flowchart" aria-label={t("guide.search.flowchartLabel", { count: ordered.length })}>
        {ordered.map((step) => (
          <li key={step.id} className="flow-node">
            <span className="flow-seq">{t("guide.search.flowStep", { seq: step.seq })}</span>
            <strong className="flow-name">{step.name}</strong>
            {step.description && <span className="flow-description">{step.description}</span>}
          </li>
        ))}
        <li className="flow-node flow-end">
          <strong className="flow-name">
            {immediate ? t("guide.search.flowEndImmediate") : t("guide.search.flowEnd", { count: promisedDays })}
          </strong>
        </li>
      </ol>
    </figure>
  );
}
