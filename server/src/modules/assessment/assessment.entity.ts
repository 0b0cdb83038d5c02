import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** What is scored (S3): a city window, a department, a township centre, or a staff member (for 服务标兵). */
export enum AssessmentUnitType {
  WINDOW = "WINDOW",
  DEPARTMENT = "DEPARTMENT",
  TOWNSHIP = "TOWNSHIP",
  STAFF = "STAFF",
}
registerEnumType(AssessmentUnitType, {
  name: "AssessmentUnitType",
  description: "What a score is about (S3).",
  valuesConfig: {
    WINDOW: { description: "市中心窗口" },
    DEPARTMENT: { description: "部门" },
    TOWNSHIP: { description: "乡镇便民服务中心" },
    STAFF: { description: "窗口工作人员 (服务标兵)" },
  },
});

/** 年终等次 (S8). */
export enum AssessmentGrade {
  EXCELLENT = "EXCELLENT",
  GOOD = "GOOD",
  PASS = "PASS",
  FAIL = "FAIL",
}
registerEnumType(AssessmentGrade, {
  name: "AssessmentGrade",
  description: "Year-end grade (年终等次, S8) by the thresholds of the formula version.",
  valuesConfig: { EXCELLENT: { description: "优秀" }, GOOD: { description: "良好" }, PASS: { description: "合格" }, FAIL: { description: "不合格" } },
});

/** A published version of the scoring formula (S3). Never updated: a change is a new version. */
@ObjectType({ description: "A published, versioned scoring formula (S3): weights in percent (sum 100), deductions, how many red flags and service models, grade thresholds." })
@Entity("scoring_formula")
export class ScoringFormula {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int, { description: "The formula's version." }) @Column({ type: "integer", unique: true }) version: number;
  @Field(() => Int, { description: "Weight of the on-time rate (按时办结率), percent." }) @Column({ type: "integer" }) weightOnTime: number;
  @Field(() => Int, { description: "Weight of the completion rate (办结率 = closed ÷ registered), percent." }) @Column({ type: "integer" }) weightCompletion: number;
  @Field(() => Int, { description: "Weight of satisfaction (share of ratings 4–5), percent." }) @Column({ type: "integer" }) weightSatisfaction: number;
  @Field(() => Int, { description: "Weight of the complaints component, percent." }) @Column({ type: "integer" }) weightComplaints: number;
  @Field(() => Int, { description: "Weight of the faults component, percent." }) @Column({ type: "integer" }) weightFaults: number;
  @Field(() => Int, {
    description:
      "Weight of the inspection score (检查验收, S7), percent; applies to township centres with an inspection on record by the period's end. Elsewhere the other weights share the whole score in proportion. 0 before version 2.",
  })
  @Column({ type: "integer", default: 0 })
  weightInspection: number;
  @Field(() => Int, { description: "Percent of the complaints component lost per upheld complaint." }) @Column({ type: "integer" }) complaintDeduction: number;
  @Field(() => Int, { description: "Percent of the faults component lost per fault record (not reversed)." }) @Column({ type: "integer" }) faultDeduction: number;
  @Field(() => Int, { description: "流动红旗: this many top city windows each quarter." }) @Column({ type: "integer" }) redFlagCount: number;
  @Field(() => Int, { description: "服务标兵: this many top staff members each quarter." }) @Column({ type: "integer" }) serviceModelCount: number;
  @Field(() => Int, { description: "优秀 from this score (points of 100)." }) @Column({ type: "integer" }) excellentFrom: number;
  @Field(() => Int, { description: "良好 from this score." }) @Column({ type: "integer" }) goodFrom: number;
  @Field(() => Int, { description: "合格 from this score; below is 不合格." }) @Column({ type: "integer" }) passFrom: number;
  @Field(() => String, { description: "What changed, in words.", nullable: true }) @Column({ type: "text", nullable: true }) note: string | null;
  @Field({ description: "When the version was published." }) @Column({ type: Date }) publishedAt: Date;
  @Column({ type: "integer", nullable: true }) publishedById: number | null;
}

/** A published quarter or year (S3): its figures are stored with the formula version, never recomputed in place. */
@ObjectType({ description: "A published assessment period with the formula version it was scored by." })
@Entity("assessment_period")
export class AssessmentPeriod {
  @PrimaryGeneratedColumn()
  id: number;
  @Field({ description: "2026Q3 or 2026." }) @Column({ type: "varchar", length: 7, unique: true }) period: string;
  @Field(() => Int, { description: "The version of the scoring formula used." }) @Column({ type: "integer" }) formulaVersion: number;
  @Field({ description: "When the period was published." }) @Column({ type: Date }) publishedAt: Date;
  @Column({ type: "integer", nullable: true }) publishedById: number | null;
}

