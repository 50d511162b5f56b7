/**
 * A report: its settings (name, description, iteration, dynamic name separator), its iteration fields and dynamic
 * name parts, the HTML template editor with its live preview, or the Office template upload for the other types.
 */
import { useEffect, useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, CloseButton, FileInput, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ReportQuery, UpdateReport } from '../api/ops.ts';
import { paths } from '../routes.ts';
import { fieldError, formatDateTime, otherErrors } from '../format.ts';
import { downloadFile, uploadFile } from '../download.ts';
import { EmptyState, FormErrors, PageHeader, QueryState, describeError, type UserErrorLike } from '../ui.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import { AssetPermissions } from './AssetPermissions.tsx';
import { useReportItems } from '../apps.tsx';
import { move } from '../values.ts';

interface IterationPart { qlikFieldId: string | null; fieldName: string | null; qlikAppId: string | null }
interface NamePart { type: string; value: string; format: string; qlikAppId: string | null }
const NAME_TYPES = ['Text', 'Field', 'Variable', 'Date'];

interface ReportSettings {
  name: string;
  description?: string | null;
  isIteration: boolean;
  dynamicNameSeparator?: string | null;
  iterationFields: readonly { qlikFieldId?: string | null; fieldName?: string | null; qlikAppId?: string | null }[];
  dynamicNames: readonly { order: number; type: string; value?: string | null; format?: string | null; qlikAppId?: string | null; qlikFieldId?: string | null; qlikVariableId?: string | null }[];
}

/** The settings form's state from a report as read or as saved. */
function formOf(report: ReportSettings) {
  return {
    name: report.name, description: report.description ?? '', isIteration: report.isIteration, dynamicNameSeparator: report.dynamicNameSeparator ?? '',
    iterationFields: report.iterationFields.map((f): IterationPart => ({ qlikFieldId: f.qlikFieldId ?? null, fieldName: f.fieldName ?? null, qlikAppId: f.qlikAppId ?? null })),
    dynamicNames: [...report.dynamicNames].sort((a, b) => a.order - b.order).map((part): NamePart => ({
      type: part.type, value: part.qlikFieldId ?? part.qlikVariableId ?? part.value ?? '', format: part.format ?? '', qlikAppId: part.qlikAppId ?? null,
    })),
  };
}

const OFFICE_EXTENSIONS: Readonly<Record<string, string>> = { Excel: '.xlsx', Word: '.docx', PowerPoint: '.pptx' };

