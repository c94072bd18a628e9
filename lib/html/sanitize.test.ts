import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { APPROVAL_TEMPLATE_SEEDS } from '@/db/seed/templates';
import {
  htmlDescriptionList,
  htmlListConverter,
  htmlTableConverter,
  replaceTemplateVariables,
} from '@/lib/approval/document/template-utils';
import { findScriptVectors } from '@/tests/reliability/html-safety';
import { XSS_PAYLOADS } from '@/tests/reliability/xss-payloads';
import { normaliseCss } from './css';
import { sanitizeDocument, sanitizeDocumentHtml } from './sanitize';

describe('sanitizeDocument keeps what approval documents need', () => {
  it('leaves a document made only of allowed markup exactly as it is', () => {
    const html = [
      '<h1>제목</h1><h2 style="text-align:center;letter-spacing:2px">부제</h2><h3>항목</h3>',
      '<p style="color:#1f2937;font-size:13px;line-height:1.7">본문 <strong>굵게</strong> <em>기울임</em> <u>밑줄</u> <s>취소</s> H<sub>2</sub>O x<sup>2</sup><br />다음 줄</p>',
      '<table border="1" style="width:100%;border-collapse:collapse"><caption>평가</caption>',
      '<colgroup><col span="2" style="width:30%" /></colgroup>',
      '<thead><tr><th colspan="2" scope="col" style="background:#f3f4f6;border:1px solid #d1d5db;padding:6px;text-align:left;font-weight:600">항목</th></tr></thead>',
      '<tbody><tr><td rowspan="2" style="vertical-align:top;border-bottom:1px dashed rgb(209, 213, 219)">a</td><td style="white-space:nowrap;background-color:rgba(0,0,0,0.1)">b</td></tr></tbody>',
      '<tfoot><tr><td colspan="2" style="text-decoration:underline;font-style:italic">합계</td></tr></tfoot></table>',
      '<ul style="margin:4px 0 12px;padding-left:22px"><li>하나</li></ul><ol><li>둘</li></ol>',
      '<blockquote>인용</blockquote><hr /><div style="font-family:\'Malgun Gothic\',\'Apple SD Gothic Neo\',sans-serif;max-width:820px"><span style="color:red">빨강</span></div>',
      '<a href="https://example.com/a" target="_blank" rel="noopener noreferrer">참고</a>',
    ].join('');
    expect(sanitizeDocument(html)).toEqual({ html, removed: [] });
  });

  it('keeps colspan, rowspan and text-align', () => {
    expect(sanitizeDocumentHtml('<td colspan="3" rowspan="2" style="text-align: center">x</td>')).toBe(
      '<td colspan="3" rowspan="2" style="text-align:center">x</td>',
    );
  });

  it.each(APPROVAL_TEMPLATE_SEEDS.map((seed) => [seed.name, seed.content]))(
    'passes the seeded template "%s" with nothing removed',
    (_name, content) => {
      const { html, removed } = sanitizeDocument(content);
      expect(removed).toEqual([]);
      expect(html).toContain('{{협력업체명}}');
      expect(html).toContain('border:1px solid #d1d5db');
    },
  );
});

