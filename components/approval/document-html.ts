import sanitizeHtml from 'sanitize-html';

const COLOR = /^(#[0-9a-f]{3,8}|[a-z]+|rgba?\([\d\s.,%]+\))$/i;
const LENGTH = /^\d+(\.\d+)?(px|em|rem|%|pt)?$/;
const LENGTHS = /^(\d+(\.\d+)?(px|em|rem|%|pt)?\s*){1,4}$/;
const BORDER = /^(\d+(\.\d+)?px\s+)?(solid|dashed|dotted|none)(\s+(#[0-9a-f]{3,8}|[a-z]+))?$/i;

/**
 * The approval document as sent to Knox, made safe to show inside our page: only layout and
 * text tags survive; no scripts, no event handlers, no javascript: or data: URLs, no styles that
 * could cover the page, and no images: a document must not make the reader's browser fetch anything.
 */
export function sanitizeDocumentHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'h1', 'h2', 'colgroup', 'col', 'font', 'span'],
    allowedAttributes: {
      '*': ['class', 'title', 'align', 'colspan', 'rowspan', 'width', 'lang', 'dir', 'style'],
      a: ['href', 'name', 'target', 'rel'],
      font: ['color', 'size'],
    },
    // Layout styles only; nothing that positions, hides or loads anything (no url(), no position).
    allowedStyles: {
      '*': {
        color: [COLOR],
        'background-color': [COLOR],
        background: [COLOR],
        'text-align': [/^(left|right|center|justify)$/],
        'vertical-align': [/^(top|middle|bottom|baseline)$/],
        'font-weight': [/^(normal|bold|[1-9]00)$/],
        'font-size': [LENGTH],
        width: [LENGTH],
        'min-width': [LENGTH],
        padding: [LENGTHS],
        margin: [LENGTHS],
        border: [BORDER],
        'border-top': [BORDER],
        'border-bottom': [BORDER],
        'border-collapse': [/^(collapse|separate)$/],
        'white-space': [/^(normal|nowrap|pre-wrap|pre-line)$/],
      },
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }),
    },
  });
}
