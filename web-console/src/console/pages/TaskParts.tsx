/** The forms that add to a task: a report in a format (with filters, published on the hub), a recipient, a schedule. */
import { useState } from 'react';
import { Button, Checkbox, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { AddTaskRecipients, SaveTaskReport, SaveTaskSchedule, TaskPartsQuery } from '../api/ops.ts';
import { fieldError, otherErrors, splitEmails } from '../format.ts';
import { FREQUENCIES, WEEK_DAYS, browserZone } from '../schedule.ts';
import { FormErrors, type UserErrorLike } from '../ui.tsx';

export function AddTaskReport({ taskId, projectId, version, onSaved }: { taskId: string; projectId: string; version: number | null; onSaved: () => void }) {
  const [{ data }] = useQuery({ query: TaskPartsQuery, variables: { projectId } });
  const [reportId, setReportId] = useState<string | null>(null);
  const [format, setFormat] = useState<string | null>(null);
  const [filters, setFilters] = useState<string[]>([]);
  const [attach, setAttach] = useState(true);
  const [publish, setPublish] = useState(true);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saving, save] = useMutation(SaveTaskReport);
  const reports = data?.project?.reports.nodes ?? [];
  const report = reports.find((r) => r.uuid === reportId);
  return (
    <form aria-label="Add a report to the task" onSubmit={async (event) => {
      event.preventDefault();
      if (!reportId) {
        setErrors([{ field: 'reportId', code: 'VALIDATION', message: 'Pick a report.' }]);
        return;
      }
      const result = await save({ input: {
        id: taskId, reportId, format, emailAttachment: attach, emailEmbedment: false, version,
        filters: filters.map((id, order) => ({ id, order })), hub: { publish },
      } });
      const userErrors = result.data?.saveTaskReport.userErrors ?? [];
      setErrors(userErrors);
      if (result.data?.saveTaskReport.taskReport) {
        setReportId(null);
        setFormat(null);
        setFilters([]);
        onSaved();
      }
    }}>
      <Stack gap="xs" mt="sm">
        <Group align="flex-end" wrap="wrap">
          <Select label="Report" searchable w={260} data={reports.map((r) => ({ value: r.uuid, label: `${r.name} (${r.type})` }))} value={reportId}
            onChange={(value) => { setReportId(value); setFormat(reports.find((r) => r.uuid === value)?.outputFormats[0] ?? null); }}
            error={fieldError(errors, 'reportId')} />
          <Select label="Format" w={140} data={report?.outputFormats ?? []} value={format} onChange={setFormat} disabled={!report} error={fieldError(errors, 'format')} />
          <MultiSelect label="Filters" w={260} searchable data={(data?.project?.filters.nodes ?? []).map((f) => ({ value: f.uuid, label: f.name }))}
            value={filters} onChange={setFilters} error={fieldError(errors, 'filters')} />
        </Group>
        <Group>
          <Checkbox label="Attach to the email" checked={attach} onChange={(e) => setAttach(e.currentTarget.checked)} />
          <Checkbox label="Publish on the hub" checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />
          <Button type="submit" size="xs" loading={saving.fetching}>Add report</Button>
        </Group>
        <FormErrors errors={otherErrors(errors, ['reportId', 'format', 'filters'])} error={saving.error ?? null} />
      </Stack>
    </form>
  );
}

export function AddRecipients({ taskId, version, onSaved }: { taskId: string; version: number | null; onSaved: () => void }) {
  const [emails, setEmails] = useState('');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saving, add] = useMutation(AddTaskRecipients);
  return (
    <form aria-label="Add recipients" onSubmit={async (event) => {
      event.preventDefault();
      const result = await add({ input: { id: taskId, version, recipients: splitEmails(emails).map((email) => ({ type: 'Email', email })) } });
      const userErrors = result.data?.addTaskRecipients.userErrors ?? [];
      setErrors(userErrors);
      if (userErrors.length === 0 && result.data) {
        setEmails('');
        onSaved();
      }
    }}>
      <Group align="flex-end" mt="sm">
        <TextInput label="Email addresses" description="Separated by commas." value={emails} onChange={(e) => setEmails(e.currentTarget.value)}
          error={fieldError(errors, 'recipients') ?? fieldError(errors, 'email')} w={320} />
        <Button type="submit" size="xs" loading={saving.fetching} disabled={!emails.trim()}>Add</Button>
      </Group>
      <FormErrors errors={otherErrors(errors, ['recipients', 'email'])} error={saving.error ?? null} />
    </form>
  );
}

