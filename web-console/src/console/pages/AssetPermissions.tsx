/**
 * The permissions of one report, filter, condition or task. They apply only while its project is in customizable
 * mode; in global mode the project's permissions apply and this says so.
 */
import { useState } from 'react';
import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { DeleteMemberPermissions } from '../api/ops.ts';
import { AssetModeQuery, AssetPermissionsQuery } from '../api/taskOps.ts';
import { FLAG_GROUPS, flagLabel } from '../permissions.ts';
import { FormErrors, describeError, type UserErrorLike } from '../ui.tsx';
import { MemberDialog } from './Permissions.tsx';

export type AssetKind = 'REPORT' | 'FILTER' | 'CONDITION' | 'TASK';

const GROUP_OF: Record<AssetKind, string> = { REPORT: 'Reports', FILTER: 'Filters', CONDITION: 'Conditions', TASK: 'Tasks' };

export function AssetPermissions({ kind, id, organizationId }: { kind: AssetKind; id: string; organizationId: string | null }) {
  const which = {
    reportId: kind === 'REPORT' ? id : '', withReport: kind === 'REPORT',
    filterId: kind === 'FILTER' ? id : '', withFilter: kind === 'FILTER',
    conditionId: kind === 'CONDITION' ? id : '', withCondition: kind === 'CONDITION',
    taskId: kind === 'TASK' ? id : '', withTask: kind === 'TASK',
  };
  const [mode, refetchMode] = useQuery({ query: AssetModeQuery, variables: which, requestPolicy: 'cache-and-network' });
  const modeOf = mode.data ? (mode.data.report ?? mode.data.filter ?? mode.data.condition ?? mode.data.task ?? null) : null;
  const customizable = modeOf ? !modeOf.project.isGlobalPermissions : false;
  const [{ data, error, fetching }, refetchPermissions] = useQuery({
    query: AssetPermissionsQuery, variables: { ...which, organizationId }, pause: !customizable,
  });
  const [, removeMembers] = useMutation(DeleteMemberPermissions);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [editing, setEditing] = useState<{ memberPermissionId: string | null; name: string; flags: readonly string[] } | null>(null);
  const asset = data ? (data.report ?? data.filter ?? data.condition ?? data.task ?? null) : null;
  const flagGroups = FLAG_GROUPS.filter((group) => group.label === GROUP_OF[kind]);
  const reload = () => {
    refetchMode({ requestPolicy: 'network-only' });
    if (customizable) refetchPermissions({ requestPolicy: 'network-only' });
  };
  let body;
  if (modeOf && modeOf.project.isGlobalPermissions) {
    body = <Text size="sm" c="dimmed">The project is in global mode: its permissions apply. Switch the project to customizable mode to give this {kind.toLowerCase()} its own.</Text>;
  } else if (!asset) {
    body = <Text size="sm" c="dimmed">{fetching || mode.fetching ? 'Loading…' : error ? 'Only members who may set its permissions see them.' : 'Not available.'}</Text>;
  } else if (asset.project.isGlobalPermissions) {
    body = <Text size="sm" c="dimmed">The project is in global mode: its permissions apply. Switch the project to customizable mode to give this {kind.toLowerCase()} its own.</Text>;
  } else if (error && asset.permissions == null) {
    body = <Text size="sm" c="red" role="alert">{describeError(error)}</Text>;
  } else {
    const members = asset.permissions ?? [];
    body = (
      <>
        <Group justify="flex-end" mb="xs">
          <Button size="xs" onClick={() => setEditing({ memberPermissionId: null, name: '', flags: flagGroups[0]?.flags.slice(0, 1) ?? [] })}>Add members</Button>
        </Group>
        {members.length === 0 ? <Text size="sm" c="dimmed">No member of its own: only its owner and the administrators have access.</Text> : (
          <Table.ScrollContainer minWidth={480}>
            <Table data-testid="asset-permissions">
              <Table.Thead><Table.Tr><Table.Th>Member</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Flags</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{members.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td>{member.name ?? member.memberId}{member.email ? <Text size="xs" c="dimmed">{member.email}</Text> : null}</Table.Td>
                  <Table.Td><Badge variant="light">{member.type}</Badge></Table.Td>
                  <Table.Td><Text size="xs">{member.permissions.map(flagLabel).join(', ') || 'none'}</Text></Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="subtle" aria-label={`Flags of ${member.name ?? member.memberId}`}
                      onClick={() => setEditing({ memberPermissionId: member.id, name: member.name ?? member.memberId, flags: member.permissions })}>Flags</Button>
                    <Button size="xs" variant="subtle" color="red" aria-label={`Remove ${member.name ?? member.memberId}`} onClick={async () => {
                      const result = await removeMembers({ input: { id, targetType: kind, memberPermissionIds: [member.id] } });
                      setErrors(result.data?.deleteMemberPermissions.userErrors ?? []);
                      reload();
                    }}>Remove</Button>
                  </Table.Td>
                </Table.Tr>
              ))}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </>
    );
  }
  return (
    <Paper withBorder p="md" mt="md" aria-label="Permissions of this item">
      <Title order={2} fz="h4" mb="xs">Permissions</Title>
      <FormErrors errors={errors.map((e) => e.message)} />
      {body}
      {editing ? (
        <MemberDialog targetId={id} targetType={kind} editing={editing} flagGroups={flagGroups} onClose={() => setEditing(null)} onSaved={reload}
          users={(data?.users.nodes ?? []).map((user) => ({ value: `User:${user.uuid}`, label: user.name ? `${user.name} (${user.email})` : user.email }))}
          groups={(data?.groups.nodes ?? []).map((group) => ({ value: `Group:${group.uuid}`, label: `Group: ${group.name}` }))} />
      ) : null}
    </Paper>
  );
}
