/**
 * A run's log and SMTP log (numbered lines, read a page at a time), and the output versions of its task: each
 * earlier completed run with a download of its files.
 */
import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Code, Group, Paper, ScrollArea, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useClient, useQuery } from 'urql';
import { ExecutionDownloadLink, ExecutionLogQuery, ExecutionSmtpLogQuery, TaskRunsQuery } from '../api/taskOps.ts';
import { executionState, formatDateTime } from '../format.ts';
import { describeError } from '../ui.tsx';

/** A page of lines: the most a connection page holds. */
const PAGE = 100;

interface Line { number: number; text: string }

export function ExecutionLogs({ id, done }: { id: string; done: boolean }) {
  const [which, setWhich] = useState<'log' | 'smtp'>('log');
  const [after, setAfter] = useState<string | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [search, setSearch] = useState('');
  const [log, refetchLog] = useQuery({ query: ExecutionLogQuery, variables: { id, first: PAGE, after }, pause: which !== 'log' });
  const [smtp, refetchSmtp] = useQuery({ query: ExecutionSmtpLogQuery, variables: { id, first: PAGE, after }, pause: which !== 'smtp' });
  const page = which === 'log' ? log.data?.execution?.log : smtp.data?.execution?.smtpLog;
  const current = which === 'log' ? log : smtp;
  useEffect(() => {
    setAfter(null);
    setLines([]);
  }, [which, id]);
  useEffect(() => {
    if (page) {
      setLines((known) => {
        const seen = new Set(known.map((l) => l.number));
        return [...known, ...page.nodes.filter((l) => !seen.has(l.number))].sort((a, b) => a.number - b.number);
      });
    }
  }, [page]);
  // The log grows while the run works: read it again when the run ends.
  useEffect(() => {
    if (done) {
      setAfter(null);
      setLines([]);
      (which === 'log' ? refetchLog : refetchSmtp)({ requestPolicy: 'network-only' });
    }
  }, [done]); // eslint-disable-line react-hooks/exhaustive-deps
  const shown = search ? lines.filter((l) => l.text.toLowerCase().includes(search.toLowerCase())) : lines;
  const next = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor ?? null : null;
  return (
    <Paper withBorder p="sm" aria-label="Run logs" data-testid="execution-logs">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <SegmentedControl aria-label="Which log" value={which} onChange={(v) => setWhich(v as 'log' | 'smtp')}
          data={[{ value: 'log', label: 'Log' }, { value: 'smtp', label: 'SMTP log' }]} />
        <Group gap="xs">
          <TextInput size="xs" aria-label="Find in the log" placeholder="Find…" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
          <Button size="xs" variant="default" onClick={() => { setAfter(null); setLines([]); (which === 'log' ? refetchLog : refetchSmtp)({ requestPolicy: 'network-only' }); }}>Reload</Button>
        </Group>
      </Group>
      {current.error ? <Text size="sm" c="red" role="alert">{describeError(current.error)}</Text> : null}
      {current.error ? null : lines.length === 0 ? (
        <Text size="sm" c="dimmed">{current.fetching ? 'Reading…' : which === 'smtp' ? 'No SMTP conversation: the run sent no email (or test mode kept it).' : 'The log is empty.'}</Text>
      ) : (
        <ScrollArea.Autosize mah={320} type="auto">
          <Code block data-testid={which === 'log' ? 'log-lines' : 'smtp-lines'}>
            {shown.map((line) => `${String(line.number).padStart(4, ' ')}  ${line.text}`).join('\n')}
          </Code>
        </ScrollArea.Autosize>
      )}
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">{page ? `${lines.length} of ${page.totalCount} lines` : ''}</Text>
        {next ? <Button size="xs" variant="subtle" onClick={() => setAfter(next)}>Show more lines</Button> : null}
      </Group>
    </Paper>
  );
}

/** The task's runs that produced files, newest first: each is a version of the output, with its download. */
export function OutputVersions({ taskId, currentId, done }: { taskId: string; currentId: string; done: boolean }) {
  const client = useClient();
  const [{ data, error }, refetch] = useQuery({ query: TaskRunsQuery, variables: { id: taskId }, requestPolicy: 'cache-and-network' });
  // A run that ends adds a version: read the runs again then.
  useEffect(() => {
    if (done) refetch({ requestPolicy: 'network-only' });
  }, [done, currentId]); // eslint-disable-line react-hooks/exhaustive-deps
  const [message, setMessage] = useState<string | null>(null);
  const runs = (data?.task?.executions.nodes ?? []).filter((run) => run.files.length > 0);
  if (error) return <Text size="sm" c="red">{describeError(error)}</Text>;
  if (runs.length === 0) return null;
  return (
    <Paper withBorder p="sm" aria-label="Output versions">
      <Title order={3} fz="h5" mb={4}>Versions of the output</Title>
      <Table>
        <Table.Tbody>{runs.map((run) => {
          const state = executionState(run.status);
          return (
            <Table.Tr key={run.uuid}>
              <Table.Td>{formatDateTime(run.createdAt)} {run.uuid === currentId ? <Badge size="xs" variant="light">this run</Badge> : null}</Table.Td>
              <Table.Td><Badge color={state.tone} variant="light">{state.label}</Badge></Table.Td>
              <Table.Td>{run.files.map((f) => f.fileName).join(', ')}</Table.Td>
              <Table.Td ta="right">
                <Anchor component="button" type="button" aria-label={`Download the version of ${formatDateTime(run.createdAt)}`} onClick={async () => {
                  const result = await client.query(ExecutionDownloadLink, { id: run.uuid }, { requestPolicy: 'network-only' }).toPromise();
                  const link = result.data?.execution?.downloadLink;
                  if (!link) {
                    setMessage(result.error ? describeError(result.error) : 'No file to download.');
                    return;
                  }
                  const anchor = document.createElement('a');
                  anchor.href = link.url;
                  anchor.download = link.fileName;
                  document.body.appendChild(anchor);
                  anchor.click();
                  anchor.remove();
                }}>Download</Anchor>
              </Table.Td>
            </Table.Tr>
          );
        })}</Table.Tbody>
      </Table>
      {message ? <Text size="sm" c="red" role="alert">{message}</Text> : null}
      <Stack />
    </Paper>
  );
}
