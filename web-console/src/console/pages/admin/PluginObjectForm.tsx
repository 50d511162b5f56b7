/**
 * The dialog that creates or edits an object a plugin type makes (a connection, a storage service): its name,
 * description and type, and the settings form generated from the type's config fields (secrets write-only).
 */
import { useEffect, useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import type { CombinedError } from 'urql';
import { fieldError, otherErrors } from '../../format.ts';
import { FormErrors, type UserErrorLike } from '../../ui.tsx';
import { initialSettings, settingsInput } from './adminHelpers.ts';
import { SettingsFields, type ConfigField } from './SettingsFields.tsx';

export interface PluginType { typeId: string; displayName: string; configFields: readonly ConfigField[] }

export interface PluginObject {
  name: string;
  description?: string | null;
  type: string;
  settings: readonly { name: string; value?: string | null }[];
  secretsSet: readonly string[];
}

export interface PluginObjectInput {
  name: string;
  description: string | null;
  type: string;
  settings: ReturnType<typeof settingsInput>;
}

/** What a save answered: the user errors to show, and whether the object was saved (the dialog then closes). */
export interface PluginObjectSaved { userErrors: readonly UserErrorLike[]; saved: boolean }

export function PluginObjectForm({ what, types, existing, saving, error, onSave, onSaved, onClose }: {
  /** What is made, for the title: "connection", "storage service". */
  what: string;
  types: readonly PluginType[];
  existing: PluginObject | null;
  saving: boolean;
  error: CombinedError | null;
  onSave: (input: PluginObjectInput) => Promise<PluginObjectSaved>;
  onSaved: () => void;
  onClose: () => void;
}) {
  const [type, setType] = useState<string | null>(existing?.type ?? types[0]?.typeId ?? null);
  const fields = types.find((t) => t.typeId === type)?.configFields ?? [];
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [values, setValues] = useState<Record<string, string>>(() => initialSettings(fields, existing?.settings));
  // the plugin types may arrive after the dialog opened: start on the first one then
  useEffect(() => {
    if (type === null && types.length > 0) {
      setType(types[0]!.typeId);
      setValues(initialSettings(types[0]!.configFields));
    }
  }, [type, types]);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!type) {
      return;
    }
    const answer = await onSave({ name, description: description || null, type, settings: settingsInput(fields, values, existing !== null) });
    setErrors(answer.userErrors);
    if (answer.saved) {
      onSaved();
      onClose();
    }
  }
  return (
    <Modal opened onClose={onClose} title={existing ? `Edit ${existing.name}` : `New ${what}`} size="lg" centered>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Name" required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(errors, 'name')} />
          <Textarea label="Description" autosize minRows={1} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Select label="Type" required allowDeselect={false} disabled={existing !== null}
            data={types.map((t) => ({ value: t.typeId, label: t.displayName }))} value={type} error={fieldError(errors, 'type')}
            onChange={(value) => { setType(value); setValues(initialSettings(types.find((t) => t.typeId === value)?.configFields ?? [])); }} />
          <SettingsFields fields={fields} values={values} secretsSet={existing?.secretsSet ?? []} errors={errors} onChange={setValues} />
          <FormErrors errors={otherErrors(errors, ['name', 'type', ...fields.map((f) => f.name)])} error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving}>{existing ? 'Save' : 'Create'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
