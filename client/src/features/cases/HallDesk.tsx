import type { Me } from "../../lib/auth";
import { WithFeedback } from "../../lib/mutations";
import { ImmediateDesk } from "./ImmediateDesk";
import { ReviewsAwaiting } from "./ReviewsAwaiting";
import "./cases.css";

/**
 * The hall's desks of a department (issue 9 §2): the deputy's IMMEDIATE cases on duty, and the section
 * chief's reviews. Shown to those of the department only; what they may do is the server's answer.
 */
export function HallDesk({ me, departmentCode }: { me: Me | null | undefined; departmentCode: string }) {
  if (!me || me.department?.code !== departmentCode) return null;
  const decides = me.role === "DEPUTY_DIRECTOR" || me.role === "DIRECTOR";
  const reviews = me.role === "SECTION_CHIEF";
  if (!decides && !reviews) return null;
  return <WithFeedback>{decides ? <ImmediateDesk /> : <ReviewsAwaiting />}</WithFeedback>;
}

export default HallDesk;