export function ReportPage() {
  const { reportId = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReportQuery, variables: { id: reportId } });
  const report = data?.report;
  const [form, setForm] = useState({ name: '', description: '', isIteration: false, dynamicNameSeparator: '', iterationFields: [] as IterationPart[], dynamicNames: [] as NamePart[] });
  const items = useReportItems(report ? report.uuid : null);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saved, setSaved] = useState(false);
  const [updating, update] = useMutation(UpdateReport);
  // The form is filled when the report is first read and after its own saves, not on every read again (a template
  // save reads the report again for its new version; unsaved settings stay).
  useEffect(() => {
    if (report) setForm(formOf(report));
  }, [report?.uuid]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!report) {
    return <QueryState fetching={fetching} error={error} empty emptyText="This report does not exist or you may not see it." />;
  }
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    setForm({ ...form, [key]: value });
    setSaved(false);
  };
  return (
    <>
      <PageHeader title={report.name}
        subtitle={<><Badge variant="light" mr={6}>{report.type}</Badge>Report in <Anchor component={Link} to={paths.project(report.project.uuid, 'reports')}>{report.project.name}</Anchor> · changed {formatDateTime(report.updatedAt)}</>} />
      <Stack>
        <Paper withBorder p="md">
          <form aria-label="Report settings" onSubmit={async (event) => {
            event.preventDefault();
            const result = await update({ input: {
              id: report.uuid, name: form.name, description: form.description || null, isIteration: form.isIteration,
              dynamicNameSeparator: form.dynamicNameSeparator || null, version: report.version ?? null,
              iterationFields: form.iterationFields, dynamicNames: form.dynamicNames.map((part) => ({
                type: part.type, value: part.type === 'Date' ? null : part.value || null, format: part.type === 'Date' ? part.format || null : null, qlikAppId: part.qlikAppId,
              })),
            } });
            setErrors(result.data?.updateReport.userErrors ?? []);
            const updated = result.data?.updateReport.report;
            setSaved(Boolean(updated));
            if (updated) setForm(formOf(updated));
            reload();
          }}>
            <Stack>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <TextInput label="Name" required value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={fieldError(errors, 'name')} />
                <Textarea label="Description" autosize minRows={1} value={form.description} onChange={(e) => set('description', e.currentTarget.value)} error={fieldError(errors, 'description')} />
              </SimpleGrid>
              <Group align="flex-end">
                <Switch label="One file per value of the iteration fields" checked={form.isIteration} onChange={(e) => set('isIteration', e.currentTarget.checked)} />
                <TextInput label="Dynamic name separator" w={200} value={form.dynamicNameSeparator} placeholder="default"
                  onChange={(e) => set('dynamicNameSeparator', e.currentTarget.value)} error={fieldError(errors, 'dynamicNameSeparator')} />
              </Group>
              <Text size="sm" c="dimmed">Apps: {report.qlikAppIds.length === 0 ? 'none' : report.qlikAppIds.join(', ')} · formats: {report.outputFormats.join(', ')}</Text>
              <FormErrors errors={otherErrors(errors, ['name', 'description', 'dynamicNameSeparator', 'iterationFields', 'dynamicNames'])} error={updating.error ?? null} />
              <Group><Button type="submit" loading={updating.fetching}>Save settings</Button>{saved ? <Text size="sm" c="green" role="status">Saved.</Text> : null}</Group>
            </Stack>
          </form>
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" aria-label="Iteration fields">
            <Title order={2} fz="h4" mb="xs">Iteration fields</Title>
            <Text size="xs" c="dimmed" mb="xs">With iteration on, the report makes one file per value of these fields (saved with the settings).</Text>
            {form.iterationFields.length === 0 ? <Text c="dimmed" size="sm">No field yet.</Text> : (
              <Stack gap={4} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
                {form.iterationFields.map((field, index) => (
                  <Group key={`${field.qlikFieldId}-${index}`} component="li" justify="space-between" wrap="nowrap" data-testid="iteration-field">
                    <Text size="sm">{index + 1}. {field.fieldName ?? items.fields.find((f) => f.id === field.qlikFieldId)?.name ?? field.qlikFieldId}</Text>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="default" size="sm" aria-label={`Move ${field.fieldName ?? 'field'} up`} disabled={index === 0}
                        onClick={() => set('iterationFields', move(form.iterationFields, index, -1))}>↑</ActionIcon>
                      <ActionIcon variant="default" size="sm" aria-label={`Move ${field.fieldName ?? 'field'} down`} disabled={index === form.iterationFields.length - 1}
                        onClick={() => set('iterationFields', move(form.iterationFields, index, 1))}>↓</ActionIcon>
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={`Remove ${field.fieldName ?? 'field'}`}
                        onClick={() => set('iterationFields', form.iterationFields.filter((_, i) => i !== index))}>Remove</Button>
                    </Group>
                  </Group>
                ))}
              </Stack>
            )}
            <Select mt="sm" label="Add a field" placeholder={report.qlikAppIds.length ? 'A field of the report\'s apps' : 'The report has no app'} searchable
              data={items.fields.filter((f) => !form.iterationFields.some((it) => it.qlikFieldId === f.id)).map((f) => ({ value: f.id, label: f.name }))}
              value={null} onChange={(value) => {
                const field = items.fields.find((f) => f.id === value);
                if (field) set('iterationFields', [...form.iterationFields, { qlikFieldId: field.id, fieldName: field.name, qlikAppId: null }]);
              }} error={fieldError(errors, 'iterationFields')} />
          </Paper>
          <Paper withBorder p="md" aria-label="Dynamic name">
            <Title order={2} fz="h4" mb="xs">Dynamic name</Title>
            <Text size="xs" c="dimmed" mb="xs">The parts of the files' names, joined by the separator (saved with the settings).</Text>
            {form.dynamicNames.length === 0 ? <Text c="dimmed" size="sm">Files are named after the report.</Text> : (
              <Stack gap={6}>
                {form.dynamicNames.map((part, index) => (
                  <Group key={index} align="flex-end" wrap="nowrap" gap={6} data-testid="name-part">
                    <Select aria-label={`Part ${index + 1} kind`} w={110} size="xs" allowDeselect={false} data={NAME_TYPES} value={part.type}
                      onChange={(value) => set('dynamicNames', form.dynamicNames.map((p, i) => (i === index ? { ...p, type: value ?? 'Text', value: '' } : p)))} />
                    {part.type === 'Text' ? <TextInput aria-label={`Part ${index + 1} text`} size="xs" style={{ flex: 1 }} value={part.value}
                      onChange={(e) => { const value = e.currentTarget.value; set('dynamicNames', form.dynamicNames.map((p, i) => (i === index ? { ...p, value } : p))); }} /> : null}
                    {part.type === 'Date' ? <TextInput aria-label={`Part ${index + 1} date pattern`} size="xs" style={{ flex: 1 }} placeholder="yyyy-MM-dd" value={part.format}
                      onChange={(e) => { const format = e.currentTarget.value; set('dynamicNames', form.dynamicNames.map((p, i) => (i === index ? { ...p, format } : p))); }} /> : null}
                    {part.type === 'Field' || part.type === 'Variable' ? <Select aria-label={`Part ${index + 1} ${part.type.toLowerCase()}`} size="xs" style={{ flex: 1 }} searchable
                      data={(part.type === 'Field' ? items.fields : items.variables).map((f) => ({ value: f.id, label: f.name }))} value={part.value || null}
                      onChange={(value) => set('dynamicNames', form.dynamicNames.map((p, i) => (i === index ? { ...p, value: value ?? '' } : p)))} /> : null}
                    <ActionIcon variant="default" size="sm" aria-label={`Move part ${index + 1} up`} disabled={index === 0}
                      onClick={() => set('dynamicNames', move(form.dynamicNames, index, -1))}>↑</ActionIcon>
                    <ActionIcon variant="default" size="sm" aria-label={`Move part ${index + 1} down`} disabled={index === form.dynamicNames.length - 1}
                      onClick={() => set('dynamicNames', move(form.dynamicNames, index, 1))}>↓</ActionIcon>
                    <CloseButton aria-label={`Remove part ${index + 1}`} onClick={() => set('dynamicNames', form.dynamicNames.filter((_, i) => i !== index))} />
                  </Group>
                ))}
              </Stack>
            )}
            <Button mt="sm" size="xs" variant="default" onClick={() => set('dynamicNames', [...form.dynamicNames, { type: 'Text', value: '', format: '', qlikAppId: null }])}>Add a part</Button>
            {fieldError(errors, 'dynamicNames') ? <Text size="xs" c="red">{fieldError(errors, 'dynamicNames')}</Text> : null}
          </Paper>
        </SimpleGrid>
        {report.type === 'HTML' ? <TemplateEditor reportId={report.uuid} onSaved={reload} /> : <OfficeTemplate reportId={report.uuid} type={report.type} templateFile={report.templateFile ?? null} onUploaded={reload} />}
        <AssetPermissions kind="REPORT" id={report.uuid} organizationId={report.organizationId} />
      </Stack>
    </>
  );
}