/** The text a reader sees (entities decoded). */
function textOf(html: string): string {
  let text = '';
  const parser = new Parser(
    {
      ontext(chunk) {
        text += chunk;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return text;
}

describe('documents as the engine renders them', () => {
  it('keeps the HTML helpers’ tables and lists exactly (their styles are all allowed)', () => {
    const parts = [
      htmlTableConverter(
        [{ a: '1', b: 2 }],
        [
          { key: 'a', label: 'A' },
          { key: 'b', label: 'B' },
        ],
      ),
      htmlTableConverter([], [{ key: 'a' as never, label: 'A' }]),
      htmlDescriptionList([{ label: '업체명', value: '(주)한빛정밀' }]),
      htmlListConverter(['하나', '둘'], false),
      htmlListConverter(['하나'], true),
    ];
    for (const part of parts)
      expect(sanitizeDocument(part.toString())).toEqual({ html: part.toString(), removed: [] });
  });

  it('keeps every value a user typed as text, payloads included', () => {
    const seed = APPROVAL_TEMPLATE_SEEDS.find((template) => template.name === '협력업체 거래정지')!;
    const lost = XSS_PAYLOADS.map((payload) => payload.replaceAll('\0', '')).filter((payload) => {
      const { html } = replaceTemplateVariables(seed.content, { 정지사유: payload, 업체정보: payload });
      return !textOf(sanitizeDocumentHtml(html)).includes(payload);
    });
    expect(lost).toEqual([]);
  });
});

describe('sanitizeDocument removes and reports, in Korean', () => {
  it.each([
    ['<script>alert(1)</script><p>본문</p>', '<p>본문</p>', ['<script> 제거']],
    ['<p onerror="alert(1)" onclick="x()">a</p>', '<p>a</p>', ['onerror 속성 제거', 'onclick 속성 제거']],
    ['<div class="fixed inset-0 z-50">덮기</div>', '<div>덮기</div>', ['class 속성 제거']],
    ['<p id="main" title="t">a</p>', '<p>a</p>', ['id 속성 제거', 'title 속성 제거']],
    [
      '<div style="position:fixed;inset:0;color:red">덮기</div>',
      '<div style="color:red">덮기</div>',
      ['position:fixed 제거', 'inset:0 제거'],
    ],
    [
      '<p style="background:u\\72l(https://evil.example/x)">a</p>',
      '<p>a</p>',
      ['background:url(https://evil.example/x) 제거'],
    ],
    ['<p style="background:u/**/rl(x)">a</p>', '<p>a</p>', ['background:url(x) 제거']],
    ['<p style="posit\\69on:fixed">a</p>', '<p>a</p>', ['position:fixed 제거']],
    ['<p style="pos/* */ition:absolute">a</p>', '<p>a</p>', ['position:absolute 제거']],
    ['<p style="width:expression(alert(1))">a</p>', '<p>a</p>', ['width:expression(alert(1)) 제거']],
    ['<p style="behavior:url(x.htc)">a</p>', '<p>a</p>', ['behavior:url(x.htc) 제거']],
    ['<p style="-moz-binding:url(x.xml#x)">a</p>', '<p>a</p>', ['-moz-binding:url(x.xml#x) 제거']],
    ['<p style="@import \'x.css\';color:red">a</p>', '<p style="color:red">a</p>', ["@import 'x.css' 제거"]],
    ['<p style="color:red !important">a</p>', '<p>a</p>', ['color:red !important 제거']],
    ['<p style="margin:-999px">a</p>', '<p>a</p>', ['margin:-999px 제거']],
    ['<a href="javascript:alert(1)">링크</a>', '<a>링크</a>', ['javascript: 링크 제거']],
    ['<a href="jav&#x09;ascript:alert(1)">링크</a>', '<a>링크</a>', ['javascript: 링크 제거']],
    ['<a href="data:text/html,x">링크</a>', '<a>링크</a>', ['data: 링크 제거']],
    ['<a href="/admin/system">링크</a>', '<a>링크</a>', ['링크 주소 "/admin/system" 제거']],
    ['<iframe src="https://evil.example"></iframe><p>x</p>', '<p>x</p>', ['<iframe> 제거']],
    ['<style>body{display:none}</style><p>x</p>', '<p>x</p>', ['<style> 제거']],
    ['<img src="https://example.com/a.png">', '', ['<img> 제거']],
    ['<svg><script>alert(1)</script></svg>', '', ['<svg> 제거']],
    ['<math><mi>x</mi></math>', '', ['<math> 제거']],
    ['<object data="x"></object><embed src="x">', '', ['<object> 제거', '<embed> 제거']],
    [
      '<form action="https://evil.example"><input name="x">보내기</form>',
      '보내기',
      ['<form> 제거', '<input> 제거'],
    ],
    ['<td colspan="2;x" rowspan="1">a</td>', '<td rowspan="1">a</td>', ['colspan="2;x" 제거']],
  ])('%s', (input, html, removed) => {
    expect(sanitizeDocument(input)).toEqual({ html, removed });
  });

  it('counts repeated removals once with the number of places', () => {
    expect(sanitizeDocument('<p class="a">1</p><p class="b">2</p><script></script>').removed).toEqual([
      'class 속성 제거 (2곳)',
      '<script> 제거',
    ]);
  });

  it('replaces an author’s link target so a link cannot reach back into the page', () => {
    expect(sanitizeDocumentHtml('<a href="https://example.com" target="_self" rel="opener">a</a>')).toBe(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">a</a>',
    );
  });
});

describe('normaliseCss', () => {
  it('decodes escapes and drops comments the way a CSS tokenizer reads them', () => {
    expect(normaliseCss('u\\72l(x)')).toBe('url(x)');
    expect(normaliseCss('u\\000072 l(x)')).toBe('url(x)');
    expect(normaliseCss('\\75\\72\\6c(x)')).toBe('url(x)');
    expect(normaliseCss('u/**/rl(x)')).toBe('url(x)');
    expect(normaliseCss('u/* unterminated')).toBe('u');
    expect(normaliseCss('\\0 x')).toBe('\ufffdx');
    expect(normaliseCss('co\\lor:red')).toBe('color:red');
  });
});

describe('XSS payloads through the sanitizer', () => {
  const contexts = (payload: string) => [
    payload,
    `<p>${payload}</p>`,
    `<td title="${payload}">x</td>`,
    `<a href="${payload}">x</a>`,
    `<div style="${payload}">x</div>`,
    `<table><tr><td>${payload}</td></tr></table>`,
  ];

  it('leaves nothing that could run, whatever the context', () => {
    const failures: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      for (const input of contexts(payload)) {
        const out = sanitizeDocumentHtml(input);
        const found = findScriptVectors(out);
        if (found.length > 0) failures.push(`${input} → ${out}: ${found.map((v) => v.detail).join(', ')}`);
        // Nothing that loads or runs survives even as an element the checker does not list.
        if (/<(img|svg|math|iframe|object|embed|style|script|form|input|base|link|meta)\b/i.test(out)) {
          failures.push(`${input} → ${out}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('is stable: sanitizing its own output changes nothing and removes nothing', () => {
    const unstable: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      for (const input of contexts(payload)) {
        const once = sanitizeDocumentHtml(input);
        const twice = sanitizeDocument(once);
        if (twice.html !== once || twice.removed.length > 0)
          unstable.push(`${input}: ${once} → ${twice.html}`);
      }
    }
    expect(unstable).toEqual([]);
  });

  it('reports a removal for every payload that carries markup of its own', () => {
    const script = XSS_PAYLOADS.filter((payload) => findScriptVectors(`<p>${payload}</p>`).length > 0);
    expect(script.length).toBeGreaterThan(80);
    const silent = script.filter((payload) => sanitizeDocument(`<p>${payload}</p>`).removed.length === 0);
    expect(silent).toEqual([]);
  });
});
