package org.qalyptus.server.permission;

import java.util.EnumSet;
import java.util.Set;

/**
 * The API's {@code PermissionDto}: the 42 flags a membership grants. A missing or null flag is not
 * granted. Written out field by field so the OpenAPI document lists every flag.
 */
public record PermissionDto(
        Boolean viewProject,
        Boolean viewReport,
        Boolean createReport,
        Boolean useReport,
        Boolean editReport,
        Boolean subscribeReport,
        Boolean runReport,
        Boolean deleteReport,
        Boolean setPermissionsReport,
        Boolean duplicateReport,
        Boolean moveReport,
        Boolean viewFilter,
        Boolean createFilter,
        Boolean useFilter,
        Boolean editFilter,
        Boolean deleteFilter,
        Boolean duplicateFilter,
        Boolean moveFilter,
        Boolean setPermissionsFilter,
        Boolean viewCondition,
        Boolean createCondition,
        Boolean useCondition,
        Boolean editCondition,
        Boolean deleteCondition,
        Boolean setPermissionsCondition,
        Boolean duplicateCondition,
        Boolean moveCondition,
        Boolean viewTask,
        Boolean createTask,
        Boolean editTask,
        Boolean runTask,
        Boolean deleteTask,
        Boolean setPermissionsTask,
        Boolean duplicateTask,
        Boolean moveTask,
        Boolean viewFolderContent,
        Boolean createFolderContent,
        Boolean editFolderContent,
        Boolean downloadFolderContent,
        Boolean deleteFolderContent,
        Boolean duplicateFolderContent,
        Boolean moveFolderContent) {

    /** The granted flags. */
    public EnumSet<Permission> toSet() {
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        if (Boolean.TRUE.equals(viewProject)) {
            granted.add(Permission.VIEW_PROJECT);
        }
        if (Boolean.TRUE.equals(viewReport)) {
            granted.add(Permission.VIEW_REPORT);
        }
        if (Boolean.TRUE.equals(createReport)) {
            granted.add(Permission.CREATE_REPORT);
        }
        if (Boolean.TRUE.equals(useReport)) {
            granted.add(Permission.USE_REPORT);
        }
        if (Boolean.TRUE.equals(editReport)) {
            granted.add(Permission.EDIT_REPORT);
        }
        if (Boolean.TRUE.equals(subscribeReport)) {
            granted.add(Permission.SUBSCRIBE_REPORT);
        }
        if (Boolean.TRUE.equals(runReport)) {
            granted.add(Permission.RUN_REPORT);
        }
        if (Boolean.TRUE.equals(deleteReport)) {
            granted.add(Permission.DELETE_REPORT);
        }
        if (Boolean.TRUE.equals(setPermissionsReport)) {
            granted.add(Permission.SET_PERMISSIONS_REPORT);
        }
        if (Boolean.TRUE.equals(duplicateReport)) {
            granted.add(Permission.DUPLICATE_REPORT);
        }
        if (Boolean.TRUE.equals(moveReport)) {
            granted.add(Permission.MOVE_REPORT);
        }
        if (Boolean.TRUE.equals(viewFilter)) {
            granted.add(Permission.VIEW_FILTER);
        }
        if (Boolean.TRUE.equals(createFilter)) {
            granted.add(Permission.CREATE_FILTER);
        }
        if (Boolean.TRUE.equals(useFilter)) {
            granted.add(Permission.USE_FILTER);
        }
        if (Boolean.TRUE.equals(editFilter)) {
            granted.add(Permission.EDIT_FILTER);
        }
        if (Boolean.TRUE.equals(deleteFilter)) {
            granted.add(Permission.DELETE_FILTER);
        }
        if (Boolean.TRUE.equals(duplicateFilter)) {
            granted.add(Permission.DUPLICATE_FILTER);
        }
        if (Boolean.TRUE.equals(moveFilter)) {
            granted.add(Permission.MOVE_FILTER);
        }
        if (Boolean.TRUE.equals(setPermissionsFilter)) {
            granted.add(Permission.SET_PERMISSIONS_FILTER);
        }
        if (Boolean.TRUE.equals(viewCondition)) {
            granted.add(Permission.VIEW_CONDITION);
        }
        if (Boolean.TRUE.equals(createCondition)) {
            granted.add(Permission.CREATE_CONDITION);
        }
        if (Boolean.TRUE.equals(useCondition)) {
            granted.add(Permission.USE_CONDITION);
        }
        if (Boolean.TRUE.equals(editCondition)) {
            granted.add(Permission.EDIT_CONDITION);
        }
        if (Boolean.TRUE.equals(deleteCondition)) {
            granted.add(Permission.DELETE_CONDITION);
        }
        if (Boolean.TRUE.equals(setPermissionsCondition)) {
            granted.add(Permission.SET_PERMISSIONS_CONDITION);
        }
        if (Boolean.TRUE.equals(duplicateCondition)) {
            granted.add(Permission.DUPLICATE_CONDITION);
        }
        if (Boolean.TRUE.equals(moveCondition)) {
            granted.add(Permission.MOVE_CONDITION);
        }
        if (Boolean.TRUE.equals(viewTask)) {
            granted.add(Permission.VIEW_TASK);
        }
        if (Boolean.TRUE.equals(createTask)) {
            granted.add(Permission.CREATE_TASK);
        }
        if (Boolean.TRUE.equals(editTask)) {
            granted.add(Permission.EDIT_TASK);
        }
        if (Boolean.TRUE.equals(runTask)) {
            granted.add(Permission.RUN_TASK);
        }
        if (Boolean.TRUE.equals(deleteTask)) {
            granted.add(Permission.DELETE_TASK);
        }
        if (Boolean.TRUE.equals(setPermissionsTask)) {
            granted.add(Permission.SET_PERMISSIONS_TASK);
        }
        if (Boolean.TRUE.equals(duplicateTask)) {
            granted.add(Permission.DUPLICATE_TASK);
        }
        if (Boolean.TRUE.equals(moveTask)) {
            granted.add(Permission.MOVE_TASK);
        }
        if (Boolean.TRUE.equals(viewFolderContent)) {
            granted.add(Permission.VIEW_FOLDER_CONTENT);
        }
        if (Boolean.TRUE.equals(createFolderContent)) {
            granted.add(Permission.CREATE_FOLDER_CONTENT);
        }
        if (Boolean.TRUE.equals(editFolderContent)) {
            granted.add(Permission.EDIT_FOLDER_CONTENT);
        }
        if (Boolean.TRUE.equals(downloadFolderContent)) {
            granted.add(Permission.DOWNLOAD_FOLDER_CONTENT);
        }
        if (Boolean.TRUE.equals(deleteFolderContent)) {
            granted.add(Permission.DELETE_FOLDER_CONTENT);
        }
        if (Boolean.TRUE.equals(duplicateFolderContent)) {
            granted.add(Permission.DUPLICATE_FOLDER_CONTENT);
        }
        if (Boolean.TRUE.equals(moveFolderContent)) {
            granted.add(Permission.MOVE_FOLDER_CONTENT);
        }
        return granted;
    }

    public static PermissionDto of(Set<Permission> granted) {
        return new PermissionDto(
                granted.contains(Permission.VIEW_PROJECT),
                granted.contains(Permission.VIEW_REPORT),
                granted.contains(Permission.CREATE_REPORT),
                granted.contains(Permission.USE_REPORT),
                granted.contains(Permission.EDIT_REPORT),
                granted.contains(Permission.SUBSCRIBE_REPORT),
                granted.contains(Permission.RUN_REPORT),
                granted.contains(Permission.DELETE_REPORT),
                granted.contains(Permission.SET_PERMISSIONS_REPORT),
                granted.contains(Permission.DUPLICATE_REPORT),
                granted.contains(Permission.MOVE_REPORT),
                granted.contains(Permission.VIEW_FILTER),
                granted.contains(Permission.CREATE_FILTER),
                granted.contains(Permission.USE_FILTER),
                granted.contains(Permission.EDIT_FILTER),
                granted.contains(Permission.DELETE_FILTER),
                granted.contains(Permission.DUPLICATE_FILTER),
                granted.contains(Permission.MOVE_FILTER),
                granted.contains(Permission.SET_PERMISSIONS_FILTER),
                granted.contains(Permission.VIEW_CONDITION),
                granted.contains(Permission.CREATE_CONDITION),
                granted.contains(Permission.USE_CONDITION),
                granted.contains(Permission.EDIT_CONDITION),
                granted.contains(Permission.DELETE_CONDITION),
                granted.contains(Permission.SET_PERMISSIONS_CONDITION),
                granted.contains(Permission.DUPLICATE_CONDITION),
                granted.contains(Permission.MOVE_CONDITION),
                granted.contains(Permission.VIEW_TASK),
                granted.contains(Permission.CREATE_TASK),
                granted.contains(Permission.EDIT_TASK),
                granted.contains(Permission.RUN_TASK),
                granted.contains(Permission.DELETE_TASK),
                granted.contains(Permission.SET_PERMISSIONS_TASK),
                granted.contains(Permission.DUPLICATE_TASK),
                granted.contains(Permission.MOVE_TASK),
                granted.contains(Permission.VIEW_FOLDER_CONTENT),
                granted.contains(Permission.CREATE_FOLDER_CONTENT),
                granted.contains(Permission.EDIT_FOLDER_CONTENT),
                granted.contains(Permission.DOWNLOAD_FOLDER_CONTENT),
                granted.contains(Permission.DELETE_FOLDER_CONTENT),
                granted.contains(Permission.DUPLICATE_FOLDER_CONTENT),
                granted.contains(Permission.MOVE_FOLDER_CONTENT));
    }
}
