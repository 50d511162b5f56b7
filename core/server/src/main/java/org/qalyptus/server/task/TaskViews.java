package org.qalyptus.server.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.qalyptus.server.asset.ProjectSummary;

/** The answers of the task routes, with the field names of the live API (PRODUCT.md). */
public final class TaskViews {

    private TaskViews() {}

    /**
     * A task: the list fields of the live API, plus its version and organization.
     *
     * @param owner the owner's user id
     * @param isScheduled whether it has an active trigger (schedule or external event)
     * @param lastExecution the last run, null until the task has run
     */
    public record Task(
            String id,
            String name,
            String description,
            String owner,
            String ownerName,
            @JsonProperty("isMine") boolean isMine,
            ProjectSummary project,
            @JsonProperty("projectID") String projectID,
            @JsonProperty("organizationID") String organizationID,
            @JsonProperty("isActive") boolean isActive,
            boolean testMode,
            String testModeRecipients,
            @JsonProperty("isScheduled") boolean isScheduled,
            boolean sendNotifications,
            boolean notifyIfError,
            boolean notifyIfWarning,
            boolean notifyIfSuccess,
            String notificationRecipients,
            String notificationCc,
            String notificationBcc,
            Object lastExecution,
            Long version,
            Instant createdAt,
            Instant updatedAt) {}

    /** @param ccQlikVariable the variable's id */
    public record Email(
            @JsonProperty("taskID") String taskID,
            String from,
            boolean ccBcc,
            String cc,
            String bcc,
            String ccQlikVariable,
            String bccQlikVariable,
            String subject,
            String message,
            @JsonProperty("isActive") boolean isActive,
            boolean oneToAll,
            Long version) {}

    /**
     * @param id this recipient entry's id
     * @param type {@code User}, {@code Recipient} (a user who only receives email), {@code Group} or {@code Email}
     * @param recipientID the user's or group's id; null for {@code Email}
     * @param name null when the user or group no longer exists
     */
    public record Recipient(String id, String name, String type, String email, @JsonProperty("recipientID") String recipientID) {}

    /**
     * A schedule or an external event, with the trigger fields of the live API.
     *
     * @param type {@code Schedule} or {@code ExternalEvent}
     * @param timeZoneOfset the time zone's offset from UTC now, such as {@code +02:00}
     * @param nextExecutionDate the next run of a schedule, null when it will not run (task or schedule
     *     inactive, window over) and for external events
     * @param nextExecutionDates the next five runs of a schedule (empty for external events)
     * @param eventType {@code QlikEvent} for external events
     * @param qlikEvent for external events: the event, its app id and name
     */
    public record Trigger(
            String id,
            String name,
            String description,
            String type,
            @JsonProperty("isActive") boolean isActive,
            String frequency,
            Instant startDate,
            Instant endDate,
            String timeZone,
            String timeZoneOfset,
            Integer day,
            Integer month,
            String weeklyDays,
            Integer atHour,
            Integer atMinut,
            Integer fromHour,
            Integer fromMinut,
            Integer toHour,
            Integer toMinut,
            Integer everyHours,
            String execution,
            int priority,
            Instant nextExecutionDate,
            List<Instant> nextExecutionDates,
            String appId,
            String eventType,
            QlikEvent qlikEvent,
            Long version) {}

    public record QlikEvent(String event, @JsonProperty("appID") String appID, String appName) {}

    /** A task report, with what it reads from the report ({@code name} ... {@code isIteration}). */
    public record TaskReport(
            String id,
            @JsonProperty("reportID") String reportID,
            String name,
            String description,
            String type,
            List<String> outputFormats,
            @JsonProperty("isIteration") boolean isIteration,
            String format,
            boolean emailEmbedment,
            boolean emailAttachment,
            List<Filter> filters,
            List<Named> conditions,
            List<StorageService> storageServices,
            Separators separatorOptions,
            @JsonProperty("isOpenFilePasswordProtected") boolean isOpenFilePasswordProtected,
            @JsonProperty("isWriteFilePasswordProtected") boolean isWriteFilePasswordProtected,
            int imageQuality,
            Iteration iterationOptions,
            Hub hub,
            FileStorage fileStorage,
            Long version) {}

    /** @param order the filter's place, from 1 */
    public record Filter(String id, String name, int order) {}

    public record Named(String id, String name) {}

    public record StorageService(String id, String name, String type, String folder) {}

    public record Separators(String numberDecimalSeparator, String numberGroupSeparator) {}

    public record Iteration(boolean zipForEmail, boolean zipForFolder, boolean conditionPerIterationValue,
            String emailVisibilityVariable, String folderVisibilityVariable, String hubVisibilityVariable) {}

    public record Hub(boolean publish, int retentionCount) {}

    public record FileStorage(boolean enabled, String folder) {}
}
