/** Connections to apps of the current organization: type from the connector plugins, generated settings, test, apps. */
import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import {
  AdminConnectionsQuery, CreateConnection, DeleteConnection, ExtensionTypesQuery, RemoveConnectionApp, TestConnection, UpdateConnection,
} from '../../api/adminOps.ts';
import { formatDateTime } from '../../format.ts';
import { ConfirmDialog, EmptyState, FormErrors, QueryState, type UserErrorLike } from '../../ui.tsx';
import { NO_ORGANIZATION, extensionTypes } from './adminHelpers.ts';
import { type ConfigField } from './SettingsFields.tsx';
import { PluginObjectForm } from './PluginObjectForm.tsx';
import { postFile } from './rest.ts';

interface ConnectionRow {
  id: string;
  name: string;
  description?: string | null;
  type: string;
  settings: readonly { name: string; value?: string | null }[];
  secretsSet: readonly string[];
}

export function ConnectionsTab({ organizationId }: { organizationId: string | null }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AdminConnectionsQuery, variables: { organizationId: organizationId ?? '' }, pause: !organizationId,
  });
  const [{ data: types }] = useQuery({ query: ExtensionTypesQuery });
  const [editing, setEditing] = useState<ConnectionRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ConnectionRow | null>(null);
  const [removing, setRemoving] = useState<{ connection: ConnectionRow; appId: string; name: string } | null>(null);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [tests, setTests] = useState<Record<string, { ok: boolean; message: string }>>({});
  const [, remove] = useMutation(DeleteConnection);
  const [, removeApp] = useMutation(RemoveConnectionApp);
  const [testing, test] = useMutation(TestConnection);
  if (!organizationId) {
    return <EmptyState text={NO_ORGANIZATION} />;
  }
  const connectors = extensionTypes(types?.plugins, 'AppConnector') as unknown as ConnectorType[];
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const connections = data?.connections.nodes ?? [];
  const apps = data?.organizationQlikApps ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">Connections reach the apps reports are made from. Secrets are stored encrypted and never shown.</Text>
        <Button onClick={() => setEditing('new')}>New connection</Button>
      </Group>
      <FormErrors errors={errors.map((e) => e.message)} />
      <QueryState fetching={fetching} error={error} empty={!fetching && connections.length === 0} emptyText="No connection in this organization.">
        <Stack>
          {connections.map((connection) => {
            const result = tests[connection.id];
            const own = apps.filter((app) => app.connectionId === connection.id);
            return (
              <Paper key={connection.id} withBorder p="md" data-testid="connection">
                <Group justify="space-between" wrap="wrap">
                  <div>
                    <Title order={3} fz="h5">{connection.name} <Badge size="xs" variant="light">{connection.type}</Badge></Title>
                    {connection.description ? <Text size="sm" c="dimmed">{connection.description}</Text> : null}
                    <Text size="xs" c="dimmed">Created {formatDateTime(connection.createdAt)}</Text>
                  </div>
                  <Group gap={4}>
                    <Button size="xs" variant="default" loading={testing.fetching && testing.operation?.variables.input.id === connection.id}
                      onClick={async () => {
                        const answer = await test({ input: { id: connection.id } });
                        const payload = answer.data?.testConnection;
                        setErrors(payload?.userErrors ?? []);
                        if (payload?.result) {
                          setTests((all) => ({ ...all, [connection.id]: payload.result! }));
                        }
                      }}>Test</Button>
                    <Button size="xs" variant="subtle" onClick={() => setEditing(connection)} aria-label={`Edit ${connection.name}`}>Edit</Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(connection)} aria-label={`Delete ${connection.name}`}>Delete</Button>
                  </Group>
                </Group>
                {result ? (
                  <Alert mt="sm" color={result.ok ? 'green' : 'red'} role="status" title={result.ok ? 'The connection answers' : 'The connection failed'}>
                    {result.message}
                  </Alert>
                ) : null}
                <Text fw={600} size="sm" mt="sm">Apps</Text>
                {own.length === 0 ? <Text size="sm" c="dimmed">No app reachable through this connection.</Text> : (
                  <Table.ScrollContainer minWidth={480}>
                    <Table aria-label={`Apps of ${connection.name}`}>
                      <Table.Tbody>
                        {own.map((app) => (
                          <Table.Tr key={app.id}>
                            <Table.Td>{app.name ?? app.id}{app.description ? <Text size="xs" c="dimmed">{app.description}</Text> : null}</Table.Td>
                            <Table.Td>{app.lastReloadTime ? `Data of ${formatDateTime(app.lastReloadTime)}` : ''}</Table.Td>
                            <Table.Td ta="right">
                              <Button size="xs" variant="subtle" color="red" aria-label={`Remove the app ${app.name ?? app.id}`}
                                onClick={() => setRemoving({ connection, appId: app.id, name: app.name ?? app.id })}>Remove</Button>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
                <AppUpload connectionId={connection.id} onUploaded={reload} />
              </Paper>
            );
          })}
        </Stack>
      </QueryState>
      {editing ? <ConnectionForm organizationId={organizationId} connectors={connectors} connection={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)} onSaved={reload} /> : null}
      <ConfirmDialog opened={deleting !== null} title="Delete the connection?" onClose={() => setDeleting(null)}
        body={`"${deleting?.name}" will be deleted; reports on its apps can no longer run.`}
        onConfirm={async () => {
          if (deleting) {
            const result = await remove({ input: { id: deleting.id } });
            setErrors(result.data?.deleteConnection.userErrors ?? []);
            setDeleting(null);
            reload();
          }
        }} />
      <ConfirmDialog opened={removing !== null} title="Remove the app?" confirmLabel="Remove" onClose={() => setRemoving(null)}
        body={`The app "${removing?.name}" will be removed from "${removing?.connection.name}".`}
        onConfirm={async () => {
          if (removing) {
            const result = await removeApp({ input: { id: removing.connection.id, appId: removing.appId } });
            setErrors(result.data?.removeConnectionApp.userErrors ?? []);
            setRemoving(null);
            reload();
          }
        }} />
    </Stack>
  );
}

interface ConnectorType { typeId: string; displayName: string; configFields: readonly ConfigField[] }

/** An app archive (zip with its manifest and data) uploaded into a connection through the multipart REST route. */
function AppUpload({ connectionId, onUploaded }: { connectionId: string; onUploaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const inputId = `app-upload-${connectionId}`;
  return (
    <form aria-label="Upload an app" onSubmit={async (event) => {
      event.preventDefault();
      if (!file) {
        return;
      }
      setBusy(true);
      try {
        const answer = await postFile<{ name?: string; id?: string }>(`/api/v1/connections/${encodeURIComponent(connectionId)}/apps${replace ? '?replace=true' : ''}`, file);
        setMessage(answer.isSuccess ? { ok: true, text: `Uploaded ${answer.data?.name ?? answer.data?.id ?? 'the app'}.` } : { ok: false, text: answer.error ?? 'The upload was refused.' });
        if (answer.isSuccess) {
          onUploaded();
        }
      } catch (error) {
        setMessage({ ok: false, text: error instanceof Error ? error.message : 'The upload failed.' });
      } finally {
        setBusy(false);
      }
    }}>
      <Group mt="sm" gap="sm" align="center" wrap="wrap">
        <label htmlFor={inputId}><Text size="sm" span>App archive (.zip)</Text></label>
        <input id={inputId} type="file" accept=".zip,application/zip" onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setMessage(null); }} />
        <Checkbox size="xs" label="Replace an app with the same id" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} />
        <Button size="xs" type="submit" variant="default" disabled={!file} loading={busy}>Upload the app</Button>
        {message ? <Text size="sm" c={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Text> : null}
      </Group>
    </form>
  );
}

function ConnectionForm({ organizationId, connectors, connection, onClose, onSaved }: {
  organizationId: string; connectors: readonly ConnectorType[]; connection: ConnectionRow | null; onClose: () => void; onSaved: () => void;
}) {
  const [creating, create] = useMutation(CreateConnection);
  const [updating, update] = useMutation(UpdateConnection);
  return (
    <PluginObjectForm what="connection" types={connectors} existing={connection} onClose={onClose} onSaved={onSaved}
      saving={creating.fetching || updating.fetching} error={creating.error ?? updating.error ?? null}
      onSave={async (input) => {
        const payload = connection
          ? (await update({ input: { id: connection.id, ...input } })).data?.updateConnection
          : (await create({ input: { ...input, organizationId } })).data?.createConnection;
        return { userErrors: payload?.userErrors ?? [], saved: Boolean(payload?.connection) };
      }} />
  );
}
