/** Every task the user may see: enable or disable several at once, run one. */
import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { DeleteTasks, RunTask, TaskQuery, UpdateTask } from '../api/ops.ts';
import { graphql } from '../gql';
import { paths } from '../routes.ts';
import { formatDateTime } from '../format.ts';
import { ConfirmDialog, FormErrors, PageHeader, QueryState } from '../ui.tsx';

const TasksQuery = graphql(`
  query Tasks($search: String, $isActive: Boolean, $first: Int) {
    tasks(search: $search, isActive: $isActive, first: $first) {
      totalCount
      nodes { id uuid name isActive isScheduled ownerName updatedAt organizationId project { uuid name }
        triggers { nextExecutionDate isActive } }
    }
  }
`);

export function TasksPage() {
  const navigate = useNavigate();
  const client = useClient();
  const [search, setSearch] = useState('');
  const [state, setState] = useState('all');
  const [debounced] = useDebouncedValue(search, 250);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: TasksQuery,
    variables: { search: debounced || null, isActive: state === 'all' ? null : state === 'enabled', first: 100 },
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [messages, setMessages] = useState<string[]>([]);
  const [, runTask] = useMutation(RunTask);
  const [, updateTask] = useMutation(UpdateTask);
  const [, deleteTasks] = useMutation(DeleteTasks);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  /** Runs every selected task; the runs show on the status page. */
  async function runSelected() {
    const problems: string[] = [];
    let started = 0;
    for (const uuid of selected) {
      const result = await runTask({ input: { id: uuid } });
      const name = tasks.find((t) => t.uuid === uuid)?.name ?? uuid;
      if (result.data?.runTask.execution) started += 1;
      problems.push(...(result.data?.runTask.userErrors ?? []).map((e) => `${name}: ${e.message}`));
      if (result.error) problems.push(`${name}: ${result.error.message}`);
    }
    setMessages(problems);
    setNotice(started > 0 ? `${started} run${started === 1 ? '' : 's'} started: see the status page.` : null);
    setSelected([]);
  }

  async function deleteSelected() {
    const result = await deleteTasks({ input: { ids: selected } });
    setMessages((result.data?.deleteTasks.userErrors ?? []).map((e) => e.message));
    setNotice(result.data ? `${result.data.deleteTasks.deletedIds.length} task(s) deleted.` : null);
    setSelected([]);
    setConfirmingDelete(false);
    refetch({ requestPolicy: 'network-only' });
  }
  const tasks = data?.tasks.nodes ?? [];

  /** Enable or disable: updateTask takes the whole editable state, so each task is read first. */
  async function setActive(active: boolean) {
    const problems: string[] = [];
    for (const uuid of selected) {
      const read = await client.query(TaskQuery, { id: uuid }, { requestPolicy: 'network-only' }).toPromise();
      const task = read.data?.task;
      if (!task) {
        problems.push(`A task could not be read.`);
        continue;
      }
      const result = await updateTask({ input: {
        id: task.uuid, name: task.name, description: task.description ?? null, isActive: active, sendNotifications: task.sendNotifications,
        notifyIfError: task.notifyIfError, notifyIfWarning: task.notifyIfWarning, notifyIfSuccess: task.notifyIfSuccess,
        notificationRecipients: task.notificationRecipients ?? null, testMode: task.testMode, testModeRecipients: task.testModeRecipients ?? null,
        version: task.version ?? null,
      } });
      problems.push(...(result.data?.updateTask.userErrors ?? []).map((e) => `${task.name}: ${e.message}`));
    }
    setMessages(problems);
    setSelected([]);
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <>
      <PageHeader title="Tasks" subtitle="Create tasks from a project." />
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput label="Search tasks" placeholder="Name contains…" value={search} w={300} onChange={(event) => setSearch(event.currentTarget.value)} />
        <SegmentedControl aria-label="Show" value={state} onChange={setState}
          data={[{ value: 'all', label: 'All' }, { value: 'enabled', label: 'Enabled' }, { value: 'disabled', label: 'Disabled' }]} />
        <Button variant="default" disabled={selected.length === 0} onClick={() => setActive(true)}>Enable selected</Button>
        <Button variant="default" disabled={selected.length === 0} onClick={() => setActive(false)}>Disable selected</Button>
        <Button variant="default" disabled={selected.length === 0} onClick={runSelected}>Run selected</Button>
        <Button variant="light" color="red" disabled={selected.length === 0} onClick={() => setConfirmingDelete(true)}>Delete selected</Button>
      </Group>
      <FormErrors errors={messages} />
      {notice ? <Text size="sm" c="green" role="status" mb="sm">{notice} <Anchor component={Link} to={paths.status()}>Status</Anchor></Text> : null}
      <ConfirmDialog opened={confirmingDelete} title={`Delete ${selected.length} task(s)?`} body="The selected tasks and their settings will be deleted."
        onClose={() => setConfirmingDelete(false)} onConfirm={deleteSelected} />
      <QueryState fetching={fetching} error={error} empty={!fetching && tasks.length === 0}
        emptyText={debounced ? 'No task matches.' : 'No task yet: open a project to create one.'}>
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead><Table.Tr>
              <Table.Th><Checkbox aria-label="Select all tasks" checked={selected.length > 0 && selected.length === tasks.length}
                indeterminate={selected.length > 0 && selected.length < tasks.length}
                onChange={(event) => setSelected(event.currentTarget.checked ? tasks.map((t) => t.uuid) : [])} /></Table.Th>
              <Table.Th>Name</Table.Th><Table.Th>Project</Table.Th><Table.Th>State</Table.Th><Table.Th>Next run</Table.Th><Table.Th>Changed</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {tasks.map((task) => {
                const next = task.triggers.filter((t) => t.isActive && t.nextExecutionDate).map((t) => t.nextExecutionDate!).sort()[0];
                return (
                  <Table.Tr key={task.uuid}>
                    <Table.Td><Checkbox aria-label={`Select ${task.name}`} checked={selected.includes(task.uuid)}
                      onChange={(event) => setSelected(event.currentTarget.checked ? [...selected, task.uuid] : selected.filter((id) => id !== task.uuid))} /></Table.Td>
                    <Table.Td><Anchor component={Link} to={paths.task(task.uuid)}>{task.name}</Anchor></Table.Td>
                    <Table.Td><Anchor component={Link} to={paths.project(task.project.uuid, 'tasks')}>{task.project.name}</Anchor></Table.Td>
                    <Table.Td><Badge color={task.isActive ? 'green' : 'gray'} variant="light">{task.isActive ? 'Enabled' : 'Disabled'}</Badge></Table.Td>
                    <Table.Td>{formatDateTime(next)}</Table.Td>
                    <Table.Td>{formatDateTime(task.updatedAt)}</Table.Td>
                    <Table.Td ta="right"><Button size="xs" variant="light" aria-label={`Run ${task.name}`} onClick={async () => {
                      const result = await runTask({ input: { id: task.uuid } });
                      const execution = result.data?.runTask.execution;
                      if (execution) {
                        navigate(paths.execution(execution.uuid));
                      } else {
                        setMessages((result.data?.runTask.userErrors ?? []).map((e) => `${task.name}: ${e.message}`));
                      }
                    }}>Run</Button></Table.Td>
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
