package org.qalyptus.server.task;

import java.time.Instant;

/**
 * A schedule trigger, stored as validated: only the fields its frequency uses are set, the others are null.
 *
 * @param frequency a {@link Frequency} name
 * @param execution a {@link TriggerExecution} name
 * @param timeZone an IANA time zone id
 * @param day Monthly and Yearly: 1 to 31, or -1 for the last day of the month
 * @param weeklyDays Weekly: English day names in week order, comma-separated ("Monday,Friday")
 */
public record TaskSchedule(String id, String name, String description, boolean isActive, String frequency,
        String execution, int priority, String timeZone, Integer day, Integer month, Integer atHour, Integer atMinut,
        Integer everyHours, Integer fromHour, Integer fromMinut, Integer toHour, Integer toMinut, String weeklyDays,
        Instant startDate, Instant endDate) {}
