/** Organizations: list, create, edit, delete, switch to, and how their people sign in. */
import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import {
  AdminOrganizationsQuery, CreateOrganization, DeleteOrganizations, OrganizationAuthenticationsQuery, UpdateOrganization,
  UpdateOrganizationAuthentications,
} from '../../api/adminOps.ts';
import { fieldError, formatDateTime, otherErrors } from '../../format.ts';
import { useSession } from '../../org.tsx';
import { ConfirmDialog, FormErrors, QueryState, type UserErrorLike } from '../../ui.tsx';
import { NO_THEME } from './adminHelpers.ts';

interface OrgRow { uuid: string; name: string; displayName: string; description: string; themeId: string | null }

export function OrganizationsTab() {
  const session = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminOrganizationsQuery });
  const [editing, setEditing] = useState<OrgRow | 'new' | null>(null);
  const [auth, setAuth] = useState<OrgRow | null>(null);
  const [deleting, setDeleting] = useState<OrgRow | null>(null);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [, deleteOrganizations] = useMutation(DeleteOrganizations);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const organizations = data?.organizations.nodes ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">Organizations separate users, groups, content, apps and sign-in. Tenant administrators create them.</Text>
        <Button onClick={() => setEditing('new')}>New organization</Button>
      </Group>
      <FormErrors errors={errors.map((e) => e.message)} />
      <QueryState fetching={fetching} error={error} empty={!fetching && organizations.length === 0} emptyText="No organization.">
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label="Organizations">
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Description</Table.Th><Table.Th>Members</Table.Th><Table.Th>Created</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {organizations.map((org) => {
                const row: OrgRow = { uuid: org.uuid, name: org.name, displayName: org.displayName ?? org.name, description: org.description ?? '', themeId: org.themeId ?? null };
                const current = session.organization?.uuid === org.uuid;
                return (
                  <Table.Tr key={org.uuid} data-testid="organization-row">
                    <Table.Td>
                      {row.displayName}
                      {org.isDefault ? <Badge ml={6} size="xs">default</Badge> : null}
                      {current ? <Badge ml={6} size="xs" color="green" variant="light">current</Badge> : null}
                      <Text size="xs" c="dimmed">{org.name}</Text>
                    </Table.Td>
                    <Table.Td>{org.description ?? ''}</Table.Td>
                    <Table.Td>{org.memberCount}</Table.Td>
                    <Table.Td>{formatDateTime(org.createdDate)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        {current ? null : <Button size="xs" variant="subtle" aria-label={`Switch to ${row.displayName}`}
                          onClick={() => session.selectOrganization(org.uuid)}>Switch to</Button>}
                        <Button size="xs" variant="subtle" aria-label={`Sign-in of ${row.displayName}`} onClick={() => setAuth(row)}>Sign-in</Button>
                        <Button size="xs" variant="subtle" aria-label={`Edit ${row.displayName}`} onClick={() => setEditing(row)}>Edit</Button>
                        {org.isDefault ? null : <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${row.displayName}`}
                          onClick={() => setDeleting(row)}>Delete</Button>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      {editing ? <OrganizationForm organization={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={reload} /> : null}
      {auth ? <AuthenticationDialog organization={auth} onClose={() => setAuth(null)}
        providers={(data?.identityProviders.nodes ?? []).filter((p) => p.organizationId === auth.uuid)} /> : null}
      <ConfirmDialog opened={deleting !== null} title="Delete the organization?" onClose={() => setDeleting(null)}
        body={`"${deleting?.displayName}" and its groups will be deleted. An organization holding projects or connections cannot be deleted.`}
        onConfirm={async () => {
          if (deleting) {
            const result = await deleteOrganizations({ input: { ids: [deleting.uuid] } });
            setErrors(result.data?.deleteOrganizations.userErrors ?? []);
            setDeleting(null);
            reload();
          }
        }} />
    </Stack>
  );
}

function OrganizationForm({ organization, onClose, onSaved }: { organization: OrgRow | null; onClose: () => void; onSaved: () => void }) {
  const [displayName, setDisplayName] = useState(organization?.displayName ?? '');
  const [name, setName] = useState('');
  const [description, setDescription] = useState(organization?.description ?? '');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [creating, create] = useMutation(CreateOrganization);
  const [updating, update] = useMutation(UpdateOrganization);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    // themes are not a feature yet: an organization keeps the theme it has, a new one gets none
    const themeId = organization?.themeId ?? NO_THEME;
    const payload = organization
      ? (await update({ input: { id: organization.uuid, displayName, description: description || null, themeId } })).data?.updateOrganization
      : (await create({ input: { displayName, name: name || null, description: description || null, themeId } })).data?.createOrganization;
    setErrors(payload?.userErrors ?? []);
    if (payload?.organization) {
      onSaved();
      onClose();
    }
  }
  return (
    <Modal opened onClose={onClose} title={organization ? 'Edit the organization' : 'New organization'} centered>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Display name" required data-autofocus value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={fieldError(errors, 'displayName')} />
          {organization ? <TextInput label="Technical name" value={organization.name} readOnly description="Fixed at creation" /> : (
            <TextInput label="Technical name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(errors, 'name')}
              description="Letters, digits, '.', '_' or '-'; made from the display name when left empty" />
          )}
          <Textarea label="Description" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(errors, 'description')} />
          <FormErrors errors={otherErrors(errors, ['displayName', 'name', 'description'])} error={creating.error ?? updating.error ?? null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={creating.fetching || updating.fetching}>{organization ? 'Save' : 'Create'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const JIT_ROLES = ['Off', 'Viewer', 'Explorer', 'Creator'];

function AuthenticationDialog({ organization, providers, onClose }: {
  organization: OrgRow; providers: readonly { id: string; name: string }[]; onClose: () => void;
}) {
  const [{ data, fetching, error }] = useQuery({ query: OrganizationAuthenticationsQuery, variables: { organizationId: organization.uuid }, requestPolicy: 'network-only' });
  const current = data?.organizationAuthentications;
  return (
    <Modal opened onClose={onClose} title={`How people sign in to ${organization.displayName}`} centered size="lg">
      <QueryState fetching={fetching} error={error} empty={!current}>
        {current ? <AuthenticationForm organizationId={organization.uuid} current={current} providers={providers} onClose={onClose} /> : null}
      </QueryState>
    </Modal>
  );
}

function AuthenticationForm({ organizationId, current, providers, onClose }: {
  organizationId: string;
  current: { qalyptusAuth: boolean; identityProvider?: string | null; identityProviderDefaultRole: string };
  providers: readonly { id: string; name: string }[];
  onClose: () => void;
}) {
  const [builtIn, setBuiltIn] = useState(current.qalyptusAuth);
  const [provider, setProvider] = useState<string | null>(current.identityProvider ?? null);
  const [role, setRole] = useState(current.identityProviderDefaultRole);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saved, setSaved] = useState(false);
  const [saving, save] = useMutation(UpdateOrganizationAuthentications);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await save({ input: { id: organizationId, qalyptusAuth: builtIn, identityProviderId: provider, identityProviderDefaultRole: role } });
    const refused = result.data?.updateOrganizationAuthentications.userErrors ?? [];
    setErrors(refused);
    if (result.data?.updateOrganizationAuthentications.authentications) {
      setSaved(true);
    }
  }
  return (
    <form onSubmit={submit}>
      <Stack>
        <Checkbox label="Built-in email and password" checked={builtIn} onChange={(e) => setBuiltIn(e.currentTarget.checked)}
          error={fieldError(errors, 'qalyptusAuth')} />
        <Select label="Identity provider" placeholder={providers.length === 0 ? 'None: add one in Identity providers' : 'Not allowed'} clearable
          data={providers.map((p) => ({ value: p.id, label: p.name }))} value={provider} onChange={setProvider}
          error={fieldError(errors, 'identityProviderId')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="jit-role-label">People signing in through the provider without an account</Text>
          <SegmentedControl aria-labelledby="jit-role-label" data={JIT_ROLES.map((r) => ({ value: r, label: r === 'Off' ? 'Refused' : `Become ${r}` }))}
            value={role} onChange={setRole} disabled={!provider} />
          <Text size="xs" c="dimmed">Just-in-time accounts: off refuses them; otherwise they are created with that license.</Text>
        </Stack>
        <FormErrors errors={otherErrors(errors, ['qalyptusAuth', 'identityProviderId'])} error={saving.error ?? null} />
        {saved ? <Text c="green" size="sm" role="status">Saved.</Text> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Close</Button>
          <Button type="submit" loading={saving.fetching}>Save</Button>
        </Group>
      </Stack>
    </form>
  );
}
