/** Groups of the current organization: create, rename, members, delete (All users is the organization itself). */
import { useState } from 'react';
import { Badge, Button, Group, Modal, MultiSelect, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { AdminGroupsQuery, CreateGroup, DeleteGroups, SetGroupMembers, UpdateGroup } from '../../api/adminOps.ts';
import { fieldError, otherErrors } from '../../format.ts';
import { ConfirmDialog, EmptyState, FormErrors, QueryState, type UserErrorLike } from '../../ui.tsx';
import { NO_ORGANIZATION, personLabel } from './adminHelpers.ts';

interface GroupRow {
  uuid: string;
  name: string;
  description?: string | null;
  members: readonly string[];
}

export function GroupsTab({ organizationId }: { organizationId: string | null }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AdminGroupsQuery, variables: { organizationId }, pause: !organizationId,
  });
  const [editing, setEditing] = useState<GroupRow | 'new' | null>(null);
  const [members, setMembers] = useState<GroupRow | null>(null);
  const [deleting, setDeleting] = useState<GroupRow | null>(null);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [, deleteGroups] = useMutation(DeleteGroups);
  if (!organizationId) {
    return <EmptyState text={NO_ORGANIZATION} />;
  }
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const groups = data?.groups.nodes ?? [];
  const people = (data?.users.nodes ?? []).filter((user) => user.organizationRoles.some((r) => r.organizationId === organizationId));
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">Groups gather users of the organization, to grant them permissions together.</Text>
        <Button onClick={() => setEditing('new')}>New group</Button>
      </Group>
      <FormErrors errors={errors.map((e) => e.message)} />
      <QueryState fetching={fetching} error={error} empty={!fetching && groups.length === 0} emptyText="No group yet.">
        <Table.ScrollContainer minWidth={600}>
          <Table striped aria-label="Groups">
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Description</Table.Th><Table.Th>Members</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {groups.map((group) => {
                const row: GroupRow = { uuid: group.uuid, name: group.name, description: group.description, members: group.members.nodes.map((m) => m.uuid) };
                return (
                  <Table.Tr key={group.uuid} data-testid="group-row">
                    <Table.Td>{group.name}{group.isDefault ? <Badge ml={6} size="xs">everyone</Badge> : null}</Table.Td>
                    <Table.Td>{group.description ?? ''}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{group.memberCount}</Text>
                      {group.isDefault ? null : <Text size="xs" c="dimmed">{group.members.nodes.map((m) => m.name || m.email).join(', ')}</Text>}
                    </Table.Td>
                    <Table.Td>
                      {group.isDefault ? null : (
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button size="xs" variant="subtle" aria-label={`Members of ${group.name}`} onClick={() => setMembers(row)}>Members</Button>
                          <Button size="xs" variant="subtle" aria-label={`Rename ${group.name}`} onClick={() => setEditing(row)}>Rename</Button>
                          <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${group.name}`} onClick={() => setDeleting(row)}>Delete</Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      {editing ? <GroupForm organizationId={organizationId} group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={reload} /> : null}
      {members ? (
        <MembersDialog group={members} onClose={() => setMembers(null)} onSaved={reload}
          people={people.map((p) => ({ value: p.uuid, label: personLabel(p) }))} />
      ) : null}
      <ConfirmDialog opened={deleting !== null} title="Delete the group?" onClose={() => setDeleting(null)}
        body={`"${deleting?.name}" will be deleted; its members keep their accounts but lose what the group was granted.`}
        onConfirm={async () => {
          if (deleting) {
            const result = await deleteGroups({ input: { ids: [deleting.uuid] } });
            setErrors(result.data?.deleteGroups.userErrors ?? []);
            setDeleting(null);
            reload();
          }
        }} />
    </Stack>
  );
}

function GroupForm({ organizationId, group, onClose, onSaved }: { organizationId: string; group: GroupRow | null; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [creating, create] = useMutation(CreateGroup);
  const [updating, update] = useMutation(UpdateGroup);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const payload = group
      ? (await update({ input: { id: group.uuid, name, description: description || null } })).data?.updateGroup
      : (await create({ input: { name, description: description || null, organizationId } })).data?.createGroup;
    setErrors(payload?.userErrors ?? []);
    if (payload?.group) {
      onSaved();
      onClose();
    }
  }
  return (
    <Modal opened onClose={onClose} title={group ? 'Rename the group' : 'New group'} centered>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Name" required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(errors, 'name')} />
          <Textarea label="Description" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldError(errors, 'description')} />
          <FormErrors errors={otherErrors(errors, ['name', 'description'])} error={creating.error ?? updating.error ?? null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={creating.fetching || updating.fetching}>{group ? 'Save' : 'Create'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MembersDialog({ group, people, onClose, onSaved }: {
  group: GroupRow; people: { value: string; label: string }[]; onClose: () => void; onSaved: () => void;
}) {
  const [members, setMembers] = useState<string[]>([...group.members]);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saving, save] = useMutation(SetGroupMembers);
  return (
    <Modal opened onClose={onClose} title={`Members of ${group.name}`} centered size="lg">
      <Stack>
        <MultiSelect label="Members" searchable data-autofocus placeholder="Add people of the organization" data={people} value={members}
          onChange={setMembers} error={fieldError(errors, 'userIds')} nothingFoundMessage="Nobody matches" />
        <FormErrors errors={otherErrors(errors, ['userIds'])} error={saving.error ?? null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button loading={saving.fetching} onClick={async () => {
            const result = await save({ input: { id: group.uuid, userIds: members } });
            const refused = result.data?.setGroupMembers.userErrors ?? [];
            setErrors(refused);
            if (result.data && refused.length === 0) {
              onSaved();
              onClose();
            }
          }}>Save members</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
