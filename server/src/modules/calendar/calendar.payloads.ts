import { Field, Int, ObjectType } from "type-graphql";
import { UserError } from "../../common/payload";
import { CalendarDay, CalendarYear, DayKind } from "./calendar.entity";

@ObjectType({ description: "One year of the working calendar: its holidays on weekdays and make-up working days on weekends." })
export class WorkCalendar {
  @Field(() => Int) year: number;
  @Field({ description: "False until the centre admin loads the year; deadlines cannot reach an unloaded year (C5)." })
  loaded: boolean;
  @Field(() => String, { nullable: true, description: "Where the year's days came from; null when not loaded." })
  source: string | null;
  @Field(() => [CalendarDay], { description: "The exception days, in date order." })
  days: CalendarDay[];
}

@ObjectType({ description: "Whether a day is a legal working day (C5)." })
export class WorkingDayInfo {
  @Field() date: string;
  @Field({ description: "Whether the day's year is on the calendar." }) loaded: boolean;
  @Field(() => Boolean, { nullable: true, description: "Null when the year is not loaded: then nobody knows yet." })
  workday: boolean | null;
  @Field(() => DayKind, { nullable: true, description: "Set when the day differs from the ordinary Monday–Friday week." })
  kind: DayKind | null;
  @Field(() => String, { nullable: true, description: "The holiday's name, e.g. 国庆节." })
  name: string | null;
}

@ObjectType({ description: "Result of setting a calendar day." })
export class CalendarDayPayload {
  @Field(() => CalendarDay, { nullable: true }) day: CalendarDay | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType({ description: "Result of clearing a calendar day: the exception that was removed." })
export class ClearCalendarDayPayload {
  @Field(() => CalendarDay, { nullable: true }) cleared: CalendarDay | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType({ description: "Result of adding a year to the working calendar." })
export class CalendarYearPayload {
  @Field(() => CalendarYear, { nullable: true }) calendarYear: CalendarYear | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
