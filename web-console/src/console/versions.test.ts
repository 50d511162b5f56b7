import { describe, expect, it } from 'vitest';
import { latestVersion } from './versions.ts';

describe('latestVersion', () => {
  it('takes the version a save answered until the page has read it again', () => {
    expect(latestVersion(3, 4)).toBe(4);
  });
  it('takes the version read when it is newer (someone saved since)', () => {
    expect(latestVersion(6, 4)).toBe(6);
  });
  it('takes whichever is known', () => {
    expect(latestVersion(null, 2)).toBe(2);
    expect(latestVersion(5, null)).toBe(5);
    expect(latestVersion(null, null)).toBeNull();
  });
});
