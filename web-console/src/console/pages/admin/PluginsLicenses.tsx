/** The plugins the server found with their state, and the license seats (read-only). */
import { Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from 'urql';
import { PluginsLicensesQuery } from '../../api/adminOps.ts';
import { QueryState } from '../../ui.tsx';

function usePluginsLicenses() {
  return useQuery({ query: PluginsLicensesQuery });
}

export function PluginsTab() {
  const [{ data, fetching, error }] = usePluginsLicenses();
  const plugins = data?.plugins ?? [];
  return (
    <QueryState fetching={fetching} error={error} empty={!fetching && plugins.length === 0} emptyText="No plugin found.">
      <Stack>
        {plugins.map((plugin, index) => (
          <Paper key={plugin.id ?? index} withBorder p="sm" data-testid="plugin">
            <Text fw={600}>{plugin.id ?? 'unreadable plugin'} <Text span c="dimmed" size="sm">{plugin.version}</Text>{' '}
              <Badge color={plugin.state === 'STARTED' ? 'green' : plugin.state === 'FAILED' ? 'red' : 'gray'} variant="light">{plugin.state}</Badge></Text>
            {plugin.reason ? <Text size="sm" c="red">{plugin.reason}</Text> : null}
            {plugin.description ? <Text size="sm">{plugin.description}</Text> : null}
            {plugin.provider ? <Text size="xs" c="dimmed">By {plugin.provider}</Text> : null}
            {plugin.warnings.map((warning) => <Text key={warning} size="xs" c="orange">{warning}</Text>)}
            <Text size="xs" c="dimmed">{plugin.extensions.map((e) => `${e.point}: ${e.displayName}`).join(' · ')}</Text>
          </Paper>
        ))}
      </Stack>
    </QueryState>
  );
}

export function LicensesTab() {
  const [{ data, fetching, error }] = usePluginsLicenses();
  return (
    <QueryState fetching={fetching} error={error} empty={!data}>
      {data ? (
        <>
          <Text mb="sm">Edition {data.licenses.edition} · {data.licenses.isUnlimited ? 'unlimited' : 'limited'} · {data.licenses.scope}</Text>
          <Table maw={480} aria-label="Licenses"><Table.Thead><Table.Tr><Table.Th>License</Table.Th><Table.Th>Used</Table.Th><Table.Th>Seats</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{data.licenses.licenses.map((seat) => (
              <Table.Tr key={seat.license}><Table.Td>{seat.license}</Table.Td><Table.Td>{seat.used}</Table.Td><Table.Td>{seat.total ?? 'unlimited'}</Table.Td></Table.Tr>
            ))}</Table.Tbody></Table>
        </>
      ) : null}
    </QueryState>
  );
}
