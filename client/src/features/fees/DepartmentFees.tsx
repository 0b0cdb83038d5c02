import { useTranslation } from "react-i18next";
import type { Me } from "../../lib/auth";
import { Section } from "../../components/Page";
import { WithFeedback } from "../../lib/mutations";
import { DepartmentTicketBooks } from "./TicketBooks";
import "./fees.css";

/** A department's tickets (F5): its books, their usage and audits; its director applies for a new one. */
export function DepartmentFees({ me, department }: { me: Me | null | undefined; department: { code: string; name: string } }) {
  const { t } = useTranslation();
  if (!me) return null;
  const mine = me.department?.code === department.code;
  if (!mine && me.role !== "CENTER_ADMIN" && me.role !== "SUPERVISOR") return null;
  return (
    <WithFeedback>
      <Section title={t("fees.books.title")}>
        <DepartmentTicketBooks departmentCode={department.code} departmentName={department.name} director={mine && me.role === "DIRECTOR"} />
      </Section>
    </WithFeedback>
  );
}
