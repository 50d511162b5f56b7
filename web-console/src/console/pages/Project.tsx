/** One project: its reports, filters, conditions and tasks, its permissions and its settings, as tabs (each a route). */
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, Select, Stack, Table, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  CreateCondition, CreateFilter, CreateReport, CreateTask, DeleteConditions, DeleteFilters, DeleteReports, DeleteTasks,
  DuplicateReport, ProjectQuery, ReportsQuery, UpdateReport,
} from '../api/ops.ts';
import { paths } from '../routes.ts';
import { fieldError, formatDateTime, otherErrors } from '../format.ts';
import { ConfirmDialog, EmptyState, FormErrors, PageHeader, QueryState, type UserErrorLike } from '../ui.tsx';
import { ProjectForm } from './Projects.tsx';
import { PermissionsPanel } from './Permissions.tsx';
import { useKnownApps } from '../apps.tsx';

const TABS = ['reports', 'filters', 'conditions', 'tasks', 'permissions'] as const;
type Kind = 'report' | 'filter' | 'condition' | 'task';

export function ProjectPage() {
  const { projectId = '', tab = 'reports' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ProjectQuery, variables: { id: projectId } });
  const [creating, setCreating] = useState<Kind | null>(null);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState<{ kind: Kind; uuid: string; name: string } | null>(null);
  const [, deleteReports] = useMutation(DeleteReports);
  const [, deleteFilters] = useMutation(DeleteFilters);
  const [, deleteConditions] = useMutation(DeleteConditions);
  const [, deleteTasks] = useMutation(DeleteTasks);
  const project = data?.project;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const current = (TABS as readonly string[]).includes(tab) ? tab : 'reports';

  if (!project) {
    return <QueryState fetching={fetching} error={error} empty emptyText="This project does not exist or you may not see it." />;
  }
  const remove = (kind: Kind, uuid: string, name: string) => (
    <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${name}`} onClick={() => setDeleting({ kind, uuid, name })}>Delete</Button>
  );
  return (
    <>
      <PageHeader title={project.name} subtitle={project.description ?? `Owned by ${project.ownerName ?? 'nobody'}`}
        actions={<Button variant="default" onClick={() => setEditing(true)}>Edit project</Button>} />
      <Tabs value={current} onChange={(value) => navigate(paths.project(project.uuid, value ?? 'reports'))} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="reports">Reports ({project.reports.totalCount})</Tabs.Tab>
          <Tabs.Tab value="filters">Filters ({project.filters.totalCount})</Tabs.Tab>
          <Tabs.Tab value="conditions">Conditions ({project.conditions.totalCount})</Tabs.Tab>
          <Tabs.Tab value="tasks">Tasks ({project.tasks.totalCount})</Tabs.Tab>
          <Tabs.Tab value="permissions">Permissions</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="reports">
          <ListHeader label="New report" onClick={() => setCreating('report')} />
          {project.reports.nodes.length === 0 ? <EmptyState text="No report yet. A report is a template that draws from your apps." /> : (
            <AssetTable head={['Name', 'Type', 'Template', 'Owner', 'Changed']} rows={project.reports.nodes.map((report) => ({
              key: report.uuid,
              cells: [<Anchor key="n" component={Link} to={paths.report(report.uuid)}>{report.name}</Anchor>, report.type,
                report.templateFile ?? (report.type === 'HTML' ? 'HTML' : 'none'), report.ownerName ?? '—', formatDateTime(report.updatedAt)],
              actions: remove('report', report.uuid, report.name),
            }))} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="filters">
          <ListHeader label="New filter" onClick={() => setCreating('filter')} />
          {project.filters.nodes.length === 0 ? <EmptyState text="No filter yet. Filters pick field values, variables or bookmarks in an app." /> : (
            <AssetTable head={['Name', 'Items', 'Owner', 'Changed']} rows={project.filters.nodes.map((filter) => ({
              key: filter.uuid,
              cells: [<Anchor key="n" component={Link} to={paths.filter(filter.uuid)}>{filter.name}</Anchor>, filter.items.length,
                filter.ownerName ?? '—', formatDateTime(filter.updatedAt)],
              actions: remove('filter', filter.uuid, filter.name),
            }))} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="conditions">
          <ListHeader label="New condition" onClick={() => setCreating('condition')} />
          {project.conditions.nodes.length === 0 ? <EmptyState text="No condition yet. Conditions decide whether a task sends its reports." /> : (
            <AssetTable head={['Name', 'Rules', 'Owner', 'Changed']} rows={project.conditions.nodes.map((condition) => ({
              key: condition.uuid,
              cells: [<Anchor key="n" component={Link} to={paths.condition(condition.uuid)}>{condition.name}</Anchor>, condition.rules.length,
                condition.ownerName ?? '—', formatDateTime(condition.updatedAt)],
              actions: remove('condition', condition.uuid, condition.name),
            }))} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="tasks">
          <ListHeader label="New task" onClick={() => setCreating('task')} />
          {project.tasks.nodes.length === 0 ? <EmptyState text="No task yet. Tasks generate reports and deliver them." /> : (
            <AssetTable head={['Name', 'State', 'Owner', 'Changed']} rows={project.tasks.nodes.map((task) => ({
              key: task.uuid,
              cells: [<Anchor key="n" component={Link} to={paths.task(task.uuid)}>{task.name}</Anchor>,
                <Badge key="s" color={task.isActive ? 'green' : 'gray'} variant="light">{task.isActive ? 'Enabled' : 'Disabled'}</Badge>,
                task.ownerName ?? '—', formatDateTime(task.updatedAt)],
              actions: remove('task', task.uuid, task.name),
            }))} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="permissions">
          <PermissionsPanel projectId={project.uuid} organizationId={project.organizationId} onChanged={reload} />
        </Tabs.Panel>
      </Tabs>
      {creating ? <CreateAssetForm kind={creating} projectId={project.uuid} organizationId={project.organizationId}
        onClose={() => setCreating(null)} onCreated={reload} /> : null}
      {editing ? <ProjectForm project={{ uuid: project.uuid, name: project.name, description: project.description ?? '' }}
        onClose={() => setEditing(false)} onSaved={reload} /> : null}
      <ConfirmDialog opened={deleting !== null} title={`Delete the ${deleting?.kind}?`} onClose={() => setDeleting(null)}
        body={`"${deleting?.name}" will be deleted.`}
        onConfirm={async () => {
          if (!deleting) {
            return;
          }
          const input = { input: { ids: [deleting.uuid] } };
          if (deleting.kind === 'report') await deleteReports(input);
          if (deleting.kind === 'filter') await deleteFilters(input);
          if (deleting.kind === 'condition') await deleteConditions(input);
          if (deleting.kind === 'task') await deleteTasks(input);
          setDeleting(null);
          reload();
        }} />
    </>
  );
}

function ListHeader({ label, onClick }: { label: string; onClick: () => void }) {
  return <Group justify="flex-end" mb="sm"><Button onClick={onClick}>{label}</Button></Group>;
}

function AssetTable({ head, rows }: { head: string[]; rows: { key: string; cells: React.ReactNode[]; actions: React.ReactNode }[] }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover>
        <Table.Thead><Table.Tr>{head.map((cell) => <Table.Th key={cell}>{cell}</Table.Th>)}<Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>{row.cells.map((cell, index) => <Table.Td key={index}>{cell}</Table.Td>)}<Table.Td ta="right">{row.actions}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const REPORT_TYPES = ['HTML', 'Excel', 'Word', 'PowerPoint'];

/** Create a report, filter, condition or task in the project; a report may start as a copy of another one. */
function CreateAssetForm({ kind, projectId, organizationId, onClose, onCreated }: {
  kind: Kind; projectId: string; organizationId: string; onClose: () => void; onCreated: () => void;
}) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [type, setType] = useState('HTML');
  const [source, setSource] = useState<string | null>(null);
  const [appId, setAppId] = useState<string | null>(null);
  const { apps } = useKnownApps(organizationId, kind === 'filter');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [busy, setBusy] = useState(false);
  const [{ data: reports }] = useQuery({ query: ReportsQuery, variables: { first: 100 }, pause: kind !== 'report' });
  const [, createReport] = useMutation(CreateReport);
  const [, duplicateReport] = useMutation(DuplicateReport);
  const [, updateReport] = useMutation(UpdateReport);
  const [, deleteCopy] = useMutation(DeleteReports);
  const [, createFilter] = useMutation(CreateFilter);
  const [, createCondition] = useMutation(CreateCondition);
  const [, createTask] = useMutation(CreateTask);
  const [transport, setTransport] = useState<Error | null>(null);
  const sources = (reports?.reports.nodes ?? []).filter((report) => report.project.organizationId === organizationId);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setTransport(null);
    try {
      const base = { name, description: description || null, projectId };
      let created: { uuid: string } | null | undefined = null;
      let userErrors: readonly UserErrorLike[] = [];
      if (kind === 'report' && source) {
        // A copy keeps the template, the apps and the options; then it gets the name given here.
        const copy = await duplicateReport({ input: { id: source, projectId, organizationId } });
        userErrors = copy.data?.duplicateReport.userErrors ?? [];
        const copied = copy.data?.duplicateReport.report;
        if (copied) {
          const renamed = await updateReport({ input: { id: copied.uuid, name, description: description || null, isIteration: false } });
          userErrors = renamed.data?.updateReport.userErrors ?? [];
          created = renamed.data?.updateReport.report ?? null;
          if (!created) {
            // keep nothing half-made: the copy under the source's name is removed again
            await deleteCopy({ input: { ids: [copied.uuid] } });
          }
        }
        if (copy.error) setTransport(copy.error);
      } else if (kind === 'report') {
        const result = await createReport({ input: { ...base, type } });
        userErrors = result.data?.createReport.userErrors ?? [];
        created = result.data?.createReport.report;
        if (result.error) setTransport(result.error);
      } else if (kind === 'filter') {
        const result = await createFilter({ input: { ...base, qlikAppId: appId } });
        userErrors = result.data?.createFilter.userErrors ?? [];
        created = result.data?.createFilter.filter;
        if (result.error) setTransport(result.error);
      } else if (kind === 'condition') {
        const result = await createCondition({ input: base });
        userErrors = result.data?.createCondition.userErrors ?? [];
        created = result.data?.createCondition.condition;
        if (result.error) setTransport(result.error);
      } else {
        const result = await createTask({ input: base });
        userErrors = result.data?.createTask.userErrors ?? [];
        created = result.data?.createTask.task;
        if (result.error) setTransport(result.error);
      }
      setErrors(userErrors);
      if (created) {
        onCreated();
        onClose();
        const go = { report: paths.report, filter: paths.filter, condition: paths.condition, task: paths.task }[kind];
        navigate(go(created.uuid));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={`New ${kind}`} centered>
      <form onSubmit={submit} aria-label={`New ${kind}`}>
        <Stack>
          <TextInput label="Name" required value={name} data-autofocus onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(errors, 'name')} />
          <Textarea label="Description" value={description} autosize minRows={2}
            onChange={(event) => setDescription(event.currentTarget.value)} error={fieldError(errors, 'description')} />
          {kind === 'filter' ? (
            <Select label="App" description="The app its items apply to." searchable data={apps.map((app) => ({ value: app.id, label: app.name }))}
              value={appId} onChange={setAppId} error={fieldError(errors, 'qlikAppId')} />
          ) : null}
          {kind === 'report' ? (
            <>
              <Select label="Start from" description="A copy keeps the template and the apps of the report it copies."
                data={[{ value: '', label: 'An empty template' }, ...sources.map((report) => ({
                  value: report.uuid, label: `A copy of ${report.name} (${report.type}, ${report.project.name})`,
                }))]}
                value={source ?? ''} onChange={(value) => setSource(value || null)} allowDeselect={false} />
              {source ? null : (
                <Select label="Type" data={REPORT_TYPES} value={type} onChange={(value) => setType(value ?? 'HTML')}
                  allowDeselect={false} error={fieldError(errors, 'type')} />
              )}
            </>
          ) : null}
          <FormErrors errors={otherErrors(errors, ['name', 'description', 'type', 'qlikAppId'])} error={transport} />
          <Text size="xs" c="dimmed">You can change everything else after creating it.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={busy}>Create</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
