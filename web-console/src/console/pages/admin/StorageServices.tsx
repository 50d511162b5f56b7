/** Storage services (delivery targets) of the current organization: type from the storage plugins, generated settings, test. */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import {
  AdminStorageServicesQuery, CreateStorageService, DeleteStorageServices, ExtensionTypesQuery, TestStorageService, UpdateStorageService,
} from '../../api/adminOps.ts';
import { formatDateTime } from '../../format.ts';
import { ConfirmDialog, EmptyState, FormErrors, QueryState, type UserErrorLike } from '../../ui.tsx';
import { NO_ORGANIZATION, extensionTypes } from './adminHelpers.ts';
import { type ConfigField } from './SettingsFields.tsx';
import { PluginObjectForm } from './PluginObjectForm.tsx';

interface StorageRow {
  id: string;
  name: string;
  description?: string | null;
  type: string;
  settings: readonly { name: string; value?: string | null }[];
  secretsSet: readonly string[];
  version?: number | null;
}

interface StorageType { typeId: string; displayName: string; configFields: readonly ConfigField[] }

export function StorageServicesTab({ organizationId }: { organizationId: string | null }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminStorageServicesQuery });
  const [{ data: types }] = useQuery({ query: ExtensionTypesQuery });
  const [editing, setEditing] = useState<StorageRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<StorageRow | null>(null);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [tests, setTests] = useState<Record<string, { ok: boolean; message: string }>>({});
  const [testingId, setTestingId] = useState<string | null>(null);
  const [, remove] = useMutation(DeleteStorageServices);
  const [, test] = useMutation(TestStorageService);
  if (!organizationId) {
    return <EmptyState text={NO_ORGANIZATION} />;
  }
  const storageTypes = extensionTypes(types?.plugins, 'StorageTarget') as unknown as StorageType[];
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const services = (data?.storageServices.nodes ?? []).filter((s) => s.organizationId === organizationId);
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">Where tasks deliver their files: folders, FTP or SFTP servers, or a plugin's target.</Text>
        <Button onClick={() => setEditing('new')}>New storage service</Button>
      </Group>
      <FormErrors errors={errors.map((e) => e.message)} />
      <QueryState fetching={fetching} error={error} empty={!fetching && services.length === 0} emptyText="No storage service in this organization.">
        <Table.ScrollContainer minWidth={680}>
          <Table striped aria-label="Storage services">
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Type</Table.Th><Table.Th>Settings</Table.Th><Table.Th>Owner</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {services.map((service) => {
                const result = tests[service.id];
                return (
                  <Table.Tr key={service.id} data-testid="storage-service-row">
                    <Table.Td>
                      {service.name}
                      {service.description ? <Text size="xs" c="dimmed">{service.description}</Text> : null}
                      {result ? (
                        <Alert mt={6} p="xs" color={result.ok ? 'green' : 'red'} role="status" data-testid="storage-test-result" data-ok={result.ok}>
                          {result.ok ? 'Test passed: ' : 'Test failed: '}{result.message}
                        </Alert>
                      ) : null}
                    </Table.Td>
                    <Table.Td><Badge variant="light">{service.type}</Badge></Table.Td>
                    <Table.Td>
                      {service.settings.filter((s) => s.value).map((s) => <Text key={s.name} size="xs">{s.name}: {s.value}</Text>)}
                      {service.secretsSet.map((s) => <Text key={s} size="xs">{s}: <Badge size="xs" color="green" variant="light">set</Badge></Text>)}
                    </Table.Td>
                    <Table.Td>{service.ownerName ?? '—'}<Text size="xs" c="dimmed">{formatDateTime(service.updatedAt)}</Text></Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button size="xs" variant="default" aria-label={`Test ${service.name}`} loading={testingId === service.id} onClick={async () => {
                          setTestingId(service.id);
                          try {
                            const answer = await test({ input: { id: service.id } });
                            const payload = answer.data?.testStorageService;
                            setErrors(payload?.userErrors ?? []);
                            if (payload?.result) {
                              setTests((all) => ({ ...all, [service.id]: payload.result! }));
                            }
                          } finally {
                            setTestingId(null);
                          }
                        }}>Test</Button>
                        <Button size="xs" variant="subtle" aria-label={`Edit ${service.name}`} onClick={() => setEditing(service)}>Edit</Button>
                        <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${service.name}`} onClick={() => setDeleting(service)}>Delete</Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      {editing ? <StorageForm organizationId={organizationId} storageTypes={storageTypes} service={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)} onSaved={reload} /> : null}
      <ConfirmDialog opened={deleting !== null} title="Delete the storage service?" onClose={() => setDeleting(null)}
        body={`"${deleting?.name}" will be deleted. A storage service a task delivers to cannot be deleted.`}
        onConfirm={async () => {
          if (deleting) {
            const result = await remove({ input: { ids: [deleting.id] } });
            setErrors(result.data?.deleteStorageServices.userErrors ?? []);
            setDeleting(null);
            reload();
          }
        }} />
    </Stack>
  );
}

function StorageForm({ organizationId, storageTypes, service, onClose, onSaved }: {
  organizationId: string; storageTypes: readonly StorageType[]; service: StorageRow | null; onClose: () => void; onSaved: () => void;
}) {
  const [creating, create] = useMutation(CreateStorageService);
  const [updating, update] = useMutation(UpdateStorageService);
  return (
    <PluginObjectForm what="storage service" types={storageTypes} existing={service} onClose={onClose} onSaved={onSaved}
      saving={creating.fetching || updating.fetching} error={creating.error ?? updating.error ?? null}
      onSave={async (input) => {
        const payload = service
          ? (await update({ input: { id: service.id, ...input, version: service.version ?? null } })).data?.updateStorageService
          : (await create({ input: { ...input, organizationId } })).data?.createStorageService;
        return { userErrors: payload?.userErrors ?? [], saved: Boolean(payload?.storageService) };
      }} />
  );
}
