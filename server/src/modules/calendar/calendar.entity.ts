import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum DayKind {
  HOLIDAY = "HOLIDAY",
  MAKEUP_WORKDAY = "MAKEUP_WORKDAY",
}
registerEnumType(DayKind, {
  name: "DayKind",
  description: "An exception to the Monday–Friday working week (C5).",
  valuesConfig: {
    HOLIDAY: { description: "法定节假日: a weekday off" },
    MAKEUP_WORKDAY: { description: "调休上班: a weekend day worked" },
  },
});

@ObjectType({ description: "A day that differs from the ordinary week: a statutory holiday or a make-up working day." })
@Entity("calendar_day")
export class CalendarDay {
  @Field({ description: "YYYY-MM-DD" })
  @PrimaryColumn({ type: "varchar", length: 10 })
  date: string;

  @Field(() => DayKind, { description: "Holiday or make-up working day." })
  @Column({ type: "varchar", length: 16 })
  kind: DayKind;

  @Field({ description: "e.g. 国庆节" })
  @Column({ type: "varchar", length: 40 })
  name: string;

  @Column({ type: Date })
  updatedAt: Date;

  @Column({ type: "varchar", length: 40 })
  updatedBy: string;

  @Field(() => String, { nullable: true, description: "Why an admin set the day by hand (null for days loaded with their year)." })
  @Column({ type: "varchar", length: 200, nullable: true })
  reason: string | null;
}

@ObjectType({ description: "An official year: the State Council's holiday notice for it is on record. Other years are provisional (computed by law)." })
@Entity("calendar_year")
export class CalendarYear {
  @Field({ description: "The year." })
  @PrimaryColumn({ type: "integer" })
  year: number;

  @Field({ description: "Where the year's data came from, e.g. chinese-days 1.5.7, or an admin." })
  @Column({ type: "varchar", length: 100 })
  source: string;

  @Field({ description: "When it was loaded." })
  @Column({ type: Date })
  loadedAt: Date;
}
