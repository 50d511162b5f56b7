/**
 * A filter: its name, and its items in order (field values, variable values, bookmarks), which can be added,
 * removed and moved up or down. Each item applies to one app.
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { DeleteFilterItems, DeleteFilters, FilterQuery, OrderFilterItem, SetFilterBookmark, SetFilterField, SetFilterVariable, UpdateFilter } from '../api/ops.ts';
import { fieldError, otherErrors } from '../format.ts';
import { EmptyState, FormErrors, QueryState, describeError, type UserErrorLike } from '../ui.tsx';
import { AssetSettings } from './AssetSettings.tsx';
import { ValuePicker } from './ValuePicker.tsx';
import { AppPicker } from './AppPicker.tsx';

export function FilterPage() {
  const { filterId = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: FilterQuery, variables: { id: filterId } });
  const filter = data?.filter;
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [, update] = useMutation(UpdateFilter);
  const [, remove] = useMutation(DeleteFilters);
  const [, deleteItems] = useMutation(DeleteFilterItems);
  const [, orderItem] = useMutation(OrderFilterItem);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (!filter) {
    return <QueryState fetching={fetching} error={error} empty emptyText="This filter does not exist or you may not see it." />;
  }
  const items = [...filter.items].sort((a, b) => a.order - b.order);
  return (
    <AssetSettings kind="FILTER" asset={filter} organizationId={filter.organizationId}
      onSave={async (name, description) => {
        const result = await update({ input: { id: filter.uuid, name, description, version: filter.version ?? null } });
        reload();
        return result.error ? [{ code: 'ERROR', message: describeError(result.error) }] : result.data?.updateFilter.userErrors ?? [];
      }}
      onDelete={async () => {
        const result = await remove({ input: { ids: [filter.uuid] } });
        return result.error ? [{ code: 'ERROR', message: describeError(result.error) }] : result.data?.deleteFilters.userErrors ?? [];
      }}>
      <Stack>
        <FormErrors errors={errors.map((e) => e.message)} />
        <Paper withBorder p="md">
          <Title order={2} fz="h4" mb="sm">Items</Title>
          {items.length === 0 ? <EmptyState text="No item yet: add field values, a variable value or a bookmark below." /> : (
            <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Filter items in order">
              {items.map((item, index) => (
                <Paper key={item.id} withBorder p="xs" component="li" data-testid="filter-item">
                  <Group justify="space-between" wrap="nowrap">
                    <div>
                      <Badge variant="light" mr="xs">{item.type}</Badge>
                      <Text span fw={600}>{item.name ?? item.qlikFieldId ?? item.qlikVariableId ?? item.qlikBookmarkId}</Text>
                      <Text size="sm" c="dimmed">
                        {item.filterItemFieldValues?.length ? item.filterItemFieldValues.join(', ') : item.variableValue ?? ''}
                      </Text>
                    </div>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="default" aria-label={`Move ${item.name ?? 'item'} up`} disabled={index === 0} onClick={async () => {
                        const result = await orderItem({ input: { id: filter.uuid, itemId: item.id, direction: 'Up', version: filter.version ?? null } });
                        setErrors(result.data?.orderFilterItem.userErrors ?? []);
                        reload();
                      }}>↑</ActionIcon>
                      <ActionIcon variant="default" aria-label={`Move ${item.name ?? 'item'} down`} disabled={index === items.length - 1} onClick={async () => {
                        const result = await orderItem({ input: { id: filter.uuid, itemId: item.id, direction: 'Down', version: filter.version ?? null } });
                        setErrors(result.data?.orderFilterItem.userErrors ?? []);
                        reload();
                      }}>↓</ActionIcon>
                      <Button size="xs" variant="subtle" color="red" aria-label={`Remove ${item.name ?? 'item'}`} onClick={async () => {
                        const result = await deleteItems({ input: { id: filter.uuid, itemIds: [item.id], version: filter.version ?? null } });
                        setErrors(result.data?.deleteFilterItems.userErrors ?? []);
                        reload();
                      }}>Remove</Button>
                    </Group>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )}
        </Paper>
        <AddItem filterId={filter.uuid} organizationId={filter.organizationId} appId={filter.appId ?? null} version={filter.version ?? null} onAdded={reload} />
      </Stack>
    </AssetSettings>
  );
}

function AddItem({ filterId, organizationId, appId, version, onAdded }: {
  filterId: string; organizationId: string; appId: string | null; version: number | null; onAdded: () => void;
}) {
  const [kind, setKind] = useState<'field' | 'variable' | 'bookmark'>('field');
  const [app, setApp] = useState<string | null>(appId);
  const [target, setTarget] = useState<string | null>(null);
  const [values, setValues] = useState<string[]>([]);
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [settingField, field] = useMutation(SetFilterField);
  const [settingVariable, variable] = useMutation(SetFilterVariable);
  const [settingBookmark, bookmark] = useMutation(SetFilterBookmark);
  const busy = settingField.fetching || settingVariable.fetching || settingBookmark.fetching;
  async function add(event: React.FormEvent) {
    event.preventDefault();
    if (!target) {
      setErrors([{ field: 'target', code: 'VALIDATION', message: 'Pick what to filter on.' }]);
      return;
    }
    let userErrors: readonly UserErrorLike[] = [];
    if (kind === 'field') {
      const result = await field({ input: { id: filterId, qlikFieldId: target, filterItemFieldValues: values, qlikAppId: app, version } });
      userErrors = result.data?.setFilterField.userErrors ?? [];
    } else if (kind === 'variable') {
      const result = await variable({ input: { id: filterId, qlikVariableId: target, variableValue: value, qlikAppId: app, version } });
      userErrors = result.data?.setFilterVariable.userErrors ?? [];
    } else {
      const result = await bookmark({ input: { id: filterId, qlikBookmarkId: target, qlikAppId: app, version } });
      userErrors = result.data?.setFilterBookmark.userErrors ?? [];
    }
    setErrors(userErrors);
    if (userErrors.length === 0) {
      setTarget(null);
      setValues([]);
      setValue('');
      onAdded();
    }
  }
  return (
    <Paper withBorder p="md">
      <form onSubmit={add} aria-label="Add a filter item">
        <Stack>
          <Title order={2} fz="h4">Add an item</Title>
          <SegmentedControl aria-label="Item kind" w="fit-content" value={kind} onChange={(v) => { setKind(v as typeof kind); setTarget(null); }}
            data={[{ value: 'field', label: 'Field values' }, { value: 'variable', label: 'Variable' }, { value: 'bookmark', label: 'Bookmark' }]} />
          <AppPicker organizationId={organizationId} kind={kind} app={app} onApp={setApp} target={target} onTarget={setTarget}
            error={fieldError(errors, kind === 'field' ? 'qlikFieldId' : kind === 'variable' ? 'qlikVariableId' : 'qlikBookmarkId') ?? fieldError(errors, 'target')} />
          {kind === 'field' ? (
            <ValuePicker source={{ organizationId, appId: app }} field={target} value={values} onChange={setValues}
              error={fieldError(errors, 'filterItemFieldValues')} />
          ) : null}
          {kind === 'variable' ? (
            <TextInput label="Value" value={value} onChange={(e) => setValue(e.currentTarget.value)} error={fieldError(errors, 'variableValue')} />
          ) : null}
          <FormErrors errors={otherErrors(errors, ['qlikFieldId', 'qlikVariableId', 'qlikBookmarkId', 'target', 'filterItemFieldValues', 'variableValue'])} />
          <Group><Button type="submit" loading={busy}>Add</Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
