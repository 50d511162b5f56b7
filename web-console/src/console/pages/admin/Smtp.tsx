/** The current organization's SMTP settings (the password is write-only), a test email and its SMTP conversation. */
import { useState } from 'react';
import {
  Alert, Badge, Button, Code, Group, NumberInput, Paper, PasswordInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title,
} from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { DeleteSmtpSettings, SetSmtpSettings, SmtpSettingsQuery, TestSmtpSettings } from '../../api/adminOps.ts';
import { fieldError, formatDateTime, otherErrors } from '../../format.ts';
import { useSession } from '../../org.tsx';
import { ConfirmDialog, EmptyState, FormErrors, QueryState, type UserErrorLike } from '../../ui.tsx';
import { NO_ORGANIZATION, defaultSmtpPort } from './adminHelpers.ts';

type Settings = NonNullable<ReturnType<typeof useSettings>['settings']>;

function useSettings(organizationId: string) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: SmtpSettingsQuery, variables: { organizationId }, requestPolicy: 'network-only' });
  return { settings: data?.smtpSettings, fetching, error, refetch };
}

export function SmtpTab({ organizationId }: { organizationId: string | null }) {
  if (!organizationId) {
    return <EmptyState text={NO_ORGANIZATION} />;
  }
  return <SmtpPanel key={organizationId} organizationId={organizationId} />;
}

function SmtpPanel({ organizationId }: { organizationId: string }) {
  const { settings, fetching, error, refetch } = useSettings(organizationId);
  return (
    <QueryState fetching={fetching} error={error} empty={!settings}>
      {settings ? (
        <Stack>
          <SmtpForm key={settings.updatedAt ?? settings.source} organizationId={organizationId} settings={settings}
            onSaved={() => refetch({ requestPolicy: 'network-only' })} />
          <TestMail organizationId={organizationId} />
        </Stack>
      ) : null}
    </QueryState>
  );
}

const SOURCES: Record<string, string> = {
  Organization: 'This organization\'s own settings',
  Server: 'The server-wide settings (none of its own)',
  None: 'No SMTP server: no email can be sent',
};

