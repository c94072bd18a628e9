import { describe, expect, it } from 'vitest';
import { pageHref } from './filter-bar';

describe('pageHref', () => {
  it('keeps the filters that are set and names the page only past the first', () => {
    expect(pageHref('/vendors', { q: undefined, status: undefined }, 1)).toBe('/vendors');
    expect(pageHref('/vendors', { q: '한빛 전자', status: '' }, 1)).toBe(
      '/vendors?q=%ED%95%9C%EB%B9%9B+%EC%A0%84%EC%9E%90',
    );
    expect(pageHref('/approval/log', { status: '0', mine: '1' }, 3)).toBe(
      '/approval/log?status=0&mine=1&page=3',
    );
  });
});
