import { describe, expect, it } from 'vitest';
import { dispositionFileName } from './download.ts';

describe('dispositionFileName', () => {
  it('prefers the RFC 5987 name', () => {
    expect(dispositionFileName(`attachment; filename="Sales.pdf"; filename*=UTF-8''Ventes%20%C3%A9t%C3%A9.pdf`)).toBe('Ventes été.pdf');
  });
  it('reads the plain name, quoted or not', () => {
    expect(dispositionFileName('attachment; filename="a b.xlsx"')).toBe('a b.xlsx');
    expect(dispositionFileName('attachment; filename=report.zip')).toBe('report.zip');
  });
  it('answers null without a name', () => {
    expect(dispositionFileName(null)).toBeNull();
    expect(dispositionFileName('inline')).toBeNull();
  });
});
