/** The HTML template editor with its live preview; needs the report editing GraphQL operations (being added). */
import { Paper, Text, Title } from '@mantine/core';

export function TemplateEditor({ reportId }: { reportId: string }) {
  return (
    <Paper withBorder p="md" data-report={reportId}>
      <Title order={2} fz="h4" mb="xs">Template</Title>
      <Text c="dimmed">The template editor arrives with the server's report editing operations.</Text>
    </Paper>
  );
}
