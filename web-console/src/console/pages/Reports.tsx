/** Every report the user may see, across projects of the current organization. */
import { useState } from 'react';
import { Anchor, Badge, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ReportsQuery } from '../api/ops.ts';
import { useSession } from '../org.tsx';
import { paths } from '../routes.ts';
import { formatDateTime } from '../format.ts';
import { PageHeader, QueryState } from '../ui.tsx';

export function ReportsPage() {
  const session = useSession();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [{ data, fetching, error }] = useQuery({ query: ReportsQuery, variables: { search: debounced || null, first: 100 } });
  const reports = (data?.reports.nodes ?? []).filter((report) => !session.organization || report.project.organizationId === session.organization.uuid);
  return (
    <>
      <PageHeader title="Reports" subtitle="Create reports from a project." />
      <TextInput label="Search reports" placeholder="Name contains…" value={search} maw={360} mb="md"
        onChange={(event) => setSearch(event.currentTarget.value)} />
      <QueryState fetching={fetching} error={error} empty={!fetching && reports.length === 0}
        emptyText={debounced ? 'No report matches.' : 'No report yet: open a project to create one.'}>
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover>
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Type</Table.Th><Table.Th>Project</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Changed</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {reports.map((report) => (
                <Table.Tr key={report.uuid}>
                  <Table.Td><Anchor component={Link} to={paths.report(report.uuid)}>{report.name}</Anchor></Table.Td>
                  <Table.Td><Badge variant="light">{report.type}</Badge></Table.Td>
                  <Table.Td><Anchor component={Link} to={paths.project(report.project.uuid)}>{report.project.name}</Anchor></Table.Td>
                  <Table.Td>{report.ownerName ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(report.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </>
  );
}
