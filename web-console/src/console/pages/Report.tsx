/**
 * A report: its settings (name, description, iteration, dynamic name separator), its iteration fields and dynamic
 * name parts, the HTML template editor with its live preview, or the Office template upload for the other types.
 */
import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, FileInput, Group, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ReportQuery, UpdateReport } from '../api/ops.ts';
import { paths } from '../routes.ts';
import { fieldError, formatDateTime, otherErrors } from '../format.ts';
import { downloadFile, uploadFile } from '../download.ts';
import { EmptyState, FormErrors, PageHeader, QueryState, describeError, type UserErrorLike } from '../ui.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

const OFFICE_EXTENSIONS: Readonly<Record<string, string>> = { Excel: '.xlsx', Word: '.docx', PowerPoint: '.pptx' };

export function ReportPage() {
  const { reportId = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReportQuery, variables: { id: reportId } });
  const report = data?.report;
  const [form, setForm] = useState({ name: '', description: '', isIteration: false, dynamicNameSeparator: '' });
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saved, setSaved] = useState(false);
  const [updating, update] = useMutation(UpdateReport);
  useEffect(() => {
    if (report) {
      setForm({ name: report.name, description: report.description ?? '', isIteration: report.isIteration, dynamicNameSeparator: report.dynamicNameSeparator ?? '' });
    }
  }, [report]);
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
            } });
            setErrors(result.data?.updateReport.userErrors ?? []);
            setSaved(Boolean(result.data?.updateReport.report));
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
              <FormErrors errors={otherErrors(errors, ['name', 'description', 'dynamicNameSeparator'])} error={updating.error ?? null} />
              <Group><Button type="submit" loading={updating.fetching}>Save settings</Button>{saved ? <Text size="sm" c="green" role="status">Saved.</Text> : null}</Group>
            </Stack>
          </form>
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md">
            <Title order={2} fz="h4" mb="xs">Iteration fields</Title>
            {report.iterationFields.length === 0 ? <Text c="dimmed" size="sm">{report.isIteration ? 'No field yet.' : 'The report makes one file.'}</Text> : (
              <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {report.iterationFields.map((field) => <li key={`${field.qlikAppId}-${field.qlikFieldId}`}>{field.fieldName ?? field.qlikFieldId}</li>)}
              </Stack>
            )}
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} fz="h4" mb="xs">Dynamic name</Title>
            {report.dynamicNames.length === 0 ? <Text c="dimmed" size="sm">Files are named after the report.</Text> : (
              <Table>
                <Table.Tbody>{[...report.dynamicNames].sort((a, b) => a.order - b.order).map((part) => (
                  <Table.Tr key={part.order}><Table.Td>{part.type}</Table.Td><Table.Td>{part.value ?? part.format ?? part.qlikFieldId ?? part.qlikVariableId ?? ''}</Table.Td></Table.Tr>
                ))}</Table.Tbody>
              </Table>
            )}
          </Paper>
        </SimpleGrid>
        {report.type === 'HTML' ? <TemplateEditor reportId={report.uuid} /> : <OfficeTemplate reportId={report.uuid} type={report.type} templateFile={report.templateFile ?? null} onUploaded={reload} />}
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
