import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { toPayload } from "../../common/payload";
import { AddCalendarYearInput, CalendarDateArgs, CalendarDayInput, CalendarYearArgs } from "./calendar.inputs";
import { CalendarDayPayload, CalendarYearInfo, CalendarYearPayload, ClearCalendarDayPayload, WorkCalendar, WorkingDayInfo } from "./calendar.payloads";
import { calendarService } from "./calendar.service";

@Resolver()
export class CalendarResolver {
  @Allow("PUBLIC")
  @Query(() => WorkCalendar, { description: "One year of the working calendar (C5): holidays on weekdays and make-up working days." })
  workCalendar(@Ctx() ctx: RequestContext, @Args() { year }: CalendarYearArgs) {
    return calendarService.workCalendar(ctx, year);
  }

  @Allow("PUBLIC")
  @Query(() => [CalendarYearInfo], { description: "The official years on record, and the provisional years around them up to next year, in order." })
  calendarYears(@Ctx() ctx: RequestContext) {
    return calendarService.years(ctx);
  }

  @Allow("PUBLIC")
  @Query(() => WorkingDayInfo, { description: "Whether a day is a legal working day." })
  workingDayInfo(@Ctx() ctx: RequestContext, @Args() { date }: CalendarDateArgs) {
    return calendarService.dayInfo(ctx, date);
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => CalendarDayPayload, { description: "Make a weekday a holiday or a weekend day a make-up working day, in a year on the calendar." })
  setCalendarDay(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CalendarDayInput) {
    return toPayload("day", () => calendarService.setDay(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ClearCalendarDayPayload, { description: "Remove a holiday or make-up day: the day follows the ordinary week again." })
  clearCalendarDay(@Ctx() ctx: RequestContext, @Args() { date }: CalendarDateArgs) {
    return toPayload("cleared", () => calendarService.clearDay(ctx, date));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => CalendarYearPayload, { description: "Put a new year on the calendar with all its days, from the State Council's holiday notice: the year becomes official, and open cases' provisional due days are counted again on it (never earlier than told)." })
  async addCalendarYear(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AddCalendarYearInput): Promise<CalendarYearPayload> {
    let recomputedCases: string[] = [];
    const payload = await toPayload("calendarYear", async () => {
      const added = await calendarService.addYear(ctx, input);
      recomputedCases = added.recomputedCases;
      return added.year;
    });
    return { ...payload, recomputedCases };
  }
}
