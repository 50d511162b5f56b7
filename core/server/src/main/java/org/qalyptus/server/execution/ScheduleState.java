package org.qalyptus.server.execution;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The scheduler's memory of one schedule of one task: the next fire time it will queue, and the schedule's
 * settings it was computed from (a changed schedule is computed again from now). Advanced by one conditional
 * update from the fire time a node read, so a fire time is claimed by one node only; the execution queued for
 * it has an id derived from (task, schedule, fire time), which makes the queueing itself idempotent.
 *
 * @param id {@code <taskId>:<scheduleId>}
 * @param signature the schedule's settings and the task's active flag when {@code nextFire} was computed
 * @param nextFire the next fire time, or null when the schedule will not fire again
 */
@Document("scheduleStates")
public record ScheduleState(@Id String id, String taskId, String scheduleId, String signature, Instant nextFire,
        Instant lastFire) {}
