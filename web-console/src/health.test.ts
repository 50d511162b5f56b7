import { describe, expect, it } from 'vitest';
import { describeHealth, extractStatus } from './health.ts';

describe('extractStatus', () => {
  it('reads and upper-cases the status field', () => {
    expect(extractStatus({ status: 'UP' })).toBe('UP');
    expect(extractStatus({ status: ' down ' })).toBe('DOWN');
  });

  it.each([null, undefined, 'UP', 42, [], {}, { status: 1 }, { status: '  ' }])(
    'returns undefined for %j',
    (body) => {
      expect(extractStatus(body)).toBeUndefined();
    },
  );
});

describe('describeHealth', () => {
  it('reports UP for a healthy actuator answer', () => {
    expect(describeHealth({ kind: 'response', httpStatus: 200, body: { status: 'UP', groups: ['liveness'] } })).toEqual({
      tone: 'up',
      label: 'UP',
      message: 'The server is up and healthy.',
    });
  });

  it('reports DOWN with the HTTP status for a 503 answer', () => {
    const view = describeHealth({ kind: 'response', httpStatus: 503, body: { status: 'DOWN' } });
    expect(view.tone).toBe('down');
    expect(view.label).toBe('DOWN');
    expect(view.message).toContain('HTTP 503');
  });

  it('treats OUT_OF_SERVICE as down and makes the label readable', () => {
    const view = describeHealth({ kind: 'response', httpStatus: 503, body: { status: 'OUT_OF_SERVICE' } });
    expect(view.tone).toBe('down');
    expect(view.label).toBe('OUT OF SERVICE');
  });

  it('shows custom statuses as unknown', () => {
    const view = describeHealth({ kind: 'response', httpStatus: 200, body: { status: 'DEGRADED_MODE' } });
    expect(view).toMatchObject({ tone: 'unknown', label: 'DEGRADED MODE' });
  });

  it('handles a body without a status (e.g. an HTML error page from a proxy)', () => {
    const view = describeHealth({ kind: 'response', httpStatus: 502, body: null });
    expect(view).toMatchObject({ tone: 'unknown', label: 'UNKNOWN' });
    expect(view.message).toContain('HTTP 502');
  });

  it('reports network failures as unreachable with the reason', () => {
    const view = describeHealth({ kind: 'error', error: new TypeError('Failed to fetch') });
    expect(view).toMatchObject({ tone: 'unreachable', label: 'UNREACHABLE' });
    expect(view.message).toContain('Failed to fetch');
  });

  it('falls back to a generic reason for odd error values', () => {
    expect(describeHealth({ kind: 'error', error: undefined }).message).toContain('network error');
  });
});
