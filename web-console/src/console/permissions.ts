/** The permission flags (PermissionDto's names) grouped for the permissions editor, and the usual presets. */

export const FLAG_GROUPS: readonly { label: string; flags: readonly string[] }[] = [
  { label: 'Project', flags: ['viewProject'] },
  { label: 'Reports', flags: ['viewReport', 'createReport', 'useReport', 'editReport', 'subscribeReport', 'runReport', 'deleteReport', 'setPermissionsReport', 'duplicateReport', 'moveReport'] },
  { label: 'Filters', flags: ['viewFilter', 'createFilter', 'useFilter', 'editFilter', 'deleteFilter', 'duplicateFilter', 'moveFilter', 'setPermissionsFilter'] },
  { label: 'Conditions', flags: ['viewCondition', 'createCondition', 'useCondition', 'editCondition', 'deleteCondition', 'setPermissionsCondition', 'duplicateCondition', 'moveCondition'] },
  { label: 'Tasks', flags: ['viewTask', 'createTask', 'editTask', 'runTask', 'deleteTask', 'setPermissionsTask', 'duplicateTask', 'moveTask'] },
  { label: 'Hub folders', flags: ['viewFolderContent', 'createFolderContent', 'editFolderContent', 'downloadFolderContent', 'deleteFolderContent', 'duplicateFolderContent', 'moveFolderContent'] },
];

export const ALL_FLAGS: readonly string[] = FLAG_GROUPS.flatMap((group) => group.flags);

/** Presets for adding a member: read-only, or everything. */
export const PRESETS: Readonly<Record<string, readonly string[]>> = {
  viewer: ['viewProject', 'viewReport', 'viewFilter', 'viewCondition', 'viewTask', 'viewFolderContent', 'downloadFolderContent'],
  editor: ALL_FLAGS,
};

/** "editReport" → "Edit report", "setPermissionsTask" → "Set permissions task". */
export function flagLabel(flag: string): string {
  const words = flag.replace(/([A-Z])/g, ' $1').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
