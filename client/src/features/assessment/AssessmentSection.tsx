import { BulletinsPanel } from "./BulletinsPanel";
import { FormulasPanel } from "./FormulasPanel";
import { RankingPanel } from "./RankingPanel";
import "./assessment.css";

/** The assessment part of /supervision (S3, S4, S8, C4); loaded only when an overseer opens the page. */
export function AssessmentSection({ canPublish }: { canPublish: boolean }) {
  return (
    <>
      <RankingPanel canPublish={canPublish} />
      <FormulasPanel canPublish={canPublish} />
      <BulletinsPanel canPublish={canPublish} />
    </>
  );
}
