/** The signed-in user's API keys: create (the secret is shown once), list, delete. */
import { useState } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { AdminApiKeysQuery, CreateApiKey, DeleteApiKeys } from '../../api/adminOps.ts';
import { fieldError, formatDateTime, otherErrors } from '../../format.ts';
import { useSession } from '../../org.tsx';
import { ConfirmDialog, FormErrors, QueryState, type UserErrorLike } from '../../ui.tsx';
import { dateInputValue, expiryInstant } from './adminHelpers.ts';

export function ApiKeysTab({ organizationId }: { organizationId: string | null }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminApiKeysQuery });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const [deleting, setDeleting] = useState<{ uuid: string; name: string } | null>(null);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [, deleteKeys] = useMutation(DeleteApiKeys);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const keys = data?.apiKeys.nodes ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">Your API keys, each limited to one organization. Send a key as <Code>Authorization: Bearer …</Code>.</Text>
        <Button onClick={() => setCreating(true)}>New API key</Button>
      </Group>
      <FormErrors errors={errors.map((e) => e.message)} />
      <QueryState fetching={fetching} error={error} empty={!fetching && keys.length === 0} emptyText="You have no API key."
        emptyAction={<Button variant="default" onClick={() => setCreating(true)}>Create a key</Button>}>
        <Table.ScrollContainer minWidth={600}>
          <Table striped aria-label="API keys">
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Organization</Table.Th><Table.Th>Created</Table.Th><Table.Th>Expires</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {keys.map((key) => (
                <Table.Tr key={key.uuid} data-testid="api-key-row">
                  <Table.Td>{key.name}{key.description ? <Text size="xs" c="dimmed">{key.description}</Text> : null}</Table.Td>
                  <Table.Td>{key.organization?.displayName || key.organization?.name || '—'}</Table.Td>
                  <Table.Td>{formatDateTime(key.createdDate)}</Table.Td>
                  <Table.Td>{formatDateTime(key.expiryDate)}{key.isExpired ? <Badge ml={6} size="xs" color="red">expired</Badge> : null}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${key.name}`}
                      onClick={() => setDeleting({ uuid: key.uuid, name: key.name })}>Delete</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      {creating ? (
        <ApiKeyForm organizationId={organizationId} onClose={() => setCreating(false)}
          onCreated={(created) => { setCreating(false); setSecret(created); reload(); }} />
      ) : null}
      {secret ? <SecretDialog name={secret.name} secret={secret.key} onClose={() => setSecret(null)} /> : null}
      <ConfirmDialog opened={deleting !== null} title="Delete the API key?" onClose={() => setDeleting(null)}
        body={`"${deleting?.name}" stops working at once; whatever uses it will be refused.`}
        onConfirm={async () => {
          if (deleting) {
            const result = await deleteKeys({ input: { ids: [deleting.uuid] } });
            setErrors(result.data?.deleteApiKeys.userErrors ?? []);
            setDeleting(null);
            reload();
          }
        }} />
    </Stack>
  );
}

function ApiKeyForm({ organizationId, onClose, onCreated }: {
  organizationId: string | null; onClose: () => void; onCreated: (created: { name: string; key: string }) => void;
}) {
  const session = useSession();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [expiry, setExpiry] = useState(() => dateInputValue(new Date(), 90));
  const [organization, setOrganization] = useState<string | null>(organizationId);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [creating, create] = useMutation(CreateApiKey);
  const today = new Date();
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const expiryDate = expiryInstant(expiry);
    if (!expiryDate) {
      setErrors([{ field: 'expiryDate', code: 'VALIDATION', message: 'Pick a day' }]);
      return;
    }
    const result = await create({ input: { name, description: description || null, expiryDate, organizationId: organization ?? '' } });
    const payload = result.data?.createApiKey;
    setErrors(payload?.userErrors ?? []);
    if (payload?.key) {
      onCreated({ name, key: payload.key });
    }
  }
  return (
    <Modal opened onClose={onClose} title="New API key" centered>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Name" required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(errors, 'name')} />
          <Textarea label="Description" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldError(errors, 'description')} />
          <TextInput label="Expires on" type="date" required value={expiry} min={dateInputValue(today, 1)} max={dateInputValue(today, 365)}
            description="At most 365 days ahead; the key stops working at the end of that day (UTC)"
            onChange={(e) => setExpiry(e.currentTarget.value)} error={fieldError(errors, 'expiryDate')} />
          <Select label="Limited to the organization" required allowDeselect={false}
            data={session.organizations.map((org) => ({ value: org.uuid, label: org.name }))} value={organization}
            onChange={setOrganization} error={fieldError(errors, 'organizationId')} />
          <FormErrors errors={otherErrors(errors, ['name', 'description', 'expiryDate', 'organizationId'])} error={creating.error ?? null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={creating.fetching}>Create</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The new key, this once: nothing keeps it after the dialog closes. */
function SecretDialog({ name, secret, onClose }: { name: string; secret: string; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={`API key "${name}" created`} centered size="lg" closeOnClickOutside={false}>
      <Stack>
        <Alert color="yellow" title="Copy it now: you will not see it again">
          The server keeps only a fingerprint of the key. Once this dialog is closed, nobody can show it again; if you lose it,
          delete the key and create another.
        </Alert>
        <Code block data-testid="api-key-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{secret}</Code>
        <Group justify="flex-end">
          <CopyButton value={secret}>
            {({ copied, copy }) => <Button variant={copied ? "light" : "default"} onClick={copy}>{copied ? 'Copied' : 'Copy the key'}</Button>}
          </CopyButton>
          <Button onClick={onClose}>I have copied it</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
