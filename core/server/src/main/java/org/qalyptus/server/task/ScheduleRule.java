package org.qalyptus.server.task;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a schedule fires, in the terms {@link ScheduleCalendar} computes with: wall-clock times in the
 * schedule's time zone, and a window of instants. Built from a validated schedule; the constructor only
 * guards against programming errors.
 *
 * @param at the time of day (every frequency but Hourly)
 * @param everyHours Hourly: hours between two runs, 1 to 23
 * @param from Hourly: the first run of each day
 * @param to Hourly: no run after this time of day
 * @param weeklyDays Weekly: the days it runs on
 * @param day Monthly and Yearly: the day of the month, 1 to 31, or {@link #LAST_DAY}; a day the month
 *     does not have means the month's last day (the 31st runs on April 30th, February 29th on the 28th
 *     of common years)
 * @param month Yearly: 1 to 12
 * @param start no run before this instant (null: no lower bound); for Once, the run's date is this
 *     instant's date in the time zone
 * @param end no run after this instant (null: no upper bound)
 */
public record ScheduleRule(Frequency frequency, ZoneId zone, LocalTime at, int everyHours, LocalTime from, LocalTime to,
        Set<DayOfWeek> weeklyDays, int day, int month, Instant start, Instant end) {

    /** The {@code day} value meaning the last day of the month. */
    public static final int LAST_DAY = -1;

    public ScheduleRule {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(zone, "zone");
        weeklyDays = weeklyDays == null || weeklyDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weeklyDays));
        switch (frequency) {
            case Once -> {
                Objects.requireNonNull(at, "at");
                Objects.requireNonNull(start, "a Once schedule needs its start");
            }
            case Hourly -> {
                if (everyHours < 1 || everyHours > 23) {
                    throw new IllegalArgumentException("everyHours must be 1 to 23");
                }
                from = from == null ? LocalTime.MIDNIGHT : from;
                to = to == null ? LocalTime.of(23, 59) : to;
                if (to.isBefore(from)) {
                    throw new IllegalArgumentException("the hourly window ends before it starts");
                }
            }
            case Daily -> Objects.requireNonNull(at, "at");
            case Weekly -> {
                Objects.requireNonNull(at, "at");
                if (weeklyDays.isEmpty()) {
                    throw new IllegalArgumentException("a weekly schedule needs days");
                }
            }
            case Monthly, Yearly -> {
                Objects.requireNonNull(at, "at");
                if (day != LAST_DAY && (day < 1 || day > 31)) {
                    throw new IllegalArgumentException("day must be 1 to 31 or LAST_DAY");
                }
                if (frequency == Frequency.Yearly && (month < 1 || month > 12)) {
                    throw new IllegalArgumentException("month must be 1 to 12");
                }
            }
        }
        if (start != null && end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
    }
}
