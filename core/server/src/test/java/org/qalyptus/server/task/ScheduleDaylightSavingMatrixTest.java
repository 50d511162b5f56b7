package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frequency across both daylight-saving changes of Europe/Paris, America/New_York and
 * Australia/Sydney: on the night the clocks jump, a wall time inside the gap fires once, at the first instant
 * after the gap; on the night they go back, a repeated wall time fires once, at its first occurrence.
 */
class ScheduleDaylightSavingMatrixTest {

    record Change(String zone, LocalDate date, LocalTime wallTime, boolean gap) {}

    static final List<Change> CHANGES = List.of(
            new Change("Europe/Paris", LocalDate.of(2024, 3, 31), LocalTime.of(2, 30), true),
            new Change("Europe/Paris", LocalDate.of(2024, 10, 27), LocalTime.of(2, 30), false),
            new Change("America/New_York", LocalDate.of(2024, 3, 10), LocalTime.of(2, 30), true),
            new Change("America/New_York", LocalDate.of(2024, 11, 3), LocalTime.of(1, 30), false),
            new Change("Australia/Sydney", LocalDate.of(2024, 10, 6), LocalTime.of(2, 30), true),
            new Change("Australia/Sydney", LocalDate.of(2024, 4, 7), LocalTime.of(2, 30), false));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Change change : CHANGES) {
            for (Frequency frequency : Frequency.values()) {
                cases.add(Arguments.of(change, frequency));
            }
        }
        return cases.stream();
    }

    static ScheduleRule rule(Change change, Frequency frequency) {
        ZoneId zone = ZoneId.of(change.zone());
        LocalTime at = change.wallTime();
        Instant start = change.date().atStartOfDay(zone).toInstant();
        return switch (frequency) {
            case Once -> new ScheduleRule(frequency, zone, at, 0, null, null, null, 0, 0, start, null);
            case Hourly -> new ScheduleRule(frequency, zone, null, 1, at.minusHours(1), at.plusHours(1), null, 0, 0, null, null);
            case Daily -> new ScheduleRule(frequency, zone, at, 0, null, null, null, 0, 0, null, null);
            case Weekly -> new ScheduleRule(frequency, zone, at, 0, null, null, Set.of(change.date().getDayOfWeek()), 0, 0, null,
                    null);
            case Monthly -> new ScheduleRule(frequency, zone, at, 0, null, null, null, change.date().getDayOfMonth(), 0, null, null);
            case Yearly -> new ScheduleRule(frequency, zone, at, 0, null, null, null, change.date().getDayOfMonth(),
                    change.date().getMonthValue(), null, null);
        };
    }

    /** The instant a wall time of the change's day fires at. */
    static Instant expected(Change change, LocalTime time) {
        ZoneId zone = ZoneId.of(change.zone());
        LocalDateTime local = change.date().atTime(time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toInstant();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("cases")
    void fireTimesOnTheNightOfTheChangeAreWhatPeopleExpect(Change change, Frequency frequency) {
        ZoneId zone = ZoneId.of(change.zone());
        ScheduleRule rule = rule(change, frequency);
        Instant dayBefore = change.date().minusDays(1).atStartOfDay(zone).toInstant();

        List<Instant> runs = ScheduleCalendar.next(rule, dayBefore, 40).stream()
                .filter(run -> run.atZone(zone).toLocalDate().equals(change.date())).toList();

        List<Instant> wanted = frequency == Frequency.Hourly
                ? List.of(expected(change, change.wallTime().minusHours(1)), expected(change, change.wallTime()),
                        expected(change, change.wallTime().plusHours(1)))
                : List.of(expected(change, change.wallTime()));
        assertThat(runs).as("runs on %s in %s", change.date(), change.zone()).containsExactlyElementsOf(wanted);
        assertThat(runs).doesNotHaveDuplicates();
        if (change.gap()) {
            assertThat(runs).contains(zone.getRules().getTransition(change.date().atTime(change.wallTime())).getInstant());
        }
    }
}
