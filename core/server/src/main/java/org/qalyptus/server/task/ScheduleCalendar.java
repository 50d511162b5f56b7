package org.qalyptus.server.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run times of a schedule. Runs are wall-clock times in the schedule's time zone, turned into
 * instants the way people expect across daylight-saving changes (issue 7): a time that does not exist that
 * day (the clocks jump over it) runs at the first instant after the gap (02:30 on the spring-forward night of
 * Paris runs at 03:00 CEST), and a time that exists twice (the clocks go back over it) runs once, at its first
 * occurrence.
 *
 * <p>Pure computation on {@code java.time}; the scheduler and the API answers ({@code nextExecutionDate})
 * both use it.
 */
public final class ScheduleCalendar {

    /** Days scanned at most for one run: a yearly schedule's next run is less than 367 days away. */
    private static final int MAX_DAYS = 400;

    private ScheduleCalendar() {}

    /** The first run strictly after {@code after}, or empty when the schedule never runs again. */
    public static Optional<Instant> next(ScheduleRule rule, Instant after) {
        if (rule.frequency() == Frequency.Once) {
            LocalDate date = rule.start().atZone(rule.zone()).toLocalDate();
            Instant run = instant(date, rule.at(), rule.zone());
            return run.isAfter(after) && !afterEnd(rule, run) ? Optional.of(run) : Optional.empty();
        }
        Instant lowest = rule.start() != null && rule.start().isAfter(after) ? rule.start() : after;
        // A day earlier than the lower bound's date: runs moved forward by a gap may land after it.
        LocalDate date = lowest.atZone(rule.zone()).toLocalDate().minusDays(1);
        for (int scanned = 0; scanned < MAX_DAYS; scanned++, date = date.plusDays(1)) {
            if (rule.end() != null && date.minusDays(1).atStartOfDay(rule.zone()).toInstant().isAfter(rule.end())) {
                return Optional.empty();
            }
            if (!runsOn(rule, date)) {
                continue;
            }
            for (Instant run : runsOf(rule, date)) {
                if (run.isAfter(after) && (rule.start() == null || !run.isBefore(rule.start()))) {
                    return afterEnd(rule, run) ? Optional.empty() : Optional.of(run);
                }
            }
        }
        return Optional.empty();
    }

    /** Up to {@code count} runs strictly after {@code after}, in order (fewer when the schedule ends). */
    public static List<Instant> next(ScheduleRule rule, Instant after, int count) {
        List<Instant> runs = new ArrayList<>();
        Instant from = after;
        while (runs.size() < count) {
            Optional<Instant> run = next(rule, from);
            if (run.isEmpty()) {
                break;
            }
            runs.add(run.get());
            from = run.get();
        }
        return runs;
    }

    private static boolean afterEnd(ScheduleRule rule, Instant run) {
        return rule.end() != null && run.isAfter(rule.end());
    }

    private static boolean runsOn(ScheduleRule rule, LocalDate date) {
        return switch (rule.frequency()) {
            case Once -> false;
            case Hourly, Daily -> true;
            case Weekly -> rule.weeklyDays().contains(date.getDayOfWeek());
            case Monthly -> date.getDayOfMonth() == dayIn(rule.day(), YearMonth.from(date));
            case Yearly -> date.getMonthValue() == rule.month() && date.getDayOfMonth() == dayIn(rule.day(), YearMonth.from(date));
        };
    }

    /** The day of the month a Monthly or Yearly schedule runs on in {@code month}. */
    static int dayIn(int day, YearMonth month) {
        return day == ScheduleRule.LAST_DAY ? month.lengthOfMonth() : Math.min(day, month.lengthOfMonth());
    }

    /** The day's runs as instants, ascending, each once. */
    private static List<Instant> runsOf(ScheduleRule rule, LocalDate date) {
        List<Instant> runs = new ArrayList<>();
        for (LocalTime time : timesOf(rule)) {
            Instant run = instant(date, time, rule.zone());
            if (!runs.contains(run)) {
                runs.add(run);
            }
        }
        runs.sort(null);
        return runs;
    }

    /** The wall time's instant; in a gap, the first instant after it (the transition). */
    static Instant instant(LocalDate date, LocalTime time, java.time.ZoneId zone) {
        java.time.LocalDateTime local = date.atTime(time);
        java.time.zone.ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.of(local, zone).toInstant();
    }

    private static List<LocalTime> timesOf(ScheduleRule rule) {
        if (rule.frequency() != Frequency.Hourly) {
            return List.of(rule.at());
        }
        List<LocalTime> times = new ArrayList<>();
        int last = rule.to().toSecondOfDay() / 60;
        for (int minute = rule.from().toSecondOfDay() / 60; minute <= last; minute += rule.everyHours() * 60) {
            times.add(LocalTime.of(minute / 60, minute % 60));
        }
        return times;
    }
}
