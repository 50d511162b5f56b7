/** A settings form generated from a plugin extension's config fields; secrets are write-only ("set", never read back). */
import { Badge, Group, PasswordInput, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { fieldError } from '../../format.ts';
import type { UserErrorLike } from '../../ui.tsx';
import type { ConfigFieldLike } from './adminHelpers.ts';

export interface ConfigField extends ConfigFieldLike {
  readonly description: string;
}

export function SettingsFields({ fields, values, secretsSet, errors, onChange }: {
  fields: readonly ConfigField[];
  values: Record<string, string>;
  secretsSet: readonly string[];
  errors: readonly UserErrorLike[];
  onChange: (values: Record<string, string>) => void;
}) {
  if (fields.length === 0) {
    return <Text size="sm" c="dimmed">This type takes no settings.</Text>;
  }
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  return (
    <Stack gap="sm" data-testid="settings-fields">
      {fields.map((field) => {
        const common = {
          label: field.label,
          description: field.description || undefined,
          error: fieldError(errors, field.name),
        };
        const value = values[field.name] ?? '';
        if (field.secret) {
          const stored = secretsSet.includes(field.name);
          return (
            <PasswordInput key={field.name} {...common} required={field.required && !stored} autoComplete="new-password" value={value}
              label={<Group gap={6} component="span">{field.label}{stored ? <Badge size="xs" color="green" variant="light">set</Badge> : null}</Group>}
              placeholder={stored ? 'Set: leave empty to keep it' : undefined}
              description={`${field.description ? `${field.description} ` : ''}Stored encrypted and never shown again.`}
              onChange={(event) => set(field.name, event.currentTarget.value)} />
          );
        }
        switch (field.type) {
          case 'BOOLEAN':
            return (
              <Switch key={field.name} label={field.label} description={field.description || undefined} error={common.error}
                checked={value === 'true'} onChange={(event) => set(field.name, event.currentTarget.checked ? 'true' : 'false')} />
            );
          case 'SELECT':
            return (
              <Select key={field.name} {...common} required={field.required} data={[...field.options]} value={value || null} clearable={!field.required}
                onChange={(next) => set(field.name, next ?? '')} />
            );
          case 'TEXT':
            return <Textarea key={field.name} {...common} required={field.required} autosize minRows={2} value={value}
              onChange={(event) => set(field.name, event.currentTarget.value)} />;
          case 'INTEGER':
            return <TextInput key={field.name} {...common} required={field.required} inputMode="numeric" value={value}
              onChange={(event) => set(field.name, event.currentTarget.value)} />;
          default:
            return <TextInput key={field.name} {...common} required={field.required} value={value}
              type={field.type === 'URL' ? 'url' : 'text'}
              onChange={(event) => set(field.name, event.currentTarget.value)} />;
        }
      })}
    </Stack>
  );
}
