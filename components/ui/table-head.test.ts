import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TableHead } from './table-head';

describe('TableHead', () => {
  it('pads the outer columns wider, keeps extra classes and skips a column not shown', () => {
    const html = renderToStaticMarkup(
      createElement(
        'table',
        null,
        createElement(TableHead, {
          columns: [{ label: '제목' }, false, { label: '점수', className: 'text-right' }, { label: '요청' }],
        }),
      ),
    );
    const headers = [...html.matchAll(/<th scope="col" class="([^"]+)">([^<]+)<\/th>/g)].map((m) => [
      m[2],
      m[1],
    ]);
    expect(headers).toEqual([
      ['제목', 'px-5 py-2.5'],
      ['점수', 'px-3 py-2.5 text-right'],
      ['요청', 'px-5 py-2.5'],
    ]);
  });
});
