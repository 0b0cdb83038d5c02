import { Field, Float, Int, ObjectType } from "type-graphql";
import type { RequestContext } from "../../common/context";
import { CaseKind } from "../catalogue/enums";
import { completedSql } from "../cases/case-rules";
import { completionPercent } from "./supervision.rules";

@ObjectType({ description: "Cases of one kind (C4) in the supervisor's figures." })
export class KindCount {
  @Field(() => CaseKind, { nullable: true, description: "null: registered, not yet accepted (no kind yet)." })
  kind: CaseKind | null;

  @Field(() => Int, { description: "How many cases of this kind." })
  count: number;
}

@ObjectType({ description: "The supervisor's figures (§2, S1, S2, S5), computed from the records at the time of the query." })
export class SupervisionDashboard {
  @Field(() => Int, { description: "Cases registered (受理), all of the record." })
  registered: number;

  @Field(() => Int, { description: "Cases closed (办结: delivered and closed out, C7; a voided registration is not counted)." })
  closed: number;

  @Field(() => Float, { description: "办结率 in percent, one decimal: closed ÷ registered." })
  completionRate: number;

  @Field(() => [KindCount], { description: "Cases by kind (即办/承办/联办/上报/退回/补办, C4), most first." })
  byKind: KindCount[];

  @Field(() => Int, { description: "Citizen evaluations (好差评)." })
  evaluations: number;

  @Field(() => Float, { nullable: true, description: "Their average rating (5 best), two decimals; null without any." })
  evaluationAverage: number | null;

  @Field(() => Int, { description: "Poor ratings (1–2) that opened a rectification." })
  rectifications: number;

  @Field(() => Int, { description: "Complaints received." })
  complaints: number;

  @Field(() => Int, { description: "Complaints closed as upheld." })
  complaintsUpheld: number;

  @Field(() => Int, { description: "Fault records in force (recorded, less those reversed)." })
  faults: number;
}

export const dashboardService = {
  async figures(ctx: RequestContext): Promise<SupervisionDashboard> {
    const q = (sql: string) => ctx.db.manager.query(sql) as Promise<Record<string, unknown>[]>;
    const [cases] = await q(`SELECT COUNT(*) AS registered, SUM(CASE WHEN ${completedSql("c")} THEN 1 ELSE 0 END) AS closed FROM case_file c`);
    const kinds = await q(`SELECT kind, COUNT(*) AS n FROM case_file GROUP BY kind`);
    const [evaluations] = await q(`SELECT COUNT(*) AS n, AVG(rating * 1.0) AS average FROM evaluation`);
    const [rectifications] = await q(`SELECT COUNT(*) AS n FROM rectification`);
    const [complaints] = await q(`SELECT COUNT(*) AS n, SUM(CASE WHEN outcome = 'UPHELD' THEN 1 ELSE 0 END) AS upheld FROM complaint`);
    const [faults] = await q(`SELECT SUM(CASE WHEN "reversalOfId" IS NULL THEN 1 ELSE -1 END) AS n FROM fault_record`);
    const registered = Number(cases.registered), closed = Number(cases.closed ?? 0);
    const evaluated = Number(evaluations.n);
    return {
      registered,
      closed,
      completionRate: completionPercent(closed, registered),
      byKind: kinds.map((k) => ({ kind: (k.kind as CaseKind | null) ?? null, count: Number(k.n) })).sort((a, b) => b.count - a.count || String(a.kind).localeCompare(String(b.kind))),
      evaluations: evaluated,
      evaluationAverage: evaluated ? Math.round(Number(evaluations.average) * 100) / 100 : null,
      rectifications: Number(rectifications.n),
      complaints: Number(complaints.n),
      complaintsUpheld: Number(complaints.upheld ?? 0),
      faults: Number(faults.n ?? 0),
    };
  },
};
