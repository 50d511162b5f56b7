/** A task: its settings (enable/disable, notifications, test mode), reports, recipients, schedules; run it. */
import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { DeleteTaskReports, DeleteTasks, RunTask, TaskQuery, UpdateTask } from '../api/ops.ts';
import { DeleteTaskRecipients, DeleteTaskSchedules, TaskSettingsQuery } from '../api/taskOps.ts';
import { paths } from '../routes.ts';
import { executionState, fieldError, formatDateTime, otherErrors } from '../format.ts';
import { describeSchedule } from '../schedule.ts';
import { ConfirmDialog, EmptyState, FormErrors, PageHeader, QueryState, type UserErrorLike } from '../ui.tsx';
import { latestVersion } from '../versions.ts';
import { AddRecipients, AddSchedule, NextRuns, TaskReportForm, type TaskReportState } from './TaskParts.tsx';
import { TaskEmailEditor, TaskEvents } from './TaskEmail.tsx';
import { AssetPermissions } from './AssetPermissions.tsx';

export function TaskPage() {
  const { taskId = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }, refetch] = useQuery({ query: TaskQuery, variables: { id: taskId } });
  const task = data?.task;
  const [form, setForm] = useState({
    name: '', description: '', isActive: false, sendNotifications: false, notifyIfError: false, notifyIfWarning: false,
    notifyIfSuccess: false, notificationRecipients: '', testMode: false, testModeRecipients: '',
  });
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saved, setSaved] = useState(false);
  const [updating, update] = useMutation(UpdateTask);
  const [running, run] = useMutation(RunTask);
  const [settings, refetchSettings] = useQuery({ query: TaskSettingsQuery, variables: { id: taskId } });
  const [, deleteTaskReports] = useMutation(DeleteTaskReports);
  const [, deleteRecipients] = useMutation(DeleteTaskRecipients);
  const [, deleteSchedules] = useMutation(DeleteTaskSchedules);
  const [, deleteTasks] = useMutation(DeleteTasks);
  const [editingReport, setEditingReport] = useState<TaskReportState | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // the version a save answered: the task is read again after each save, but a form used before that read lands
  // must not send the older version (it would be refused as changed by someone else)
  const [answeredVersion, setAnsweredVersion] = useState<number | null>(null);
  useEffect(() => {
    if (task) {
      setForm({
        name: task.name, description: task.description ?? '', isActive: task.isActive, sendNotifications: task.sendNotifications,
        notifyIfError: task.notifyIfError, notifyIfWarning: task.notifyIfWarning, notifyIfSuccess: task.notifyIfSuccess,
        notificationRecipients: task.notificationRecipients ?? '', testMode: task.testMode, testModeRecipients: task.testModeRecipients ?? '',
      });
    }
  }, [task]);
  if (!task) {
    return <QueryState fetching={fetching} error={error} empty emptyText="This task does not exist or you may not see it." />;
  }
  const version = latestVersion(task.version ?? null, answeredVersion);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    setForm({ ...form, [key]: value });
    setSaved(false);
  };
  async function save(event?: React.FormEvent, override?: Partial<typeof form>) {
    event?.preventDefault();
    if (!task) return;
    const state = { ...form, ...override };
    const result = await update({ input: {
      id: task.uuid, name: state.name, description: state.description || null, isActive: state.isActive, sendNotifications: state.sendNotifications,
      notifyIfError: state.notifyIfError, notifyIfWarning: state.notifyIfWarning, notifyIfSuccess: state.notifyIfSuccess,
      notificationRecipients: state.notificationRecipients || null, testMode: state.testMode, testModeRecipients: state.testModeRecipients || null,
      version,
    } });
    setAnsweredVersion(result.data?.updateTask.task?.version ?? null);
    setErrors(result.data?.updateTask.userErrors ?? []);
    setSaved(Boolean(result.data?.updateTask.task));
    refetch({ requestPolicy: 'network-only' });
  }
  const shown = ['name', 'description', 'notificationRecipients', 'testModeRecipients'];
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchSettings({ requestPolicy: 'network-only' });
  };
  const full = settings.data?.task ?? null;
  const firstReport = full?.taskReports.find((r) => r.report)?.report?.uuid ?? null;
  const childErrors = (result: { data?: { [key: string]: { userErrors: readonly UserErrorLike[] } } | null | undefined }, key: string) =>
    setErrors(result.data?.[key]?.userErrors ?? []);
  return (
    <>
      <PageHeader title={task.name}
        subtitle={<>Task in <Anchor component={Link} to={paths.project(task.project.uuid, 'tasks')}>{task.project.name}</Anchor> · <Badge color={task.isActive ? 'green' : 'gray'} variant="light">{task.isActive ? 'Enabled' : 'Disabled'}</Badge></>}
        actions={<>
          <Button variant="default" onClick={() => save(undefined, { isActive: !task.isActive })}>{task.isActive ? 'Disable' : 'Enable'}</Button>
          <Button loading={running.fetching} onClick={async () => {
            const result = await run({ input: { id: task.uuid } });
            const execution = result.data?.runTask.execution;
            if (execution) {
              navigate(paths.execution(execution.uuid));
            } else {
              setErrors(result.data?.runTask.userErrors ?? []);
            }
          }}>Run now</Button>
          <Button color="red" variant="light" onClick={() => setConfirmingDelete(true)}>Delete task</Button>
        </>} />
      <ConfirmDialog opened={confirmingDelete} title="Delete the task?" body={`"${task.name}" and its settings will be deleted.`} onClose={() => setConfirmingDelete(false)}
        onConfirm={async () => {
          const result = await deleteTasks({ input: { ids: [task.uuid] } });
          setConfirmingDelete(false);
          const userErrors = result.data?.deleteTasks.userErrors ?? [];
          setErrors(userErrors);
          if (userErrors.length === 0 && !result.error) navigate(paths.project(task.project.uuid, 'tasks'));
        }} />
      <Stack>
        <FormErrors errors={otherErrors(errors, shown)} error={updating.error ?? running.error ?? null} />
        <Paper withBorder p="md">
          <form onSubmit={save} aria-label="Task settings">
            <Stack>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <TextInput label="Name" required value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={fieldError(errors, 'name')} />
                <Textarea label="Description" autosize minRows={1} value={form.description} onChange={(e) => set('description', e.currentTarget.value)} />
              </SimpleGrid>
              <Group>
                <Switch label="Enabled" checked={form.isActive} onChange={(e) => set('isActive', e.currentTarget.checked)} />
                <Switch label="Test mode" checked={form.testMode} onChange={(e) => set('testMode', e.currentTarget.checked)} />
                <Switch label="Send notifications" checked={form.sendNotifications} onChange={(e) => set('sendNotifications', e.currentTarget.checked)} />
              </Group>
              {form.testMode ? <TextInput label="Test mode recipients" description="Every email goes to these addresses instead."
                value={form.testModeRecipients} onChange={(e) => set('testModeRecipients', e.currentTarget.value)} error={fieldError(errors, 'testModeRecipients')} /> : null}
              {form.sendNotifications ? (
                <>
                  <Group>
                    <Switch label="On error" checked={form.notifyIfError} onChange={(e) => set('notifyIfError', e.currentTarget.checked)} />
                    <Switch label="On warning" checked={form.notifyIfWarning} onChange={(e) => set('notifyIfWarning', e.currentTarget.checked)} />
                    <Switch label="On success" checked={form.notifyIfSuccess} onChange={(e) => set('notifyIfSuccess', e.currentTarget.checked)} />
                  </Group>
                  <TextInput label="Notification recipients" value={form.notificationRecipients}
                    onChange={(e) => set('notificationRecipients', e.currentTarget.value)} error={fieldError(errors, 'notificationRecipients')} />
                </>
              ) : null}
              <Group><Button type="submit" loading={updating.fetching}>Save</Button>{saved ? <Text size="sm" c="green" role="status">Saved.</Text> : null}</Group>
            </Stack>
          </form>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} fz="h4" mb="sm">Reports</Title>
          {task.taskReports.length === 0 ? <EmptyState text="No report yet: a task generates one or more reports, each in a format." /> : (
            <Table>
              <Table.Thead><Table.Tr><Table.Th>Report</Table.Th><Table.Th>Format</Table.Th><Table.Th>Filters</Table.Th><Table.Th>Email</Table.Th><Table.Th>Hub</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{task.taskReports.map((taskReport) => {
                const detail = full?.taskReports.find((r) => r.id === taskReport.id);
                return (
                  <Table.Tr key={taskReport.id} data-testid="task-report">
                    <Table.Td>{taskReport.report ? <Anchor component={Link} to={paths.report(taskReport.report.uuid)}>{taskReport.report.name}</Anchor> : taskReport.name}</Table.Td>
                    <Table.Td>{taskReport.format ?? '—'}</Table.Td>
                    <Table.Td>{taskReport.filters.map((f) => f.name).join(', ') || '—'}</Table.Td>
                    <Table.Td>{[taskReport.emailAttachment ? 'attached' : null, taskReport.emailEmbedment ? 'embedded' : null].filter(Boolean).join(', ') || '—'}</Table.Td>
                    <Table.Td>{taskReport.hub?.publish ? `published${detail?.hub ? ` (keeps ${detail.hub.retentionCount})` : ''}` : '—'}</Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="subtle" disabled={!detail} aria-label={`Options of ${taskReport.name ?? 'the report'}`} onClick={() => detail && setEditingReport({
                        taskReportId: detail.id, reportId: detail.report?.uuid ?? detail.reportId, format: detail.format ?? null,
                        filters: [...detail.filters].sort((a, b) => a.order - b.order).map((f) => f.id), conditions: detail.conditions.map((c) => c.id),
                        attach: detail.emailAttachment, embed: detail.emailEmbedment, publish: detail.hub?.publish ?? false, retentionCount: detail.hub?.retentionCount ?? 10,
                        storages: detail.storageServices.map((st) => st.id), storageFolder: detail.storageServices[0]?.folder ?? '',
                        keepFiles: detail.fileStorage?.enabled ?? false, keepFolder: detail.fileStorage?.folder ?? '', imageQuality: detail.imageQuality,
                        decimalSeparator: detail.separatorOptions?.numberDecimalSeparator ?? '.', groupSeparator: detail.separatorOptions?.numberGroupSeparator ?? ',',
                        zipForEmail: detail.iterationOptions?.zipForEmail ?? false, zipForFolder: detail.iterationOptions?.zipForFolder ?? false,
                        conditionPerIterationValue: detail.iterationOptions?.conditionPerIterationValue ?? false,
                      })}>Options</Button>
                      <Button size="xs" variant="subtle" color="red" aria-label={`Remove ${taskReport.name ?? 'the report'} from the task`} onClick={async () => {
                        childErrors(await deleteTaskReports({ input: { id: task.uuid, ids: [taskReport.id], version } }), 'deleteTaskReports');
                        reload();
                      }}>Remove</Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}</Table.Tbody>
            </Table>
          )}
          {editingReport ? (
            <Paper withBorder p="sm" mt="sm" aria-label="Task report options">
              <Title order={3} fz="h5">Options of the report</Title>
              <TaskReportForm key={editingReport.taskReportId} taskId={task.uuid} projectId={task.project.uuid} version={version} initial={editingReport}
                onSaved={() => { setEditingReport(null); reload(); }} onCancel={() => setEditingReport(null)} />
            </Paper>
          ) : (
            <TaskReportForm taskId={task.uuid} projectId={task.project.uuid} version={version} onSaved={reload} />
          )}
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md">
            <Title order={2} fz="h4" mb="sm">Recipients</Title>
            {task.recipients.length === 0 ? <Text c="dimmed">No recipient.</Text> : (
              <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {task.recipients.map((recipient) => (
                  <li key={recipient.id}>
                    <Group gap="xs" justify="space-between" wrap="nowrap">
                      <span><Badge variant="light" mr="xs">{recipient.type}</Badge>{recipient.name ?? recipient.email}</span>
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={`Remove recipient ${recipient.name ?? recipient.email ?? ''}`} onClick={async () => {
                        childErrors(await deleteRecipients({ input: { id: task.uuid, ids: [recipient.id], version } }), 'deleteTaskRecipients');
                        reload();
                      }}>Remove</Button>
                    </Group>
                  </li>
                ))}
              </Stack>
            )}
            <AddRecipients taskId={task.uuid} version={version} onSaved={reload} />
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} fz="h4" mb="sm">Schedules</Title>
            {task.schedules.length === 0 ? <Text c="dimmed">Runs only when started by hand{task.triggers.length > 0 ? ' or by an app event' : ''}.</Text> : (
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {task.schedules.map((schedule) => (
                  <li key={schedule.id} data-testid="schedule">
                    <Text fw={600} span>{schedule.name ?? 'Schedule'}</Text>{' '}
                    <Text span size="sm">{describeSchedule({ ...schedule, weeklyDays: schedule.weeklyDays ? schedule.weeklyDays.split(',') : null })}</Text>{' '}
                    {schedule.isActive ? null : <Badge color="gray" size="xs">off</Badge>}{' '}
                    <Button size="compact-xs" variant="subtle" color="red" aria-label={`Delete schedule ${schedule.name ?? ''}`} onClick={async () => {
                      childErrors(await deleteSchedules({ input: { id: task.uuid, ids: [schedule.id], version } }), 'deleteTaskSchedules');
                      reload();
                    }}>Delete</Button>
                    <NextRuns runs={schedule.nextRuns} />
                  </li>
                ))}
              </Stack>
            )}
            <AddSchedule taskId={task.uuid} version={version} onSaved={reload} />
          </Paper>
        </SimpleGrid>
        {full ? <TaskEmailEditor task={full} reportId={firstReport} onSaved={reload} /> : null}
        {full ? <TaskEvents task={full} organizationId={full.organizationId} onSaved={reload} /> : null}
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm"><Title order={2} fz="h4">Recent runs</Title><Anchor component={Link} to={paths.status()}>All runs</Anchor></Group>
          {task.executions.nodes.length === 0 ? <Text c="dimmed">Never run.</Text> : (
            <Table>
              <Table.Tbody>{task.executions.nodes.map((execution) => {
                const state = executionState(execution.status);
                return (
                  <Table.Tr key={execution.uuid}>
                    <Table.Td><Anchor component={Link} to={paths.execution(execution.uuid)}>{formatDateTime(execution.createdAt)}</Anchor></Table.Td>
                    <Table.Td><Badge color={state.tone} variant="light">{state.label}</Badge></Table.Td>
                  </Table.Tr>
                );
              })}</Table.Tbody>
            </Table>
          )}
        </Paper>
        <AssetPermissions kind="TASK" id={task.uuid} organizationId={full?.organizationId ?? null} />
      </Stack>
    </>
  );
}

