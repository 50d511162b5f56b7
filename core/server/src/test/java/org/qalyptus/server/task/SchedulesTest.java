package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.web.ApiResponse.FieldError;

/** The validation of schedules, field by field and frequency by frequency. */
class SchedulesTest {

    /** A schedule request; every field null unless set. */
    static final class Request {
        String name = "Nightly";
        String description;
        Boolean isActive;
        String frequency;
        String execution;
        Integer priority;
        String timeZone = "Europe/Paris";
        Integer day;
        Integer month;
        Integer atHour;
        Integer atMinut;
        Integer everyHours;
        Integer fromHour;
        Integer fromMinut;
        Integer toHour;
        Integer toMinut;
        String weeklyDays;
        String startDate;
        String endDate;

        Request frequency(String value) {
            frequency = value;
            return this;
        }

        Request at(Integer hour, Integer minute) {
            atHour = hour;
            atMinut = minute;
            return this;
        }

        TaskRequests.Schedule build() {
            return new TaskRequests.Schedule(name, description, isActive, frequency, execution, priority, timeZone, day, month,
                    atHour, atMinut, everyHours, fromHour, fromMinut, toHour, toMinut, weeklyDays, startDate, endDate, null);
        }
    }

    static Request request() {
        return new Request();
    }

    static List<String> errorFields(Request request) {
        List<FieldError> errors = new ArrayList<>();
        Schedules.parse("id", request.build(), errors);
        return errors.stream().map(FieldError::field).toList();
    }

    static TaskSchedule valid(Request request) {
        List<FieldError> errors = new ArrayList<>();
        TaskSchedule schedule = Schedules.parse("id", request.build(), errors);
        assertThat(errors).isEmpty();
        return schedule;
    }

    @Test
    void everyScheduleNeedsANameAFrequencyAndAnIanaTimeZone() {
        Request r = request().at(7, 0);
        r.name = " ";
        r.timeZone = null;
        assertThat(errorFields(r)).contains("name", "frequency", "timeZone");
        assertThat(errorFields(request().frequency("Fortnightly").at(7, 0))).containsExactly("frequency");
        for (String zone : List.of("CET+1", "+02:00", "Paris", "Mars/Olympus")) {
            Request z = request().frequency("Daily").at(7, 0);
            z.timeZone = zone;
            assertThat(errorFields(z)).as(zone).containsExactly("timeZone");
        }
        Request lower = request().frequency("daily").at(7, 0);
        lower.timeZone = "america/new_york";
        TaskSchedule schedule = valid(lower);
        assertThat(schedule.timeZone()).isEqualTo("America/New_York");
        assertThat(schedule.frequency()).isEqualTo("Daily");
        assertThat(schedule.execution()).isEqualTo("Queue");
        assertThat(schedule.isActive()).isTrue();
    }

    @Test
    void executionAndPriorityAreChecked() {
        Request r = request().frequency("Daily").at(7, 0);
        r.execution = "Sometimes";
        r.priority = 11;
        assertThat(errorFields(r)).containsExactlyInAnyOrder("execution", "priority");
        r.execution = "skip";
        r.priority = 3;
        assertThat(valid(r).execution()).isEqualTo("Skip");
    }

    @Test
    void hoursAndMinutesAreInRange() {
        assertThat(errorFields(request().frequency("Daily").at(24, 0))).containsExactly("atHour");
        assertThat(errorFields(request().frequency("Daily").at(-1, 60))).containsExactlyInAnyOrder("atHour", "atMinut");
        assertThat(errorFields(request().frequency("Daily").at(null, 5))).containsExactly("atHour");
        assertThat(valid(request().frequency("Daily").at(23, null)).atMinut()).isZero();
    }

    @Test
    void onceNeedsTheDayItRunsOn() {
        assertThat(errorFields(request().frequency("Once").at(9, 30))).containsExactly("startDate");
        Request r = request().frequency("Once").at(9, 30);
        r.startDate = "2030-02-03";
        TaskSchedule once = valid(r);
        assertThat(once.startDate()).isEqualTo(Instant.parse("2030-02-02T23:00:00Z"));
        assertThat(Schedules.rule(once).at()).isEqualTo(java.time.LocalTime.of(9, 30));
    }

