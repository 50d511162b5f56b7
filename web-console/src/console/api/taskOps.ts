// The GraphQL operations of authoring (filter and condition pickers), task settings, run logs and asset permissions.
import { graphql } from '../gql';

// ------------------------------------------------------------------ pickers

export const AppFieldValuesQuery = graphql(`
  query AppFieldValues($reportId: ID, $organizationId: ID, $appId: ID, $field: String!, $search: String, $first: Int, $after: String) {
    appFieldValues(reportId: $reportId, organizationId: $organizationId, appId: $appId, field: $field, search: $search, first: $first, after: $after) {
      totalCount fieldId fieldName
      pageInfo { hasNextPage endCursor }
      nodes { text number }
    }
  }
`);

export const OrganizationAppsQuery = graphql(`
  query OrganizationApps($organizationId: ID!) {
    organizationQlikApps(organizationId: $organizationId) { id name connectionName }
  }
`);

// ---------------------------------------------------------------- conditions

export const PutConditionRule = graphql(`
  mutation PutConditionRule($input: PutConditionRuleInput!) {
    putConditionRule(input: $input) { rule { id } userErrors { field code message } }
  }
`);

// --------------------------------------------------------------------- tasks

export const TaskSettingsQuery = graphql(`
  query TaskSettings($id: ID!) {
    task(id: $id) {
      id uuid version organizationId
      email { from ccBcc cc bcc ccQlikVariable bccQlikVariable subject message isActive oneToAll version }
      externalEvents { id name description isActive appId appName qlikEvent timeZone startDate endDate }
      taskReports { id reportId name format type isIteration outputFormats emailAttachment emailEmbedment imageQuality
        filters { id name order } conditions { id name } storageServices { id name type folder }
        hub { publish retentionCount } fileStorage { enabled folder }
        separatorOptions { numberDecimalSeparator numberGroupSeparator }
        iterationOptions { zipForEmail zipForFolder conditionPerIterationValue emailVisibilityVariable folderVisibilityVariable hubVisibilityVariable }
        report { id uuid name type qlikAppIds } }
    }
  }
`);

export const UpdateTaskEmail = graphql(`
  mutation UpdateTaskEmail($input: UpdateTaskEmailInput!) {
    updateTaskEmail(input: $input) { email { subject version } userErrors { field code message } }
  }
`);

export const SaveTaskExternalEvent = graphql(`
  mutation SaveTaskExternalEvent($input: SaveTaskExternalEventInput!) {
    saveTaskExternalEvent(input: $input) { externalEvent { id } userErrors { field code message } }
  }
`);

export const DeleteTaskExternalEvents = graphql(`
  mutation DeleteTaskExternalEvents($input: TaskChildIdsInput!) {
    deleteTaskExternalEvents(input: $input) { deletedIds userErrors { field code message } }
  }
`);

export const DeleteTaskRecipients = graphql(`
  mutation DeleteTaskRecipients($input: TaskChildIdsInput!) {
    deleteTaskRecipients(input: $input) { deletedIds userErrors { field code message } }
  }
`);

export const DeleteTaskSchedules = graphql(`
  mutation DeleteTaskSchedules($input: TaskChildIdsInput!) {
    deleteTaskSchedules(input: $input) { deletedIds userErrors { field code message } }
  }
`);

export const TaskReportChoicesQuery = graphql(`
  query TaskReportChoices($projectId: ID!) {
    project(id: $projectId) {
      id
      reports(first: 100) { nodes { id uuid name type outputFormats isIteration qlikAppIds } }
      filters(first: 100) { nodes { id uuid name } }
      conditions(first: 100) { nodes { id uuid name } }
    }
    storageServices(first: 100) { nodes { id name type } }
  }
`);

// ---------------------------------------------------------------- executions

export const ExecutionLogQuery = graphql(`
  query ExecutionLog($id: ID!, $first: Int, $after: String) {
    execution(id: $id) { id uuid log(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { number text } } }
  }
`);

export const ExecutionSmtpLogQuery = graphql(`
  query ExecutionSmtpLog($id: ID!, $first: Int, $after: String) {
    execution(id: $id) { id uuid smtpLog(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { number text } } }
  }
`);

export const ExecutionDownloadLink = graphql(`
  query ExecutionDownloadLink($id: ID!, $version: String) {
    execution(id: $id) { id downloadLink(version: $version) { url fileName version expiresAt } }
  }
`);

export const TaskRunsQuery = graphql(`
  query TaskRuns($id: ID!) {
    task(id: $id) { id executions(first: 20) { nodes { id uuid status createdAt files { fileName size } } } }
  }
`);

// --------------------------------------------------------------- permissions

/** Whether an asset's project is in customizable mode (read first: only then are the asset's own permissions read). */
export const AssetModeQuery = graphql(`
  query AssetMode($reportId: ID!, $withReport: Boolean!, $filterId: ID!, $withFilter: Boolean!,
    $conditionId: ID!, $withCondition: Boolean!, $taskId: ID!, $withTask: Boolean!) {
    report(id: $reportId) @include(if: $withReport) { id project { id isGlobalPermissions } }
    filter(id: $filterId) @include(if: $withFilter) { id project { id isGlobalPermissions } }
    condition(id: $conditionId) @include(if: $withCondition) { id project { id isGlobalPermissions } }
    task(id: $taskId) @include(if: $withTask) { id project { id isGlobalPermissions } }
  }
`);

export const AssetPermissionsQuery = graphql(`
  query AssetPermissions($reportId: ID!, $withReport: Boolean!, $filterId: ID!, $withFilter: Boolean!,
    $conditionId: ID!, $withCondition: Boolean!, $taskId: ID!, $withTask: Boolean!, $organizationId: ID) {
    report(id: $reportId) @include(if: $withReport) { id uuid project { id uuid isGlobalPermissions } permissions { id memberId type name email permissions } }
    filter(id: $filterId) @include(if: $withFilter) { id uuid project { id uuid isGlobalPermissions } permissions { id memberId type name email permissions } }
    condition(id: $conditionId) @include(if: $withCondition) { id uuid project { id uuid isGlobalPermissions } permissions { id memberId type name email permissions } }
    task(id: $taskId) @include(if: $withTask) { id uuid project { id uuid isGlobalPermissions } permissions { id memberId type name email permissions } }
    users(first: 100) { nodes { id uuid name email } }
    groups(first: 100, organizationId: $organizationId) { nodes { id uuid name } }
  }
`);
