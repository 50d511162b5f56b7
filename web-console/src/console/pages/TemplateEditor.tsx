/**
 * The HTML template editor: CodeMirror 6 on the left, the server's rendering of the unsaved text on the right,
 * re-rendered as you type (debounced; late answers never overwrite newer ones), and the app's items to insert at
 * the cursor. The preview is shown in a sandboxed frame (no scripts, no same-origin access).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Accordion, Alert, Badge, Button, Group, Loader, Paper, ScrollArea, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from 'urql';
import { EditorView, basicSetup } from 'codemirror';
import { html } from '@codemirror/lang-html';
import { PreviewReport, ReportEditorQuery, SaveReportHtmlContent } from '../api/ops.ts';
import { LatestOnly, isDirty, snippetFor } from '../template.ts';
import { FormErrors, QueryState, describeError, type UserErrorLike } from '../ui.tsx';

const PREVIEW_DELAY_MS = 600;

export function TemplateEditor({ reportId, onSaved }: { reportId: string; onSaved?: () => void }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReportEditorQuery, variables: { reportId }, requestPolicy: 'network-only' });
  const editor = data?.reportEditor;
  const saved = editor?.htmlContent.htmlContent ?? '';
  const [text, setText] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(text, PREVIEW_DELAY_MS);
  const [preview, setPreview] = useState<{ html: string | null; errors: string[] }>({ html: null, errors: [] });
  const [previewing, setPreviewing] = useState(false);
  const [saveErrors, setSaveErrors] = useState<readonly UserErrorLike[]>([]);
  const [savedMessage, setSavedMessage] = useState(false);
  const [itemSearch, setItemSearch] = useState('');
  const [, previewReport] = useMutation(PreviewReport);
  const [saving, save] = useMutation(SaveReportHtmlContent);
  const viewRef = useRef<EditorView | null>(null);
  const hostRef = useRef<HTMLDivElement | null>(null);
  const latest = useMemo(() => new LatestOnly(), []);

  // The editor is made once the saved text is known; later changes flow from it into `text`.
  useEffect(() => {
    if (!editor || !hostRef.current || viewRef.current) {
      return;
    }
    const view = new EditorView({
      doc: saved,
      parent: hostRef.current,
      extensions: [
        basicSetup,
        html(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'HTML template' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            setText(update.state.doc.toString());
            setSavedMessage(false);
          }
        }),
      ],
    });
    viewRef.current = view;
    setText(saved);
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [editor, saved]);

  // Render the unsaved text on the server whenever typing pauses.
  useEffect(() => {
    if (debounced == null) {
      return;
    }
    const ticket = latest.next();
    setPreviewing(true);
    void previewReport({ input: { id: reportId, outputFormat: 'Html', htmlContent: debounced } }).then((result) => {
      if (!latest.accept(ticket)) {
        return;
      }
      setPreviewing(false);
      const payload = result.data?.previewReport;
      if (result.error) {
        setPreview((current) => ({ html: current.html, errors: [describeError(result.error)] }));
      } else if (payload && payload.userErrors.length > 0) {
        setPreview((current) => ({ html: current.html, errors: payload.userErrors.map((e) => e.message) }));
      } else {
        setPreview({ html: payload?.html ?? '', errors: [] });
      }
    });
  }, [debounced, reportId, previewReport, latest]);

  if (!editor) {
    return <Paper withBorder p="md"><QueryState fetching={fetching} error={error} empty emptyText="The template could not be read." /></Paper>;
  }

  function insert(snippet: string) {
    const view = viewRef.current;
    if (!view) return;
    const { from, to } = view.state.selection.main;
    view.dispatch({ changes: { from, to, insert: snippet }, selection: { anchor: from + snippet.length } });
    view.focus();
  }

  const dirty = text != null && isDirty(text, saved);
  const search = itemSearch.trim().toLowerCase();
  const groups = editor.templateItems
    .map((group) => ({ ...group, objects: (group.objects ?? []).filter((item) => !search || `${item.title ?? ''} ${item.itemId ?? ''}`.toLowerCase().includes(search)) }))
    .filter((group) => group.objects.length > 0);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="xs">
          <Title order={2} fz="h4">Template</Title>
          {dirty ? <Badge color="yellow" variant="light">unsaved</Badge> : null}
          {editor.qlikApps.map((app) => (
            <Badge key={app.id} variant="outline" color={app.isAvailable ? 'blue' : 'red'}>{app.name ?? app.id}{app.isAvailable ? '' : ' (unavailable)'}</Badge>
          ))}
        </Group>
        <Group gap="xs">
          {savedMessage ? <Text size="sm" c="green" role="status">Template saved.</Text> : null}
          <Button disabled={!dirty} loading={saving.fetching} onClick={async () => {
            const result = await save({ input: { id: reportId, htmlContent: text ?? '', version: editor.htmlContent.version ?? null } });
            const errors = result.data?.saveReportHtmlContent.userErrors ?? [];
            setSaveErrors(errors);
            if (result.data?.saveReportHtmlContent.htmlContent) {
              setSavedMessage(true);
              onSaved?.();
              refetch({ requestPolicy: 'network-only' });
            }
          }}>Save template</Button>
        </Group>
      </Group>
      <FormErrors errors={saveErrors.map((e) => e.message)} error={saving.error ?? null} />
      <div className="editor-split">
        <Stack gap="xs">
          <div className="code-editor" ref={hostRef} />
          <Paper withBorder p="xs">
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm" id="items-title">Insert from the app</Text>
              <TextInput size="xs" aria-label="Search the app's items" placeholder="Search…" value={itemSearch} onChange={(e) => setItemSearch(e.currentTarget.value)} />
            </Group>
            {groups.length === 0 ? <Text size="sm" c="dimmed">{search ? 'No item matches.' : 'The report has no app, or its apps have nothing to insert.'}</Text> : (
              <ScrollArea.Autosize mah={260}>
                <Accordion multiple defaultValue={groups.slice(0, 2).map((group) => group.name ?? '')} aria-labelledby="items-title">
                  {groups.map((group) => (
                    <Accordion.Item key={group.name ?? group.type ?? ''} value={group.name ?? ''}>
                      <Accordion.Control>{group.name} <Text span c="dimmed" size="xs">({group.objects.length})</Text></Accordion.Control>
                      <Accordion.Panel>
                        <Stack gap={2}>
                          {group.objects.map((item) => (
                            <UnstyledButton key={`${group.name}-${item.id}`} onClick={() => insert(snippetFor(item))} data-testid="template-item"
                              aria-label={`Insert ${item.title ?? item.itemId} (${item.type})`} p={4} style={{ borderRadius: 4 }}>
                              <Group gap="xs" wrap="nowrap"><Badge size="xs" variant="light">{item.type}</Badge><Text size="sm" truncate>{item.title ?? item.itemId}</Text></Group>
                            </UnstyledButton>
                          ))}
                        </Stack>
                      </Accordion.Panel>
                    </Accordion.Item>
                  ))}
                </Accordion>
              </ScrollArea.Autosize>
            )}
          </Paper>
        </Stack>
        <Stack gap="xs">
          <Group gap="xs" h={20}>
            <Text size="sm" fw={600}>Preview</Text>
            {previewing ? <Loader size="xs" aria-label="Rendering the preview" /> : null}
          </Group>
          {preview.errors.length > 0 ? <Alert color="red" role="alert" title="The template does not render">{preview.errors.map((m) => <div key={m}>{m}</div>)}</Alert> : null}
          <iframe title="Preview" className="preview-frame" sandbox="" srcDoc={preview.html ?? ''} data-testid="preview-frame" />
        </Stack>
      </div>
    </Paper>
  );
}
