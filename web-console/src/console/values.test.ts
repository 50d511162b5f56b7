import { describe, expect, it } from 'vitest';
import { fillPlaceholders, mergePages, move, toggleValue, unknownPlaceholders } from './values.ts';

describe('mergePages', () => {
  it('appends the next page and replaces from a re-read page on', () => {
    expect(mergePages([['a'], ['b']], 2, ['c'])).toEqual([['a'], ['b'], ['c']]);
    expect(mergePages([['a'], ['b']], 0, ['z'])).toEqual([['z']]);
  });
});

describe('toggleValue', () => {
  it('adds and removes, keeping the order of choice', () => {
    expect(toggleValue(['Europe'], 'Asia')).toEqual(['Europe', 'Asia']);
    expect(toggleValue(['Europe', 'Asia'], 'Europe')).toEqual(['Asia']);
  });
  it('replaces the value when only one may be chosen', () => {
    expect(toggleValue(['Europe'], 'Asia', false)).toEqual(['Asia']);
  });
});

describe('move', () => {
  it('moves one place and ignores moves out of the list', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

describe('placeholders', () => {
  it('fills the known ones as the server does, ignoring case and inner spaces', () => {
    expect(fillPlaceholders('Sales {{ reportname }} for {{Unknown}}', { ReportName: 'by region' })).toBe('Sales by region for {{Unknown}}');
  });
  it('lists the unknown ones once each', () => {
    expect(unknownPlaceholders('{{TaskName}} {{Foo}} {{ foo }} {{Bar}}')).toEqual(['Foo', 'Bar']);
    expect(unknownPlaceholders('{{date}} {single}')).toEqual([]);
  });
});
