/** A condition: its name and description, and its rules (each reads one app) with their checks. */
import { useEffect, useState } from 'react';
import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ConditionQuery, DeleteConditionRules, UpdateCondition } from '../api/ops.ts';
import { paths } from '../routes.ts';
import { fieldError, otherErrors } from '../format.ts';
import { EmptyState, FormErrors, PageHeader, QueryState, type UserErrorLike } from '../ui.tsx';

export function ConditionPage() {
  const { conditionId = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConditionQuery, variables: { id: conditionId } });
  const condition = data?.condition;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saved, setSaved] = useState(false);
  const [updating, update] = useMutation(UpdateCondition);
  const [, deleteRules] = useMutation(DeleteConditionRules);
  useEffect(() => {
    if (condition) {
      setName(condition.name);
      setDescription(condition.description ?? '');
    }
  }, [condition]);
  if (!condition) {
    return <QueryState fetching={fetching} error={error} empty emptyText="This condition does not exist or you may not see it." />;
  }
  return (
    <>
      <PageHeader title={condition.name} subtitle={<>Condition in <Anchor component={Link} to={paths.project(condition.project.uuid, 'conditions')}>{condition.project.name}</Anchor></>} />
      <Stack>
        <Paper withBorder p="md">
          <form onSubmit={async (event) => {
            event.preventDefault();
            const result = await update({ input: { id: condition.uuid, name, description: description || null } });
            setErrors(result.data?.updateCondition.userErrors ?? []);
            setSaved(Boolean(result.data?.updateCondition.condition));
          }}>
            <Stack maw={560}>
              <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); setSaved(false); }} error={fieldError(errors, 'name')} />
              <Textarea label="Description" value={description} autosize minRows={2} onChange={(e) => { setDescription(e.currentTarget.value); setSaved(false); }} />
              <FormErrors errors={otherErrors(errors, ['name', 'description'])} error={updating.error ?? null} />
              <Group><Button type="submit" loading={updating.fetching}>Save</Button>{saved ? <Text size="sm" c="green" role="status">Saved.</Text> : null}</Group>
            </Stack>
          </form>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} fz="h4" mb="sm">Rules</Title>
          {condition.rules.length === 0 ? <EmptyState text="No rule yet. A condition with no rule is always met." /> : condition.rules.map((rule) => (
            <Paper key={rule.id} withBorder p="sm" mb="sm">
              <Group justify="space-between">
                <Text fw={600}>{rule.name ?? 'Rule'} <Text span c="dimmed" size="sm">on app {rule.qlikAppId ?? '—'}</Text></Text>
                <Button size="xs" color="red" variant="subtle" onClick={async () => {
                  const result = await deleteRules({ input: { id: condition.uuid, ruleIds: [rule.id] } });
                  setErrors(result.data?.deleteConditionRules.userErrors ?? []);
                  refetch({ requestPolicy: 'network-only' });
                }}>Delete rule</Button>
              </Group>
              <Table mt="xs">
                <Table.Thead><Table.Tr><Table.Th>Check</Table.Th><Table.Th>Reads</Table.Th><Table.Th>Operator</Table.Th><Table.Th>Value</Table.Th></Table.Tr></Table.Thead>
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
            </Paper>
          ))}
        </Paper>
      </Stack>
    </>
  );
}
