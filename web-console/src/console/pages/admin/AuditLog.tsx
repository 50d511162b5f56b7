/** The audit log, newest first, in pages, with filters. */
import { useState } from 'react';
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from 'urql';
import { AuditLogQuery } from '../../api/adminOps.ts';
import { formatDateTime } from '../../format.ts';
import { QueryState } from '../../ui.tsx';

const PAGE = 50;

export function AuditLogTab({ organizationId }: { organizationId: string | null }) {
  const [action, setAction] = useState('');
  const [email, setEmail] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [onlyThisOrganization, setOnlyThisOrganization] = useState<string | null>('all');
  const [debouncedAction] = useDebouncedValue(action, 300);
  const [debouncedEmail] = useDebouncedValue(email, 300);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [{ data, fetching, error }] = useQuery({
    query: AuditLogQuery,
    variables: {
      first: PAGE, after: cursors[cursors.length - 1] ?? null,
      organizationId: onlyThisOrganization === 'current' ? organizationId : null,
      action: debouncedAction.trim().toUpperCase() || null, outcome, email: debouncedEmail.trim() || null,
    },
  });
  const restart = () => setCursors([null]);
  const entries = data?.auditLog.nodes ?? [];
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Action" placeholder="e.g. LOGIN" w={160} value={action} onChange={(e) => { setAction(e.currentTarget.value); restart(); }} />
        <Select label="Outcome" w={140} clearable placeholder="Any" data={['SUCCESS', 'FAILURE']} value={outcome} onChange={(v) => { setOutcome(v); restart(); }} />
        <TextInput label="Email" w={220} value={email} onChange={(e) => { setEmail(e.currentTarget.value); restart(); }} />
        <Select label="Organizations" w={200} allowDeselect={false} value={onlyThisOrganization}
          data={[{ value: 'all', label: 'All I may see' }, { value: 'current', label: 'The current one' }]}
          onChange={(v) => { setOnlyThisOrganization(v); restart(); }} />
      </Group>
      <QueryState fetching={fetching} error={error} empty={!fetching && entries.length === 0} emptyText={debouncedAction || debouncedEmail || outcome || onlyThisOrganization === 'current' ? 'No entry matches.' : 'The audit log is empty.'}>
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label="Audit log">
            <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Action</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Who</Table.Th>
              <Table.Th>What happened</Table.Th><Table.Th>From</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id} data-testid="audit-entry">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.createdDate)}</Table.Td>
                  <Table.Td>{entry.action}</Table.Td>
                  <Table.Td>{entry.outcome ? <Badge size="xs" variant="light" color={entry.outcome === 'SUCCESS' ? 'green' : 'red'}>{entry.outcome}</Badge> : '—'}
                    {entry.errorCode ? <Text size="xs" c="dimmed">{entry.errorCode}</Text> : null}</Table.Td>
                  <Table.Td>{entry.email ?? '—'}</Table.Td>
                  <Table.Td>{entry.message ?? ''}</Table.Td>
                  <Table.Td>{entry.clientAddress ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">{data?.auditLog.totalCount ?? 0} entries, newest first</Text>
          <Group gap="xs">
            <Button size="xs" variant="default" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>Newer</Button>
            <Button size="xs" variant="default" disabled={!data?.auditLog.pageInfo.hasNextPage}
              onClick={() => data?.auditLog.pageInfo.endCursor && setCursors([...cursors, data.auditLog.pageInfo.endCursor])}>Older</Button>
          </Group>
        </Group>
      </QueryState>
    </Stack>
  );
}
