/**
 * Administration: one tab per area, each a component of this folder. The tab is in the route (/admin/:tab) so a
 * reload or a bookmark opens it again.
 */
import { Tabs } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { paths } from '../../routes.ts';
import { PageHeader } from '../../ui.tsx';
import { useSession } from '../../org.tsx';
import { UsersTab } from './Users.tsx';
import { GroupsTab } from './Groups.tsx';
import { ApiKeysTab } from './ApiKeys.tsx';
import { OrganizationsTab } from './Organizations.tsx';
import { IdentityProvidersTab } from './IdentityProviders.tsx';
import { ConnectionsTab } from './Connections.tsx';
import { StorageServicesTab } from './StorageServices.tsx';
import { SmtpTab } from './Smtp.tsx';
import { AuditLogTab } from './AuditLog.tsx';
import { LicensesTab, PluginsTab } from './PluginsLicenses.tsx';

export const ADMIN_TABS = [
  { value: 'users', label: 'Users' },
  { value: 'groups', label: 'Groups' },
  { value: 'api-keys', label: 'API keys' },
  { value: 'organizations', label: 'Organizations' },
  { value: 'identity-providers', label: 'Identity providers' },
  { value: 'connections', label: 'Connections' },
  { value: 'storage-services', label: 'Storage services' },
  { value: 'smtp', label: 'SMTP' },
  { value: 'audit-log', label: 'Audit log' },
  { value: 'plugins', label: 'Plugins' },
  { value: 'licenses', label: 'Licenses' },
] as const;

export function AdminPage() {
  const { tab = 'users' } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const current = ADMIN_TABS.some((item) => item.value === tab) ? tab : 'users';
  const organizationId = session.organization?.uuid ?? null;
  return (
    <>
      <PageHeader title="Administration" subtitle={session.organization ? `Organization: ${session.organization.name}` : undefined} />
      <Tabs value={current} onChange={(value) => navigate(paths.admin(value ?? 'users'))} keepMounted={false}>
        <Tabs.List mb="md" style={{ flexWrap: 'wrap' }}>
          {ADMIN_TABS.map((item) => <Tabs.Tab key={item.value} value={item.value}>{item.label}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="users"><UsersTab organizationId={organizationId} /></Tabs.Panel>
        <Tabs.Panel value="groups"><GroupsTab organizationId={organizationId} /></Tabs.Panel>
        <Tabs.Panel value="api-keys"><ApiKeysTab organizationId={organizationId} /></Tabs.Panel>
        <Tabs.Panel value="organizations"><OrganizationsTab /></Tabs.Panel>
        <Tabs.Panel value="identity-providers"><IdentityProvidersTab organizationId={organizationId} /></Tabs.Panel>
        <Tabs.Panel value="connections"><ConnectionsTab organizationId={organizationId} /></Tabs.Panel>
        <Tabs.Panel value="storage-services"><StorageServicesTab organizationId={organizationId} /></Tabs.Panel>
        <Tabs.Panel value="smtp"><SmtpTab organizationId={organizationId} /></Tabs.Panel>
        <Tabs.Panel value="audit-log"><AuditLogTab organizationId={organizationId} /></Tabs.Panel>
        <Tabs.Panel value="plugins"><PluginsTab /></Tabs.Panel>
        <Tabs.Panel value="licenses"><LicensesTab /></Tabs.Panel>
      </Tabs>
    </>
  );
}

