package org.qalyptus.server.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The bodies the task routes accept, with the API reference's field names. Updates may carry the
 * {@code version} they were based on (or an {@code If-Match} header): a stale one is refused with 409.
 */
public final class TaskRequests {

    private TaskRequests() {}

    public record CreateTask(String name, String description, @JsonProperty("projectID") String projectID) {}

    public record UpdateTask(
            String name,
            String description,
            @JsonProperty("isActive") Boolean isActive,
            Boolean sendNotifications,
            Boolean notifyIfError,
            Boolean notifyIfWarning,
            Boolean notifyIfSuccess,
            String notificationRecipients,
            String notificationCc,
            String notificationBcc,
            Boolean testMode,
            String testModeRecipients,
            Long version) {}

    /**
     * @param appMapping optional: app id of the original to app id of the copy; every reference of the
     *     copy to an original app (external events, Qlik variables of the email and iteration options) is
     *     moved to the mapped app, which must be an app of the organization
     */
    @Schema(description = "Optional. appMapping: {\"<from app id>\": \"<to app id>\"} rewrites every app reference of the copy")
    public record DuplicateTask(Map<String, String> appMapping) {}

    public record UpdateEmail(
            String from,
            Boolean ccBcc,
            String cc,
            String bcc,
            String ccQlikVariable,
            String bccQlikVariable,
            String subject,
            String message,
            @JsonProperty("isActive") Boolean isActive,
            Boolean oneToAll,
            Long version) {}

    /**
     * @param id the user or group id (not used for {@code Email})
     * @param type {@code User} (or {@code Recipient}), {@code Group} or {@code Email}
     * @param email the address, for {@code Email}
     */
    public record Recipient(String id, String type, String email) {}

    /**
     * @param day Monthly and Yearly: 1 to 31, or -1 for the last day of the month
     * @param weeklyDays Weekly: day names separated by commas ("Monday,Friday"; "Mon" works too)
     * @param startDate a date-time; without an offset it is read in {@code timeZone}
     */
    public record Schedule(
            String name,
            String description,
            @JsonProperty("isActive") Boolean isActive,
            String frequency,
            String execution,
            Integer priority,
            String timeZone,
            Integer day,
            Integer month,
            Integer atHour,
            Integer atMinut,
            Integer everyHours,
            Integer fromHour,
            Integer fromMinut,
            Integer toHour,
            Integer toMinut,
            String weeklyDays,
            String startDate,
            String endDate,
            Long version) {}

    /** @param qlikEvent {@code AppReloadSucceeded} */
    public record ExternalEvent(
            String name,
            String execution,
            Integer priority,
            String description,
            @JsonProperty("appID") String appID,
            String qlikEvent,
            String startDate,
            String endDate,
            String timeZone,
            @JsonProperty("isActive") Boolean isActive,
            Long version) {}

    public record TaskReport(
            @JsonProperty("reportID") String reportID,
            String format,
            Boolean emailEmbedment,
            Boolean emailAttachment,
            String fileOpenPassword,
            String fileWritePassword,
            @JsonProperty("isOpenFilePasswordProtected") Boolean isOpenFilePasswordProtected,
            @JsonProperty("isWriteFilePasswordProtected") Boolean isWriteFilePasswordProtected,
            Integer imageQuality,
            IterationOptions iterationOptions,
            List<ReportFilter> filters,
            List<ReportCondition> conditions,
            List<ReportStorageService> storageServices,
            Hub hub,
            FileStorage fileStorage,
            SeparatorOptions separatorOptions,
            Long version) {}

    /** @param order the filter's place (filters apply in ascending order; ties keep the list order) */
    public record ReportFilter(String id, Integer order) {}

    public record ReportCondition(String id) {}

    /** @param folder a relative folder below the storage service's location */
    public record ReportStorageService(String id, String folder) {}

    /** @param retentionCount how many files of this task report the hub keeps, 1 to 100 */
    public record Hub(Boolean publish, Integer retentionCount) {}

    /** @param folder a relative folder of the project's file storage */
    public record FileStorage(Boolean enabled, String folder) {}

    /** One character each; the group separator may be empty (no grouping). */
    public record SeparatorOptions(String numberDecimalSeparator, String numberGroupSeparator) {}

    /** The visibility variables are ids of variables of the report's app. */
    public record IterationOptions(
            Boolean zipForEmail,
            Boolean zipForFolder,
            Boolean conditionPerIterationValue,
            String emailVisibilityVariable,
            String folderVisibilityVariable,
            String hubVisibilityVariable) {}
}
