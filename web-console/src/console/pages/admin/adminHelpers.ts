/** Pure helpers of the administration screens (unit-tested in adminHelpers.test.ts). */

export interface ConfigFieldLike {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly required: boolean;
  readonly secret: boolean;
  readonly defaultValue?: string | null;
  readonly options: readonly string[];
}

export interface SettingLike {
  readonly name: string;
  readonly value?: string | null;
}

/** The form's starting values: the stored settings, else the field's default; secrets always start empty. */
export function initialSettings(fields: readonly ConfigFieldLike[], stored: readonly SettingLike[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    if (field.secret) {
      values[field.name] = '';
      continue;
    }
    const saved = stored.find((setting) => setting.name === field.name);
    values[field.name] = saved?.value ?? field.defaultValue ?? (field.type === 'BOOLEAN' ? 'false' : '');
  }
  return values;
}

/**
 * The settings to send. A secret left empty is left out (editing: the stored one is kept; creating: none is set),
 * so a secret is never sent back blank. On creation an empty non-secret value is left out too (the plugin's default
 * applies); on edit it is sent as null, which clears it.
 */
export function settingsInput(fields: readonly ConfigFieldLike[], values: Record<string, string>, editing: boolean):
  { name: string; value: string | null }[] {
  const input: { name: string; value: string | null }[] = [];
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim() === '' ? '' : values[field.name]!;
    if (value === '') {
      if (!field.secret && editing) {
        input.push({ name: field.name, value: null });
      }
      continue;
    }
    input.push({ name: field.name, value });
  }
  return input;
}

/** The plugin types of one extension point (AppConnector, StorageTarget ...) of started plugins, by type id. */
export function extensionTypes<T extends { readonly point: string; readonly typeId: string }>(
  plugins: readonly { readonly state: string; readonly extensions: readonly T[] }[] | undefined,
  point: string,
): T[] {
  const seen = new Map<string, T>();
  for (const plugin of plugins ?? []) {
    if (plugin.state !== 'STARTED') {
      continue;
    }
    for (const extension of plugin.extensions) {
      if (extension.point === point && !seen.has(extension.typeId)) {
        seen.set(extension.typeId, extension);
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.typeId.localeCompare(b.typeId));
}

export interface RowError {
  readonly line: number;
  readonly reasons: string[];
}

/** The import's refused rows (errorDetails [{line, reason}]), one entry per row number, in row order. */
export function importRowErrors(details: unknown): RowError[] {
  if (!Array.isArray(details)) {
    return [];
  }
  const byLine = new Map<number, string[]>();
  for (const detail of details) {
    if (!detail || typeof detail !== 'object') {
      continue;
    }
    const { line, reason, field, message } = detail as { line?: unknown; reason?: unknown; field?: unknown; message?: unknown };
    const row = typeof line === 'number' ? line : 0;
    const text = typeof reason === 'string' ? reason
      : typeof message === 'string' ? (typeof field === 'string' && field ? `${field}: ${message}` : message) : null;
    if (text) {
      byLine.set(row, [...(byLine.get(row) ?? []), text]);
    }
  }
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, reasons]) => ({ line, reasons }));
}

/** A date input's value (yyyy-mm-dd) some days after `now`, in UTC. */
export function dateInputValue(now: Date, plusDays: number): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + plusDays));
  return day.toISOString().slice(0, 10);
}

/** The instant a key picked to expire on a day stops working: the end of that day, UTC. Null for a bad value. */
export function expiryInstant(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return null;
  }
  const instant = new Date(`${date}T23:59:59Z`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The port SMTP usually takes with a security mode. */
export function defaultSmtpPort(security: string): number {
  return security === 'Ssl' ? 465 : security === 'StartTls' ? 587 : 25;
}

/** A person's label in pickers. */
export function personLabel(user: { readonly name?: string | null; readonly email: string }): string {
  return user.name && user.name.trim() !== '' && user.name !== user.email ? `${user.name} (${user.email})` : user.email;
}

/** The nil UUID, given as the theme of a new organization while themes are not a feature (the server keeps it as given). */
export const NO_THEME = '00000000-0000-0000-0000-000000000000';

/** What the tabs working on the current organization say when there is none. */
export const NO_ORGANIZATION = 'Pick an organization in the header first.';