/** One unit's figures and score in a period (stored when the period is published; the same shape is computed on demand). */
@ObjectType({ description: "One unit's figures, score, rank, red flag / service model and grade in a period (S3, S8)." })
@Entity("assessment_score")
@Index(["periodId", "unitType", "unitId"], { unique: true })
export class AssessmentScore {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ type: "integer" }) periodId: number;
  @Field(() => AssessmentUnitType, { description: "The kind of unit scored." }) @Column({ type: "varchar", length: 12 }) unitType: AssessmentUnitType;
  @Field(() => Int, { description: "The unit's database id (window, township or village station)." }) @Column({ type: "integer" }) unitId: number;
  @Field({ description: "The unit's code (window/department/point code, staff username)." }) @Column({ type: "varchar", length: 40 }) unitCode: string;
  @Field({ description: "The unit's name at the time of scoring." }) @Column({ type: "varchar", length: 100 }) unitName: string;
  @Field(() => Int, { description: "Cases registered in the period." }) @Column({ type: "integer" }) cases: number;
  @Field(() => Int, { description: "Of them, closed (销号) before the period ended." }) @Column({ type: "integer" }) closed: number;
  @Field(() => Int, { description: "Of them, decided before the period ended." }) @Column({ type: "integer" }) decided: number;
  @Field(() => Int, { description: "Of the decided, without an OVERDUE fault (not reversed) by the period's end." }) @Column({ type: "integer" }) onTime: number;
  @Field(() => Int, { description: "Evaluations given in the period about the unit's cases." }) @Column({ type: "integer" }) evaluations: number;
  @Field(() => Int, { description: "Of them, rated 4 or 5." }) @Column({ type: "integer" }) satisfied: number;
  @Field(() => Int, { description: "Complaints closed as upheld in the period." }) @Column({ type: "integer" }) upheldComplaints: number;
  @Field(() => Int, { description: "Fault records in the period (other than upheld complaints), not reversed by its end." }) @Column({ type: "integer" }) faults: number;
  /**
   * Township centres under a formula with an inspection weight: the inspection score (S7) as of the period's end,
   * in tenths of a point (0–1000); null when the formula has no such weight, the unit is not a township, or none was inspected.
   */
  @Column({ type: "integer", nullable: true }) inspectionTenths: number | null;
  /** Score in hundredths of a point (0–10000): integer arithmetic keeps recomputation exact. */
  @Column({ type: "integer" }) scoreHundredths: number;
  @Field(() => Int, { description: "Rank among the units of its type (1 = best)." }) @Column({ type: "integer" }) rank: number;
  @Field({ description: "流动红旗 (windows)." }) @Column({ type: "boolean" }) redFlag: boolean;
  @Field({ description: "服务标兵 (staff)." }) @Column({ type: "boolean" }) serviceModel: boolean;
  @Field(() => AssessmentGrade, { nullable: true, description: "Year-end grade; annual periods only." }) @Column({ type: "varchar", length: 10, nullable: true }) grade: AssessmentGrade | null;

  @Field(() => Float, { nullable: true, description: "Township centres: the inspection score (检查验收, S7, out of 100, one decimal) this score counted; null when not counted." })
  get inspection(): number | null {
    return this.inspectionTenths == null ? null : this.inspectionTenths / 10;
  }

  @Field(() => Float, { description: "Score out of 100, two decimals." })
  get score(): number {
    return this.scoreHundredths / 100;
  }
}

export enum BulletinKind {
  MONTH = "MONTH",
  QUARTER = "QUARTER",
}
registerEnumType(BulletinKind, { name: "BulletinKind", description: "定期通报: monthly or quarterly (S4).", valuesConfig: { MONTH: { description: "月度通报" }, QUARTER: { description: "季度通报" } } });

/** 定期通报 (S4): a generated PDF, kept; public once published. */
@ObjectType({ implements: Node, description: "定期通报 (S4): a generated bulletin; public at /bulletins once published." })
@Entity("bulletin")
export class Bulletin {
  @Field(() => ID, DB_ID_FIELD) @PrimaryGeneratedColumn() id: number;
  @Field(() => BulletinKind, { description: "Monthly, quarterly or yearly." }) @Column({ type: "varchar", length: 8 }) kind: BulletinKind;
  @Field({ description: "2026-11 or 2026Q3." }) @Column({ type: "varchar", length: 7 }) period: string;
  @Field({ description: "The bulletin's title." }) @Column({ type: "varchar", length: 100 }) title: string;
  /** The PDF, base64 (one text column on both engines). */
  @Column({ type: "text" }) pdf: string;
  @Field({ description: "When it was generated." }) @Column({ type: Date }) generatedAt: Date;
  @Column({ type: "integer", nullable: true }) generatedById: number | null;
  @Field(() => Date, { description: "When it was published; null while a draft.", nullable: true }) @Index() @Column({ type: Date, nullable: true }) publishedAt: Date | null;
  @Column({ type: "integer", nullable: true }) publishedById: number | null;

  @Field({ description: "Where the PDF is downloaded (public once published)." })
  get pdfUrl(): string {
    return `/documents/bulletins/${this.id}.pdf`;
  }
}

export const assessmentEntities = [ScoringFormula, AssessmentPeriod, AssessmentScore, Bulletin];
