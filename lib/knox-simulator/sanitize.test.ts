import { describe, expect, it } from 'vitest';
import { sanitizeDocumentHtml, textToHtml } from './sanitize';

describe('sanitizeDocumentHtml (the inbox view)', () => {
  it('keeps tables, spans and inline styles of an approval document', () => {
    const html =
      '<table style="width:100%;border:1px solid #ccc"><tr><th scope="row">업체</th><td colspan="2" style="color:#b91c1c">(주)한빛정밀</td></tr></table>';
    expect(sanitizeDocumentHtml(html)).toBe(html);
  });

  it.each([
    ['<p>a</p><script>alert(1)</script>', '<p>a</p>'],
    ['<td onclick="steal()">x</td>', '<td>x</td>'],
    ['<p onmouseover="x()" style="color:red">x</p>', '<p style="color:red">x</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<iframe src="https://evil.example"></iframe>', ''],
    ['<img src="x" onerror="alert(1)">', ''],
    ['<img src="/api/poll">', ''],
    // No image at all: opening a document must not make the approver's browser fetch anything.
    ['<img src="https://tracker.example/pixel.png">', ''],
    ['<svg onload="alert(1)"><circle /></svg>', ''],
    ['<div style="background:url(javascript:alert(1))">s</div>', '<div>s</div>'],
    ['<div style="background:u\\72l(https://evil.example/x)">s</div>', '<div>s</div>'],
    ['<div class="fixed inset-0 z-50" style="position:fixed;inset:0">s</div>', '<div>s</div>'],
    ['<style>body{display:none}</style><p>x</p>', '<p>x</p>'],
    ['<form action="/x"><input name="a"></form>', ''],
  ])('removes what could run, reach out or cover the inbox: %s', (input, expected) => {
    expect(sanitizeDocumentHtml(input)).toBe(expected);
  });

  it('keeps safe links, opening them outside the inbox', () => {
    expect(sanitizeDocumentHtml('<a href="https://example.com/a">a</a>')).toBe(
      '<a href="https://example.com/a" target="_blank" rel="noopener noreferrer">a</a>',
    );
  });
});

describe('textToHtml', () => {
  it('escapes markup and keeps line breaks', () => {
    expect(textToHtml('a <b>\nb')).toBe('a &lt;b&gt;<br />b');
  });
});
