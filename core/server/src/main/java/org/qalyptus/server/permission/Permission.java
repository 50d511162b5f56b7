package org.qalyptus.server.permission;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The 42 flags of the API's {@code PermissionDto}, in the reference's order, each with the license it
 * needs. The classification follows the product rule "create needs Creator, edit needs Explorer, view
 * needs Viewer": seeing, downloading and subscribing are viewing; creating and duplicating make new
 * content; everything else (edit, delete, move, use in another asset, run, set permissions) changes or
 * acts on existing content and counts as editing.
 */
public enum Permission {
    VIEW_PROJECT("viewProject", Need.VIEW, Target.PROJECT, true),
    VIEW_REPORT("viewReport", Need.VIEW, Target.REPORT, false),
    CREATE_REPORT("createReport", Need.CREATE, Target.REPORT, true),
    USE_REPORT("useReport", Need.EDIT, Target.REPORT, false),
    EDIT_REPORT("editReport", Need.EDIT, Target.REPORT, false),
    SUBSCRIBE_REPORT("subscribeReport", Need.VIEW, Target.REPORT, false),
    RUN_REPORT("runReport", Need.EDIT, Target.REPORT, false),
    DELETE_REPORT("deleteReport", Need.EDIT, Target.REPORT, false),
    SET_PERMISSIONS_REPORT("setPermissionsReport", Need.EDIT, Target.REPORT, false),
    DUPLICATE_REPORT("duplicateReport", Need.CREATE, Target.REPORT, false),
    MOVE_REPORT("moveReport", Need.EDIT, Target.REPORT, false),
    VIEW_FILTER("viewFilter", Need.VIEW, Target.FILTER, false),
    CREATE_FILTER("createFilter", Need.CREATE, Target.FILTER, true),
    USE_FILTER("useFilter", Need.EDIT, Target.FILTER, false),
    EDIT_FILTER("editFilter", Need.EDIT, Target.FILTER, false),
    DELETE_FILTER("deleteFilter", Need.EDIT, Target.FILTER, false),
    DUPLICATE_FILTER("duplicateFilter", Need.CREATE, Target.FILTER, false),
    MOVE_FILTER("moveFilter", Need.EDIT, Target.FILTER, false),
    SET_PERMISSIONS_FILTER("setPermissionsFilter", Need.EDIT, Target.FILTER, false),
    VIEW_CONDITION("viewCondition", Need.VIEW, Target.CONDITION, false),
    CREATE_CONDITION("createCondition", Need.CREATE, Target.CONDITION, true),
    USE_CONDITION("useCondition", Need.EDIT, Target.CONDITION, false),
    EDIT_CONDITION("editCondition", Need.EDIT, Target.CONDITION, false),
    DELETE_CONDITION("deleteCondition", Need.EDIT, Target.CONDITION, false),
    SET_PERMISSIONS_CONDITION("setPermissionsCondition", Need.EDIT, Target.CONDITION, false),
    DUPLICATE_CONDITION("duplicateCondition", Need.CREATE, Target.CONDITION, false),
    MOVE_CONDITION("moveCondition", Need.EDIT, Target.CONDITION, false),
    VIEW_TASK("viewTask", Need.VIEW, Target.TASK, false),
    CREATE_TASK("createTask", Need.CREATE, Target.TASK, true),
    EDIT_TASK("editTask", Need.EDIT, Target.TASK, false),
    RUN_TASK("runTask", Need.EDIT, Target.TASK, false),
    DELETE_TASK("deleteTask", Need.EDIT, Target.TASK, false),
    SET_PERMISSIONS_TASK("setPermissionsTask", Need.EDIT, Target.TASK, false),
    DUPLICATE_TASK("duplicateTask", Need.CREATE, Target.TASK, false),
    MOVE_TASK("moveTask", Need.EDIT, Target.TASK, false),
    VIEW_FOLDER_CONTENT("viewFolderContent", Need.VIEW, Target.FOLDER_CONTENT, true),
    CREATE_FOLDER_CONTENT("createFolderContent", Need.CREATE, Target.FOLDER_CONTENT, true),
    EDIT_FOLDER_CONTENT("editFolderContent", Need.EDIT, Target.FOLDER_CONTENT, true),
    DOWNLOAD_FOLDER_CONTENT("downloadFolderContent", Need.VIEW, Target.FOLDER_CONTENT, true),
    DELETE_FOLDER_CONTENT("deleteFolderContent", Need.EDIT, Target.FOLDER_CONTENT, true),
    DUPLICATE_FOLDER_CONTENT("duplicateFolderContent", Need.CREATE, Target.FOLDER_CONTENT, true),
    MOVE_FOLDER_CONTENT("moveFolderContent", Need.EDIT, Target.FOLDER_CONTENT, true);

    /** What kind of use a flag is, which decides the minimum license. */
    public enum Need {
        VIEW(LicenseLevel.Viewer), EDIT(LicenseLevel.Explorer), CREATE(LicenseLevel.Creator);

        private final LicenseLevel minimum;

        Need(LicenseLevel minimum) {
            this.minimum = minimum;
        }

        public LicenseLevel minimum() {
            return minimum;
        }
    }

    /** What a flag is about. Folder content lives in the project's hub folders, not in an asset. */
    public enum Target { PROJECT, REPORT, FILTER, CONDITION, TASK, FOLDER_CONTENT }

    private static final Map<String, Permission> BY_FLAG = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Permission::flag, Function.identity()));

    private final String flag;
    private final Need need;
    private final Target target;
    private final boolean decidedOnProject;

    Permission(String flag, Need need, Target target, boolean decidedOnProject) {
        this.flag = flag;
        this.need = need;
        this.target = target;
        this.decidedOnProject = decidedOnProject;
    }

    /** The JSON name, exactly as in the API reference. */
    public String flag() {
        return flag;
    }

    public Need need() {
        return need;
    }

    public Target target() {
        return target;
    }

    /**
     * Whether the flag is always decided on the project's permissions, even in customizable mode:
     * creating a new asset, seeing the project, and folder content have no asset to hold them.
     */
    public boolean decidedOnProject() {
        return decidedOnProject;
    }

    public static Optional<Permission> ofFlag(String flag) {
        return Optional.ofNullable(BY_FLAG.get(flag));
    }
}
