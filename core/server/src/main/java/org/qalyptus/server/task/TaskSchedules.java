package org.qalyptus.server.task;

/** The run rule of a stored schedule, for the scheduler of the execution engine. */
public final class TaskSchedules {

    private TaskSchedules() {}

    public static ScheduleRule rule(TaskSchedule schedule) {
        return Schedules.rule(schedule);
    }
}
