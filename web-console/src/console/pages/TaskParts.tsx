/** The forms that add to a task: a report in a format (with filters, published on the hub), a recipient, a schedule. */
import { useState } from 'react';
import { Button, Checkbox, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { AddTaskRecipients, SaveTaskReport, SaveTaskSchedule } from '../api/ops.ts';
import { TaskReportChoicesQuery } from '../api/taskOps.ts';
import { fieldError, otherErrors, splitEmails } from '../format.ts';
import { FREQUENCIES, WEEK_DAYS, browserZone } from '../schedule.ts';
import { FormErrors, describeError, type UserErrorLike } from '../ui.tsx';

/** What a task report holds, as the form edits it. */
export interface TaskReportState {
  taskReportId: string | null;
  reportId: string | null;
  format: string | null;
  filters: string[];
  conditions: string[];
  attach: boolean;
  embed: boolean;
  publish: boolean;
  retentionCount: number;
  storages: string[];
  storageFolder: string;
  keepFiles: boolean;
  keepFolder: string;
  imageQuality: number;
  decimalSeparator: string;
  groupSeparator: string;
  zipForEmail: boolean;
  zipForFolder: boolean;
  conditionPerIterationValue: boolean;
}

export const NEW_TASK_REPORT: TaskReportState = {
  taskReportId: null, reportId: null, format: null, filters: [], conditions: [], attach: true, embed: false, publish: true, retentionCount: 10,
  storages: [], storageFolder: '', keepFiles: false, keepFolder: '', imageQuality: 90, decimalSeparator: '.', groupSeparator: ',',
  zipForEmail: false, zipForFolder: false, conditionPerIterationValue: false,
};

/** Adds a report to a task, or edits one: format, filters, conditions, email, hub, storage deliveries, iteration options. */
export function TaskReportForm({ taskId, projectId, version, initial = NEW_TASK_REPORT, onSaved, onCancel }: {
  taskId: string; projectId: string; version: number | null; initial?: TaskReportState; onSaved: () => void; onCancel?: () => void;
}) {
  const [{ data }] = useQuery({ query: TaskReportChoicesQuery, variables: { projectId } });
  const [form, setForm] = useState<TaskReportState>(initial);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saving, save] = useMutation(SaveTaskReport);
  const reports = data?.project?.reports.nodes ?? [];
  const report = reports.find((r) => r.uuid === form.reportId);
  const set = <K extends keyof TaskReportState>(key: K, value: TaskReportState[K]) => setForm({ ...form, [key]: value });
  const editing = Boolean(form.taskReportId);
  const shown = ['reportId', 'format', 'filters', 'conditions', 'storageServices', 'hub.retentionCount', 'imageQuality', 'iterationOptions',
    'separatorOptions.numberDecimalSeparator', 'separatorOptions.numberGroupSeparator', 'fileStorage.folder'];
  return (
    <form aria-label={editing ? 'Edit the task report' : 'Add a report to the task'} onSubmit={async (event) => {
      event.preventDefault();
      if (!form.reportId) {
        setErrors([{ field: 'reportId', code: 'VALIDATION', message: 'Pick a report.' }]);
        return;
      }
      const iterated = Boolean(report?.isIteration);
      const result = await save({ input: {
        id: taskId, taskReportId: form.taskReportId, reportId: form.reportId, format: form.format, version,
        emailAttachment: form.attach, emailEmbedment: form.embed, imageQuality: form.imageQuality,
        filters: form.filters.map((id, order) => ({ id, order })), conditions: form.conditions.map((id) => ({ id })),
        storageServices: form.storages.map((id) => ({ id, folder: form.storageFolder || null })),
        hub: { publish: form.publish, retentionCount: form.retentionCount },
        fileStorage: { enabled: form.keepFiles, folder: form.keepFiles ? form.keepFolder || null : null },
        separatorOptions: { numberDecimalSeparator: form.decimalSeparator, numberGroupSeparator: form.groupSeparator },
        iterationOptions: iterated ? { zipForEmail: form.zipForEmail, zipForFolder: form.zipForFolder, conditionPerIterationValue: form.conditionPerIterationValue } : null,
      } });
      const userErrors = result.error ? [{ code: 'ERROR', message: describeError(result.error) }] : result.data?.saveTaskReport.userErrors ?? [];
      setErrors(userErrors);
      if (result.data?.saveTaskReport.taskReport) {
        if (!editing) setForm(NEW_TASK_REPORT);
        onSaved();
      }
    }}>
      <Stack gap="xs" mt="sm">
        <Group align="flex-end" wrap="wrap">
          <Select label="Report" searchable w={260} disabled={editing} data={reports.map((r) => ({ value: r.uuid, label: `${r.name} (${r.type})` }))} value={form.reportId}
            onChange={(value) => setForm({ ...form, reportId: value, format: reports.find((r) => r.uuid === value)?.outputFormats[0] ?? null })}
            error={fieldError(errors, 'reportId')} />
          <Select label="Format" w={140} data={report?.outputFormats ?? []} value={form.format} onChange={(v) => set('format', v)} disabled={!report} error={fieldError(errors, 'format')} />
          <MultiSelect label="Filters, in order" w={260} searchable data={(data?.project?.filters.nodes ?? []).map((f) => ({ value: f.uuid, label: f.name }))}
            value={form.filters} onChange={(v) => set('filters', v)} error={fieldError(errors, 'filters')} />
          <MultiSelect label="Conditions" w={240} searchable data={(data?.project?.conditions.nodes ?? []).map((c) => ({ value: c.uuid, label: c.name }))}
            value={form.conditions} onChange={(v) => set('conditions', v)} error={fieldError(errors, 'conditions')} />
        </Group>
        <Group wrap="wrap">
          <Checkbox label="Attach to the email" checked={form.attach} onChange={(e) => set('attach', e.currentTarget.checked)} />
          <Checkbox label="Embed in the email" checked={form.embed} onChange={(e) => set('embed', e.currentTarget.checked)} />
          <Checkbox label="Publish on the hub" checked={form.publish} onChange={(e) => set('publish', e.currentTarget.checked)} />
          {form.publish ? <NumberInput label="Versions kept on the hub" size="xs" w={170} min={1} max={100} value={form.retentionCount}
            onChange={(v) => set('retentionCount', Number(v) || 1)} error={fieldError(errors, 'hub.retentionCount')} /> : null}
        </Group>
        <Group align="flex-end" wrap="wrap">
          <MultiSelect label="Deliver to storage services" w={280} searchable data={(data?.storageServices.nodes ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.type})` }))}
            placeholder={(data?.storageServices.nodes ?? []).length ? undefined : 'No storage service yet'} value={form.storages} onChange={(v) => set('storages', v)}
            error={fieldError(errors, 'storageServices')} />
          {form.storages.length > 0 ? <TextInput label="Folder in the services" w={200} value={form.storageFolder} onChange={(e) => set('storageFolder', e.currentTarget.value)} /> : null}
          <Checkbox label="Keep in the project's file storage" checked={form.keepFiles} onChange={(e) => set('keepFiles', e.currentTarget.checked)} />
          {form.keepFiles ? <TextInput label="Folder" w={160} value={form.keepFolder} onChange={(e) => set('keepFolder', e.currentTarget.value)} error={fieldError(errors, 'fileStorage.folder')} /> : null}
        </Group>
        <Group align="flex-end" wrap="wrap">
          <NumberInput label="Image quality" w={120} min={1} max={100} value={form.imageQuality} onChange={(v) => set('imageQuality', Number(v) || 90)} error={fieldError(errors, 'imageQuality')} />
          <TextInput label="Decimal separator" w={130} maxLength={1} value={form.decimalSeparator} onChange={(e) => set('decimalSeparator', e.currentTarget.value)}
            error={fieldError(errors, 'separatorOptions.numberDecimalSeparator')} />
          <TextInput label="Group separator" w={130} maxLength={1} value={form.groupSeparator} onChange={(e) => set('groupSeparator', e.currentTarget.value)}
            error={fieldError(errors, 'separatorOptions.numberGroupSeparator')} />
        </Group>
        {report?.isIteration ? (
          <Paper withBorder p="xs" aria-label="Iteration options">
            <Text size="sm" fw={500} mb={4}>Iteration (one file per value)</Text>
            <Group wrap="wrap">
              <Checkbox label="Zip the files of an email" checked={form.zipForEmail} onChange={(e) => set('zipForEmail', e.currentTarget.checked)} />
              <Checkbox label="Zip the files of a folder delivery" checked={form.zipForFolder} onChange={(e) => set('zipForFolder', e.currentTarget.checked)} />
              <Checkbox label="Check conditions for each value" checked={form.conditionPerIterationValue} onChange={(e) => set('conditionPerIterationValue', e.currentTarget.checked)} />
            </Group>
            {fieldError(errors, 'iterationOptions') ? <Text size="xs" c="red">{fieldError(errors, 'iterationOptions')}</Text> : null}
          </Paper>
        ) : report ? <Text size="xs" c="dimmed">Iteration options apply once the report iterates (its iteration fields are set on the report).</Text> : null}
        <Group>
          <Button type="submit" size="xs" loading={saving.fetching}>{editing ? 'Save report options' : 'Add report'}</Button>
          {onCancel ? <Button size="xs" variant="default" onClick={onCancel}>Cancel</Button> : null}
        </Group>
        <FormErrors errors={otherErrors(errors, shown)} error={saving.error ?? null} />
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

