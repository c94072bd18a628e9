import sanitizeHtml from 'sanitize-html';

/**
 * The approval document as sent to Knox, made safe to show inside our page: only layout and
 * text tags survive; no scripts, no event handlers, no javascript: or data: URLs, no styles that
 * could cover the page.
 */
export function sanitizeDocumentHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'h1', 'h2', 'img', 'colgroup', 'col', 'font', 'span'],
    allowedAttributes: {
      '*': ['class', 'title', 'align', 'colspan', 'rowspan', 'width', 'lang', 'dir'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      font: ['color', 'size'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }),
    },
  });
}
