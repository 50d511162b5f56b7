/** Pure helpers of the HTML template editor: what to insert for an app item, and when to preview. */

export interface InsertableItem {
  readonly itemId?: string | null;
  readonly title?: string | null;
  readonly type?: string | null;
}

const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The template expression that shows an app item: a KPI's value, a table, a chart as an image, a variable's value,
 * or the values selected in a field. Types the renderer draws as charts (bar, line, pie...) all use chart().
 */
export function snippetFor(item: InsertableItem): string {
  const id = item.itemId ?? item.title ?? '';
  const type = (item.type ?? '').toLowerCase();
  if (type === 'variable') {
    return `\${variable(${quoted(id)})}`;
  }
  if (type === 'field') {
    return `\${selected(${quoted(id)})?join(", ")}`;
  }
  if (type === 'kpi') {
    return `\${kpi(${quoted(id)})}`;
  }
  if (type === 'table' || type === 'straighttable' || type === 'pivot-table' || type === 'pivottable') {
    return `\${table(${quoted(id)})}`;
  }
  return `\${chart(${quoted(id)})}`;
}

/** The text after a change, and whether it differs from the saved one (for the "unsaved" marker). */
export function isDirty(text: string, saved: string | null | undefined): boolean {
  return text !== (saved ?? '');
}

/**
 * Previews answered out of order must not overwrite a newer one: each request takes the next number, and an answer is
 * shown only when no later request has been answered yet.
 */
export class LatestOnly {
  private issued = 0;
  private shown = 0;

  next(): number {
    this.issued += 1;
    return this.issued;
  }

  accept(ticket: number): boolean {
    if (ticket < this.shown) {
      return false;
    }
    this.shown = ticket;
    return true;
  }
}
