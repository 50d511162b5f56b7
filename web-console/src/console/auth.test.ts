import { describe, expect, it } from 'vitest';
import { signOutTarget } from './auth.ts';

describe('signOutTarget', () => {
  it("follows the provider's end-session URL the server answered", () => {
    const url = 'https://idp.example.com/logout?id_token_hint=x&post_logout_redirect_uri=https%3A%2F%2Fapp%2Flogin';
    expect(signOutTarget({ data: { redirectUrl: url }, isSuccess: true })).toBe(url);
  });
  it('follows a path of this origin', () => {
    expect(signOutTarget({ data: { redirectUrl: '/login?organization=abc' } })).toBe('/login?organization=abc');
  });
  it('goes to the login page for anything else', () => {
    expect(signOutTarget(null)).toBe('/login');
    expect(signOutTarget({ data: {} })).toBe('/login');
    expect(signOutTarget({ data: { redirectUrl: 'javascript:alert(1)' } })).toBe('/login');
    expect(signOutTarget({ data: { redirectUrl: '//evil.example.com' } })).toBe('/login');
    expect(signOutTarget({ data: { redirectUrl: 42 } })).toBe('/login');
  });
});
