/** Small shared pieces of the screens: page headers, loading/error/empty states, user errors, confirmations. */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import type { CombinedError } from 'urql';
import { pageTitle } from './routes.ts';

export interface UserErrorLike {
  readonly field?: string | null;
  readonly code: string;
  readonly message: string;
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = pageTitle(title);
  }, [title]);
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="wrap" gap="sm">
      <Stack gap={2}>
        <Title order={1} fz="h2">{title}</Title>
        {subtitle ? <Text c="dimmed" size="sm">{subtitle}</Text> : null}
      </Stack>
      {actions ? <Group gap="xs">{actions}</Group> : null}
    </Group>
  );
}

/** A query's loading, error or empty state; renders children once there is data. */
export function QueryState({ fetching, error, empty, emptyText, emptyAction, children }: {
  fetching: boolean;
  error: CombinedError | undefined;
  empty?: boolean;
  emptyText?: string;
  emptyAction?: ReactNode;
  children?: ReactNode;
}) {
  if (error) {
    return <Alert color="red" title="Could not load this" role="alert">{describeError(error)}</Alert>;
  }
  if (fetching && empty !== false) {
    return <Center p="lg"><Loader aria-label="Loading" /></Center>;
  }
  if (empty) {
    return <EmptyState text={emptyText ?? 'Nothing here yet.'} action={emptyAction} />;
  }
  return <>{children}</>;
}

export function EmptyState({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md" data-testid="empty-state">
      <Stack align="center" gap="sm">
        <Text c="dimmed">{text}</Text>
        {action}
      </Stack>
    </Paper>
  );
}

export function describeError(error: CombinedError | Error | unknown): string {
  if (error && typeof error === 'object' && 'graphQLErrors' in error) {
    const combined = error as CombinedError;
    if (combined.graphQLErrors.length > 0) {
      return combined.graphQLErrors.map((e) => e.message).join(' ');
    }
    if (combined.networkError) {
      return 'The server could not be reached. Check your connection and try again.';
    }
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** The user errors that no form field shows, or a transport error. */
export function FormErrors({ errors, error }: { errors?: readonly string[]; error?: CombinedError | Error | null }) {
  const messages = [...(errors ?? []), ...(error ? [describeError(error)] : [])];
  if (messages.length === 0) {
    return null;
  }
  return (
    <Alert color="red" role="alert" title="Not saved">
      {messages.map((message) => <div key={message}>{message}</div>)}
    </Alert>
  );
}

/** A yes/no dialog for destructive actions. */
export function ConfirmDialog({ opened, title, body, confirmLabel = 'Delete', onConfirm, onClose }: {
  opened: boolean;
  title: string;
  body: ReactNode;
  confirmLabel?: string;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text>{body}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button color="red" loading={busy} onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
            }
          }}>{confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
