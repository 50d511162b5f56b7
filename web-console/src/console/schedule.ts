/** Pure helpers that describe schedules (task triggers) and their next run times for people. */

export const FREQUENCIES = ['Once', 'Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const WEEK_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The parts of a schedule the description needs (as the API names them). */
export interface ScheduleShape {
  readonly frequency?: string | null;
  readonly atHour?: number | null;
  readonly atMinut?: number | null;
  readonly everyHours?: number | null;
  readonly fromHour?: number | null;
  readonly fromMinut?: number | null;
  readonly toHour?: number | null;
  readonly toMinut?: number | null;
  readonly weeklyDays?: readonly string[] | null;
  readonly day?: number | null;
  readonly month?: number | null;
  readonly timeZone?: string | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 7:05 → "07:05"; missing parts are 0. */
export function clock(hour: number | null | undefined, minute: number | null | undefined): string {
  return `${String(hour ?? 0).padStart(2, '0')}:${String(minute ?? 0).padStart(2, '0')}`;
}

/** 1 → "1st", 22 → "22nd"; -1 (or 0) is the last day of the month. */
export function ordinalDay(day: number | null | undefined): string {
  if (day == null || day <= 0) {
    return 'last day';
  }
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return `${day}${suffix}`;
}

/** Weekdays in calendar order, "Monday to Friday" when they are exactly the work week. */
export function describeDays(days: readonly string[] | null | undefined): string {
  const wanted = new Set((days ?? []).map((day) => day.toLowerCase()));
  const ordered = WEEK_DAYS.filter((day) => wanted.has(day.toLowerCase()));
  if (ordered.length === 7) {
    return 'every day';
  }
  if (ordered.length === 5 && !wanted.has('saturday') && !wanted.has('sunday')) {
    return 'Monday to Friday';
  }
  if (ordered.length === 0) {
    return 'no day';
  }
  if (ordered.length === 1) {
    return ordered[0]!;
  }
  return `${ordered.slice(0, -1).join(', ')} and ${ordered[ordered.length - 1]}`;
}

/** One line that says when a schedule runs, such as "Weekly on Monday to Friday at 07:30 (Europe/Paris)". */
export function describeSchedule(schedule: ScheduleShape): string {
  const zone = schedule.timeZone ? ` (${schedule.timeZone})` : '';
  const at = clock(schedule.atHour, schedule.atMinut);
  switch ((schedule.frequency ?? '').toLowerCase()) {
    case 'once':
      return `Once at ${at}${zone}`;
    case 'hourly': {
      const every = schedule.everyHours && schedule.everyHours > 1 ? `Every ${schedule.everyHours} hours` : 'Every hour';
      return `${every} from ${clock(schedule.fromHour, schedule.fromMinut)} to ${clock(schedule.toHour, schedule.toMinut)}${zone}`;
    }
    case 'daily':
      return `Daily at ${at}${zone}`;
    case 'weekly':
      return `Weekly on ${describeDays(schedule.weeklyDays)} at ${at}${zone}`;
    case 'monthly':
      return `Monthly on the ${ordinalDay(schedule.day)} at ${at}${zone}`;
    case 'yearly':
      return `Yearly on the ${ordinalDay(schedule.day)} of ${MONTHS[(schedule.month ?? 1) - 1] ?? '?'} at ${at}${zone}`;
    default:
      return schedule.frequency ? `${schedule.frequency}${zone}` : 'Not scheduled';
  }
}

/**
 * Next run times shown in the schedule's own time zone (the server computes them; this only formats), e.g.
 * "Mon 2 Mar 2026, 07:30". Unknown or invalid zones fall back to UTC so a bad setting never breaks the page.
 */
export function formatRuns(instants: readonly string[], timeZone: string | null | undefined, locale = 'en-GB'): string[] {
  const zone = validZone(timeZone) ? timeZone! : 'UTC';
  const format = new Intl.DateTimeFormat(locale, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone,
  });
  // Assembled from parts so the text does not depend on the ICU version's punctuation.
  return instants.map((instant) => new Date(instant)).filter((date) => !Number.isNaN(date.getTime())).map((date) => {
    const part = (type: Intl.DateTimeFormatPartTypes) => format.formatToParts(date).find((p) => p.type === type)?.value ?? '';
    return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
  });
}

export function validZone(zone: string | null | undefined): boolean {
  if (!zone) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The browser's time zone, the default for a new schedule. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
