/**
 * Users from an Excel workbook: download the template (REST), upload the filled file (multipart REST). When a row
 * is wrong the server imports nobody and names every wrong row: they are listed by row number.
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { downloadFile } from '../../download.ts';
import { importRowErrors, type RowError } from './adminHelpers.ts';
import { postFile } from './rest.ts';

interface ImportResult {
  readonly imported: number;
  readonly users: readonly { readonly id: string; readonly email: string }[];
  readonly invitations: readonly { readonly email: string; readonly emailSent: boolean; readonly invitationLink?: string | null }[];
  readonly message: string;
}

export function UserImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; rows: RowError[] } | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [templateError, setTemplateError] = useState<string | null>(null);

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    if (!file) {
      return;
    }
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      const answer = await postFile<ImportResult>('/api/v1/users/import', file);
      if (answer.isSuccess && answer.data) {
        setDone(answer.data);
        onImported();
      } else {
        setFailure({ message: answer.error ?? 'The file was refused.', rows: importRowErrors(answer.errorDetails) });
      }
    } catch (error) {
      setFailure({ message: error instanceof Error ? error.message : 'The upload failed.', rows: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title="Import users from Excel" size="xl" centered>
      <Stack>
        <Text size="sm">
          Fill in the template: one row per user and organization (Email, First name, Last name, Type, Organization, Role,
          License, Groups). If any row is wrong, nobody is imported and every wrong row is listed here.
        </Text>
        <Group>
          <Button variant="default" onClick={async () => {
            setTemplateError(null);
            try {
              await downloadFile('/api/v1/users/import/template', 'users-import-template.xlsx');
            } catch (error) {
              setTemplateError(error instanceof Error ? error.message : 'The download failed.');
            }
          }}>Download the template</Button>
          {templateError ? <Text c="red" size="sm" role="alert">{templateError}</Text> : null}
        </Group>
        <form onSubmit={upload} aria-label="Upload the workbook">
          <Stack gap="xs">
            <label htmlFor="users-import-file"><Text size="sm" fw={500} span>Workbook (.xlsx, .xlsm or .xls, at most 5 MB)</Text></label>
            <input id="users-import-file" type="file" accept=".xlsx,.xlsm,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(event) => { setFile(event.currentTarget.files?.[0] ?? null); setFailure(null); setDone(null); }} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>Close</Button>
              <Button type="submit" loading={busy} disabled={!file}>Import</Button>
            </Group>
          </Stack>
        </form>
        {failure ? (
          <Alert color="red" role="alert" title="Nothing was imported" data-testid="import-failure">
            <Text size="sm" mb={failure.rows.length > 0 ? 'xs' : 0}>{failure.message}</Text>
            {failure.rows.length > 0 ? (
              <Table withTableBorder aria-label="Wrong rows">
                <Table.Thead><Table.Tr><Table.Th w={80}>Row</Table.Th><Table.Th>Problem</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {failure.rows.map((row) => (
                    <Table.Tr key={row.line} data-testid="import-row-error" data-row={row.line}>
                      <Table.Td>{row.line > 0 ? row.line : '—'}</Table.Td>
                      <Table.Td>{row.reasons.map((reason) => <div key={reason}>{reason}</div>)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
          </Alert>
        ) : null}
        {done ? (
          <Alert color="green" role="status" title={`${done.imported} user(s) imported`} data-testid="import-success">
            <Text size="sm">{done.message}</Text>
            <Stack gap={2} mt="xs">
              {done.users.map((user) => {
                const invitation = done.invitations.find((i) => i.email === user.email);
                return (
                  <Group key={user.id} gap="xs">
                    <Text size="sm">{user.email}</Text>
                    {invitation?.emailSent ? <Badge size="xs" variant="light" color="green">invitation sent</Badge> : null}
                    {invitation?.invitationLink ? <Anchor size="xs" href={invitation.invitationLink} target="_blank" rel="noreferrer">invitation link</Anchor> : null}
                  </Group>
                );
              })}
            </Stack>
          </Alert>
        ) : null}
      </Stack>
    </Modal>
  );
}
