// The GraphQL operations of the administration area (users, groups, API keys, organizations, identity providers,
// connections, storage services, SMTP, audit log, plugins, licenses). Typed by graphql-codegen like api/ops.ts.
import { graphql } from '../gql';

// --------------------------------------------------------------------- users

export const AdminUsersQuery = graphql(`
  query AdminUsers($search: String, $status: String, $first: Int, $after: String) {
    users(search: $search, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id uuid name firstName lastName email status type license tenantAdminRole isTenantOwner createdDate
        organizationRoles { organizationId organizationName role license }
        groups { uuid name isDefault organizationId } }
    }
  }
`);

export const AdminDirectoryQuery = graphql(`
  query AdminDirectory {
    organizations(first: 100) { nodes { id uuid name displayName isDefault } }
    groups(first: 100) { nodes { id uuid name isDefault organizationId } }
  }
`);

export const InviteUsers = graphql(`
  mutation InviteUsers($input: InviteUsersInput!) {
    inviteUsers(input: $input) { users { email id status created emailSent invitationLink } emailSent message userErrors { field code message } }
  }
`);

export const AddUser = graphql(`
  mutation AddUser($input: AddUserInput!) {
    addUser(input: $input) { user { id uuid email } userErrors { field code message } }
  }
`);

export const UpdateUser = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) { user { id uuid status license } userErrors { field code message } }
  }
`);

export const DeleteUsers = graphql(`
  mutation DeleteUsers($input: DeleteInput!) {
    deleteUsers(input: $input) { deletedIds userErrors { field code message } }
  }
`);

// -------------------------------------------------------------------- groups

export const AdminGroupsQuery = graphql(`
  query AdminGroups($organizationId: ID) {
    groups(first: 100, organizationId: $organizationId) {
      totalCount
      nodes { id uuid name description isDefault organizationId memberCount
        members(first: 100) { nodes { id uuid name email } } }
    }
    users(first: 100) { nodes { id uuid name email organizationRoles { organizationId } } }
  }
`);

export const CreateGroup = graphql(`
  mutation CreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) { group { id uuid name } userErrors { field code message } }
  }
`);

export const UpdateGroup = graphql(`
  mutation UpdateGroup($input: UpdateGroupInput!) {
    updateGroup(input: $input) { group { id uuid name description } userErrors { field code message } }
  }
`);

export const DeleteGroups = graphql(`
  mutation DeleteGroups($input: DeleteInput!) {
    deleteGroups(input: $input) { deletedIds userErrors { field code message } }
  }
`);

export const SetGroupMembers = graphql(`
  mutation SetGroupMembers($input: SetGroupMembersInput!) {
    setGroupMembers(input: $input) { members { id uuid } userErrors { field code message } }
  }
`);

// ------------------------------------------------------------------ API keys

export const AdminApiKeysQuery = graphql(`
  query AdminApiKeys {
    apiKeys(first: 100) { totalCount nodes { id uuid name description expiryDate isExpired createdDate organizationId organization { uuid name displayName } } }
  }
`);

export const CreateApiKey = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { apiKey { id uuid name } key userErrors { field code message } }
  }
`);

export const DeleteApiKeys = graphql(`
  mutation DeleteApiKeys($input: DeleteInput!) {
    deleteApiKeys(input: $input) { deletedIds userErrors { field code message } }
  }
`);

// ------------------------------------------------------------- organizations

export const AdminOrganizationsQuery = graphql(`
  query AdminOrganizations {
    organizations(first: 100) { totalCount nodes { id uuid name displayName description isDefault themeId createdDate memberCount } }
    identityProviders(first: 100) { nodes { id name organizationId } }
  }
`);

export const OrganizationAuthenticationsQuery = graphql(`
  query OrganizationAuthentications($organizationId: ID!) {
    organizationAuthentications(organizationId: $organizationId) { qalyptusAuth identityProvider identityProviderDefaultRole }
  }
`);

export const CreateOrganization = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id uuid name } userErrors { field code message } }
  }
`);

export const UpdateOrganization = graphql(`
  mutation UpdateOrganization($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) { organization { id uuid name displayName description } userErrors { field code message } }
  }
`);

export const DeleteOrganizations = graphql(`
  mutation DeleteOrganizations($input: DeleteInput!) {
    deleteOrganizations(input: $input) { deletedIds userErrors { field code message } }
  }
`);

export const UpdateOrganizationAuthentications = graphql(`
  mutation UpdateOrganizationAuthentications($input: UpdateOrganizationAuthenticationsInput!) {
    updateOrganizationAuthentications(input: $input) { authentications { qalyptusAuth identityProvider identityProviderDefaultRole } userErrors { field code message } }
  }
`);

// -------------------------------------------------------- identity providers

export const AdminIdentityProvidersQuery = graphql(`
  query AdminIdentityProviders {
    identityProviders(first: 100) {
      nodes { id name description type organizationId clientId isClientSecretSet issuer authorizationEndpoint accessTokenEndpoint
        userinfoEndpoint logoutEndpoint postLogoutRedirectUrl jwksUri modifiedDate }
    }
  }
