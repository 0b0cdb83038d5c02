import { Max, Min } from "class-validator";
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, registerEnumType, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { verifyCaseRecords } from "../cases/case-core";
import { Case } from "../cases/case.entity";
import { BreakKind } from "./records";
import { recordsKeyOf } from "./records-key";
import { BREAK_TEXT } from "./records-tools";
import { verifyAllRecords } from "./records.service";

registerEnumType(BreakKind, {
  name: "RecordBreakKind",
  description: "How a record fails verification (the SPA and `npm run verify` name each in words).",
  valuesConfig: Object.fromEntries(Object.entries(BREAK_TEXT).map(([kind, text]) => [kind, { description: text }])),
});

@ObjectType({ description: "One place where the records do not verify: a case's timeline entry, case row or decision, or the audit log." })
export class RecordBreak {
  @Field(() => String, { nullable: true, description: "The case's number; null for the audit log." })
  caseNumber: string | null;

  @Field({ description: "case_event, case_file, decision, audit_entry or audit_head." })
  table: string;

  @Field(() => Int, { nullable: true, description: "The timeline entry's seq (case_event), or the row id (decision, audit_entry); null for the case row or the audit head." })
  row: number | null;

  @Field(() => BreakKind, { description: "What kind of break was found." })
  kind: BreakKind;

  @Field(() => String, { nullable: true, description: "CASE_FIELD_CHANGED: which column." })
  detail: string | null;
}

@ObjectType({ description: "Whether a case's records verify: its timeline chain, head, seal and decision." })
export class CaseIntegrity {
  @Field({ description: "True when the case's chain verifies." })
  ok: boolean;

  @Field(() => [RecordBreak], { description: "What is broken in this case's chain." })
  breaks: RecordBreak[];
}

@ObjectType({ description: "The result of verifying every case chain and the audit log." })
export class RecordsVerification {
  @Field({ description: "True when every chain verifies." })
  ok: boolean;

  @Field({ description: "Names the records key the records were checked with (a hash of it, not the key)." })
  keyId: string;

  @Field(() => Int, { description: "How many case chains were checked." })
  casesChecked: number;

  @Field(() => Int, { description: "How many case events were checked." })
  eventsChecked: number;

  @Field(() => Int, { description: "How many audit rows were checked." })
  auditRowsChecked: number;

  @Field(() => Int, { description: "All breaks found; `breaks` lists the first `first` of them." })
  breakCount: number;

  @Field(() => [RecordBreak], { description: "What is broken, cases first." })
  breaks: RecordBreak[];
}

@ArgsType()
class VerifyArgs {
  @Field(() => Int, { defaultValue: 100, description: "How many breaks to list, 1–200 (breakCount counts them all)." })
  @Min(1)
  @Max(200)
  first: number;
}

@Resolver(() => Case)
export class RecordsResolver {
  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => RecordsVerification, { description: "Verifies every case chain and the audit log (reads them all: minutes at a million cases) and lists the breaks, cases first." })
  async verifyRecords(
    @Ctx() ctx: RequestContext,
    @Args() { first }: VerifyArgs,
  ): Promise<RecordsVerification> {
    const em = ctx.db.manager;
    return verifyAllRecords(em, recordsKeyOf(em), first);
  }

  @FieldResolver(() => CaseIntegrity, { description: "Verified when read: the case's timeline chain, head, seal and decision. A break means the stored records were changed outside the system." })
  async integrity(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<CaseIntegrity> {
    const breaks = await verifyCaseRecords(ctx.db.manager, c);
    return { ok: breaks.length === 0, breaks };
  }
}
