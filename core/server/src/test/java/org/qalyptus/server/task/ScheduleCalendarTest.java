package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Run times of schedules, across daylight-saving changes, month ends, leap years and windows. */
class ScheduleCalendarTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId UTC = ZoneId.of("UTC");

    static Instant utc(String isoInstant) {
        return Instant.parse(isoInstant);
    }

    static Instant local(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    static ScheduleRule daily(ZoneId zone, int hour, int minute) {
        return new ScheduleRule(Frequency.Daily, zone, LocalTime.of(hour, minute), 0, null, null, null, 0, 0, null, null);
    }

    static ScheduleRule hourly(ZoneId zone, int every, LocalTime from, LocalTime to) {
        return new ScheduleRule(Frequency.Hourly, zone, null, every, from, to, null, 0, 0, null, null);
    }

    static ScheduleRule weekly(ZoneId zone, LocalTime at, DayOfWeek... days) {
        return new ScheduleRule(Frequency.Weekly, zone, at, 0, null, null, Set.of(days), 0, 0, null, null);
    }

    static ScheduleRule monthly(ZoneId zone, int day, LocalTime at) {
        return new ScheduleRule(Frequency.Monthly, zone, at, 0, null, null, null, day, 0, null, null);
    }

    static ScheduleRule yearly(ZoneId zone, int month, int day, LocalTime at) {
        return new ScheduleRule(Frequency.Yearly, zone, at, 0, null, null, null, day, month, null, null);
    }

    static ScheduleRule windowed(ScheduleRule rule, Instant start, Instant end) {
        return new ScheduleRule(rule.frequency(), rule.zone(), rule.at(), rule.everyHours(), rule.from(), rule.to(),
                rule.weeklyDays(), rule.day(), rule.month(), start, end);
    }

    @Nested
    class DaylightSavingInParis {

        @Test
        void aDailyRunKeepsItsWallClockTimeAcrossTheSpringChange() {
            List<Instant> runs = ScheduleCalendar.next(daily(PARIS, 7, 0), utc("2024-03-29T12:00:00Z"), 3);
            assertThat(runs).containsExactly(utc("2024-03-30T06:00:00Z"), utc("2024-03-31T05:00:00Z"),
                    utc("2024-04-01T05:00:00Z"));
        }

        @Test
        void aTimeSkippedBySpringForwardRunsAtTheFirstInstantAfterTheGap() {
            List<Instant> runs = ScheduleCalendar.next(daily(PARIS, 2, 30), utc("2024-03-30T12:00:00Z"), 2);
            assertThat(runs.get(0)).as("02:30 does not exist on 31 March: runs at 03:00 CEST")
                    .isEqualTo(local("2024-03-31T03:00", PARIS)).isEqualTo(utc("2024-03-31T01:00:00Z"));
            assertThat(runs.get(1)).isEqualTo(utc("2024-04-01T00:30:00Z"));
        }

        @Test
        void aTimeRepeatedByFallBackRunsOnceAtItsFirstOccurrence() {
            ScheduleRule rule = daily(PARIS, 2, 30);
            Instant first = ScheduleCalendar.next(rule, utc("2024-10-26T12:00:00Z")).orElseThrow();
            assertThat(first).as("02:30 CEST, the first of the two").isEqualTo(utc("2024-10-27T00:30:00Z"));
            assertThat(ScheduleCalendar.next(rule, first)).as("not again at 02:30 CET")
                    .contains(utc("2024-10-28T01:30:00Z"));
        }

        @Test
        void anHourlyScheduleNeverRunsTwiceAtTheSameInstantOnTheSpringNight() {
            List<Instant> runs = ScheduleCalendar.next(hourly(PARIS, 1, LocalTime.of(1, 0), LocalTime.of(4, 0)),
                    utc("2024-03-30T23:00:00Z"), 4);
            // 01:00 CET, then 02:00 (skipped, moved to 03:00 CEST) and 03:00 CEST are the same instant, then 04:00 CEST
            assertThat(runs).containsExactly(utc("2024-03-31T00:00:00Z"), utc("2024-03-31T01:00:00Z"),
                    utc("2024-03-31T02:00:00Z"), local("2024-04-01T01:00", PARIS));
        }

        @Test
        void anHourlyScheduleRunsTheRepeatedHourOnceOnTheAutumnNight() {
            List<Instant> runs = ScheduleCalendar.next(hourly(PARIS, 1, LocalTime.of(1, 0), LocalTime.of(3, 0)),
                    utc("2024-10-26T22:00:00Z"), 3);
            assertThat(runs).containsExactly(utc("2024-10-26T23:00:00Z"), utc("2024-10-27T00:00:00Z"),
                    utc("2024-10-27T02:00:00Z"));
        }
    }

    @Nested
    class DaylightSavingInNewYork {

        @Test
        void aTimeSkippedBySpringForwardRunsAtTheFirstInstantAfterTheGap() {
            assertThat(ScheduleCalendar.next(daily(NEW_YORK, 2, 30), utc("2024-03-09T12:00:00Z"), 2))
                    .containsExactly(utc("2024-03-10T07:00:00Z"), utc("2024-03-11T06:30:00Z"));
            assertThat(ScheduleCalendar.next(daily(NEW_YORK, 2, 30), utc("2024-03-09T12:00:00Z")))
                    .contains(local("2024-03-10T03:00", NEW_YORK));
        }

        @Test
        void aTimeRepeatedByFallBackRunsOnce() {
            List<Instant> runs = ScheduleCalendar.next(daily(NEW_YORK, 1, 30), utc("2024-11-02T12:00:00Z"), 2);
            assertThat(runs).containsExactly(utc("2024-11-03T05:30:00Z"), utc("2024-11-04T06:30:00Z"));
        }

        @Test
        void aWeeklyRunFollowsTheWallClockAcrossTheChange() {
            List<Instant> runs = ScheduleCalendar.next(weekly(NEW_YORK, LocalTime.of(9, 0), DayOfWeek.SUNDAY),
                    utc("2024-10-28T00:00:00Z"), 2);
            assertThat(runs).containsExactly(utc("2024-11-03T14:00:00Z"), utc("2024-11-10T14:00:00Z"));
        }
    }

    @Nested
    class Frequencies {

        @Test
        void hourlyRunsEveryNHoursInsideItsDailyWindow() {
            List<Instant> runs = ScheduleCalendar.next(hourly(UTC, 3, LocalTime.of(8, 15), LocalTime.of(17, 15)),
                    utc("2024-05-06T09:00:00Z"), 5);
            assertThat(runs).containsExactly(utc("2024-05-06T11:15:00Z"), utc("2024-05-06T14:15:00Z"),
                    utc("2024-05-06T17:15:00Z"), utc("2024-05-07T08:15:00Z"), utc("2024-05-07T11:15:00Z"));
        }

        @Test
        void hourlyWithoutAWindowRunsAllDayFromMidnight() {
            List<Instant> runs = ScheduleCalendar.next(hourly(UTC, 5, null, null), utc("2024-05-06T21:00:00Z"), 3);
            assertThat(runs).containsExactly(utc("2024-05-07T00:00:00Z"), utc("2024-05-07T05:00:00Z"),
                    utc("2024-05-07T10:00:00Z"));
        }

        @Test
        void weeklyRunsOnTheChosenDaysOnly() {
            List<Instant> runs = ScheduleCalendar.next(weekly(PARIS, LocalTime.of(8, 0), DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    local("2024-05-06T08:00", PARIS), 4);
            assertThat(runs).containsExactly(local("2024-05-10T08:00", PARIS), local("2024-05-13T08:00", PARIS),
                    local("2024-05-17T08:00", PARIS), local("2024-05-20T08:00", PARIS));
        }

        @Test
        void aRunAtTheExactInstantGivenIsNotTheNextOne() {
            Instant seven = local("2024-05-06T07:00", PARIS);
            assertThat(ScheduleCalendar.next(daily(PARIS, 7, 0), seven)).contains(local("2024-05-07T07:00", PARIS));
            assertThat(ScheduleCalendar.next(daily(PARIS, 7, 0), seven.minusNanos(1))).contains(seven);
        }

        @Test
        void theDay31RunsOnTheLastDayOfShorterMonths() {
            List<Instant> runs = ScheduleCalendar.next(monthly(UTC, 31, LocalTime.NOON), utc("2024-01-01T00:00:00Z"), 5);
            assertThat(runs).containsExactly(utc("2024-01-31T12:00:00Z"), utc("2024-02-29T12:00:00Z"),
                    utc("2024-03-31T12:00:00Z"), utc("2024-04-30T12:00:00Z"), utc("2024-05-31T12:00:00Z"));
        }

        @Test
        void theLastDayOfTheMonthFollowsLeapYears() {
            assertThat(ScheduleCalendar.next(monthly(UTC, ScheduleRule.LAST_DAY, LocalTime.of(18, 0)),
                    utc("2023-02-01T00:00:00Z"), 2)).containsExactly(utc("2023-02-28T18:00:00Z"), utc("2023-03-31T18:00:00Z"));
            assertThat(ScheduleCalendar.next(monthly(UTC, ScheduleRule.LAST_DAY, LocalTime.of(18, 0)),
                    utc("2024-02-01T00:00:00Z"))).contains(utc("2024-02-29T18:00:00Z"));
        }

        @Test
        void aMonthlyRunLaterInTheMonthThanTodayIsThisMonths() {
            assertThat(ScheduleCalendar.next(monthly(PARIS, 15, LocalTime.of(6, 0)), local("2024-05-15T05:59", PARIS)))
                    .contains(local("2024-05-15T06:00", PARIS));
            assertThat(ScheduleCalendar.next(monthly(PARIS, 15, LocalTime.of(6, 0)), local("2024-05-15T06:00", PARIS)))
                    .contains(local("2024-06-15T06:00", PARIS));
        }

        @Test
        void yearlyOnFebruary29thRunsOnThe28thOfCommonYears() {
            List<Instant> runs = ScheduleCalendar.next(yearly(UTC, 2, 29, LocalTime.of(9, 0)), utc("2024-01-01T00:00:00Z"), 5);
            assertThat(runs).containsExactly(utc("2024-02-29T09:00:00Z"), utc("2025-02-28T09:00:00Z"),
                    utc("2026-02-28T09:00:00Z"), utc("2027-02-28T09:00:00Z"), utc("2028-02-29T09:00:00Z"));
        }

        @Test
        void yearlyOnTheLastDayOfDecemberInNewYork() {
            List<Instant> runs = ScheduleCalendar.next(yearly(NEW_YORK, 12, ScheduleRule.LAST_DAY, LocalTime.of(23, 30)),
                    utc("2024-06-01T00:00:00Z"), 2);
            assertThat(runs).containsExactly(utc("2025-01-01T04:30:00Z"), utc("2026-01-01T04:30:00Z"));
        }

        @Test
        void yearlyJustPastThisYearsRunWaitsAlmostAYear() {
            assertThat(ScheduleCalendar.next(yearly(PARIS, 3, 1, LocalTime.of(0, 0)), local("2024-03-01T00:00", PARIS)))
                    .contains(local("2025-03-01T00:00", PARIS));
        }

        @Test
        void onceRunsOnItsStartDateAtItsTimeAndNeverAgain() {
            ScheduleRule once = new ScheduleRule(Frequency.Once, PARIS, LocalTime.of(14, 0), 0, null, null, null, 0, 0,
                    local("2024-07-01T00:00", PARIS), null);
            assertThat(ScheduleCalendar.next(once, utc("2024-06-01T00:00:00Z"), 5)).containsExactly(local("2024-07-01T14:00", PARIS));
            assertThat(ScheduleCalendar.next(once, local("2024-07-01T14:00", PARIS))).isEmpty();
        }
    }

    @Nested
    class Windows {

        @Test
        void noRunBeforeTheStart() {
            ScheduleRule rule = windowed(daily(PARIS, 7, 0), local("2024-06-10T08:00", PARIS), null);
            assertThat(ScheduleCalendar.next(rule, utc("2024-01-01T00:00:00Z"))).contains(local("2024-06-11T07:00", PARIS));
        }

        @Test
        void noRunAfterTheEnd() {
            ScheduleRule rule = windowed(daily(PARIS, 7, 0), null, local("2024-06-12T07:00", PARIS));
            assertThat(ScheduleCalendar.next(rule, local("2024-06-10T12:00", PARIS), 5))
                    .containsExactly(local("2024-06-11T07:00", PARIS), local("2024-06-12T07:00", PARIS));
            assertThat(ScheduleCalendar.next(rule, local("2024-06-12T07:00", PARIS))).isEmpty();
        }

        @Test
        void aScheduleWhoseWindowIsOverNeverRuns() {
            ScheduleRule rule = windowed(yearly(UTC, 1, 1, LocalTime.NOON), utc("2020-01-01T00:00:00Z"), utc("2021-06-01T00:00:00Z"));
            assertThat(ScheduleCalendar.next(rule, utc("2024-01-01T00:00:00Z"))).isEmpty();
            assertThat(ScheduleCalendar.next(rule, utc("2019-01-01T00:00:00Z"), 5))
                    .containsExactly(utc("2020-01-01T12:00:00Z"), utc("2021-01-01T12:00:00Z"));
        }

        @Test
        void aWindowFarInTheFutureIsReachedWithoutScanningUpToIt() {
            ScheduleRule rule = windowed(weekly(UTC, LocalTime.of(6, 0), DayOfWeek.TUESDAY), utc("2090-01-01T00:00:00Z"), null);
            assertThat(ScheduleCalendar.next(rule, utc("2024-01-01T00:00:00Z"))).contains(utc("2090-01-03T06:00:00Z"));
        }

        @Test
        void onceAfterItsEndIsNeverRun() {
            ScheduleRule once = new ScheduleRule(Frequency.Once, UTC, LocalTime.of(14, 0), 0, null, null, null, 0, 0,
                    utc("2024-07-01T00:00:00Z"), utc("2024-07-01T13:00:00Z"));
            assertThat(ScheduleCalendar.next(once, utc("2024-06-01T00:00:00Z"))).isEmpty();
        }
    }

    @Test
    void theDayOfAMonthIsClampedToItsLength() {
        assertThat(ScheduleCalendar.dayIn(31, YearMonth.of(2023, 2))).isEqualTo(28);
        assertThat(ScheduleCalendar.dayIn(30, YearMonth.of(2024, 2))).isEqualTo(29);
        assertThat(ScheduleCalendar.dayIn(ScheduleRule.LAST_DAY, YearMonth.of(2024, 4))).isEqualTo(30);
        assertThat(ScheduleCalendar.dayIn(12, YearMonth.of(2024, 4))).isEqualTo(12);
    }

    @Test
    void rulesRefuseImpossibleValues() {
        assertThatThrownBy(() -> hourly(UTC, 0, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hourly(UTC, 2, LocalTime.of(10, 0), LocalTime.of(9, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> weekly(UTC, LocalTime.NOON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monthly(UTC, 0, LocalTime.NOON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> yearly(UTC, 13, 1, LocalTime.NOON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> windowed(daily(UTC, 1, 0), utc("2024-02-01T00:00:00Z"), utc("2024-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