`);

export const CreateIdentityProvider = graphql(`
  mutation CreateIdentityProvider($input: CreateIdentityProviderInput!) {
    createIdentityProvider(input: $input) { identityProvider { id name isClientSecretSet } userErrors { field code message } }
  }
`);

export const UpdateIdentityProvider = graphql(`
  mutation UpdateIdentityProvider($input: UpdateIdentityProviderInput!) {
    updateIdentityProvider(input: $input) { identityProvider { id name isClientSecretSet } userErrors { field code message } }
  }
`);

export const DeleteIdentityProvider = graphql(`
  mutation DeleteIdentityProvider($input: DeleteIdentityProviderInput!) {
    deleteIdentityProvider(input: $input) { deletedIds userErrors { field code message } }
  }
`);

// ------------------------------------------------- connections and storage

export const ExtensionTypesQuery = graphql(`
  query ExtensionTypes {
    plugins { id state extensions { point typeId displayName
      configFields { name label type required secret defaultValue description options } } }
  }
`);

export const AdminConnectionsQuery = graphql(`
  query AdminConnections($organizationId: ID!) {
    connections(first: 100, organizationId: $organizationId) {
      nodes { id name description type organizationId settings { name value } secretsSet createdAt }
    }
    organizationQlikApps(organizationId: $organizationId) { id name description lastReloadTime connectionId }
  }
`);

export const CreateConnection = graphql(`
  mutation CreateConnection($input: CreateConnectionInput!) {
    createConnection(input: $input) { connection { id name } userErrors { field code message } }
  }
`);

export const UpdateConnection = graphql(`
  mutation UpdateConnection($input: UpdateConnectionInput!) {
    updateConnection(input: $input) { connection { id name } userErrors { field code message } }
  }
`);

export const DeleteConnection = graphql(`
  mutation DeleteConnection($input: ConnectionIdInput!) {
    deleteConnection(input: $input) { deletedIds userErrors { field code message } }
  }
`);

export const TestConnection = graphql(`
  mutation TestConnection($input: ConnectionIdInput!) {
    testConnection(input: $input) { result { ok message } userErrors { field code message } }
  }
`);

export const RemoveConnectionApp = graphql(`
  mutation RemoveConnectionApp($input: RemoveConnectionAppInput!) {
    removeConnectionApp(input: $input) { connection { id } userErrors { field code message } }
  }
`);

export const AdminStorageServicesQuery = graphql(`
  query AdminStorageServices {
    storageServices(first: 100) {
      nodes { id name description type organizationId settings { name value } secretsSet ownerName isMine updatedAt version }
    }
  }
`);

export const CreateStorageService = graphql(`
  mutation CreateStorageService($input: CreateStorageServiceInput!) {
    createStorageService(input: $input) { storageService { id name } userErrors { field code message } }
  }
`);

export const UpdateStorageService = graphql(`
  mutation UpdateStorageService($input: UpdateStorageServiceInput!) {
    updateStorageService(input: $input) { storageService { id name version } userErrors { field code message } }
  }
`);

export const DeleteStorageServices = graphql(`
  mutation DeleteStorageServices($input: DeleteInput!) {
    deleteStorageServices(input: $input) { deletedIds userErrors { field code message } }
  }
`);

export const TestStorageService = graphql(`
  mutation TestStorageService($input: TestStorageServiceInput!) {
    testStorageService(input: $input) { result { ok message } userErrors { field code message } }
  }
`);

// ---------------------------------------------------------------------- SMTP

export const SmtpSettingsQuery = graphql(`
  query SmtpSettings($organizationId: ID!) {
    smtpSettings(organizationId: $organizationId) {
      organizationId source host port security requireAuthentication username passwordSet fromName fromAddress
      subjectPrefix connectionTimeoutSeconds timeoutSeconds updatedAt
    }
  }
`);

export const SetSmtpSettings = graphql(`
  mutation SetSmtpSettings($input: SetSmtpSettingsInput!) {
    setSmtpSettings(input: $input) { smtpSettings { source host port passwordSet updatedAt } userErrors { field code message } }
  }
`);

export const DeleteSmtpSettings = graphql(`
  mutation DeleteSmtpSettings($input: DeleteSmtpSettingsInput!) {
    deleteSmtpSettings(input: $input) { smtpSettings { source } userErrors { field code message } }
  }
`);

export const TestSmtpSettings = graphql(`
  mutation TestSmtpSettings($input: TestSmtpSettingsInput!) {
    testSmtpSettings(input: $input) { result { status delivered messageId detail conversation } userErrors { field code message } }
  }
`);

// ------------------------------------------------------------ audit, plugins

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int, $after: String, $organizationId: ID, $action: String, $outcome: String, $email: String) {
    auditLog(first: $first, after: $after, organizationId: $organizationId, action: $action, outcome: $outcome, email: $email) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id createdDate organizationId action outcome errorCode message email clientAddress }
    }
  }
`);

export const PluginsLicensesQuery = graphql(`
  query PluginsLicenses {
    plugins { id version state reason description provider warnings extensions { point typeId displayName } }
    licenses { edition isUnlimited scope licenses { license used total } }
  }
`);
