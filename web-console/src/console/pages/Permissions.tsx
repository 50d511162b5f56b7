/** A project's permissions: global or customizable mode, the owner, the members and their flags. */
import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import {
  ChangeProjectOwner, DeleteMemberPermissions, ProjectPermissionsQuery, SetMemberPermissions, SetPermissionMode, SetPermissions,
} from '../api/ops.ts';
import { FLAG_GROUPS, PRESETS, flagLabel } from '../permissions.ts';
import { FormErrors, QueryState, type UserErrorLike } from '../ui.tsx';

export function PermissionsPanel({ projectId, organizationId, onChanged }: { projectId: string; organizationId: string; onChanged: () => void }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ProjectPermissionsQuery, variables: { id: projectId, organizationId } });
  const [, setMode] = useMutation(SetPermissionMode);
  const [, changeOwner] = useMutation(ChangeProjectOwner);
  const [, removeMembers] = useMutation(DeleteMemberPermissions);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [editing, setEditing] = useState<{ memberPermissionId: string | null; name: string; flags: readonly string[] } | null>(null);
  const project = data?.project;
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    onChanged();
  };
  if (!project) {
    return <QueryState fetching={fetching} error={error} empty emptyText="Only the owner and administrators may see the permissions." />;
  }
  const users = data?.users.nodes ?? [];
  return (
    <Stack>
      <FormErrors errors={errors.map((e) => e.message)} />
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} fz="h4">Mode</Title>
          <SegmentedControl aria-label="Permission mode" value={project.isGlobalPermissions ? 'global' : 'custom'} w="fit-content"
            data={[{ value: 'global', label: 'Global' }, { value: 'custom', label: 'Customizable' }]}
            onChange={async (value) => {
              const result = await setMode({ input: { id: projectId, isGlobalPermissions: value === 'global' } });
              setErrors(result.data?.setProjectPermissionMode.userErrors ?? []);
              reload();
            }} />
          <Text size="sm" c="dimmed">
            {project.isGlobalPermissions ? 'Every report, filter, condition and task follows the project\'s permissions.'
              : 'Reports, filters, conditions and tasks may have permissions of their own.'}
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} fz="h4">Owner</Title>
          <Select label="Owner" maw={360} allowDeselect={false} searchable
            data={users.map((user) => ({ value: user.uuid, label: user.name ? `${user.name} (${user.email})` : user.email }))}
            value={project.ownerId}
            onChange={async (value) => {
              if (value && value !== project.ownerId) {
                const result = await changeOwner({ input: { id: projectId, ownerId: value } });
                setErrors(result.data?.changeProjectOwner.userErrors ?? []);
                reload();
              }
            }} />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="h4">Members</Title>
          <Button size="xs" onClick={() => setEditing({ memberPermissionId: null, name: '', flags: PRESETS['viewer']! })}>Add members</Button>
        </Group>
        {project.permissions.length === 0 ? <Text c="dimmed">Only the owner and the organization's administrators have access.</Text> : (
          <Table.ScrollContainer minWidth={500}>
            <Table>
              <Table.Thead><Table.Tr><Table.Th>Member</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Flags</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {project.permissions.map((member) => (
                  <Table.Tr key={member.id}>
                    <Table.Td>{member.name ?? member.memberId}{member.email ? <Text size="xs" c="dimmed">{member.email}</Text> : null}</Table.Td>
                    <Table.Td><Badge variant="light">{member.type}</Badge></Table.Td>
                    <Table.Td>{member.permissions.length} of {FLAG_GROUPS.reduce((n, g) => n + g.flags.length, 0)}</Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="subtle" onClick={() => setEditing({ memberPermissionId: member.id, name: member.name ?? member.memberId, flags: member.permissions })}>Flags</Button>
                      <Button size="xs" variant="subtle" color="red" aria-label={`Remove ${member.name ?? member.memberId}`} onClick={async () => {
                        const result = await removeMembers({ input: { id: projectId, targetType: 'PROJECT', memberPermissionIds: [member.id] } });
                        setErrors(result.data?.deleteMemberPermissions.userErrors ?? []);
                        reload();
                      }}>Remove</Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {editing ? (
        <MemberDialog targetId={projectId} targetType="PROJECT" editing={editing} onClose={() => setEditing(null)} onSaved={reload}
          users={users.map((user) => ({ value: `User:${user.uuid}`, label: user.name ? `${user.name} (${user.email})` : user.email }))}
          groups={(data?.groups.nodes ?? []).map((group) => ({ value: `Group:${group.uuid}`, label: `Group: ${group.name}` }))} />
      ) : null}
    </Stack>
  );
}

/** Adds members with flags to a project or an asset, or changes one member's flags. */
export function MemberDialog({ targetId, targetType, editing, users, groups, onClose, onSaved, flagGroups = FLAG_GROUPS }: {
  targetId: string;
  targetType: string;
  flagGroups?: typeof FLAG_GROUPS;
  editing: { memberPermissionId: string | null; name: string; flags: readonly string[] };
  users: { value: string; label: string }[];
  groups: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [flags, setFlags] = useState<readonly string[]>(editing.flags);
  const [members, setMembers] = useState<string | null>(null);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [granting, grant] = useMutation(SetPermissions);
  const [replacing, replace] = useMutation(SetMemberPermissions);
  async function save() {
    // Only the flags shown are sent (an asset's permissions take its own kind's flags).
    const shown = flags.filter((flag) => flagGroups.some((group) => group.flags.includes(flag)));
    if (editing.memberPermissionId) {
      const result = await replace({ input: { id: targetId, targetType, memberPermissionId: editing.memberPermissionId, permissions: shown } });
      setErrors(result.data?.setMemberPermissions.userErrors ?? []);
      if (result.data && result.data.setMemberPermissions.userErrors.length === 0) {
        onSaved();
        onClose();
      }
    } else if (members) {
      const [type, id] = members.split(':') as [string, string];
      const result = await grant({ input: { id: targetId, targetType, members: [{ id, type }], permissions: shown } });
      setErrors(result.data?.setPermissions.userErrors ?? []);
      if (result.data && result.data.setPermissions.userErrors.length === 0) {
        onSaved();
        onClose();
      }
    }
  }
  return (
    <Modal opened onClose={onClose} size="xl" title={editing.memberPermissionId ? `Flags of ${editing.name}` : 'Add a member'}>
      <Stack>
        {editing.memberPermissionId ? null : (
          <Select label="User or group" searchable data={[...users, ...groups]} value={members} onChange={setMembers} data-autofocus />
        )}
        <Group gap="xs">
          <Text size="sm">Presets:</Text>
          <Button size="xs" variant="default" onClick={() => setFlags(PRESETS['viewer']!)}>View only</Button>
          <Button size="xs" variant="default" onClick={() => setFlags(PRESETS['editor']!)}>Everything</Button>
          <Button size="xs" variant="default" onClick={() => setFlags([])}>Nothing</Button>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {flagGroups.map((group) => (
            <Checkbox.Group key={group.label} label={group.label} value={flags.filter((flag) => group.flags.includes(flag))}
              onChange={(value) => setFlags([...flags.filter((flag) => !group.flags.includes(flag)), ...value])}>
              <Stack gap={4} mt={4}>{group.flags.map((flag) => <Checkbox key={flag} value={flag} label={flagLabel(flag)} size="xs" />)}</Stack>
            </Checkbox.Group>
          ))}
        </SimpleGrid>
        {errors.length > 0 ? <Alert color="red" role="alert">{errors.map((e) => <div key={e.message}>{e.message}</div>)}</Alert> : null}
        <FormErrors error={granting.error ?? replacing.error ?? null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={save} loading={granting.fetching || replacing.fetching} disabled={!editing.memberPermissionId && !members}>Save</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
