/**
 * A task's email (sender, subject and message with {{placeholders}}, copies, one mail to all or one per recipient)
 * and its app events (a reload of an app runs the task).
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Code, Group, Paper, Radio, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from 'urql';
import { DeleteTaskExternalEvents, SaveTaskExternalEvent, UpdateTaskEmail } from '../api/taskOps.ts';
import type { TaskSettingsQuery } from '../gql/graphql.ts';
import { useKnownApps, useReportItems } from '../apps.tsx';
import { fieldError, formatDateTime, otherErrors } from '../format.ts';
import { browserZone } from '../schedule.ts';
import { EmptyState, FormErrors, describeError, type UserErrorLike } from '../ui.tsx';
import { PLACEHOLDERS, fillPlaceholders, unknownPlaceholders } from '../values.ts';

type Settings = NonNullable<TaskSettingsQuery['task']>;

const SAMPLE: Record<string, string> = {
  TaskName: 'Monthly sales', ReportName: 'Sales by region', IterationValue: 'Europe', Date: new Date().toISOString().slice(0, 10),
  RecipientEmail: 'someone@example.com',
};

export function TaskEmailEditor({ task, reportId, onSaved }: {
  task: Settings; reportId: string | null; onSaved: () => void;
}) {
  const email = task.email;
  const [form, setForm] = useState({
    from: '', subject: '', message: '', ccBcc: false, cc: '', bcc: '', ccQlikVariable: null as string | null, bccQlikVariable: null as string | null,
    isActive: true, oneToAll: true,
  });
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saved, setSaved] = useState(false);
  const [saving, save] = useMutation(UpdateTaskEmail);
  const { variables } = useReportItems(reportId);
  useEffect(() => {
    setForm({
      from: email.from ?? '', subject: email.subject ?? '', message: email.message ?? '', ccBcc: email.ccBcc, cc: email.cc ?? '', bcc: email.bcc ?? '',
      ccQlikVariable: email.ccQlikVariable ?? null, bccQlikVariable: email.bccQlikVariable ?? null, isActive: email.isActive, oneToAll: email.oneToAll,
    });
  }, [email]);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    setForm({ ...form, [key]: value });
    setSaved(false);
  };
  const unknown = unknownPlaceholders(`${form.subject} ${form.message}`);
  const variableData = variables.map((v) => ({ value: v.id, label: v.name }));
  return (
    <Paper withBorder p="md">
      <form aria-label="Task email" onSubmit={async (event) => {
        event.preventDefault();
        const result = await save({ input: {
          id: task.uuid, from: form.from || null, subject: form.subject || null, message: form.message || null, ccBcc: form.ccBcc,
          cc: form.ccBcc ? form.cc || null : null, bcc: form.ccBcc ? form.bcc || null : null,
          ccQlikVariable: form.ccBcc ? form.ccQlikVariable : null, bccQlikVariable: form.ccBcc ? form.bccQlikVariable : null,
          isActive: form.isActive, oneToAll: form.oneToAll, version: email.version ?? task.version ?? null,
        } });
        const userErrors = result.error ? [{ code: 'ERROR', message: describeError(result.error) }] : result.data?.updateTaskEmail.userErrors ?? [];
        setErrors(userErrors);
        setSaved(userErrors.length === 0);
        if (userErrors.length === 0) onSaved();
      }}>
        <Stack>
          <Group justify="space-between">
            <Title order={2} fz="h4">Email</Title>
            <Switch label="Send the email" checked={form.isActive} onChange={(e) => set('isActive', e.currentTarget.checked)} />
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack gap="xs">
              <TextInput label="From" description="The sender address; required to send the email." value={form.from} onChange={(e) => set('from', e.currentTarget.value)}
                error={fieldError(errors, 'from')} />
              <TextInput label="Subject" value={form.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={fieldError(errors, 'subject')} />
              <Textarea label="Message" autosize minRows={4} value={form.message} onChange={(e) => set('message', e.currentTarget.value)} error={fieldError(errors, 'message')} />
              <Text size="xs" c="dimmed">
                Placeholders: {PLACEHOLDERS.map((p) => <Code key={p} mr={4}>{`{{${p}}}`}</Code>)}
              </Text>
              {unknown.length > 0 ? <Text size="xs" c="orange" role="status">Not a placeholder the server knows (sent as written): {unknown.map((u) => `{{${u}}}`).join(', ')}</Text> : null}
              <Radio.Group label="Recipients get" value={form.oneToAll ? 'all' : 'each'} onChange={(value) => set('oneToAll', value === 'all')}>
                <Group mt={4}>
                  <Radio value="all" label="One email to all" />
                  <Radio value="each" label="One email each" />
                </Group>
              </Radio.Group>
              <Switch label="Send copies (cc/bcc)" checked={form.ccBcc} onChange={(e) => set('ccBcc', e.currentTarget.checked)} />
              {form.ccBcc ? (
                <SimpleGrid cols={2}>
                  <TextInput label="Cc" value={form.cc} onChange={(e) => set('cc', e.currentTarget.value)} error={fieldError(errors, 'cc')} />
                  <TextInput label="Bcc" value={form.bcc} onChange={(e) => set('bcc', e.currentTarget.value)} error={fieldError(errors, 'bcc')} />
                  <Select label="Cc from a variable" clearable searchable data={variableData} value={form.ccQlikVariable}
                    placeholder={reportId ? 'A variable of the app' : 'Add a report first'} onChange={(v) => set('ccQlikVariable', v)} error={fieldError(errors, 'ccQlikVariable')} />
                  <Select label="Bcc from a variable" clearable searchable data={variableData} value={form.bccQlikVariable}
                    placeholder={reportId ? 'A variable of the app' : 'Add a report first'} onChange={(v) => set('bccQlikVariable', v)} error={fieldError(errors, 'bccQlikVariable')} />
                </SimpleGrid>
              ) : null}
            </Stack>
            <Paper withBorder p="sm" aria-label="Email preview" data-testid="email-preview">
              <Text size="xs" c="dimmed">Preview with sample values</Text>
              <Text fw={600} mt={4}>{fillPlaceholders(form.subject, SAMPLE) || <Text span c="dimmed">(no subject)</Text>}</Text>
              <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>{fillPlaceholders(form.message, SAMPLE)}</Text>
            </Paper>
          </SimpleGrid>
          <FormErrors errors={otherErrors(errors, ['from', 'subject', 'message', 'cc', 'bcc', 'ccQlikVariable', 'bccQlikVariable'])} />
          <Group><Button type="submit" loading={saving.fetching}>Save email</Button>{saved ? <Text size="sm" c="green" role="status">Email saved.</Text> : null}</Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function TaskEvents({ task, organizationId, onSaved }: { task: Settings; organizationId: string; onSaved: () => void }) {
  const { apps } = useKnownApps(organizationId);
  const [form, setForm] = useState({ name: 'App reloaded', appId: null as string | null, timeZone: browserZone() });
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saving, saveEvent] = useMutation(SaveTaskExternalEvent);
  const [, remove] = useMutation(DeleteTaskExternalEvents);
  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="sm">App events</Title>
      {task.externalEvents.length === 0 ? <EmptyState text="No app event: the task does not run when an app reloads." /> : (
        <Table>
          <Table.Tbody>{task.externalEvents.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td>{event.name ?? 'Event'}</Table.Td>
              <Table.Td>{event.qlikEvent ?? '—'} of <b>{event.appName ?? event.appId ?? '—'}</b></Table.Td>
              <Table.Td>{event.isActive ? <Badge color="green" variant="light">on</Badge> : <Badge color="gray" variant="light">off</Badge>}</Table.Td>
              <Table.Td>{event.startDate ? `from ${formatDateTime(event.startDate)}` : ''}</Table.Td>
              <Table.Td ta="right">
                <Button size="xs" variant="subtle" onClick={async () => {
                  const result = await saveEvent({ input: { id: task.uuid, externalEventId: event.id, name: event.name, appId: event.appId, qlikEvent: event.qlikEvent,
                    timeZone: event.timeZone, isActive: !event.isActive, version: task.version ?? null } });
                  setErrors(result.data?.saveTaskExternalEvent.userErrors ?? []);
                  onSaved();
                }}>{event.isActive ? 'Turn off' : 'Turn on'}</Button>
                <Button size="xs" variant="subtle" color="red" aria-label={`Delete event ${event.name ?? ''}`} onClick={async () => {
                  const result = await remove({ input: { id: task.uuid, ids: [event.id], version: task.version ?? null } });
                  setErrors(result.data?.deleteTaskExternalEvents.userErrors ?? []);
                  onSaved();
                }}>Delete</Button>
              </Table.Td>
            </Table.Tr>
          ))}</Table.Tbody>
        </Table>
      )}
      <form aria-label="Add an app event" onSubmit={async (event) => {
        event.preventDefault();
        const result = await saveEvent({ input: { id: task.uuid, name: form.name, appId: form.appId, qlikEvent: 'AppReloadSucceeded', timeZone: form.timeZone,
          isActive: true, version: task.version ?? null } });
        const userErrors = result.error ? [{ code: 'ERROR', message: describeError(result.error) }] : result.data?.saveTaskExternalEvent.userErrors ?? [];
        setErrors(userErrors);
        if (userErrors.length === 0) onSaved();
      }}>
        <Group align="flex-end" mt="sm" wrap="wrap">
          <TextInput label="Name" w={180} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={fieldError(errors, 'name')} />
          <Select label="When this app reloads" w={260} searchable data={apps.map((a) => ({ value: a.id, label: a.name }))} value={form.appId}
            onChange={(v) => setForm({ ...form, appId: v })} error={fieldError(errors, 'appId')} />
          <TextInput label="Time zone" w={160} value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.currentTarget.value })} error={fieldError(errors, 'timeZone')} />
          <Button type="submit" size="xs" loading={saving.fetching}>Add event</Button>
        </Group>
        <FormErrors errors={otherErrors(errors, ['name', 'appId', 'timeZone'])} />
      </form>
    </Paper>
  );
}
