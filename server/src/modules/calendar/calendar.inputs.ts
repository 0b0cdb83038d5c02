import { ArrayMaxSize, ArrayMinSize, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidateNested } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { DayKind } from "./calendar.entity";
import { isRealDate } from "./working-calendar";
import { MultiLine, Name } from "../../common/validation";

const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
const DATE_RULE = { message: "$property: a date as YYYY-MM-DD" };

/** A day that exists on the calendar (refuses 2026-02-30). */
function IsRealDate() {
  return ValidateBy({
    name: "isRealDate",
    validator: {
      validate: (value: unknown) => typeof value === "string" && isRealDate(value),
      defaultMessage: () => "$property: no such day",
    },
  });
}

@ArgsType()
export class CalendarYearArgs {
  @Field(() => Int, { description: "The year (2000–2100)." }) @Min(2000) @Max(2100) year: number;
}

@ArgsType()
export class CalendarDateArgs {
  @Field({ description: "YYYY-MM-DD" }) @Matches(DATE_FORMAT, DATE_RULE) @IsRealDate() date: string;
}

@InputType({ description: "A statutory holiday on a weekday, or a make-up working day on a weekend (C5)." })
export class CalendarDayInput {
  @Field({ description: "YYYY-MM-DD" }) @Matches(DATE_FORMAT, DATE_RULE) @IsRealDate() date: string;
  @Field(() => DayKind, { description: "Holiday or make-up working day." }) kind: DayKind;
  @Field({ description: "e.g. 国庆节" }) @Name() @MinLength(1) @MaxLength(40) name: string;
}

@InputType({ description: "A new year of the working calendar with all its holidays and make-up days, from the State Council's notice." })
export class AddCalendarYearInput {
  @Field(() => Int, { description: "The year to load." }) @Min(2000) @Max(2100) year: number;
  @Field({ description: "Where the days come from, e.g. 国办发明电〔2025〕7号 (the notice for 2026)." }) @MinLength(2) @MaxLength(100) source: string;
  @Field(() => [CalendarDayInput], { description: "Every exception day of the year; the year becomes usable for deadlines with them, at once." })
  @ArrayMinSize(1) @ArrayMaxSize(80) @ValidateNested({ each: true })
  days: CalendarDayInput[];
}

@ArgsType()
export class CalendarDayChangeArgs {
  @Field({ description: "Why the day is changed (kept with the day and in the audit log)." }) @MultiLine() @MinLength(2) @MaxLength(200) reason: string;
}

@InputType({ description: "One holiday of the State Council's notice: its name and the days off, first to last (weekends within them are off anyway)." })
export class NoticeHolidayInput {
  @Field({ description: "e.g. 春节" }) @Name() @MinLength(1) @MaxLength(40) name: string;
  @Field({ description: "First day off, YYYY-MM-DD." }) @Matches(DATE_FORMAT, DATE_RULE) @IsRealDate() firstDay: string;
  @Field({ description: "Last day off, YYYY-MM-DD." }) @Matches(DATE_FORMAT, DATE_RULE) @IsRealDate() lastDay: string;
}

@InputType({ description: "A make-up working day (调休上班) of the notice: a Saturday or Sunday worked." })
export class NoticeMakeupDayInput {
  @Field({ description: "YYYY-MM-DD" }) @Matches(DATE_FORMAT, DATE_RULE) @IsRealDate() date: string;
  @Field({ description: "The holiday it belongs to, e.g. 春节" }) @Name() @MinLength(1) @MaxLength(40) name: string;
}

@InputType({ description: "A year of the working calendar as the State Council's notice words it: holidays as ranges, and the make-up working days." })
export class AddCalendarYearFromNoticeInput {
  @Field(() => Int, { description: "The year the notice is for." }) @Min(2000) @Max(2100) year: number;
  @Field({ description: "The notice, e.g. 国办发明电〔2025〕7号." }) @Name() @MinLength(2) @MaxLength(100) source: string;
  @Field(() => [NoticeHolidayInput], { description: "The holidays the notice lists." }) @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) holidays: NoticeHolidayInput[];
  @Field(() => [NoticeMakeupDayInput], { description: "The make-up working days (调休) the notice lists.", defaultValue: [] }) @ArrayMaxSize(20) @ValidateNested({ each: true }) makeupDays: NoticeMakeupDayInput[];
}
