/** Administration (read-only for now): users, groups, API keys, plugins and licenses, as the GraphQL API reads them. */
import { Badge, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { AdminQuery } from '../api/ops.ts';
import { paths } from '../routes.ts';
import { formatDateTime } from '../format.ts';
import { EmptyState, PageHeader, QueryState } from '../ui.tsx';

const TABS = ['users', 'groups', 'api-keys', 'plugins', 'licenses'] as const;

export function AdminPage() {
  const { tab = 'users' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useQuery({ query: AdminQuery });
  const current = (TABS as readonly string[]).includes(tab) ? tab : 'users';
  return (
    <>
      <PageHeader title="Administration" subtitle="Changing users, groups, keys and settings comes with the next delivery." />
      <QueryState fetching={fetching} error={error} empty={!data}>
        {data ? (
          <Tabs value={current} onChange={(value) => navigate(paths.admin(value ?? 'users'))}>
            <Tabs.List mb="md">
              <Tabs.Tab value="users">Users ({data.users.totalCount})</Tabs.Tab>
              <Tabs.Tab value="groups">Groups ({data.groups.totalCount})</Tabs.Tab>
              <Tabs.Tab value="api-keys">API keys ({data.apiKeys.totalCount})</Tabs.Tab>
              <Tabs.Tab value="plugins">Plugins ({data.plugins.length})</Tabs.Tab>
              <Tabs.Tab value="licenses">Licenses</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="users">
              <Table.ScrollContainer minWidth={560}><Table striped>
                <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Email</Table.Th><Table.Th>Status</Table.Th><Table.Th>Groups</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>{data.users.nodes.map((user) => (
                  <Table.Tr key={user.uuid}>
                    <Table.Td>{user.name ?? '—'}{user.isTenantOwner ? <Badge ml={6} size="xs">owner</Badge> : null}</Table.Td>
                    <Table.Td>{user.email}</Table.Td><Table.Td>{user.status ?? '—'}</Table.Td>
                    <Table.Td>{user.groups.map((g) => g.name).join(', ') || '—'}</Table.Td>
                  </Table.Tr>
                ))}</Table.Tbody>
              </Table></Table.ScrollContainer>
            </Tabs.Panel>
            <Tabs.Panel value="groups">
              {data.groups.nodes.length === 0 ? <EmptyState text="No group." /> : (
                <Table striped>
                  <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Organization</Table.Th><Table.Th>Description</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>{data.groups.nodes.map((group) => (
                    <Table.Tr key={group.uuid}><Table.Td>{group.name}{group.isDefault ? <Badge ml={6} size="xs">default</Badge> : null}</Table.Td>
                      <Table.Td>{group.organization?.name ?? '—'}</Table.Td><Table.Td>{group.description ?? ''}</Table.Td></Table.Tr>
                  ))}</Table.Tbody>
                </Table>
              )}
            </Tabs.Panel>
            <Tabs.Panel value="api-keys">
              {data.apiKeys.nodes.length === 0 ? <EmptyState text="No API key." /> : (
                <Table striped>
                  <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Description</Table.Th><Table.Th>Expires</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>{data.apiKeys.nodes.map((key) => (
                    <Table.Tr key={key.uuid}><Table.Td>{key.name}</Table.Td><Table.Td>{key.description ?? ''}</Table.Td><Table.Td>{formatDateTime(key.expiryDate)}</Table.Td></Table.Tr>
                  ))}</Table.Tbody>
                </Table>
              )}
            </Tabs.Panel>
            <Tabs.Panel value="plugins">
              <Stack>{data.plugins.map((plugin, index) => (
                <Paper key={plugin.id ?? index} withBorder p="sm">
                  <Text fw={600}>{plugin.id ?? 'unreadable plugin'} <Text span c="dimmed" size="sm">{plugin.version}</Text>{' '}
                    <Badge color={plugin.state === 'STARTED' ? 'green' : plugin.state === 'FAILED' ? 'red' : 'gray'} variant="light">{plugin.state}</Badge></Text>
                  {plugin.reason ? <Text size="sm" c="red">{plugin.reason}</Text> : null}
                  {plugin.description ? <Text size="sm">{plugin.description}</Text> : null}
                  <Text size="xs" c="dimmed">{plugin.extensions.map((e) => `${e.point}: ${e.displayName}`).join(' · ')}</Text>
                </Paper>
              ))}</Stack>
            </Tabs.Panel>
            <Tabs.Panel value="licenses">
              <Text mb="sm">Edition {data.licenses.edition} · {data.licenses.isUnlimited ? 'unlimited' : 'limited'} · {data.licenses.scope}</Text>
              <Table maw={480}><Table.Thead><Table.Tr><Table.Th>License</Table.Th><Table.Th>Used</Table.Th><Table.Th>Seats</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>{data.licenses.licenses.map((seat) => (
                  <Table.Tr key={seat.license}><Table.Td>{seat.license}</Table.Td><Table.Td>{seat.used}</Table.Td><Table.Td>{seat.total ?? 'unlimited'}</Table.Td></Table.Tr>
                ))}</Table.Tbody></Table>
            </Tabs.Panel>
          </Tabs>
        ) : null}
      </QueryState>
    </>
  );
}
