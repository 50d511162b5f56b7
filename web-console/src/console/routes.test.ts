import { describe, expect, it } from 'vitest';
import { isConsolePath, isServerPath, normalizePath, pageTitle, paths, safeNext, SECTIONS } from './routes.ts';

describe('normalizePath', () => {
  it('adds the leading slash, collapses duplicates and drops the trailing one', () => {
    expect(normalizePath('projects//a/')).toBe('/projects/a');
    expect(normalizePath('/')).toBe('/');
    expect(normalizePath('  /hub ')).toBe('/hub');
  });
});

describe('isConsolePath', () => {
  it('accepts the root and every section with what is below it', () => {
    expect(isConsolePath('/')).toBe(true);
    for (const section of SECTIONS) {
      expect(isConsolePath(`/${section}`)).toBe(true);
      expect(isConsolePath(`/${section}/abc/def`)).toBe(true);
    }
  });
  it('refuses server paths and unknown sections', () => {
    expect(isConsolePath('/api/v1/projects')).toBe(false);
    expect(isConsolePath('/graphql')).toBe(false);
    expect(isConsolePath('/projectsx')).toBe(false);
    expect(isConsolePath('/assets/main.js')).toBe(false);
  });
});

describe('isServerPath', () => {
  it('knows the server prefixes, whole segments only', () => {
    expect(isServerPath('/api/v1/login')).toBe(true);
    expect(isServerPath('/actuator')).toBe(true);
    expect(isServerPath('/graphiql')).toBe(true);
    expect(isServerPath('/v3/api-docs/x')).toBe(true);
    expect(isServerPath('/apiary')).toBe(false);
    expect(isServerPath('/projects')).toBe(false);
  });
});

describe('safeNext', () => {
  it('keeps a console path with its query', () => {
    expect(safeNext('/tasks/42?x=1')).toBe('/tasks/42?x=1');
  });
  it('never leaves the origin or loops back to the login page', () => {
    expect(safeNext('//evil.example/projects')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext('/api/v1/users')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('paths', () => {
  it('encodes ids into the path', () => {
    expect(paths.project('a b', 'tasks')).toBe('/projects/a%20b/tasks');
    expect(paths.report('r/1')).toBe('/reports/r%2F1');
    expect(paths.admin()).toBe('/admin');
  });
});

describe('pageTitle', () => {
  it('ends with the product name and skips blank parts', () => {
    expect(pageTitle('Projects')).toBe('Projects · Qalyptus OSS');
    expect(pageTitle('', 'Hub')).toBe('Hub · Qalyptus OSS');
  });
});
