/**
 * /login: the built-in sign-in and the organization's identity-provider buttons (GET /api/v1/auth/login-options),
 * and the return from an identity provider: `#code=` is exchanged once (POST /api/v1/auth/oidc/exchange) and
 * dropped from the address bar first; `?error=` is explained. `?next=` is where to go once signed in.
 */
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Anchor, Badge, Button, Center, Divider, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { describeSsoError, parseLoginReturn, type LoginOptions } from '../../login.ts';
import { describeHealth } from '../../health.ts';
import { storeToken } from '../auth.ts';
import { pageTitle, safeNext } from '../routes.ts';

interface Envelope<T> {
  data: T | null;
  isSuccess: boolean;
  error: string | null;
  errorDetails?: { field?: string; message?: string }[] | null;
}

async function postJson<T>(url: string, body: unknown): Promise<Envelope<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  try {
    return (await response.json()) as Envelope<T>;
  } catch {
    return { data: null, isSuccess: false, error: `The server answered ${response.status}.` };
  }
}

export function LoginPage() {
  const navigate = useNavigate();
  const [options, setOptions] = useState<LoginOptions | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [health, setHealth] = useState<ReturnType<typeof describeHealth> | null>(null);
  const started = useRef(false);
  const next = safeNext(new URLSearchParams(window.location.search).get('next'));

  useEffect(() => {
    document.title = pageTitle('Sign in');
    // Strict mode runs effects twice in development; the one-time code must be exchanged once.
    if (started.current) {
      return;
    }
    started.current = true;
    const back = parseLoginReturn(window.location.search, window.location.hash);
    if (back.code) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      void postJson<{ token: string }>('/api/v1/auth/oidc/exchange', { code: back.code }).then((answer) => {
        if (answer.isSuccess && answer.data) {
          storeToken(answer.data.token);
          navigate(next, { replace: true });
        } else {
          setMessage(answer.error ?? describeSsoError(''));
        }
      });
    } else if (back.error) {
      setMessage(describeSsoError(back.error));
    }
    const query = back.organization ? `?organization=${encodeURIComponent(back.organization)}` : '';
    void fetch(`/api/v1/auth/login-options${query}`, { headers: { Accept: 'application/json' } })
      .then(async (response) => ((await response.json()) as Envelope<LoginOptions>).data)
      .then((data) => setOptions(data ?? { organizationID: '', organizationName: '', qalyptusAuth: true, identityProviders: [] }))
      .catch(() => setOptions({ organizationID: '', organizationName: '', qalyptusAuth: true, identityProviders: [] }));
    void fetch('/actuator/health', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(async (response) => {
        let body: unknown = null;
        try {
          body = await response.json();
        } catch {
          body = null;
        }
        setHealth(describeHealth({ kind: 'response', httpStatus: response.status, body }));
      })
      .catch((error: unknown) => setHealth(describeHealth({ kind: 'error', error })));
  }, [navigate, next]);

  async function signIn(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const answer = await postJson<{ token: string }>('/api/v1/login', { email, password });
      if (answer.isSuccess && answer.data) {
        storeToken(answer.data.token);
        navigate(next, { replace: true });
      } else {
        setMessage(answer.error ?? 'Signing in did not work.');
      }
    } catch {
      setMessage('The server could not be reached.');
    } finally {
      setBusy(false);
    }
  }

  const qalyptusAuth = options?.qalyptusAuth ?? true;
  const providers = options?.identityProviders ?? [];
  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Stack>
          <Title order={1} fz="h2">Sign in</Title>
          {options?.organizationName ? <Text c="dimmed">to {options.organizationName}</Text> : null}
          {message ? <Alert color="red" role="alert" id="login-message">{message}</Alert> : null}
          {qalyptusAuth ? (
            <form onSubmit={signIn} id="login-form" aria-label="Sign in with email and password">
              <Stack>
                <TextInput label="Email" name="email" type="email" autoComplete="username" required value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)} data-autofocus autoFocus />
                <PasswordInput label="Password" name="password" autoComplete="current-password" required value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)} />
                <Button type="submit" loading={busy}>Sign in</Button>
              </Stack>
            </form>
          ) : null}
          {providers.length > 0 ? (
            <>
              {qalyptusAuth ? <Divider label="or" labelPosition="center" /> : null}
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} id="login-providers">
                {providers.map((provider) => (
                  <li key={provider.id}>
                    <Button component="a" href={provider.loginUrl} variant="default" fullWidth>Sign in with {provider.name}</Button>
                  </li>
                ))}
              </Stack>
            </>
          ) : null}
          <Group gap="xs" justify="space-between">
            <Text size="xs" c="dimmed" role="status">
              {health ? <><Badge size="xs" color={health.tone === 'up' ? 'green' : health.tone === 'down' ? 'red' : 'yellow'}>{health.label}</Badge> {health.message}</> : 'Checking the server…'}
            </Text>
            <Anchor href="/graphiql" size="xs">GraphiQL</Anchor>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
