/** The hub: the files published by tasks that the user may see, newest first, by task, to download. */
import { useState } from 'react';
import { Button, Table, Text } from '@mantine/core';
import { useQuery } from 'urql';
import { HubFilesQuery } from '../api/ops.ts';
import { formatBytes, formatDateTime } from '../format.ts';
import { downloadFile } from '../download.ts';
import { FormErrors, PageHeader, QueryState, describeError } from '../ui.tsx';

export function HubPage() {
  const [{ data, fetching, error }] = useQuery({ query: HubFilesQuery, variables: { first: 100 } });
  const [message, setMessage] = useState<string | null>(null);
  const files = data?.hubFiles.nodes ?? [];
  return (
    <>
      <PageHeader title="Hub" subtitle="Reports published for you by tasks." />
      <FormErrors errors={message ? [message] : []} />
      <QueryState fetching={fetching} error={error} empty={!fetching && files.length === 0}
        emptyText="Nothing published for you yet. Tasks publish their reports here when their hub option is on.">
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead><Table.Tr><Table.Th>File</Table.Th><Table.Th>Task</Table.Th><Table.Th>Report</Table.Th><Table.Th>Published</Table.Th><Table.Th>Size</Table.Th><Table.Th><span className="sr-only">Download</span></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {files.map((file) => (
                <Table.Tr key={file.id} data-testid="hub-file">
                  <Table.Td><Text size="sm" fw={600}>{file.fileName}</Text></Table.Td>
                  <Table.Td>{file.taskName ?? '—'}</Table.Td>
                  <Table.Td>{file.reportName ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(file.createdAt)}</Table.Td>
                  <Table.Td>{formatBytes(file.size)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="light" aria-label={`Download ${file.fileName}`} disabled={!file.downloadUrl} onClick={() => {
                      setMessage(null);
                      downloadFile(file.downloadUrl!, file.fileName).catch((e: unknown) => setMessage(describeError(e)));
                    }}>Download</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </>
  );
}
