import { describe, expect, it } from 'vitest';
import { readRequestTarget } from '../../../src/main/browser/request-target';

describe('request targets', () => {
  it('reads the origin form: the path decoded once, the query', () => {
    expect(readRequestTarget('/assets/a%20b.js?token=t')).toMatchObject({ path: '/assets/a b.js' });
    expect(readRequestTarget('/?token=t')?.query.get('token')).toBe('t');
    expect(readRequestTarget('/..%2f..%2fetc%2fpasswd')?.path).toBe('/../../etc/passwd');
  });

  it.each([
    ['a host new URL() cannot read', '//[::1'],
    ['a protocol-relative target', '//evil.example/x'],
    ['an absolute form', 'http://127.0.0.1/'],
    ['an asterisk form', '*'],
    ['a truncated UTF-8 escape', '/%E0%A4%A'],
    ['an escape that is no UTF-8', '/%ff%fe'],
    ['a NUL byte', '/index.html%00.js'],
    ['nothing', undefined],
  ])('refuses %s', (_what, target) => {
    expect(readRequestTarget(target)).toBeNull();
  });
});
