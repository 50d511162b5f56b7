/** Users: search and pages, invite, add a recipient, edit roles/licenses/groups, disable/enable, delete, Excel import. */
import { useMemo, useState } from 'react';
import {
  Alert, Badge, Button, CopyButton, Group, Modal, MultiSelect, Select, Stack, Table, Text, TextInput, Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from 'urql';
import {
  AddUser, AdminDirectoryQuery, AdminUsersQuery, DeleteUsers, InviteUsers, UpdateUser,
} from '../../api/adminOps.ts';
import { fieldError, otherErrors, splitEmails } from '../../format.ts';
import { useSession } from '../../org.tsx';
import { ConfirmDialog, FormErrors, QueryState, type UserErrorLike } from '../../ui.tsx';
import { UserImportDialog } from './UserImport.tsx';

const PAGE = 25;
export const ROLES = ['Member', 'Administrator'];
export const LICENSES = ['Creator', 'Explorer', 'Viewer', 'Unlicensed'];

interface OrgOption { uuid: string; label: string }
interface GroupOption { uuid: string; name: string; organizationId: string; isDefault: boolean }

function useDirectory() {
  const [{ data }] = useQuery({ query: AdminDirectoryQuery });
  return useMemo(() => ({
    organizations: (data?.organizations.nodes ?? []).map((org) => ({ uuid: org.uuid, label: org.displayName || org.name })) as OrgOption[],
    groups: (data?.groups.nodes ?? []) as GroupOption[],
  }), [data]);
}

type UserRow = NonNullable<ReturnType<typeof useUsers>['users']>[number];

function useUsers(search: string, status: string | null, after: string | null) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AdminUsersQuery,
    variables: { search: search || null, status, first: PAGE, after },
  });
  return { users: data?.users.nodes, total: data?.users.totalCount ?? 0, pageInfo: data?.users.pageInfo, fetching, error, refetch };
}