export function AddSchedule({ taskId, version, onSaved }: { taskId: string; version: number | null; onSaved: () => void }) {
  const [form, setForm] = useState({ name: 'Schedule', frequency: 'Daily', atHour: 7, atMinut: 30, everyHours: 1, weeklyDays: ['Monday'] as string[], day: 1, timeZone: browserZone() });
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saving, save] = useMutation(SaveTaskSchedule);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm({ ...form, [key]: value });
  return (
    <form aria-label="Add a schedule" onSubmit={async (event) => {
      event.preventDefault();
      const hourly = form.frequency === 'Hourly';
      const result = await save({ input: {
        id: taskId, version, name: form.name, isActive: true, frequency: form.frequency, timeZone: form.timeZone,
        atHour: hourly ? null : form.atHour, atMinut: hourly ? null : form.atMinut,
        everyHours: hourly ? form.everyHours : null, fromHour: hourly ? 0 : null, fromMinut: hourly ? 0 : null, toHour: hourly ? 23 : null, toMinut: hourly ? 59 : null,
        weeklyDays: form.frequency === 'Weekly' ? form.weeklyDays.join(',') : null,
        day: form.frequency === 'Monthly' || form.frequency === 'Yearly' ? form.day : null,
        month: form.frequency === 'Yearly' ? 1 : null,
        startDate: form.frequency === 'Once' ? new Date(Date.now() + 86_400_000).toISOString() : null,
      } });
      const userErrors = result.data?.saveTaskSchedule.userErrors ?? [];
      setErrors(userErrors);
      if (result.data?.saveTaskSchedule.schedule) {
        onSaved();
      }
    }}>
      <Stack gap="xs" mt="sm">
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Name" w={160} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={fieldError(errors, 'name')} />
          <Select label="Frequency" w={130} data={[...FREQUENCIES]} value={form.frequency} allowDeselect={false} onChange={(v) => set('frequency', v ?? 'Daily')}
            error={fieldError(errors, 'frequency')} />
          {form.frequency === 'Hourly' ? (
            <NumberInput label="Every (hours)" w={120} min={1} max={23} value={form.everyHours} onChange={(v) => set('everyHours', Number(v) || 1)} error={fieldError(errors, 'everyHours')} />
          ) : (
            <>
              <NumberInput label="Hour" w={90} min={0} max={23} value={form.atHour} onChange={(v) => set('atHour', Number(v) || 0)} error={fieldError(errors, 'atHour')} />
              <NumberInput label="Minute" w={90} min={0} max={59} value={form.atMinut} onChange={(v) => set('atMinut', Number(v) || 0)} error={fieldError(errors, 'atMinut')} />
            </>
          )}
          {form.frequency === 'Monthly' || form.frequency === 'Yearly' ? (
            <NumberInput label="Day" w={90} min={1} max={31} value={form.day} onChange={(v) => set('day', Number(v) || 1)} error={fieldError(errors, 'day')} />
          ) : null}
          <TextInput label="Time zone" w={180} value={form.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)} error={fieldError(errors, 'timeZone')} />
        </Group>
        {form.frequency === 'Weekly' ? (
          <Checkbox.Group label="Days" value={form.weeklyDays} onChange={(v) => set('weeklyDays', v)} error={fieldError(errors, 'weeklyDays')}>
            <Group gap="xs" mt={4}>{WEEK_DAYS.map((day) => <Checkbox key={day} value={day} label={day.slice(0, 3)} />)}</Group>
          </Checkbox.Group>
        ) : null}
        <Group><Button type="submit" size="xs" loading={saving.fetching}>Add schedule</Button></Group>
        <FormErrors errors={otherErrors(errors, ['name', 'frequency', 'everyHours', 'atHour', 'atMinut', 'day', 'timeZone', 'weeklyDays'])} error={saving.error ?? null} />
      </Stack>
    </form>
  );
}

export function NextRuns({ runs }: { runs: readonly { at: string; localTime: string }[] }) {
  if (runs.length === 0) {
    return <Text size="xs" c="dimmed">No next run (inactive, or its window is over).</Text>;
  }
  return (
    <Paper withBorder p={6} mt={4}>
      <Title order={3} fz="xs" mb={2}>Next {runs.length} runs</Title>
      <Stack gap={0} component="ol" m={0} pl="md" data-testid="next-runs">
        {runs.map((run) => <Text key={run.at} size="xs" component="li">{run.localTime.replace('T', ' ')}</Text>)}
      </Stack>
    </Paper>
  );
}

