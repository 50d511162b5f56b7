/**
 * A condition: its settings, and its rules (each reads one app) with their checks. A rule is edited in a form with
 * pickers read from the app: its variables, its KPI and chart objects, and values taken from a field's values.
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ConditionQuery, DeleteConditionRules, DeleteConditions, UpdateCondition } from '../api/ops.ts';
import { PutConditionRule } from '../api/taskOps.ts';
import { useAppItems, useKnownApps } from '../apps.tsx';
import { fieldError, otherErrors } from '../format.ts';
import { EmptyState, FormErrors, QueryState, describeError, type UserErrorLike } from '../ui.tsx';
import { AssetSettings } from './AssetSettings.tsx';
import { ValuePicker } from './ValuePicker.tsx';
import { move } from '../values.ts';

const CHECK_TYPES = [
  { value: 'Expression', label: 'Expression' },
  { value: 'Variable', label: 'Variable' },
  { value: 'KPI', label: 'KPI' },
  { value: 'ChartData', label: 'Chart has data' },
];
const OPERATORS = ['=', '!=', '>', '>=', '<', '<='];
const COMPARE_WITH = ['Value', 'Variable', 'Expression'];

interface Check {
  type: string;
  qlikVariableId: string | null;
  qlikObjectId: string | null;
  expression: string;
  operator: string;
  compareWith: string;
  value: string;
  compareQlikVariableId: string | null;
  compareExpression: string;
  hasData: boolean;
}

const newCheck = (): Check => ({
  type: 'Expression', qlikVariableId: null, qlikObjectId: null, expression: '', operator: '=', compareWith: 'Value', value: '',
  compareQlikVariableId: null, compareExpression: '', hasData: true,
});

interface RuleDraft { ruleId: string | null; name: string; qlikAppId: string | null; checks: Check[] }

export function ConditionPage() {
  const { conditionId = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConditionQuery, variables: { id: conditionId } });
  const condition = data?.condition;
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [editing, setEditing] = useState<RuleDraft | null>(null);
  const [, update] = useMutation(UpdateCondition);
  const [, remove] = useMutation(DeleteConditions);
  const [, deleteRules] = useMutation(DeleteConditionRules);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const { apps } = useKnownApps(condition?.organizationId);
  const appName = (appId: string | null | undefined) => (appId ? apps.find((app) => app.id === appId)?.name ?? appId : '—');
  if (!condition) {
    return <QueryState fetching={fetching} error={error} empty emptyText="This condition does not exist or you may not see it." />;
  }
  return (
    <AssetSettings kind="CONDITION" asset={condition} organizationId={condition.organizationId}
      onSave={async (name, description) => {
        const result = await update({ input: { id: condition.uuid, name, description, version: condition.version ?? null } });
        reload();
        return result.error ? [{ code: 'ERROR', message: describeError(result.error) }] : result.data?.updateCondition.userErrors ?? [];
      }}
      onDelete={async () => {
        const result = await remove({ input: { ids: [condition.uuid] } });
        return result.error ? [{ code: 'ERROR', message: describeError(result.error) }] : result.data?.deleteConditions.userErrors ?? [];
      }}>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="h4">Rules</Title>
          {editing ? null : <Button size="xs" onClick={() => setEditing({ ruleId: null, name: '', qlikAppId: null, checks: [newCheck()] })}>Add a rule</Button>}
        </Group>
        <FormErrors errors={errors.map((e) => e.message)} />
        {condition.rules.length === 0 && !editing ? <EmptyState text="No rule yet. A condition with no rule is always met." /> : condition.rules.map((rule) => (
          <Paper key={rule.id} withBorder p="sm" mb="sm" data-testid="condition-rule">
            <Group justify="space-between">
              <Text fw={600}>{rule.name ?? 'Rule'} <Text span c="dimmed" size="sm">on app {appName(rule.qlikAppId)}</Text></Text>
              <Group gap={4}>
                <Button size="xs" variant="subtle" aria-label={`Edit rule ${rule.name ?? ''}`} onClick={() => setEditing({
                  ruleId: rule.id, name: rule.name ?? '', qlikAppId: rule.qlikAppId ?? null,
                  checks: rule.values.map((check) => ({
                    ...newCheck(), type: check.type, qlikVariableId: check.qlikVariableId ?? null, qlikObjectId: check.qlikObjectId ?? null,
                    expression: check.expression ?? '', operator: check.operator ?? '=', compareWith: check.compareWith ?? 'Value',
                    value: check.value ?? '', hasData: check.hasData ?? true,
                  })),
                })}>Edit</Button>
                <Button size="xs" color="red" variant="subtle" aria-label={`Delete rule ${rule.name ?? ''}`} onClick={async () => {
                  const result = await deleteRules({ input: { id: condition.uuid, ruleIds: [rule.id] } });
                  setErrors(result.data?.deleteConditionRules.userErrors ?? []);
                  reload();
                }}>Delete</Button>
              </Group>
            </Group>
            <Table.ScrollContainer minWidth={480}>
              <Table mt="xs">
                <Table.Thead><Table.Tr><Table.Th>Check</Table.Th><Table.Th>Reads</Table.Th><Table.Th>Operator</Table.Th><Table.Th>Compared with</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {rule.values.map((check, index) => (
                    <Table.Tr key={index}>
                      <Table.Td>{check.type}</Table.Td>
                      <Table.Td>{check.expression ?? check.qlikVariableId ?? check.qlikObjectId ?? '—'}</Table.Td>
                      <Table.Td>{check.operator ?? (check.hasData == null ? '—' : check.hasData ? 'has data' : 'has no data')}</Table.Td>
                      <Table.Td>{check.value ?? check.compareWith ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ))}
        {editing ? (
          <RuleEditor conditionId={condition.uuid} organizationId={condition.organizationId} version={condition.version ?? null} draft={editing}
            onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />
        ) : null}
      </Paper>
    </AssetSettings>
  );
}

function RuleEditor({ conditionId, organizationId, version, draft, onClose, onSaved }: {
  conditionId: string; organizationId: string; version: number | null; draft: RuleDraft; onClose: () => void; onSaved: () => void;
}) {
  const [rule, setRule] = useState<RuleDraft>(draft);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saving, put] = useMutation(PutConditionRule);
  const { apps } = useKnownApps(organizationId);
  const app = apps.find((known) => known.id === rule.qlikAppId) ?? null;
  const items = useAppItems(organizationId, rule.qlikAppId);
  const setCheck = (index: number, change: Partial<Check>) =>
    setRule({ ...rule, checks: rule.checks.map((check, i) => (i === index ? { ...check, ...change } : check)) });
  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!rule.qlikAppId) {
      setErrors([{ field: 'qlikAppId', code: 'VALIDATION', message: 'Pick the app the rule reads.' }]);
      return;
    }
    const result = await put({ input: {
      id: conditionId, ruleId: rule.ruleId, name: rule.name || null, qlikAppId: rule.qlikAppId, version,
      values: rule.checks.map((check) => {
        const chart = check.type === 'ChartData';
        return {
          type: check.type,
          qlikVariableId: check.type === 'Variable' ? check.qlikVariableId : null,
          qlikObjectId: check.type === 'KPI' || chart ? check.qlikObjectId : null,
          expression: check.type === 'Expression' ? check.expression : null,
          operator: chart ? null : check.operator,
          compareWith: chart ? null : check.compareWith,
          value: !chart && check.compareWith === 'Value' ? check.value : null,
          compareQlikVariableId: !chart && check.compareWith === 'Variable' ? check.compareQlikVariableId : null,
          compareExpression: !chart && check.compareWith === 'Expression' ? check.compareExpression : null,
          hasData: chart ? check.hasData : null,
        };
      }),
    } });
    const userErrors = result.error ? [{ code: 'ERROR', message: describeError(result.error) }] : result.data?.putConditionRule.userErrors ?? [];
    setErrors(userErrors);
    if (userErrors.length === 0) onSaved();
  }
  const shown: string[] = ['name', 'qlikAppId'];
  const at = (index: number, field: string) => {
    shown.push(`values[${index}].${field}`);
    return fieldError(errors, `values[${index}].${field}`);
  };
  return (
    <Paper withBorder p="md" mt="sm" bg="var(--mantine-color-default-hover)">
      <form aria-label={rule.ruleId ? 'Edit the rule' : 'Add a rule'} onSubmit={save}>
        <Stack>
          <Title order={3} fz="h5">{rule.ruleId ? 'Edit the rule' : 'New rule'}</Title>
          <Group align="flex-end" wrap="wrap">
            <TextInput label="Rule name" w={240} value={rule.name} onChange={(e) => setRule({ ...rule, name: e.currentTarget.value })} error={fieldError(errors, 'name')} />
            <Select label="App" w={280} required searchable placeholder={apps.length ? 'Pick an app' : 'No app is served by a connection yet'}
              data={apps.map((known) => ({ value: known.id, label: known.name }))} value={rule.qlikAppId}
              onChange={(value) => setRule({ ...rule, qlikAppId: value })} error={fieldError(errors, 'qlikAppId')} />
          </Group>
          {rule.checks.map((check, index) => (
            <Paper key={index} withBorder p="sm" data-testid="rule-check" aria-label={`Check ${index + 1}`}>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Badge variant="light">Check {index + 1}</Badge>
                  <Group gap={4}>
                    <ActionIcon variant="default" aria-label={`Move check ${index + 1} up`} disabled={index === 0}
                      onClick={() => setRule({ ...rule, checks: move(rule.checks, index, -1) })}>↑</ActionIcon>
                    <ActionIcon variant="default" aria-label={`Move check ${index + 1} down`} disabled={index === rule.checks.length - 1}
                      onClick={() => setRule({ ...rule, checks: move(rule.checks, index, 1) })}>↓</ActionIcon>
                    <Button size="xs" variant="subtle" color="red" disabled={rule.checks.length === 1}
                      onClick={() => setRule({ ...rule, checks: rule.checks.filter((_, i) => i !== index) })}>Remove check</Button>
                  </Group>
                </Group>
                <Group align="flex-end" wrap="wrap">
                  <Select label="Checks" w={170} allowDeselect={false} data={CHECK_TYPES} value={check.type} onChange={(value) => setCheck(index, { type: value ?? 'Expression' })}
                    error={at(index, 'type')} />
                  {check.type === 'Expression' ? (
                    <TextInput label="Expression" w={300} placeholder="=Sum(revenue)" value={check.expression}
                      onChange={(e) => setCheck(index, { expression: e.currentTarget.value })} error={at(index, 'expression')} />
                  ) : null}
                  {check.type === 'Variable' ? (
                    <Select label="Variable" w={240} searchable disabled={!app} data={items.variables.map((v) => ({ value: v.id, label: v.name }))}
                      value={check.qlikVariableId} onChange={(value) => setCheck(index, { qlikVariableId: value })} error={at(index, 'qlikVariableId')} />
                  ) : null}
                  {check.type === 'KPI' || check.type === 'ChartData' ? (
                    <Select label={check.type === 'KPI' ? 'KPI' : 'Chart'} w={280} searchable disabled={!app}
                      data={items.objects.filter((o) => (check.type === 'KPI' ? o.type === 'kpi' : o.type !== 'kpi')).map((o) => ({ value: o.id, label: o.name }))}
                      value={check.qlikObjectId} onChange={(value) => setCheck(index, { qlikObjectId: value })} error={at(index, 'qlikObjectId')} />
                  ) : null}
                  {check.type === 'ChartData' ? (
                    <Switch label="Must have data" checked={check.hasData} onChange={(e) => setCheck(index, { hasData: e.currentTarget.checked })} />
                  ) : (
                    <>
                      <Select label="Operator" w={90} allowDeselect={false} data={OPERATORS} value={check.operator}
                        onChange={(value) => setCheck(index, { operator: value ?? '=' })} error={at(index, 'operator')} />
                      <Select label="Compared with" w={140} allowDeselect={false} data={COMPARE_WITH} value={check.compareWith}
                        onChange={(value) => setCheck(index, { compareWith: value ?? 'Value' })} error={at(index, 'compareWith')} />
                    </>
                  )}
                </Group>
                {check.type !== 'ChartData' && check.compareWith === 'Value' ? (
                  <CompareValue organizationId={organizationId} appId={rule.qlikAppId} fields={items.fields} value={check.value}
                    onChange={(value) => setCheck(index, { value })} error={at(index, 'value')} />
                ) : null}
                {check.type !== 'ChartData' && check.compareWith === 'Variable' ? (
                  <Select label="Variable compared with" w={260} searchable disabled={!app} data={items.variables.map((v) => ({ value: v.id, label: v.name }))}
                    value={check.compareQlikVariableId} onChange={(value) => setCheck(index, { compareQlikVariableId: value })} error={at(index, 'compareQlikVariableId')} />
                ) : null}
                {check.type !== 'ChartData' && check.compareWith === 'Expression' ? (
                  <TextInput label="Expression compared with" w={300} placeholder="=Sum(cost)" value={check.compareExpression}
                    onChange={(e) => setCheck(index, { compareExpression: e.currentTarget.value })} error={at(index, 'compareExpression')} />
                ) : null}
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button size="xs" variant="default" onClick={() => setRule({ ...rule, checks: [...rule.checks, newCheck()] })}>Add a check</Button>
          </Group>
          <FormErrors errors={otherErrors(errors, shown)} error={saving.error ?? null} />
          <Group>
            <Button type="submit" loading={saving.fetching}>Save rule</Button>
            <Button variant="default" onClick={onClose}>Cancel</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The value a check compares with: typed, or picked from the values of one of the app's fields. */
function CompareValue({ organizationId, appId, fields, value, onChange, error }: {
  organizationId: string; appId: string | null; fields: readonly { id: string; name: string }[]; value: string; onChange: (value: string) => void; error?: string | undefined;
}) {
  const [field, setField] = useState<string | null>(null);
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Value" w={240} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} />
        <Select label="Pick the value from a field" w={240} searchable clearable disabled={!appId} placeholder={appId ? 'A field of the app' : 'Pick an app first'}
          data={fields.map((f) => ({ value: f.id, label: f.name }))} value={field} onChange={setField} />
      </Group>
      {field && appId ? (
        <ValuePicker source={{ organizationId, appId }} field={field} multiple={false} label="Field values" value={value ? [value] : []}
          onChange={(values) => onChange(values[0] ?? '')} />
      ) : null}
    </Stack>
  );
}

