/**
 * Executions (task runs and on-demand requests) with live progress: the list is read once, then every change the
 * server pushes on the executionUpdated subscription (graphql-ws) replaces the row. /status/:id shows one run.
 */
import { useEffect, useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Progress, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { DeleteExecution, ExecutionQuery, ExecutionUpdated, ExecutionsQuery, RerunExecution, StopExecution } from '../api/ops.ts';
import type { ExecutionFieldsFragment } from '../gql/graphql.ts';
import { paths } from '../routes.ts';
import { clampProgress, executionState, formatBytes, formatDateTime, formatDuration } from '../format.ts';
import { downloadFile } from '../download.ts';
import { ConfirmDialog, FormErrors, PageHeader, QueryState, describeError } from '../ui.tsx';
import { ExecutionLogs, OutputVersions } from './ExecutionLogs.tsx';

type Execution = ExecutionFieldsFragment;

export function StatusPage() {
  const { executionId } = useParams();
  const [kind, setKind] = useState('TASK');
  const [{ data, fetching, error }, refetch] = useQuery({ query: ExecutionsQuery, variables: { kind, first: 50 } });
  const [live, setLive] = useState<Record<string, Execution>>({});
  const [subscription] = useSubscription({ query: ExecutionUpdated, variables: {} }, (_previous, event) => {
    setLive((current) => ({ ...current, [event.executionUpdated.uuid]: event.executionUpdated }));
    return event;
  });
  const executions = useMemo(() => {
    const listed = data?.executions.nodes ?? [];
    const known = new Set(listed.map((execution) => execution.uuid));
    const fresh = Object.values(live).filter((execution) => !known.has(execution.uuid) && (execution.type ?? 'TASK').toUpperCase() === kind);
    return [...fresh, ...listed.map((execution) => live[execution.uuid] ?? execution)];
  }, [data, live, kind]);
  const selected = executionId ? executions.find((execution) => execution.uuid === executionId) : undefined;
  return (
    <>
      <PageHeader title="Status" subtitle={subscription.error ? `Live updates stopped: ${describeError(subscription.error)}` : 'Runs update live.'}
        actions={<Button variant="default" onClick={() => refetch({ requestPolicy: 'network-only' })}>Refresh</Button>} />
      {executionId ? <ExecutionDetail id={executionId} execution={selected} onChanged={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <SegmentedControl aria-label="Kind of run" mb="md" value={kind} onChange={setKind}
        data={[{ value: 'TASK', label: 'Task runs' }, { value: 'REQUEST', label: 'On-demand requests' }]} />
      <QueryState fetching={fetching} error={error} empty={!fetching && executions.length === 0} emptyText="Nothing has run yet.">
        <Table.ScrollContainer minWidth={700}>
          <Table striped highlightOnHover>
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Status</Table.Th><Table.Th w={180}>Progress</Table.Th><Table.Th>Started</Table.Th><Table.Th>Duration</Table.Th><Table.Th>Files</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {executions.map((execution) => {
                const state = executionState(execution.status);
                return (
                  <Table.Tr key={execution.uuid} data-testid="execution-row" data-status={execution.status.toLowerCase()} aria-selected={execution.uuid === executionId}>
                    <Table.Td><Anchor component={Link} to={paths.execution(execution.uuid)}>{execution.name ?? execution.uuid}</Anchor></Table.Td>
                    <Table.Td><Badge color={state.tone} variant="light">{state.label}</Badge></Table.Td>
                    <Table.Td><Progress value={clampProgress(execution.progress)} animated={!state.done} aria-label={`Progress of ${execution.name ?? 'the run'}`} /></Table.Td>
                    <Table.Td>{formatDateTime(execution.startedAt ?? execution.createdAt)}</Table.Td>
                    <Table.Td>{formatDuration(execution.durationMs)}</Table.Td>
                    <Table.Td>{execution.files.length}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </>
  );
}

function ExecutionDetail({ id, execution, onChanged }: { id: string; execution: Execution | undefined; onChanged: () => void }) {
  const navigate = useNavigate();
  const [own] = useSubscription({ query: ExecutionUpdated, variables: { id } });
  const [read] = useQuery({ query: ExecutionQuery, variables: { id } });
  const current = own.data?.executionUpdated ?? execution ?? read.data?.execution ?? undefined;
  const [, stop] = useMutation(StopExecution);
  const [, rerun] = useMutation(RerunExecution);
  const [, remove] = useMutation(DeleteExecution);
  const [messages, setMessages] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const finished = current ? executionState(current.status).done : false;
  // When this run ends, the list below is read again so its row shows the end state and the files too.
  useEffect(() => {
    if (finished) {
      onChanged();
    }
  }, [finished]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!current) {
    return <Paper withBorder p="md" mb="md"><Text c="dimmed">{read.fetching ? 'Loading the run…' : 'This run does not exist or you may not see it.'}</Text></Paper>;
  }
  const state = executionState(current.status);
  return (
    <Paper withBorder p="md" mb="md" aria-label="Selected run" data-testid="execution-detail" data-status={current.status.toLowerCase()}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} fz="h3">{current.name ?? 'Run'}</Title>
          <Group gap="xs">
            {!state.done ? <Button size="xs" variant="default" onClick={async () => {
              const result = await stop({ input: { id: current.uuid } });
              setMessages((result.data?.stopExecution.userErrors ?? []).map((e) => e.message));
              onChanged();
            }}>Stop</Button> : null}
            {state.done ? <Button size="xs" variant="default" onClick={async () => {
              const result = await rerun({ input: { id: current.uuid } });
              const next = result.data?.rerunExecution.execution;
              setMessages((result.data?.rerunExecution.userErrors ?? []).map((e) => e.message));
              onChanged();
              if (next) navigate(paths.execution(next.uuid));
            }}>Run again</Button> : null}
            {current.files.length > 0 && state.done ? <Button size="xs" loading={downloading} onClick={async () => {
              setDownloading(true);
              try {
                await downloadFile(`/api/v1/status/${encodeURIComponent(current.uuid)}/download/stream`, current.files[0]?.fileName ?? 'report');
              } catch (error) {
                setMessages([describeError(error)]);
              } finally {
                setDownloading(false);
              }
            }}>Download</Button> : null}
            <Button size="xs" color="red" variant="subtle" onClick={() => setConfirming(true)}>Delete</Button>
          </Group>
        </Group>
        <Group gap="xs"><Badge color={state.tone}>{state.label}</Badge>{current.currentStep ? <Text size="sm">{current.currentStep}</Text> : null}</Group>
        <Progress value={clampProgress(current.progress)} size="lg" animated={!state.done} aria-label="Progress" />
        <Text size="sm" c="dimmed">
          Created {formatDateTime(current.createdAt)}{current.triggeredBy ? ` by ${current.triggeredBy}` : ''} · duration {formatDuration(current.durationMs)}
          {current.warnings ? ` · ${current.warnings} warning(s)` : ''}{current.errors ? ` · ${current.errors} error(s)` : ''}
        </Text>
        {current.summary ? <Text size="sm">{current.summary}</Text> : null}
        {current.files.length > 0 ? (
          <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Files">
            {current.files.map((file) => <li key={file.fileName}><Text size="sm">{file.fileName} <Text span c="dimmed">({formatBytes(file.size)})</Text></Text></li>)}
          </Stack>
        ) : null}
        <FormErrors errors={messages} />
        <ExecutionLogs id={current.uuid} done={state.done} />
        {current.taskId ? <OutputVersions taskId={current.taskId} currentId={current.uuid} done={state.done} /> : null}
      </Stack>
      <ConfirmDialog opened={confirming} title="Delete the run?" body="The run, its files and its logs will be deleted." onClose={() => setConfirming(false)}
        onConfirm={async () => {
          const result = await remove({ input: { id: current.uuid } });
          setConfirming(false);
          setMessages((result.data?.deleteExecution.userErrors ?? []).map((e) => e.message));
          onChanged();
          if ((result.data?.deleteExecution.userErrors ?? []).length === 0) navigate(paths.status());
        }} />
    </Paper>
  );
}
