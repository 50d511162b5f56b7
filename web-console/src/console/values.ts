/** Pure helpers of the pickers: paging field values, choosing values, ordering items. */

/** The pages read so far with `page` put at `index` (a re-read page replaces the one it was, later pages are dropped). */
export function mergePages<T>(pages: readonly (readonly T[])[], index: number, page: readonly T[]): T[][] {
  const kept = pages.slice(0, index).map((p) => [...p]);
  kept.push([...page]);
  return kept;
}

/** Adds or removes a value; with `multiple` false the value replaces any other. Order of choice is kept. */
export function toggleValue(values: readonly string[], value: string, multiple = true): string[] {
  if (!multiple) {
    return [value];
  }
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** Moves the item at `from` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function move<T>(items: readonly T[], from: number, delta: -1 | 1): T[] {
  const to = from + delta;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) {
    return [...items];
  }
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** The placeholders the server fills in task subjects and messages, written {{Name}} (case and inner spaces do not matter). */
export const PLACEHOLDERS: readonly string[] = ['TaskName', 'ReportName', 'IterationValue', 'Date', 'RecipientEmail'];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Replaces {{placeholders}} as the server does, for the email preview; unknown ones are kept as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  const byName = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return text.replace(PLACEHOLDER, (whole, name: string) => byName.get(name.toLowerCase()) ?? whole);
}

/** The {{placeholders}} a text uses that the server does not know (they would be sent as written). */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set(PLACEHOLDERS.map((p) => p.toLowerCase()));
  const found: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!known.has(name.toLowerCase()) && !found.some((f) => f.toLowerCase() === name.toLowerCase())) found.push(name);
  }
  return found;
}
