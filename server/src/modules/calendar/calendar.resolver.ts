import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { toPayload } from "../../common/payload";
import { AddCalendarYearFromNoticeInput, AddCalendarYearInput, CalendarDateArgs, CalendarDayChangeArgs, CalendarDayInput, CalendarYearArgs } from "./calendar.inputs";
import { CalendarDayPayload, CalendarPackage, CalendarYearInfo, CalendarYearPayload, ClearCalendarDayPayload, WorkCalendar, WorkingDayInfo } from "./calendar.payloads";
import { calendarService, PACKAGE_SOURCE, packageYears } from "./calendar.service";
import type { CalendarYear } from "./calendar.entity";

/** Runs a mutation that may recount open cases' due days, as a payload with the cases it moved. */
async function withRecomputed<K extends string, T>(key: K, run: () => Promise<{ value: T; recomputedCases: string[] }>) {
  let recomputedCases: string[] = [];
  const payload = await toPayload(key, async () => {
    const done = await run();
    recomputedCases = done.recomputedCases;
    return done.value;
  });
  return { ...payload, recomputedCases };
}

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
  setCalendarDay(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CalendarDayInput, @Args() { reason }: CalendarDayChangeArgs) {
    return withRecomputed("day", async () => {
      const { day, recomputedCases } = await calendarService.setDay(ctx, input, reason);
      return { value: day, recomputedCases };
    });
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ClearCalendarDayPayload, { description: "Remove a holiday or make-up day: the day follows the ordinary week again." })
  clearCalendarDay(@Ctx() ctx: RequestContext, @Args() { date }: CalendarDateArgs, @Args() { reason }: CalendarDayChangeArgs) {
    return withRecomputed("cleared", async () => {
      const { day, recomputedCases } = await calendarService.clearDay(ctx, date, reason);
      return { value: day, recomputedCases };
    });
  }

  @Allow("CENTER_ADMIN")
  @Query(() => CalendarPackage, { description: "The holiday data package and the years it can load." })
  calendarPackage(): CalendarPackage {
    return { source: PACKAGE_SOURCE, years: packageYears() };
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => CalendarYearPayload, { description: "Put a year on the calendar from the holiday data package (as addCalendarYear does with a notice)." })
  loadCalendarYearFromPackage(@Ctx() ctx: RequestContext, @Args() { year }: CalendarYearArgs): Promise<CalendarYearPayload> {
    return withRecomputed("calendarYear", async () => {
      const added: { year: CalendarYear; recomputedCases: string[] } = await calendarService.loadYearFromPackage(ctx, year);
      return { value: added.year, recomputedCases: added.recomputedCases };
    });
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => CalendarYearPayload, { description: "Put a year on the calendar as the State Council's notice words it: holidays as ranges of days off, and the make-up working days." })
  addCalendarYearFromNotice(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AddCalendarYearFromNoticeInput): Promise<CalendarYearPayload> {
    return withRecomputed("calendarYear", async () => {
      const added = await calendarService.addYearFromNotice(ctx, input);
      return { value: added.year, recomputedCases: added.recomputedCases };
    });
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
