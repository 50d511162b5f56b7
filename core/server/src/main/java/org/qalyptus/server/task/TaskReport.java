package org.qalyptus.server.task;

import java.util.List;

/**
 * A report a task generates, with how it is generated and delivered.
 *
 * @param reportId a report of the task's project
 * @param format an output format of the report's type
 * @param filterIds filters of the task's project, applied in this order
 * @param conditionIds conditions of the task's project, all of which must hold
 * @param storageServices storage services of the organization the file is delivered to
 * @param openPassword the password that opens the file, encrypted with the master key, or null
 * @param writePassword the password that allows changing the file, encrypted, or null
 * @param imageQuality 1 to 100, for image formats
 */
public record TaskReport(String id, String reportId, String format, boolean emailEmbedment, boolean emailAttachment,
        List<String> filterIds, List<String> conditionIds, List<StorageDelivery> storageServices, Hub hub,
        FileStorage fileStorage, IterationOptions iterationOptions, Separators separatorOptions, String openPassword,
        String writePassword, int imageQuality) {

    public TaskReport {
        filterIds = filterIds == null ? List.of() : List.copyOf(filterIds);
        conditionIds = conditionIds == null ? List.of() : List.copyOf(conditionIds);
        storageServices = storageServices == null ? List.of() : List.copyOf(storageServices);
        hub = hub == null ? Hub.NONE : hub;
        fileStorage = fileStorage == null ? FileStorage.NONE : fileStorage;
        iterationOptions = iterationOptions == null ? IterationOptions.NONE : iterationOptions;
        separatorOptions = separatorOptions == null ? Separators.DEFAULT : separatorOptions;
    }

    /** Delivery to a storage service, below {@code folder} (relative, {@code /}-separated, may be empty). */
    public record StorageDelivery(String storageServiceId, String folder) {}

    /** Publication on the hub, keeping the last {@code retentionCount} files. */
    public record Hub(boolean publish, int retentionCount) {
        public static final int DEFAULT_RETENTION = 5;
        public static final Hub NONE = new Hub(false, DEFAULT_RETENTION);
    }

    /** Keeping the file in the project's file storage, below {@code folder}. */
    public record FileStorage(boolean enabled, String folder) {
        public static final FileStorage NONE = new FileStorage(false, null);
    }

    /**
     * How an iterated (burst) report is delivered.
     *
     * @param zipForEmail the files of all values in one zip attachment
     * @param zipForFolder the files of all values in one zip in storage
     * @param conditionPerIterationValue conditions evaluated for each value (false: once, before bursting)
     * @param emailVisibilityVariable a variable whose value, per iteration value, says whether the file is emailed
     */
    public record IterationOptions(boolean zipForEmail, boolean zipForFolder, boolean conditionPerIterationValue,
            VariableRef emailVisibilityVariable, VariableRef folderVisibilityVariable, VariableRef hubVisibilityVariable) {
        public static final IterationOptions NONE = new IterationOptions(false, false, false, null, null, null);
    }

    /** The separators of numbers written as text. */
    public record Separators(String numberDecimalSeparator, String numberGroupSeparator) {
        public static final Separators DEFAULT = new Separators(".", ",");
    }
}
