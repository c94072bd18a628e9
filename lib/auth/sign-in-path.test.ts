import { describe, expect, it } from 'vitest';
import { REQUEST_PATH_HEADER } from '@/lib/http/request-path';
import { signInPathFor } from './sign-in-path';

const APP_URL = 'http://localhost:3000';
const headersWith = (path?: string) => new Headers(path === undefined ? {} : { [REQUEST_PATH_HEADER]: path });

describe('signInPathFor', () => {
  it('carries the requested page as next', () => {
    expect(signInPathFor(headersWith('/vendors/4'), APP_URL)).toBe('/sign-in?next=%2Fvendors%2F4');
    expect(signInPathFor(headersWith('/vendors?q=a&b=1'), APP_URL)).toBe(
      '/sign-in?next=%2Fvendors%3Fq%3Da%26b%3D1',
    );
  });

  it("leaves out Next's _rsc parameter and the fragment", () => {
    expect(signInPathFor(headersWith('/vendors/4?_rsc=abc'), APP_URL)).toBe('/sign-in?next=%2Fvendors%2F4');
    expect(signInPathFor(headersWith('/vendors?q=1&_rsc=abc'), APP_URL)).toBe(
      '/sign-in?next=%2Fvendors%3Fq%3D1',
    );
  });

  it('is plain /sign-in without a path, for the home page, or for a path that would leave the portal', () => {
    expect(signInPathFor(headersWith(), APP_URL)).toBe('/sign-in');
    expect(signInPathFor(headersWith('/'), APP_URL)).toBe('/sign-in');
    expect(signInPathFor(headersWith('//evil.example'), APP_URL)).toBe('/sign-in');
    expect(signInPathFor(headersWith('/sign-in'), APP_URL)).toBe('/sign-in');
  });
});
