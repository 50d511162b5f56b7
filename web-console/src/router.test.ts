import { describe, expect, it } from 'vitest';
import { APP_NAME, isServerPath, normalizePath, resolveRoute } from './router.ts';

describe('normalizePath', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['//', '/'],
    ['reports', '/reports'],
    ['/reports/', '/reports'],
    ['//reports///tasks//', '/reports/tasks'],
    ['  /reports  ', '/reports'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });
});

describe('resolveRoute', () => {
  it('maps the root to the home view with the product title', () => {
    expect(resolveRoute('/')).toEqual({ view: 'home', path: '/', title: APP_NAME });
  });

  it('treats /index.html as the root', () => {
    expect(resolveRoute('/index.html')).toEqual({ view: 'home', path: '/', title: APP_NAME });
  });

  it('tolerates duplicate and trailing slashes', () => {
    expect(resolveRoute('//').view).toBe('home');
  });

  it('sends unknown paths to the not-found view and keeps the normalised path', () => {
    const route = resolveRoute('/reports/42/');
    expect(route.view).toBe('not-found');
    expect(route.path).toBe('/reports/42');
    expect(route.title).toContain(APP_NAME);
  });
});

describe('isServerPath', () => {
  it.each(['/api', '/api/v1/openapi.json', '/actuator/health', '/graphql', '/graphiql', '//api//v1'])(
    '%j belongs to the server',
    (path) => {
      expect(isServerPath(path)).toBe(true);
    },
  );

  it.each(['/', '/apis', '/reports', '/graphqlx', '/actuators'])('%j belongs to the console', (path) => {
    expect(isServerPath(path)).toBe(false);
  });
});
