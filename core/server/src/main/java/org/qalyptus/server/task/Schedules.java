package org.qalyptus.server.task;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.web.ApiResponse.FieldError;

/**
 * The rules of schedules: which fields each frequency uses and their ranges, the time zone, the window;
 * and the run times of a stored schedule. A field a frequency does not use is ignored and stored as null,
 * so clients may send every field with default values.
 */
final class Schedules {

    static final int MAX_PRIORITY = 10;
    static final int MAX_PER_TASK = 100;

    private Schedules() {}

    /** The schedule as stored, or null with the errors added. */
    static TaskSchedule parse(String id, TaskRequests.Schedule request, List<FieldError> errors) {
        int before = errors.size();
        String name = TaskInput.text(request.name(), "name", AssetNames.MAX_NAME, true, errors);
        String description = TaskInput.text(request.description(), "description", AssetNames.MAX_DESCRIPTION, false, errors);
        Optional<Frequency> frequency = Frequency.parse(request.frequency());
        if (frequency.isEmpty()) {
            errors.add(new FieldError("frequency", request.frequency() == null || request.frequency().isBlank()
                    ? "is required" : "must be one of Once, Hourly, Daily, Weekly, Monthly, Yearly"));
        }
        String execution = execution(request.execution(), false, errors);
        Integer priority = TaskInput.range(request.priority(), "priority", 0, MAX_PRIORITY, false, errors);
        String timeZone = TaskInput.timeZone(request.timeZone(), "timeZone", true, errors);
        ZoneId zone = timeZone == null ? null : ZoneId.of(timeZone);
        Instant start = TaskInput.dateTime(request.startDate(), zone, "startDate", errors);
        Instant end = TaskInput.dateTime(request.endDate(), zone, "endDate", errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldError("endDate", "must be after startDate"));
        }
        Integer atHour = null;
        Integer atMinut = null;
        Integer everyHours = null;
        Integer fromHour = null;
        Integer fromMinut = null;
        Integer toHour = null;
        Integer toMinut = null;
        String weeklyDays = null;
        Integer day = null;
        Integer month = null;
        if (frequency.isPresent()) {
            Frequency f = frequency.get();
            if (f != Frequency.Hourly) {
                atHour = TaskInput.range(request.atHour(), "atHour", 0, 23, true, errors);
                atMinut = TaskInput.range(request.atMinut() == null ? Integer.valueOf(0) : request.atMinut(), "atMinut", 0, 59,
                        true, errors);
            }
            switch (f) {
                case Once -> {
                    if (request.startDate() == null || request.startDate().isBlank()) {
                        errors.add(new FieldError("startDate", "is required for a Once schedule: it gives the day it runs"));
                    }
                }
                case Hourly -> {
                    everyHours = TaskInput.range(request.everyHours(), "everyHours", 1, 23, true, errors);
                    fromHour = TaskInput.range(request.fromHour(), "fromHour", 0, 23, false, errors);
                    fromMinut = minuteOf(request.fromHour(), request.fromMinut(), "fromMinut", "fromHour", errors);
                    toHour = TaskInput.range(request.toHour(), "toHour", 0, 23, false, errors);
                    toMinut = minuteOf(request.toHour(), request.toMinut(), "toMinut", "toHour", errors);
                    if (fromHour != null && fromMinut != null && toHour != null && toMinut != null
                            && LocalTime.of(toHour, toMinut).isBefore(LocalTime.of(fromHour, fromMinut))) {
                        errors.add(new FieldError("toHour", "must not be before fromHour:fromMinut"));
                    }
                }
                case Daily -> {
                    // the time of day is all
                }
                case Weekly -> weeklyDays = weeklyDays(request.weeklyDays(), errors);
                case Monthly -> day = day(request.day(), errors);
                case Yearly -> {
                    month = TaskInput.range(request.month(), "month", 1, 12, true, errors);
                    day = day(request.day(), errors);
                    if (month != null && day != null && day > Month.of(month).maxLength()) {
                        errors.add(new FieldError("day", Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                                + " has at most " + Month.of(month).maxLength() + " days"));
                    }
                }
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new TaskSchedule(id, name, description, request.isActive() == null || request.isActive(),
                frequency.get().name(), execution, priority == null ? 0 : priority, timeZone, day, month, atHour, atMinut,
                everyHours, fromHour, fromMinut, toHour, toMinut, weeklyDays, start, end);
    }

    /** The trigger execution mode, {@code Queue} when not given (unless required). */
    static String execution(String value, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError("execution", "is required"));
                return null;
            }
            return TriggerExecution.Queue.name();
        }
        Optional<TriggerExecution> parsed = TriggerExecution.parse(value);
        if (parsed.isEmpty()) {
            errors.add(new FieldError("execution", "must be Queue or Skip"));
            return null;
        }
        return parsed.get().name();
    }

    /** The run rule of a stored schedule. */
    static ScheduleRule rule(TaskSchedule s) {
        Frequency frequency = Frequency.valueOf(s.frequency());
        LocalTime at = s.atHour() == null ? null : LocalTime.of(s.atHour(), s.atMinut() == null ? 0 : s.atMinut());
        LocalTime from = s.fromHour() == null ? null : LocalTime.of(s.fromHour(), s.fromMinut() == null ? 0 : s.fromMinut());
        LocalTime to = s.toHour() == null ? null : LocalTime.of(s.toHour(), s.toMinut() == null ? 0 : s.toMinut());
        return new ScheduleRule(frequency, ZoneId.of(s.timeZone()), at, s.everyHours() == null ? 0 : s.everyHours(), from, to,
                days(s.weeklyDays()), s.day() == null ? 0 : s.day(), s.month() == null ? 0 : s.month(), s.startDate(),
                s.endDate());
    }

    /** The next runs of a schedule of the task, none when the task or the schedule is inactive. */
    static List<Instant> nextRuns(TaskDocument task, TaskSchedule schedule, Instant now, int count) {
        if (!task.isActive() || !schedule.isActive()) {
            return List.of();
        }
        return ScheduleCalendar.next(rule(schedule), now, count);
    }

    /** The zone's offset from UTC at {@code now}, as {@code +02:00}. */
    static String offset(String timeZone, Instant now) {
        if (timeZone == null) {
            return null;
        }
        ZoneOffset offset = ZoneId.of(timeZone).getRules().getOffset(now);
        return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    }

    private static Integer minuteOf(Integer hour, Integer minute, String field, String hourField, List<FieldError> errors) {
        if (minute == null) {
            return hour == null ? null : 0;
        }
        if (hour == null) {
            errors.add(new FieldError(field, "needs " + hourField));
            return null;
        }
        return TaskInput.range(minute, field, 0, 59, true, errors);
    }

    private static Integer day(Integer value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError("day", "is required"));
            return null;
        }
        if (value != ScheduleRule.LAST_DAY && (value < 1 || value > 31)) {
            errors.add(new FieldError("day", "must be from 1 to 31, or -1 for the last day of the month"));
            return null;
        }
        return value;
    }

    private static String weeklyDays(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("weeklyDays", "is required for a Weekly schedule"));
            return null;
        }
        if (value.length() > 200) {
            errors.add(new FieldError("weeklyDays", "must be at most 200 characters"));
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : value.split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            Optional<DayOfWeek> day = dayOfWeek(part);
            if (day.isEmpty()) {
                errors.add(new FieldError("weeklyDays", "'" + (part.length() > 20 ? part.substring(0, 20) : part)
                        + "' is not a day of the week (Monday ... Sunday)"));
                return null;
            }
            days.add(day.get());
        }
        if (days.isEmpty()) {
            errors.add(new FieldError("weeklyDays", "is required for a Weekly schedule"));
            return null;
        }
        return days.stream().map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).collect(Collectors.joining(","));
    }

    private static Optional<DayOfWeek> dayOfWeek(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            if (full.equalsIgnoreCase(name) || full.substring(0, 3).equalsIgnoreCase(name)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    private static Set<DayOfWeek> days(String weeklyDays) {
        if (weeklyDays == null || weeklyDays.isBlank()) {
            return Set.of();
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (String part : weeklyDays.split(",")) {
            dayOfWeek(part.trim()).ifPresent(days::add);
        }
        return days.isEmpty() ? Set.of() : EnumSet.copyOf(days);
    }
}
