import { describe, expect, it } from 'vitest';
import { sanitizeDocumentHtml } from './document-html';

describe('sanitizeDocumentHtml', () => {
  it('keeps the document layout and its safe styles', () => {
    const html =
      '<h2>정규업체 등록</h2><table style="width:100%;border-collapse:collapse"><tr><th style="background:#f3f4f6;border:1px solid #d1d5db;padding:6px">업체명</th><td>(주)한빛정밀</td></tr></table>';
    const out = sanitizeDocumentHtml(html);
    expect(out).toContain('<h2>정규업체 등록</h2>');
    expect(out).toContain('border-collapse:collapse');
    expect(out).toContain('background:#f3f4f6');
    expect(out).toContain('<td>(주)한빛정밀</td>');
  });

  it.each([
    ['<script>alert(1)</script><p>본문</p>', '<script'],
    ['<img src="x" onerror="alert(1)">', 'onerror'],
    ['<a href="javascript:alert(1)">링크</a>', 'javascript:'],
    ['<a href="JaVaScRiPt&#58;alert(1)">링크</a>', 'alert'],
    ['<p style="background:url(javascript:alert(1))">x</p>', 'url('],
    ['<div style="position:fixed;top:0">덮기</div>', 'position'],
    ['<iframe src="https://evil.example"></iframe>', '<iframe'],
    ['<svg><script>alert(1)</script></svg>', 'script'],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', 'data:'],
    ['<form action="https://evil.example"><input name="x"></form>', '<form'],
  ])('removes dangerous markup from %s', (input, forbidden) => {
    expect(sanitizeDocumentHtml(input).toLowerCase()).not.toContain(forbidden.toLowerCase());
  });

  it('opens links in a new tab without handing over the window', () => {
    expect(sanitizeDocumentHtml('<a href="https://example.com">참고</a>')).toBe(
      '<a href="https://example.com" rel="noopener noreferrer" target="_blank">참고</a>',
    );
  });
});
