/**
 * Picks values of an app's field from the app itself (appFieldValues): a search box, a page of values to tick, and
 * "Show more" for the next page. Values already chosen stay listed first even when the search hides them.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Checkbox, CloseButton, Group, Paper, Radio, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from 'urql';
import { AppFieldValuesQuery } from '../api/taskOps.ts';
import { describeError } from '../ui.tsx';
import { mergePages, toggleValue } from '../values.ts';

export interface ValueSource {
  readonly reportId?: string | null;
  readonly organizationId?: string | null;
  readonly appId?: string | null;
}

const PAGE = 25;

export function ValuePicker({ source, field, value, onChange, multiple = true, label = 'Values', error }: {
  source: ValueSource;
  field: string | null;
  value: readonly string[];
  onChange: (values: string[]) => void;
  multiple?: boolean;
  label?: string;
  error?: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [after, setAfter] = useState<string | null>(null);
  const [pages, setPages] = useState<{ text: string; number?: number | null }[][]>([]);
  const ready = Boolean(field && (source.reportId || source.appId));
  const [{ data, fetching, error: failed }] = useQuery({
    query: AppFieldValuesQuery,
    variables: { reportId: source.reportId ?? null, organizationId: source.organizationId ?? null, appId: source.appId ?? null,
      field: field ?? '', search: debounced || null, first: PAGE, after },
    pause: !ready,
  });
  // A new field or search starts over from the first page.
  useEffect(() => {
    setAfter(null);
    setPages([]);
  }, [field, debounced, source.reportId, source.appId, source.organizationId]);
  useEffect(() => {
    const answer = data?.appFieldValues;
    if (answer) {
      setPages((current) => mergePages(current, after === null ? 0 : current.length, answer.nodes));
    }
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps
  const listed = pages.flat();
  const total = data?.appFieldValues.totalCount ?? 0;
  const next = data?.appFieldValues.pageInfo.hasNextPage ? data.appFieldValues.pageInfo.endCursor ?? null : null;
  if (!ready) {
    return <Text size="sm" c="dimmed">Pick {source.reportId || source.appId ? 'a field' : 'an app and a field'} to list its values.</Text>;
  }
  const id = `values-${field}`;
  return (
    <Stack gap={6} data-testid="value-picker">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" fw={500} id={`${id}-label`}>{label}</Text>
        <Text size="xs" c="dimmed" role="status">{fetching ? 'Reading the app…' : `${total} value${total === 1 ? '' : 's'}${debounced ? ' match' : ''}`}</Text>
      </Group>
      {value.length > 0 ? (
        <Group gap={4} aria-label="Chosen values">
          {value.map((chosen) => (
            <Badge key={chosen} variant="light" rightSection={<CloseButton size="xs" aria-label={`Remove ${chosen}`} onClick={() => onChange(value.filter((v) => v !== chosen))} />}>{chosen}</Badge>
          ))}
        </Group>
      ) : null}
      <TextInput aria-label="Search the values" placeholder="Search values…" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      <Paper withBorder p={6}>
        <ScrollArea.Autosize mah={220} type="auto">
          {failed ? <Text size="sm" c="red" role="alert">{describeError(failed)}</Text>
            : listed.length === 0 && !fetching ? <Text size="sm" c="dimmed">No value{debounced ? ' matches' : ''}.</Text>
              : multiple ? (
                <Checkbox.Group value={[...value]} onChange={onChange} aria-labelledby={`${id}-label`} error={error}>
                  <Stack gap={4}>{listed.map((v) => <Checkbox key={v.text} value={v.text} label={v.text} size="xs" />)}</Stack>
                </Checkbox.Group>
              ) : (
                <Radio.Group value={value[0] ?? null} onChange={(picked) => onChange(toggleValue([], picked, false))} aria-labelledby={`${id}-label`} error={error}>
                  <Stack gap={4}>{listed.map((v) => <Radio key={v.text} value={v.text} label={v.text} size="xs" />)}</Stack>
                </Radio.Group>
              )}
        </ScrollArea.Autosize>
      </Paper>
      {next ? <Button size="xs" variant="subtle" w="fit-content" loading={fetching} onClick={() => setAfter(next)}>Show more</Button> : null}
      {error && listed.length === 0 ? <Text size="xs" c="red">{error}</Text> : null}
    </Stack>
  );
}
