/** OpenID Connect providers of the organizations: create, edit (the client secret is write-only), delete. */
import { useState } from 'react';
import { Badge, Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import {
  AdminIdentityProvidersQuery, CreateIdentityProvider, DeleteIdentityProvider, ExtensionTypesQuery, UpdateIdentityProvider,
} from '../../api/adminOps.ts';
import { fieldError, otherErrors } from '../../format.ts';
import { useSession } from '../../org.tsx';
import { ConfirmDialog, FormErrors, QueryState, type UserErrorLike } from '../../ui.tsx';
import { extensionTypes } from './adminHelpers.ts';

type Provider = NonNullable<ReturnType<typeof useProviders>['providers']>[number];

function useProviders() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminIdentityProvidersQuery });
  return { providers: data?.identityProviders.nodes, fetching, error, refetch };
}

const URL_FIELDS = [
  ['issuer', 'Issuer', false],
  ['authorizationEndpoint', 'Authorization endpoint', true],
  ['accessTokenEndpoint', 'Token endpoint', true],
  ['userinfoEndpoint', 'Userinfo endpoint', true],
  ['jwksUri', 'Signing keys (JWKS) URL', false],
  ['logoutEndpoint', 'Logout endpoint', false],
  ['postLogoutRedirectUrl', 'After sign-out, go to', false],
] as const;

export function IdentityProvidersTab({ organizationId }: { organizationId: string | null }) {
  const session = useSession();
  const { providers, fetching, error, refetch } = useProviders();
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [, deleteProvider] = useMutation(DeleteIdentityProvider);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const list = providers ?? [];
  const orgName = (uuid: string) => session.organizations.find((o) => o.uuid === uuid)?.name ?? uuid;
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">One OpenID Connect provider per organization; allow it in the organization's sign-in settings.</Text>
        <Button onClick={() => setEditing('new')} disabled={!organizationId}>New identity provider</Button>
      </Group>
      <FormErrors errors={errors.map((e) => e.message)} />
      <QueryState fetching={fetching} error={error} empty={!fetching && list.length === 0} emptyText="No identity provider.">
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label="Identity providers">
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Organization</Table.Th><Table.Th>Issuer</Table.Th><Table.Th>Client</Table.Th>
              <Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.map((provider) => (
                <Table.Tr key={provider.id}>
                  <Table.Td>{provider.name} <Badge size="xs" variant="light">{provider.type}</Badge></Table.Td>
                  <Table.Td>{orgName(provider.organizationId)}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{provider.issuer ?? '—'}</Table.Td>
                  <Table.Td>{provider.clientId ?? '—'} {provider.isClientSecretSet ? <Badge size="xs" color="green" variant="light">secret set</Badge>
                    : <Badge size="xs" color="red" variant="light">no secret</Badge>}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="xs" variant="subtle" aria-label={`Edit ${provider.name}`} onClick={() => setEditing(provider)}>Edit</Button>
                      <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${provider.name}`} onClick={() => setDeleting(provider)}>Delete</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      {editing ? <ProviderForm provider={editing === 'new' ? null : editing} organizationId={organizationId} onClose={() => setEditing(null)} onSaved={reload} /> : null}
      <ConfirmDialog opened={deleting !== null} title="Delete the identity provider?" onClose={() => setDeleting(null)}
        body={`People will no longer sign in through "${deleting?.name}". It cannot be deleted while it is the organization's only way to sign in.`}
        onConfirm={async () => {
          if (deleting) {
            const result = await deleteProvider({ input: { id: deleting.id } });
            setErrors(result.data?.deleteIdentityProvider.userErrors ?? []);
            setDeleting(null);
            reload();
          }
        }} />
    </Stack>
  );
}

function ProviderForm({ provider, organizationId, onClose, onSaved }: {
  provider: Provider | null; organizationId: string | null; onClose: () => void; onSaved: () => void;
}) {
  const [{ data: types }] = useQuery({ query: ExtensionTypesQuery });
  const typeOptions = extensionTypes(types?.plugins, 'IdentityProviderType').map((t) => ({ value: t.typeId, label: t.displayName }));
  const [type, setType] = useState(provider?.type ?? 'Oidc');
  const [name, setName] = useState(provider?.name ?? '');
  const [description, setDescription] = useState(provider?.description ?? '');
  const [clientId, setClientId] = useState(provider?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [urls, setUrls] = useState<Record<string, string>>(() => Object.fromEntries(URL_FIELDS.map(([key]) => [key, provider?.[key] ?? ''])));
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [creating, create] = useMutation(CreateIdentityProvider);
  const [updating, update] = useMutation(UpdateIdentityProvider);
  const text = (key: string) => (urls[key] ?? '').trim() || null;
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const common = {
      name, description: description || null, clientId,
      authorizationEndpoint: text('authorizationEndpoint') ?? '', accessTokenEndpoint: text('accessTokenEndpoint') ?? '',
      userinfoEndpoint: text('userinfoEndpoint') ?? '', logoutEndpoint: text('logoutEndpoint'),
      postLogoutRedirectUrl: text('postLogoutRedirectUrl'), issuer: text('issuer'), jwksUri: text('jwksUri'),
    };
    const payload = provider
      ? (await update({ input: { ...common, id: provider.id, clientSecret: clientSecret || null } })).data?.updateIdentityProvider
      : (await create({ input: { ...common, type, clientSecret, organizationId } })).data?.createIdentityProvider;
    setErrors(payload?.userErrors ?? []);
    if (payload?.identityProvider) {
      onSaved();
      onClose();
    }
  }
  const shown = ['name', 'description', 'type', 'clientId', 'clientSecret', ...URL_FIELDS.map(([key]) => key)];
  return (
    <Modal opened onClose={onClose} title={provider ? `Edit ${provider.name}` : 'New identity provider'} size="xl" centered>
      <form onSubmit={submit}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(errors, 'name')} />
            <Select label="Type" data={typeOptions.length > 0 ? typeOptions : [{ value: 'Oidc', label: 'OpenID Connect' }]} value={type} allowDeselect={false}
              disabled={provider !== null} onChange={(value) => value && setType(value)} error={fieldError(errors, 'type')} />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={1} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldError(errors, 'description')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Client id" required value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} error={fieldError(errors, 'clientId')} />
            <PasswordInput label={<Group gap={6} component="span">Client secret{provider?.isClientSecretSet ? <Badge size="xs" color="green" variant="light">set</Badge> : null}</Group>}
              required={!provider} autoComplete="new-password" value={clientSecret} onChange={(e) => setClientSecret(e.currentTarget.value)}
              placeholder={provider?.isClientSecretSet ? 'Set: leave empty to keep it' : undefined}
              description="Stored encrypted and never shown again" error={fieldError(errors, 'clientSecret')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed">The endpoints are in the provider's discovery document (its issuer followed by /.well-known/openid-configuration).</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {URL_FIELDS.map(([key, label, required]) => (
              <TextInput key={key} label={label} required={required} type="url" value={urls[key] ?? ''}
                onChange={(e) => { const value = e.currentTarget.value; setUrls((all) => ({ ...all, [key]: value })); }} error={fieldError(errors, key)} />
            ))}
          </SimpleGrid>
          <FormErrors errors={otherErrors(errors, shown)} error={creating.error ?? updating.error ?? null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={creating.fetching || updating.fetching}>{provider ? 'Save' : 'Create'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
