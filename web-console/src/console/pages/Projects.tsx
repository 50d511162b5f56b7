/** The projects of the current organization: search, create, rename, delete. */
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CreateProject, DeleteProjects, ProjectsQuery, UpdateProject } from '../api/ops.ts';
import { useSession } from '../org.tsx';
import { paths } from '../routes.ts';
import { fieldError, formatDateTime, otherErrors } from '../format.ts';
import { ConfirmDialog, FormErrors, PageHeader, QueryState, type UserErrorLike } from '../ui.tsx';

export function ProjectsPage() {
  const session = useSession();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ProjectsQuery,
    variables: { organizationId: session.organization?.uuid ?? null, search: debounced || null, first: 100 },
  });
  const [editing, setEditing] = useState<{ uuid: string; name: string; description: string } | 'new' | null>(null);
  const [deleting, setDeleting] = useState<{ uuid: string; name: string } | null>(null);
  const [, deleteProjects] = useMutation(DeleteProjects);
  const projects = data?.projects.nodes ?? [];
  return (
    <>
      <PageHeader title="Projects" subtitle={session.organization ? `In ${session.organization.name}` : undefined}
        actions={<Button onClick={() => setEditing('new')}>New project</Button>} />
      <TextInput label="Search projects" placeholder="Name contains…" value={search} maw={360} mb="md"
        onChange={(event) => setSearch(event.currentTarget.value)} />
      <QueryState fetching={fetching} error={error} empty={!fetching && projects.length === 0}
        emptyText={debounced ? 'No project matches.' : 'No project yet. Projects hold reports, filters, conditions and tasks.'}
        emptyAction={debounced ? undefined : <Button onClick={() => setEditing('new')}>Create the first project</Button>}>
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Reports</Table.Th><Table.Th>Tasks</Table.Th>
                <Table.Th>Permissions</Table.Th><Table.Th>Changed</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {projects.map((project) => (
                <Table.Tr key={project.uuid}>
                  <Table.Td>
                    <Anchor component={Link} to={paths.project(project.uuid)}>{project.name}</Anchor>
                    {project.description ? <Text size="xs" c="dimmed">{project.description}</Text> : null}
                  </Table.Td>
                  <Table.Td>{project.ownerName ?? '—'}{project.isMine ? <Badge ml={6} size="xs" variant="light">you</Badge> : null}</Table.Td>
                  <Table.Td>{project.reports.totalCount}</Table.Td>
                  <Table.Td>{project.tasks.totalCount}</Table.Td>
                  <Table.Td>{project.isGlobalPermissions ? 'Global' : 'Customizable'}</Table.Td>
                  <Table.Td>{formatDateTime(project.updatedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="xs" variant="subtle" aria-label={`Edit ${project.name}`}
                        onClick={() => setEditing({ uuid: project.uuid, name: project.name, description: project.description ?? '' })}>Edit</Button>
                      <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${project.name}`}
                        onClick={() => setDeleting({ uuid: project.uuid, name: project.name })}>Delete</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      {editing ? <ProjectForm project={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <ConfirmDialog opened={deleting !== null} title="Delete the project?" onClose={() => setDeleting(null)}
        body={`"${deleting?.name}" and every report, filter, condition and task in it will be deleted.`}
        onConfirm={async () => {
          if (deleting) {
            await deleteProjects({ input: { ids: [deleting.uuid] } });
            setDeleting(null);
            refetch({ requestPolicy: 'network-only' });
          }
        }} />
    </>
  );
}

/** Create (project null) or edit a project; user errors appear next to their fields. */
export function ProjectForm({ project, onClose, onSaved }: {
  project: { uuid: string; name: string; description: string } | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const session = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState(project?.name ?? '');
  const [description, setDescription] = useState(project?.description ?? '');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [creating, create] = useMutation(CreateProject);
  const [updating, update] = useMutation(UpdateProject);
  const transport = creating.error ?? updating.error ?? null;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (project) {
      const result = await update({ input: { id: project.uuid, name, description: description || null } });
      const payload = result.data?.updateProject;
      setErrors(payload?.userErrors ?? []);
      if (payload?.project) {
        onSaved();
        onClose();
      }
    } else {
      const result = await create({ input: { name, description: description || null, organizationId: session.organization?.uuid ?? null } });
      const payload = result.data?.createProject;
      setErrors(payload?.userErrors ?? []);
      if (payload?.project) {
        onSaved();
        onClose();
        navigate(paths.project(payload.project.uuid));
      }
    }
  }

  return (
    <Modal opened onClose={onClose} title={project ? 'Edit the project' : 'New project'} centered>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Name" required value={name} data-autofocus onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(errors, 'name')} />
          <Textarea label="Description" value={description} autosize minRows={2}
            onChange={(event) => setDescription(event.currentTarget.value)} error={fieldError(errors, 'description')} />
          <FormErrors errors={otherErrors(errors, ['name', 'description'])} error={transport} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={creating.fetching || updating.fetching}>{project ? 'Save' : 'Create'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
