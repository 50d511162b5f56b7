import { describe, expect, it } from 'vitest';
import { clampProgress, executionState, fieldError, formatBytes, formatDateTime, formatDuration, otherErrors, splitEmails } from './format.ts';

describe('formatBytes', () => {
  it('uses 1024-based units with one decimal under 10', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12 * 1024 * 1024)).toBe('12 MB');
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('picks the unit people read', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(7_620_000)).toBe('2 h 07 min');
    expect(formatDuration(undefined)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('formats in the given zone and shows a dash for nothing or garbage', () => {
    expect(formatDateTime('2026-03-02T06:30:00Z', 'en-GB', 'Europe/Paris')).toContain('07:30');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
});

describe('executionState', () => {
  it('maps the API states, whatever their case', () => {
    expect(executionState('completed')).toEqual({ label: 'Completed', tone: 'green', done: true });
    expect(executionState('RUNNING').done).toBe(false);
    expect(executionState('aborted').label).toBe('Stopped');
    expect(executionState('mystery')).toEqual({ label: 'mystery', tone: 'gray', done: false });
  });
});

describe('clampProgress', () => {
  it('keeps 0..100', () => {
    expect(clampProgress(-5)).toBe(0);
    expect(clampProgress(42.4)).toBe(42);
    expect(clampProgress(250)).toBe(100);
    expect(clampProgress(null)).toBe(0);
  });
});

describe('splitEmails', () => {
  it('splits on commas, semicolons and lines, trimmed and without duplicates', () => {
    expect(splitEmails(' a@x.org, b@x.org;\na@x.org ,, ')).toEqual(['a@x.org', 'b@x.org']);
  });
});

describe('user errors by field', () => {
  const errors = [
    { field: 'input.name', code: 'VALIDATION', message: 'must not be blank' },
    { field: null, code: 'CONFLICT', message: 'changed meanwhile' },
  ];
  it('finds the error of a field, with or without the input prefix', () => {
    expect(fieldError(errors, 'name')).toBe('must not be blank');
    expect(fieldError(errors, 'description')).toBeUndefined();
  });
  it('keeps the others for the form-level alert', () => {
    expect(otherErrors(errors, ['name'])).toEqual(['changed meanwhile']);
    expect(otherErrors([{ field: 'input.organizationId', message: 'is required' }], ['name'])).toEqual(['organizationId: is required']);
  });
});
