import { describe, expect, it } from 'vitest';
import { describeSsoError, parseLoginReturn } from './login.ts';

describe('parseLoginReturn', () => {
  it('reads the one-time code from the fragment only', () => {
    expect(parseLoginReturn('?organization=o1', '#code=abc')).toEqual({ organization: 'o1', error: null, code: 'abc' });
    expect(parseLoginReturn('?code=abc', '').code).toBeNull();
  });

  it('reads the error code', () => {
    expect(parseLoginReturn('?organization=o1&error=email_not_verified', '').error).toBe('email_not_verified');
  });
});

describe('describeSsoError', () => {
  it('explains known codes and falls back for others', () => {
    expect(describeSsoError('replayed_state')).toContain('already used');
    expect(describeSsoError('something_new')).toContain('Start again');
  });
});
