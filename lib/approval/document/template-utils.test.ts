import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  htmlDescriptionList,
  htmlListConverter,
  htmlTableConverter,
  isSafeHtml,
  replaceTemplateVariables,
} from './template-utils';

describe('replaceTemplateVariables', () => {
  it('fills Korean placeholders, tolerating spaces inside the braces', () => {
    const { html, unreplaced } = replaceTemplateVariables(
      '<p>{{협력업체명}} / {{ QM담당자 }} / {{요청_일자}}</p>',
      {
        협력업체명: '(주)한빛정밀',
        QM담당자: '이품질',
        요청_일자: '2026-11-21',
      },
    );
    expect(html).toBe('<p>(주)한빛정밀 / 이품질 / 2026-11-21</p>');
    expect(unreplaced).toEqual([]);
  });

  it('escapes plain values so typed text can never become markup', () => {
    const { html } = replaceTemplateVariables('<td>{{사유}}</td>', {
      사유: '<script>alert("x")</script> & \'quote\'',
    });
    expect(html).toBe('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;</td>');
  });

  it('inserts SafeHtml from the helpers as is', () => {
    const list = htmlListConverter(['a']);
    const { html } = replaceTemplateVariables('{{목록}}', { 목록: list });
    expect(html).toBe(list.html);
    expect(html).toContain('<ul');
  });

  it('does not treat a look-alike object as SafeHtml', () => {
    const forged = JSON.parse('{"html":"<b>x</b>"}');
    expect(isSafeHtml(forged)).toBe(false);
    const { html } = replaceTemplateVariables('{{v}}', { v: forged });
    expect(html).not.toContain('<b>');
  });

  it('leaves unknown placeholders in place and reports each once', () => {
    const { html, unreplaced } = replaceTemplateVariables('{{있음}} {{없음}} {{ 없음 }} {{또없음}}', {
      있음: 1,
    });
    expect(html).toBe('1 {{없음}} {{ 없음 }} {{또없음}}');
    expect(unreplaced).toEqual(['없음', '또없음']);
  });

  it('formats numbers, booleans, dates (KST) and empty values', () => {
    const { html } = replaceTemplateVariables('{{n}}|{{b}}|{{d}}|{{e}}', {
      n: 1234567,
      b: true,
      d: new Date('2026-11-20T16:30:00Z'),
      e: null,
    });
    expect(html).toBe('1,234,567|예|2026-11-21|');
  });

  it('does not read inherited properties as values', () => {
    const { unreplaced } = replaceTemplateVariables('{{toString}}', {});
    expect(unreplaced).toEqual(['toString']);
  });
});

describe('HTML helpers', () => {
  it('htmlTableConverter escapes labels and cells, with inline styles', () => {
    const table = htmlTableConverter(
      [{ name: '<b>굵게</b>', score: 82 }],
      [
        { key: 'name', label: '이름 & 구분' },
        { key: 'score', label: '점수' },
      ],
    );
    expect(isSafeHtml(table)).toBe(true);
    expect(table.html).toContain('&lt;b&gt;굵게&lt;/b&gt;');
    expect(table.html).toContain('이름 &amp; 구분');
    expect(table.html).toContain('<td style="');
    expect(table.html).not.toContain('<b>');
  });

  it('htmlTableConverter says so when there are no rows', () => {
    expect(htmlTableConverter([], [{ key: 'a', label: 'A' }] as never).html).toContain('내역 없음');
  });

  it('htmlTableConverter keeps SafeHtml cells and escapes formatted ones', () => {
    const inner = htmlListConverter(['x']);
    const table = htmlTableConverter(
      [{ a: inner, b: 'y' }],
      [
        { key: 'a', label: 'A' },
        { key: 'b', label: 'B', format: (value) => `<${String(value)}>` },
      ],
    );
    expect(table.html).toContain(inner.html);
    expect(table.html).toContain('&lt;y&gt;');
  });

  it('htmlDescriptionList escapes labels and values', () => {
    const dl = htmlDescriptionList([{ label: '<대표자>', value: '"한"' }]);
    expect(dl.html).toContain('&lt;대표자&gt;');
    expect(dl.html).toContain('&quot;한&quot;');
  });

  it('htmlListConverter builds ul or ol with escaped items', () => {
    expect(htmlListConverter(['<a>'], false).html).toMatch(/^<ul[^>]*><li[^>]*>&lt;a&gt;<\/li><\/ul>$/);
    expect(htmlListConverter(['1', '2'], true).html).toMatch(/^<ol/);
  });

  it('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
