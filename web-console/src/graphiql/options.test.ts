import { describe, expect, it } from 'vitest';
import { fetcherOptions } from './options.ts';

describe('GraphiQL fetcher options', () => {
  it('sends the token over HTTP and in connection_init, same origin', () => {
    const options = fetcherOptions({ protocol: 'https:', host: 'reports.example:8443' }, 'qk_abc');
    expect(options.url).toBe('https://reports.example:8443/graphql');
    expect(options.subscriptionUrl).toBe('wss://reports.example:8443/graphql');
    expect(options.headers).toEqual({ Authorization: 'Bearer qk_abc' });
    expect(options.wsConnectionParams).toEqual({ Authorization: 'Bearer qk_abc' });
  });

  it('sends no Authorization without a token', () => {
    expect(fetcherOptions({ protocol: 'http:', host: 'localhost' }, '').headers).toEqual({});
  });
});
