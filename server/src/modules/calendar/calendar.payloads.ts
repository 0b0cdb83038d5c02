import { Field, Int, ObjectType } from "type-graphql";
import { UserError } from "../../common/payload";
import { CalendarDay, CalendarYear, DayKind } from "./calendar.entity";

@ObjectType({ description: "One year of the working calendar: its holidays on weekdays and make-up working days on weekends." })
export class WorkCalendar {
  @Field(() => Int, { description: "The year." }) year: number;
  @Field({ description: "True once the centre admin loaded the State Council's notice for the year (official)." })
  loaded: boolean;
  @Field({ description: "True for a year not loaded: its days are the statutory holidays computed by law, without 调休; deadlines counted on it are 暂定." })
  provisional: boolean;
  @Field(() => String, { nullable: true, description: "Where the year's days came from (for a provisional year: the rule it is computed by)." })
  source: string | null;
  @Field(() => [CalendarDay], { description: "The exception days, in date order (computed for a provisional year)." })
  days: CalendarDay[];
}

@ObjectType({ description: "Whether a day is a legal working day (C5)." })
export class WorkingDayInfo {
  @Field({ description: "The day (YYYY-MM-DD)." }) date: string;
  @Field({ description: "Whether the day's year is on the calendar (official)." }) loaded: boolean;
  @Field({ description: "Whether the answer comes from a provisional year (computed by law, to be confirmed by the State Council's notice)." }) provisional: boolean;
  @Field(() => Boolean, { nullable: true, description: "Whether the day is a working day (for a provisional year: as far as the law alone tells). Never null since provisional years exist." })
  workday: boolean | null;
  @Field(() => DayKind, { nullable: true, description: "Set when the day differs from the ordinary Monday–Friday week." })
  kind: DayKind | null;
  @Field(() => String, { nullable: true, description: "The holiday's name, e.g. 国庆节." })
  name: string | null;
}

@ObjectType({ description: "Result of setting a calendar day." })
export class CalendarDayPayload {
  @Field(() => CalendarDay, { description: "The day as recorded.", nullable: true }) day: CalendarDay | null;
  @Field(() => [String], { description: "Open cases whose due days were moved later by the change (their timelines say why)." })
  recomputedCases: string[];
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of clearing a calendar day: the exception that was removed." })
export class ClearCalendarDayPayload {
  @Field(() => CalendarDay, { description: "Whether the day had an entry that was removed.", nullable: true }) cleared: CalendarDay | null;
  @Field(() => [String], { description: "Open cases whose due days were moved later by the change (none: a day given back never shortens a due day told)." })
  recomputedCases: string[];
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "A year of the working calendar: official (its State Council notice is loaded) or provisional (computed by law)." })
export class CalendarYearInfo {
  @Field(() => Int, { description: "The year." }) year: number;
  @Field({ description: "True for a year without the State Council's notice on record: weekends plus the statutory holidays, no 调休." })
  provisional: boolean;
  @Field({ description: "Where the year's data came from, e.g. chinese-days 1.5.7 or the notice's number; for a provisional year the rule." })
  source: string;
  @Field(() => Date, { nullable: true, description: "When the official year was loaded; null for a provisional year." })
  loadedAt: Date | null;
}

@ObjectType({ description: "Result of adding a year to the working calendar." })
export class CalendarYearPayload {
  @Field(() => CalendarYear, { description: "The calendar year.", nullable: true }) calendarYear: CalendarYear | null;
  @Field(() => [String], { description: "Cases whose provisional due days were counted again on the new year (their timelines say how)." })
  recomputedCases: string[];
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "The holiday data package the calendar can load years from." })
export class CalendarPackage {
  @Field({ description: "e.g. chinese-days 1.5.7" }) source: string;
  @Field(() => [Int], { description: "The years it has the State Council's arrangements for." }) years: number[];
}
