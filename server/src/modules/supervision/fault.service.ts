import type { RequestContext } from "../../common/context";
import { notFound, UserErrorCode } from "../../common/errors";
import { paginate, type PageArgs, type SortKey } from "../../common/pagination";
import { appendAudit } from "../audit/audit.service";
import { loadCalendar } from "../calendar/calendar.service";
import { chinaDate, yellowUntil } from "../calendar/working-calendar";
import { policyCaller } from "../cases/case-access";
import { caseScope } from "../cases/case-policy";
import { Case } from "../cases/case.entity";
import { DEADLINE_KEY } from "../cases/case.queries";
import { FaultRecord } from "../cases/case-records.entity";
import { CaseStatus } from "../cases/case.enums";
import { Department } from "../catalogue/department.entity";
import { ServiceWindow } from "../network/service-window.entity";
import type { FaultFilterArgs, ReverseFaultInput } from "./supervision.inputs";
import { refusal, type Refusal } from "./supervision.rules";

const NEWEST: SortKey<FaultRecord> = { expr: "f.id", dir: "DESC", of: (f) => f.id, type: "int" };
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

const s5 = (code: UserErrorCode, reason: Refusal, message: string) => refusal(code, "S5", reason, message, ["input", "id"]);

export const faultService = {
  /** S5: fault records, newest first, by unit, kind and period. */
  async list(ctx: RequestContext, args: FaultFilterArgs) {
    const em = ctx.db.manager;
    const qb = em.getRepository(FaultRecord).createQueryBuilder("f");
    if (args.departmentCode) {
      const d = await em.getRepository(Department).findOneBy({ code: args.departmentCode.trim().toUpperCase() });
      if (!d) throw notFound("DEPARTMENT_NOT_FOUND", { code: args.departmentCode }, "departmentCode");
      qb.andWhere("f.departmentId = :dept", { dept: d.id });
    }
    if (args.windowCode) {
      const w = await em.getRepository(ServiceWindow).findOneBy({ code: args.windowCode.trim().toUpperCase() });
      if (!w) throw notFound("WINDOW_NOT_FOUND", { code: args.windowCode }, "windowCode");
      qb.andWhere("f.windowId = :win", { win: w.id });
    }
    if (args.kind) qb.andWhere("f.kind = :kind", { kind: args.kind });
    if (args.from) qb.andWhere("f.at >= :from", { from: dayStart(args.from) });
    if (args.to) qb.andWhere("f.at < :to", { to: new Date(dayStart(args.to).getTime() + 86_400_000) });
    return paginate(qb, args, NEWEST);
  },

  /** S5: a reversal is a new record with the reason; the reversed one stays. Once per record. */
  reverse(ctx: RequestContext, input: ReverseFaultInput) {
    return ctx.db.transaction(async (em) => {
      const original = await em.getRepository(FaultRecord).findOneBy({ id: Number(input.id) });
      if (!original) throw s5(UserErrorCode.NOT_FOUND, "FAULT_NOT_FOUND", `没有编号为 ${input.id} 的过错记录。 No such fault record.`);
      if (original.reversalOfId !== null) throw s5(UserErrorCode.RULE_VIOLATION, "REVERSAL_NOT_REVERSIBLE", "撤销记录本身不能再撤销。 A reversal is not reversed.");
      if (await em.getRepository(FaultRecord).existsBy({ reversalOfId: original.id })) {
        throw s5(UserErrorCode.DUPLICATE, "ALREADY_REVERSED", "该过错记录已撤销。 Already reversed.");
      }
      const reversal = await em.getRepository(FaultRecord).save({
        kind: original.kind,
        departmentId: original.departmentId,
        windowId: original.windowId,
        staffId: original.staffId,
        // The reversed record keeps the case; the reversal reaches it through reversalOf (the unique key allows one per case).
        caseId: null,
        complaintId: original.complaintId,
        rectificationId: original.rectificationId,
        reversalOfId: original.id,
        at: ctx.clock.now(),
        note: input.reason,
      });
      await appendAudit(ctx, em, "fault.reverse", "FaultRecord", original.id, { reversal: reversal.id });
      return reversal;
    });
  },

  /**
   * C5 per unit: each window's cases in review whose clock runs (no open pause) and is YELLOW (due today up to the
   * last yellow day, working-calendar.ts yellowUntil) or RED (past due) — the window queue's marks, counted in SQL.
   * Windows with neither are left out; most red first. In the case policy's scope.
   */
  async deadlineWarnings(ctx: RequestContext): Promise<{ windowId: number; yellow: number; red: number }[]> {
    const today = chinaDate(ctx.clock.now());
    const until = yellowUntil(today, await loadCalendar(ctx));
    const qb = ctx.db.manager
      .getRepository(Case)
      .createQueryBuilder("c")
      .select("c.windowId", "windowId")
      .addSelect("SUM(CASE WHEN c.deadline >= :today AND c.deadline <= :until THEN 1 ELSE 0 END)", "yellow")
      .addSelect("SUM(CASE WHEN c.deadline < :today THEN 1 ELSE 0 END)", "red")
      .where("c.status = :s AND c.deadline IS NOT NULL AND c.deadline <= :until", { s: CaseStatus.IN_REVIEW, today, until })
      .andWhere(`NOT EXISTS (SELECT 1 FROM case_pause p WHERE p."caseId" = c.id AND p."endedOn" IS NULL)`)
      .groupBy("c.windowId");
    const scope = caseScope(policyCaller(ctx.actor), "c");
    if (scope) qb.andWhere(scope.where, scope.params);
    const rows: { windowId: unknown; yellow: unknown; red: unknown }[] = await qb.getRawMany();
    return rows
      .map((r) => ({ windowId: Number(r.windowId), yellow: Number(r.yellow ?? 0), red: Number(r.red ?? 0) }))
      .filter((r) => r.yellow + r.red > 0)
      .sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.windowId - b.windowId);
  },

  /** Cases past their limit and still undecided (red), across the network for overseers (the case policy's scope). */
  overdueCases(ctx: RequestContext, args: PageArgs) {
    const today = chinaDate(ctx.clock.now());
    // IN_REVIEW literally and the deadline key's range (the key starts with the deadline, never null here): the
    // partial index IDX_case_file_review_key serves the page in order. The same range on the deadline itself lets
    // the count read (status, deadline) for just the overdue cases (the planner has no statistics for the key).
    const qb = ctx.db.manager
      .getRepository(Case)
      .createQueryBuilder("c")
      .where(`c.status = '${CaseStatus.IN_REVIEW}' AND c.deadline < :today AND ${DEADLINE_KEY.expr} < :today`, { today });
    const scope = caseScope(policyCaller(ctx.actor), "c");
    if (scope) qb.andWhere(scope.where, scope.params);
    return paginate(qb, args, DEADLINE_KEY);
  },
};
