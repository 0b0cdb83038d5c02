import { ArrayMaxSize, ArrayMinSize, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidateNested } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { DayKind } from "./calendar.entity";
import { isRealDate } from "./working-calendar";
import { Name } from "../../common/validation";

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
