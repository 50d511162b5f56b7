import { describe, expect, it } from 'vitest';
import { LatestOnly, isDirty, snippetFor } from './template.ts';

describe('snippetFor', () => {
  it('writes the expression of each kind of item', () => {
    expect(snippetFor({ itemId: 'kpi-revenue', type: 'kpi' })).toBe('${kpi("kpi-revenue")}');
    expect(snippetFor({ itemId: 'sales-table', type: 'table' })).toBe('${table("sales-table")}');
    expect(snippetFor({ itemId: 'bars', type: 'barchart' })).toBe('${chart("bars")}');
    expect(snippetFor({ itemId: 'vCurrency', type: 'variable' })).toBe('${variable("vCurrency")}');
    expect(snippetFor({ itemId: 'region', type: 'field' })).toBe('${selected("region")?join(", ")}');
  });
  it('escapes quotes and backslashes in ids', () => {
    expect(snippetFor({ itemId: 'a"b\\c', type: 'variable' })).toBe('${variable("a\\"b\\\\c")}');
  });
  it('falls back to the title when there is no id', () => {
    expect(snippetFor({ title: 'Margin', type: 'kpi' })).toBe('${kpi("Margin")}');
  });
});

describe('isDirty', () => {
  it('compares with the saved text, none counting as empty', () => {
    expect(isDirty('', null)).toBe(false);
    expect(isDirty('<p>x</p>', '<p>x</p>')).toBe(false);
    expect(isDirty('<p>y</p>', '<p>x</p>')).toBe(true);
  });
});

describe('LatestOnly', () => {
  it('drops answers older than one already shown', () => {
    const latest = new LatestOnly();
    const first = latest.next();
    const second = latest.next();
    expect(latest.accept(second)).toBe(true);
    expect(latest.accept(first)).toBe(false);
    const third = latest.next();
    expect(latest.accept(third)).toBe(true);
  });
});
