import sanitizeHtml from 'sanitize-html';

/**
 * Document HTML as the inbox may show it: tables and inline styles stay (approval documents are
 * laid out with them), scripts, event handlers, frames and javascript: URLs never get through.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'font',
    'span',
    'div',
    'u',
    's',
    'center',
    'colgroup',
    'col',
  ],
  disallowedTagsMode: 'discard',
  allowedAttributes: {
    '*': ['style', 'class', 'title', 'align', 'valign', 'width', 'height', 'lang', 'dir'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt'],
    td: ['colspan', 'rowspan', 'bgcolor'],
    th: ['colspan', 'rowspan', 'scope', 'bgcolor'],
    table: ['border', 'cellpadding', 'cellspacing', 'bgcolor', 'summary'],
    col: ['span'],
    colgroup: ['span'],
    font: ['color', 'size', 'face'],
    ol: ['start', 'type'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  transformTags: { '*': transformTag },
  // An image must name where it comes from: a relative src would make the reader's browser send a
  // request into this app on the document author's behalf.
  exclusiveFilter: (frame) =>
    frame.tag === 'img' && !/^(https?:\/\/|data:image\/)/i.test(frame.attribs.src ?? ''),
};

/** Inline styles may not fetch or run anything (url(), expression(), javascript:). */
const UNSAFE_STYLE = /url\s*\(|expression\s*\(|javascript:|@import|behavior\s*:/i;

function transformTag(tagName: string, attribs: sanitizeHtml.Attributes) {
  const next: sanitizeHtml.Attributes = { ...attribs };
  if (next.style && UNSAFE_STYLE.test(next.style)) delete next.style;
  // Links open outside the inbox and cannot reach back into it.
  if (tagName === 'a') Object.assign(next, { target: '_blank', rel: 'noopener noreferrer' });
  return { tagName, attribs: next };
}

export function sanitizeDocumentHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** Plain text shown as text: contentsType TEXT documents keep their line breaks. */
export function textToHtml(text: string): string {
  const escaped = text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
  return escaped.replace(/\r?\n/g, '<br />');
}