function SmtpForm({ organizationId, settings, onSaved }: { organizationId: string; settings: Settings; onSaved: () => void }) {
  const own = settings.source === 'Organization';
  const [host, setHost] = useState(own ? settings.host ?? '' : '');
  const [security, setSecurity] = useState(own ? settings.security ?? 'StartTls' : 'StartTls');
  const [port, setPort] = useState<number | string>(own ? settings.port ?? 587 : 587);
  const [auth, setAuth] = useState(own ? settings.requireAuthentication : false);
  const [username, setUsername] = useState(own ? settings.username ?? '' : '');
  const [password, setPassword] = useState('');
  const [fromName, setFromName] = useState(own ? settings.fromName ?? '' : '');
  const [fromAddress, setFromAddress] = useState(own ? settings.fromAddress ?? '' : '');
  const [subjectPrefix, setSubjectPrefix] = useState(own ? settings.subjectPrefix ?? '' : '');
  const [connectionTimeout, setConnectionTimeout] = useState<number | string>(own ? settings.connectionTimeoutSeconds ?? '' : '');
  const [timeout, setTimeoutSeconds] = useState<number | string>(own ? settings.timeoutSeconds ?? '' : '');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saved, setSaved] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [saving, save] = useMutation(SetSmtpSettings);
  const [, reset] = useMutation(DeleteSmtpSettings);
  const number = (value: number | string) => (typeof value === 'number' ? value : value.trim() === '' ? null : Number(value));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await save({ input: {
      organizationId, host: host || null, port: number(port), security, requireAuthentication: auth,
      username: auth ? username || null : null, password: auth && password ? password : null,
      fromName: fromName || null, fromAddress: fromAddress || null, subjectPrefix: subjectPrefix || null,
      connectionTimeoutSeconds: number(connectionTimeout), timeoutSeconds: number(timeout),
    } });
    const refused = result.data?.setSmtpSettings.userErrors ?? [];
    setErrors(refused);
    if (result.data?.setSmtpSettings.smtpSettings) {
      setSaved(true);
      onSaved();
    }
  }
  const shown = ['host', 'port', 'security', 'requireAuthentication', 'username', 'password', 'fromName', 'fromAddress', 'subjectPrefix',
    'connectionTimeoutSeconds', 'timeoutSeconds'];
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-label="SMTP settings">
        <Stack>
          <Group justify="space-between">
            <Title order={2} fz="h4">SMTP server</Title>
            <Group gap="xs">
              <Badge variant="light" color={settings.source === 'None' ? 'red' : 'green'} data-testid="smtp-source">{settings.source}</Badge>
              <Text size="sm" c="dimmed">{SOURCES[settings.source] ?? settings.source}</Text>
            </Group>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Host" required value={host} onChange={(e) => setHost(e.currentTarget.value)} error={fieldError(errors, 'host')} />
            <Select label="Security" data={[{ value: 'None', label: 'None' }, { value: 'StartTls', label: 'STARTTLS' }, { value: 'Ssl', label: 'SSL/TLS' }]}
              value={security} allowDeselect={false} error={fieldError(errors, 'security')}
              onChange={(value) => { if (value) { setSecurity(value); setPort(defaultSmtpPort(value)); } }} />
            <NumberInput label="Port" min={1} max={65535} value={port} onChange={setPort} error={fieldError(errors, 'port')} />
          </SimpleGrid>
          <Switch label="Log in with a user name and password" checked={auth} onChange={(e) => setAuth(e.currentTarget.checked)} />
          {auth ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="User name" value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={fieldError(errors, 'username')} autoComplete="off" />
              <PasswordInput label={<Group gap={6} component="span">Password{settings.passwordSet && own ? <Badge size="xs" color="green" variant="light">set</Badge> : null}</Group>}
                autoComplete="new-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)}
                placeholder={settings.passwordSet && own ? 'Set: leave empty to keep it' : undefined}
                description="Stored encrypted and never shown again" error={fieldError(errors, 'password')} />
            </SimpleGrid>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Sender name" value={fromName} onChange={(e) => setFromName(e.currentTarget.value)} error={fieldError(errors, 'fromName')} />
            <TextInput label="Sender address" type="email" value={fromAddress} onChange={(e) => setFromAddress(e.currentTarget.value)} error={fieldError(errors, 'fromAddress')} />
            <TextInput label="Subject prefix" value={subjectPrefix} onChange={(e) => setSubjectPrefix(e.currentTarget.value)} error={fieldError(errors, 'subjectPrefix')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label="Connection timeout (seconds)" min={1} max={300} value={connectionTimeout} onChange={setConnectionTimeout}
              error={fieldError(errors, 'connectionTimeoutSeconds')} />
            <NumberInput label="Reply timeout (seconds)" min={1} max={600} value={timeout} onChange={setTimeoutSeconds} error={fieldError(errors, 'timeoutSeconds')} />
          </SimpleGrid>
          <FormErrors errors={otherErrors(errors, shown)} error={saving.error ?? null} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">{own && settings.updatedAt ? `Changed ${formatDateTime(settings.updatedAt)}` : ''}</Text>
            <Group gap="xs">
              {saved ? <Text c="green" size="sm" role="status">Saved.</Text> : null}
              {own ? <Button variant="default" onClick={() => setResetting(true)}>Use the server-wide settings</Button> : null}
              <Button type="submit" loading={saving.fetching}>Save SMTP settings</Button>
            </Group>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog opened={resetting} title="Remove this organization's SMTP settings?" confirmLabel="Remove" onClose={() => setResetting(false)}
        body="The server-wide settings apply again (or none, when the server has none)."
        onConfirm={async () => {
          const result = await reset({ input: { organizationId } });
          setErrors(result.data?.deleteSmtpSettings.userErrors ?? []);
          setResetting(false);
          onSaved();
        }} />
    </Paper>
  );
}

function TestMail({ organizationId }: { organizationId: string }) {
  const session = useSession();
  const [to, setTo] = useState(session.email);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [result, setResult] = useState<{ status: string; delivered: boolean; detail?: string | null; messageId?: string | null; conversation: readonly string[] } | null>(null);
  const [sending, send] = useMutation(TestSmtpSettings);
  return (
    <Paper withBorder p="md">
      <form aria-label="Send a test email" onSubmit={async (event) => {
        event.preventDefault();
        setResult(null);
        const answer = await send({ input: { organizationId, to } });
        const payload = answer.data?.testSmtpSettings;
        setErrors(payload?.userErrors ?? []);
        setResult(payload?.result ?? null);
      }}>
        <Stack>
          <Title order={2} fz="h4">Test email</Title>
          <Group align="flex-end" wrap="wrap">
            <TextInput label="Send to" type="email" required value={to} w={320} onChange={(e) => setTo(e.currentTarget.value)} error={fieldError(errors, 'to')} />
            <Button type="submit" loading={sending.fetching}>Send test mail</Button>
          </Group>
          <FormErrors errors={otherErrors(errors, ['to'])} error={sending.error ?? null} />
          {result ? (
            <Alert color={result.delivered ? 'green' : 'red'} role="status" data-testid="smtp-test-result" data-status={result.status}
              title={result.delivered ? 'The SMTP server took the test email' : `Not delivered (${result.status})`}>
              {result.detail ? <Text size="sm">{result.detail}</Text> : null}
              {result.messageId ? <Text size="xs" c="dimmed">Message id {result.messageId}</Text> : null}
              {result.conversation.length > 0 ? (
                <>
                  <Text size="sm" fw={500} mt="xs">SMTP log</Text>
                  <Code block data-testid="smtp-log" style={{ maxHeight: 260, overflow: 'auto' }}>{result.conversation.join('\n')}</Code>
                </>
              ) : null}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
