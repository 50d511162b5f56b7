package org.qalyptus.server.execution;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The scheduler's memory of one schedule of one task: the next fire time it will queue, and the schedule's
 * settings it was computed from (a changed schedule is computed again from now). Advanced by one conditional
 * update from the fire time a node read; the execution queued for it has an id derived from (task, schedule, fire
 * time), which makes the queueing idempotent (see {@link Scheduler}). Indexes: {@code nextFire} for the due query
 * (MongoDB); {@code (_id, nextFire)} so that the embedded store, whose unique {@code _id} index answers a filter on
 * the id alone, finds the document of a conditional update ({@code _id} and {@code nextFire} or {@code signature})
 * through its in-memory secondary index instead of scanning every state.
 *
 * @param id {@code <taskId>:<scheduleId>}
 * @param signature the schedule's settings and the task's active flag when {@code nextFire} was computed
 * @param nextFire the next fire time, or null when the schedule will not fire again
 */
@Document("scheduleStates")
@CompoundIndex(name = "id_next_fire", def = "{'_id': 1, 'nextFire': 1}")
@CompoundIndex(name = "next_fire", def = "{'nextFire': 1}")
public record ScheduleState(@Id String id, String taskId, String scheduleId, String signature, Instant nextFire,
        Instant lastFire) {}
