/**
 * The header, settings form (name, description) and delete action that filters, conditions and other assets share,
 * with the asset's own permissions when its project is in customizable mode.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { paths } from '../routes.ts';
import { fieldError, otherErrors } from '../format.ts';
import { ConfirmDialog, FormErrors, PageHeader, type UserErrorLike } from '../ui.tsx';
import { AssetPermissions, type AssetKind } from './AssetPermissions.tsx';

export interface AssetSettingsProps {
  kind: AssetKind;
  asset: { uuid: string; name: string; description?: string | null; project: { uuid: string; name: string } };
  organizationId?: string | null;
  /** Saves the settings; answers the user errors (empty when saved). */
  onSave: (name: string, description: string | null) => Promise<readonly UserErrorLike[]>;
  /** Deletes the asset; answers the user errors (empty when deleted). */
  onDelete: () => Promise<readonly UserErrorLike[]>;
  children?: ReactNode;
}

const TABS: Record<AssetKind, string> = { REPORT: 'reports', FILTER: 'filters', CONDITION: 'conditions', TASK: 'tasks' };
const LABELS: Record<AssetKind, string> = { REPORT: 'Report', FILTER: 'Filter', CONDITION: 'Condition', TASK: 'Task' };

export function AssetSettings({ kind, asset, organizationId, onSave, onDelete, children }: AssetSettingsProps) {
  const navigate = useNavigate();
  const [name, setName] = useState(asset.name);
  const [description, setDescription] = useState(asset.description ?? '');
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const label = LABELS[kind];
  useEffect(() => {
    setName(asset.name);
    setDescription(asset.description ?? '');
  }, [asset.name, asset.description]);
  return (
    <>
      <PageHeader title={asset.name}
        subtitle={<>{label} in <Anchor component={Link} to={paths.project(asset.project.uuid, TABS[kind])}>{asset.project.name}</Anchor></>}
        actions={<Button color="red" variant="light" onClick={() => setConfirming(true)}>Delete {label.toLowerCase()}</Button>} />
      <Paper withBorder p="md" mb="md">
        <form aria-label={`${label} settings`} onSubmit={async (event) => {
          event.preventDefault();
          setSaving(true);
          try {
            const userErrors = await onSave(name, description.trim() ? description : null);
            setErrors(userErrors);
            setSaved(userErrors.length === 0);
          } finally {
            setSaving(false);
          }
        }}>
          <Stack maw={560}>
            <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); setSaved(false); }} error={fieldError(errors, 'name')} />
            <Textarea label="Description" value={description} autosize minRows={2} onChange={(e) => { setDescription(e.currentTarget.value); setSaved(false); }}
              error={fieldError(errors, 'description')} />
            <FormErrors errors={otherErrors(errors, ['name', 'description'])} />
            <Group><Button type="submit" loading={saving}>Save</Button>{saved ? <Text size="sm" c="green" role="status">Saved.</Text> : null}</Group>
          </Stack>
        </form>
      </Paper>
      {children}
      <AssetPermissions kind={kind} id={asset.uuid} organizationId={organizationId ?? null} />
      <ConfirmDialog opened={confirming} title={`Delete the ${label.toLowerCase()}?`} body={`"${asset.name}" will be deleted. This cannot be undone.`}
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          const userErrors = await onDelete();
          setConfirming(false);
          setErrors(userErrors);
          if (userErrors.length === 0) navigate(paths.project(asset.project.uuid, TABS[kind]));
        }} />
    </>
  );
}