export function UsersTab({ organizationId }: { organizationId: string | null }) {
  const session = useSession();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [status, setStatus] = useState<string | null>(null);
  // the cursors of the pages before the current one, so "Previous" goes back
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const { users, total, pageInfo, fetching, error, refetch } = useUsers(debounced, status, after);
  const directory = useDirectory();
  const [dialog, setDialog] = useState<'invite' | 'recipient' | 'import' | null>(null);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [deleting, setDeleting] = useState<UserRow | null>(null);
  const [deleteErrors, setDeleteErrors] = useState<readonly UserErrorLike[]>([]);
  const [statusErrors, setStatusErrors] = useState<readonly UserErrorLike[]>([]);
  const [, updateUser] = useMutation(UpdateUser);
  const [, deleteUsers] = useMutation(DeleteUsers);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const firstPage = () => setCursors([null]);
  const list = users ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Search users" placeholder="Name or email contains…" value={search} w={260}
            onChange={(event) => { setSearch(event.currentTarget.value); firstPage(); }} />
          <Select label="Status" w={160} clearable placeholder="Any" data={['Active', 'Pending', 'Disabled']} value={status}
            onChange={(value) => { setStatus(value); firstPage(); }} />
        </Group>
        <Group gap="xs">
          <Button onClick={() => setDialog('invite')}>Invite users</Button>
          <Button variant="default" onClick={() => setDialog('recipient')}>Add a recipient</Button>
          <Button variant="default" onClick={() => setDialog('import')}>Import from Excel</Button>
        </Group>
      </Group>
      <FormErrors errors={[...statusErrors, ...deleteErrors].map((e) => e.message)} />
      <QueryState fetching={fetching} error={error} empty={!fetching && list.length === 0}
        emptyText={debounced || status ? 'No user matches.' : 'No user yet.'}>
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover aria-label="Users">
            <Table.Thead>
              <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Email</Table.Th><Table.Th>Status</Table.Th><Table.Th>Roles</Table.Th>
                <Table.Th>Groups</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((user) => (
                <Table.Tr key={user.uuid} data-testid="user-row">
                  <Table.Td>
                    {user.name && user.name !== user.email ? user.name : '—'}
                    {user.isTenantOwner ? <Badge ml={6} size="xs">owner</Badge> : null}
                    {user.tenantAdminRole ? <Badge ml={6} size="xs" variant="light">tenant admin</Badge> : null}
                    {user.type === 'Recipient' ? <Badge ml={6} size="xs" color="gray" variant="light">recipient</Badge> : null}
                  </Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td><Badge variant="light" color={user.status === 'Active' ? 'green' : user.status === 'Disabled' ? 'red' : 'yellow'}>{user.status ?? '—'}</Badge></Table.Td>
                  <Table.Td>
                    {user.organizationRoles.map((role) => (
                      <Text key={role.organizationId} size="xs">{role.organizationName ?? role.organizationId}: {role.role}, {role.license}</Text>
                    ))}
                  </Table.Td>
                  <Table.Td>{user.groups.filter((g) => !g.isDefault).map((g) => g.name).join(', ') || '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="xs" variant="subtle" aria-label={`Edit ${user.email}`} onClick={() => setEditing(user)}>Edit</Button>
                      {user.isTenantOwner || user.uuid === session.userId ? null : (
                        <>
                          <Button size="xs" variant="subtle" aria-label={`${user.status === 'Disabled' ? 'Enable' : 'Disable'} ${user.email}`}
                            onClick={async () => {
                              const result = await updateUser({ input: { id: user.uuid, type: 'STATUS', status: user.status === 'Disabled' ? 'Active' : 'Disabled' } });
                              setStatusErrors(result.data?.updateUser.userErrors ?? (result.error ? [{ code: 'ERROR', message: result.error.message }] : []));
                              reload();
                            }}>{user.status === 'Disabled' ? 'Enable' : 'Disable'}</Button>
                          <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${user.email}`} onClick={() => setDeleting(user)}>Delete</Button>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">{total} user(s)</Text>
          <Group gap="xs">
            <Button size="xs" variant="default" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>Previous</Button>
            <Button size="xs" variant="default" disabled={!pageInfo?.hasNextPage}
              onClick={() => pageInfo?.endCursor && setCursors([...cursors, pageInfo.endCursor])}>Next</Button>
          </Group>
        </Group>
      </QueryState>

      {dialog === 'invite' ? <InviteDialog organizationId={organizationId} directory={directory} onClose={() => setDialog(null)} onSaved={reload} /> : null}
      {dialog === 'recipient' ? <RecipientDialog organizationId={organizationId} directory={directory} onClose={() => setDialog(null)} onSaved={reload} /> : null}
      {dialog === 'import' ? <UserImportDialog onClose={() => setDialog(null)} onImported={reload} /> : null}
      {editing ? <EditUserDialog user={editing} directory={directory} onClose={() => setEditing(null)} onSaved={reload} /> : null}
      <ConfirmDialog opened={deleting !== null} title="Delete the user?" onClose={() => setDeleting(null)}
        body={`${deleting?.email} will be deleted. A user who still owns content must have it transferred first.`}
        onConfirm={async () => {
          if (deleting) {
            const result = await deleteUsers({ input: { ids: [deleting.uuid] } });
            setDeleteErrors(result.data?.deleteUsers.userErrors ?? []);
            setDeleting(null);
            reload();
          }
        }} />
    </Stack>
  );
}

function RoleLicense({ role, license, onRole, onLicense, labelSuffix = '' }: {
  role: string; license: string; onRole: (value: string) => void; onLicense: (value: string) => void; labelSuffix?: string;
}) {
  return (
    <Group grow>
      <Select label={`Role${labelSuffix}`} data={ROLES} value={role} allowDeselect={false} onChange={(value) => value && onRole(value)} />
      <Select label={`License${labelSuffix}`} data={LICENSES} value={license} allowDeselect={false} onChange={(value) => value && onLicense(value)} />
    </Group>
  );
}

function InviteDialog({ organizationId, directory, onClose, onSaved }: {
  organizationId: string | null; directory: ReturnType<typeof useDirectory>; onClose: () => void; onSaved: () => void;
}) {
  const [emails, setEmails] = useState('');
  const [organization, setOrganization] = useState<string | null>(organizationId);
  const [role, setRole] = useState('Member');
  const [license, setLicense] = useState('Viewer');
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [result, setResult] = useState<{ message: string | null; users: readonly { email: string; created: boolean; emailSent: boolean; invitationLink?: string | null }[] } | null>(null);
  const [inviting, invite] = useMutation(InviteUsers);
  const [updating, update] = useMutation(UpdateUser);
  const groups = directory.groups.filter((g) => g.organizationId === organization && !g.isDefault);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const answer = await invite({ input: {
      emails: splitEmails(emails),
      organizations: organization ? [{ organizationId: organization, role, license }] : [],
    } });
    const payload = answer.data?.inviteUsers;
    if (!payload || payload.userErrors.length > 0) {
      setErrors(payload?.userErrors ?? []);
      return;
    }
    const groupErrors: UserErrorLike[] = [];
    if (groupIds.length > 0) {
      for (const user of payload.users) {
        const grouped = await update({ input: { id: user.id, type: 'GROUPS', groupIds } });
        groupErrors.push(...(grouped.data?.updateUser.userErrors ?? []));
      }
    }
    setErrors(groupErrors);
    setResult({ message: payload.message ?? null, users: payload.users });
    onSaved();
  }

  return (
    <Modal opened onClose={onClose} title="Invite users" size="lg" centered>
      {result ? (
        <Stack>
          <Alert color="green" role="status" title="Invited">{result.message ?? `${result.users.length} user(s) invited.`}</Alert>
          <Stack gap={4} data-testid="invited-users">
            {result.users.map((user) => (
              <Group key={user.email} gap="xs" wrap="wrap">
                <Text size="sm">{user.email}</Text>
                <Badge size="xs" variant="light">{user.created ? 'new' : 'existing'}</Badge>
                {user.emailSent ? <Badge size="xs" color="green" variant="light">email sent</Badge> : null}
                {user.invitationLink ? (
                  <CopyButton value={user.invitationLink}>
                    {({ copied, copy }) => <Button size="compact-xs" variant="default" onClick={copy}>{copied ? 'Link copied' : 'Copy the invitation link'}</Button>}
                  </CopyButton>
                ) : null}
              </Group>
            ))}
          </Stack>
          <FormErrors errors={errors.map((e) => e.message)} />
          <Group justify="flex-end"><Button onClick={onClose}>Close</Button></Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Textarea label="Email addresses" description="Separated by commas, semicolons or new lines" required autosize minRows={2}
              data-autofocus value={emails} onChange={(event) => setEmails(event.currentTarget.value)} error={fieldError(errors, 'emails')} />
            <Select label="Organization" data={directory.organizations.map((o) => ({ value: o.uuid, label: o.label }))} value={organization}
              onChange={(value) => { setOrganization(value); setGroupIds([]); }} error={fieldError(errors, 'organizations')} />
            <RoleLicense role={role} license={license} onRole={setRole} onLicense={setLicense} />
            <MultiSelect label="Groups" placeholder={groups.length === 0 ? 'No group in this organization' : 'Pick groups'} disabled={groups.length === 0}
              data={groups.map((g) => ({ value: g.uuid, label: g.name }))} value={groupIds} onChange={setGroupIds} />
            <Text size="xs" c="dimmed">The people choose their name and password when they accept the invitation.</Text>
            <FormErrors errors={otherErrors(errors, ['emails', 'organizations'])} error={inviting.error ?? updating.error ?? null} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>Cancel</Button>
              <Button type="submit" loading={inviting.fetching || updating.fetching}>Invite</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function RecipientDialog({ organizationId, directory, onClose, onSaved }: {
  organizationId: string | null; directory: ReturnType<typeof useDirectory>; onClose: () => void; onSaved: () => void;
}) {
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [organizations, setOrganizations] = useState<string[]>(organizationId ? [organizationId] : []);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [adding, add] = useMutation(AddUser);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const answer = await add({ input: { firstName, lastName, email: email || null, organizationIds: organizations } });
    const payload = answer.data?.addUser;
    setErrors(payload?.userErrors ?? []);
    if (payload?.user) {
      onSaved();
      onClose();
    }
  }
  return (
    <Modal opened onClose={onClose} title="Add a recipient" centered>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">A recipient only receives email; they do not sign in.</Text>
          <Group grow>
            <TextInput label="First name" required data-autofocus value={firstName} onChange={(e) => setFirstName(e.currentTarget.value)} error={fieldError(errors, 'firstName')} />
            <TextInput label="Last name" required value={lastName} onChange={(e) => setLastName(e.currentTarget.value)} error={fieldError(errors, 'lastName')} />
          </Group>
          <TextInput label="Email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError(errors, 'email')} />
          <MultiSelect label="Organizations" required data={directory.organizations.map((o) => ({ value: o.uuid, label: o.label }))}
            value={organizations} onChange={setOrganizations} error={fieldError(errors, 'organizationIds')} />
          <FormErrors errors={otherErrors(errors, ['firstName', 'lastName', 'email', 'organizationIds'])} error={adding.error ?? null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={adding.fetching}>Add</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EditUserDialog({ user, directory, onClose, onSaved }: {
  user: UserRow; directory: ReturnType<typeof useDirectory>; onClose: () => void; onSaved: () => void;
}) {
  const [roles, setRoles] = useState(() => user.organizationRoles.map((r) => ({ organizationId: r.organizationId, role: r.role, license: r.license })));
  const [groupIds, setGroupIds] = useState<string[]>(user.groups.filter((g) => !g.isDefault).map((g) => g.uuid));
  const [tenantAdmin, setTenantAdmin] = useState<string>(user.tenantAdminRole ?? 'No');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saving, setSaving] = useState(false);
  const [updating, update] = useMutation(UpdateUser);
  const memberOf = roles.map((r) => r.organizationId);
  const groups = directory.groups.filter((g) => memberOf.includes(g.organizationId) && !g.isDefault);
  const orgLabel = (uuid: string) => directory.organizations.find((o) => o.uuid === uuid)?.label
    ?? user.organizationRoles.find((r) => r.organizationId === uuid)?.organizationName ?? uuid;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const steps: Parameters<typeof update>[0]['input'][] = [];
      const before = user.organizationRoles.map((r) => r.organizationId).sort().join(',');
      if ([...memberOf].sort().join(',') !== before) {
        steps.push({ id: user.uuid, type: 'ORGANIZATIONS', organizationIds: memberOf });
      }
      if (roles.length > 0) {
        steps.push({ id: user.uuid, type: 'ORGANIZATION_ROLES', organizationRoles: roles });
      }
      const groupsBefore = user.groups.filter((g) => !g.isDefault).map((g) => g.uuid).sort().join(',');
      const groupsNow = groupIds.filter((id) => groups.some((g) => g.uuid === id));
      if ([...groupsNow].sort().join(',') !== groupsBefore) {
        steps.push({ id: user.uuid, type: 'GROUPS', groupIds: groupsNow });
      }
      if ((user.tenantAdminRole ?? 'No') !== tenantAdmin) {
        steps.push({ id: user.uuid, type: 'TENANT_ADMIN_ROLE', license: tenantAdmin === 'No' ? null : tenantAdmin });
      }
      for (const input of steps) {
        const answer = await update({ input });
        const refused = answer.data?.updateUser.userErrors ?? [];
        if (refused.length > 0 || answer.error) {
          setErrors(refused);
          onSaved();
          return;
        }
      }
      onSaved();
      onClose();
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Edit ${user.email}`} size="lg" centered>
      <form onSubmit={save}>
        <Stack>
          <MultiSelect label="Organizations" data={directory.organizations.map((o) => ({ value: o.uuid, label: o.label }))}
            value={memberOf} error={fieldError(errors, 'organizationIds')}
            onChange={(next) => setRoles(next.map((id) => roles.find((r) => r.organizationId === id) ?? { organizationId: id, role: 'Member', license: 'Viewer' }))} />
          {roles.map((role, index) => (
            <RoleLicense key={role.organizationId} role={role.role} license={role.license} labelSuffix={` in ${orgLabel(role.organizationId)}`}
              onRole={(value) => setRoles(roles.map((r, i) => (i === index ? { ...r, role: value } : r)))}
              onLicense={(value) => setRoles(roles.map((r, i) => (i === index ? { ...r, license: value } : r)))} />
          ))}
          <MultiSelect label="Groups" placeholder={groups.length === 0 ? 'No group in these organizations' : 'Pick groups'} disabled={groups.length === 0}
            data={groups.map((g) => ({ value: g.uuid, label: `${g.name} (${orgLabel(g.organizationId)})` }))}
            value={groupIds.filter((id) => groups.some((g) => g.uuid === id))} onChange={setGroupIds} error={fieldError(errors, 'groupIds')} />
          <Select label="Tenant administrator" description="Administers every organization; the value is the role's license"
            data={['No', ...LICENSES.filter((l) => l !== 'Unlicensed')]} value={tenantAdmin} allowDeselect={false}
            onChange={(value) => value && setTenantAdmin(value)} disabled={user.isTenantOwner} />
          <FormErrors errors={otherErrors(errors, ['organizationIds', 'groupIds'])} error={updating.error ?? null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving}>Save</Button>
          </Group>
          <Text size="xs" c="dimmed">Name, language and time zone are the user's own settings.</Text>
        </Stack>
      </form>
    </Modal>
  );
}