/** Excel, Word and PowerPoint reports: upload the template (multipart REST, as files are) and download it back. */
function OfficeTemplate({ reportId, type, templateFile, onUploaded }: { reportId: string; type: string; templateFile: string | null; onUploaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const url = `/api/v1/reports/${encodeURIComponent(reportId)}/template`;
  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="xs">Template</Title>
      {templateFile ? <Text size="sm" mb="xs">Current template: <b>{templateFile}</b>{' '}
        <Anchor component="button" type="button" onClick={() => downloadFile(url, templateFile).catch((e: unknown) => setMessage({ ok: false, text: describeError(e) }))}>download</Anchor></Text>
        : <EmptyState text={`No template yet: upload a ${OFFICE_EXTENSIONS[type] ?? ''} file made with the Qalyptus add-in.`} />}
      <Group align="flex-end" mt="sm">
        <FileInput label="Template file" placeholder="Choose a file" accept={OFFICE_EXTENSIONS[type] ?? ""} value={file} onChange={setFile} w={320} clearable />
        <Button disabled={!file} loading={busy} onClick={async () => {
          if (!file) return;
          setBusy(true);
          try {
            await uploadFile(url, 'file', file);
            setMessage({ ok: true, text: `${file.name} uploaded.` });
            setFile(null);
            onUploaded();
          } catch (error) {
            setMessage({ ok: false, text: describeError(error) });
          } finally {
            setBusy(false);
          }
        }}>Upload</Button>
      </Group>
      {message ? <Text mt="xs" size="sm" c={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Text> : null}
    </Paper>
  );
}