    @Test
    void hourlyNeedsEveryHoursAndAnOrderedWindow() {
        assertThat(errorFields(request().frequency("Hourly"))).containsExactly("everyHours");
        Request r = request().frequency("Hourly");
        r.everyHours = 24;
        assertThat(errorFields(r)).containsExactly("everyHours");
        r.everyHours = 2;
        r.fromHour = 18;
        r.toHour = 8;
        assertThat(errorFields(r)).containsExactly("toHour");
        r.fromHour = null;
        r.fromMinut = 30;
        r.toHour = 25;
        assertThat(errorFields(r)).containsExactlyInAnyOrder("fromMinut", "toHour");
        r.fromHour = 8;
        r.toHour = 18;
        r.toMinut = 61;
        assertThat(errorFields(r)).containsExactly("toMinut");
        r.toMinut = null;
        r.atHour = 99;
        r.day = 77;
        TaskSchedule hourly = valid(r);
        assertThat(hourly.fromMinut()).isEqualTo(30);
        assertThat(hourly.toMinut()).isZero();
        assertThat(hourly.atHour()).as("not used by Hourly, dropped").isNull();
        assertThat(hourly.day()).isNull();
    }

    @Test
    void weeklyNeedsDayNames() {
        assertThat(errorFields(request().frequency("Weekly").at(8, 0))).containsExactly("weeklyDays");
        Request r = request().frequency("Weekly").at(8, 0);
        r.weeklyDays = "Monday, Funday";
        assertThat(errorFields(r)).containsExactly("weeklyDays");
        r.weeklyDays = " ,; ";
        assertThat(errorFields(r)).containsExactly("weeklyDays");
        r.weeklyDays = "friday, Mon;WEDNESDAY monday";
        assertThat(valid(r).weeklyDays()).isEqualTo("Monday,Wednesday,Friday");
    }

    @Test
    void monthlyNeedsADayOfTheMonthOrTheLastDay() {
        assertThat(errorFields(request().frequency("Monthly").at(8, 0))).containsExactly("day");
        for (int bad : List.of(0, 32, -2)) {
            Request r = request().frequency("Monthly").at(8, 0);
            r.day = bad;
            assertThat(errorFields(r)).as("day " + bad).containsExactly("day");
        }
        Request last = request().frequency("Monthly").at(8, 0);
        last.day = -1;
        last.month = 13;
        TaskSchedule schedule = valid(last);
        assertThat(schedule.day()).isEqualTo(-1);
        assertThat(schedule.month()).as("not used by Monthly").isNull();
    }

    @Test
    void yearlyNeedsAMonthAndADayThatMonthCanHave() {
        Request r = request().frequency("Yearly").at(8, 0);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("month", "day");
        r.month = 2;
        r.day = 30;
        assertThat(errorFields(r)).containsExactly("day");
        r.month = 4;
        r.day = 31;
        assertThat(errorFields(r)).containsExactly("day");
        r.month = 2;
        r.day = 29;
        assertThat(valid(r).day()).isEqualTo(29);
        r.day = -1;
        assertThat(valid(r).month()).isEqualTo(2);
    }

    @Test
    void theWindowMustEndAfterItStartsAndDatesMustParse() {
        Request r = request().frequency("Daily").at(8, 0);
        r.startDate = "2030-05-01T00:00:00Z";
        r.endDate = "2030-04-01T00:00:00Z";
        assertThat(errorFields(r)).containsExactly("endDate");
        r.endDate = "first of June";
        assertThat(errorFields(r)).containsExactly("endDate");
        r.endDate = "2030-06-01T08:00";
        TaskSchedule schedule = valid(r);
        assertThat(schedule.endDate()).as("read in the schedule's zone").isEqualTo(Instant.parse("2030-06-01T06:00:00Z"));
        assertThat(schedule.startDate()).isEqualTo(Instant.parse("2030-05-01T00:00:00Z"));
    }

    @Test
    void theOffsetIsTheZonesOffsetAtThatInstant() {
        assertThat(Schedules.offset("Europe/Paris", Instant.parse("2024-01-15T00:00:00Z"))).isEqualTo("+01:00");
        assertThat(Schedules.offset("Europe/Paris", Instant.parse("2024-07-15T00:00:00Z"))).isEqualTo("+02:00");
        assertThat(Schedules.offset("America/New_York", Instant.parse("2024-07-15T00:00:00Z"))).isEqualTo("-04:00");
        assertThat(Schedules.offset("UTC", Instant.parse("2024-07-15T00:00:00Z"))).isEqualTo("+00:00");
        assertThat(Schedules.offset("Asia/Kolkata", Instant.parse("2024-07-15T00:00:00Z"))).isEqualTo("+05:30");
    }
}
