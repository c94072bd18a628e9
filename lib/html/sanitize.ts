import sanitizeHtml from 'sanitize-html';
import { ALLOWED_STYLES, filterStyle } from './css';

/**
 * The one allow-list for approval document HTML: what a template may hold when it is saved, what
 * goes to Knox (whose approvers read the document in their groupware) and what the portal and the
 * simulator show. Layout and text survive; scripts, frames, forms, images, event handlers, ids,
 * classes (a Tailwind class such as `fixed inset-0` covers the page), links other than
 * http/https/mailto, and any style outside ALLOWED_STYLES do not.
 */

const ALLOWED_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'div',
  'span',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'b',
  'i',
  'em',
  'strong',
  'u',
  's',
  'del',
  'ins',
  'sub',
  'sup',
  'small',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'a',
];

/** Elements removed together with everything inside them: their content is code or controls, not text. */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'template',
  'textarea',
  'select',
  'option',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'iframe',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'title',
  'head',
];

const COUNT = /^\d{1,3}$/;
const SIZE = /^\d{1,4}(\.\d{1,2})?(%|px)?$/;

/** Attributes each element may carry, with the whole value they may take. */
const ATTRIBUTE_VALUES: Readonly<Record<string, Readonly<Record<string, RegExp>>>> = {
  table: { border: COUNT, cellpadding: COUNT, cellspacing: COUNT, width: SIZE },
  th: {
    colspan: COUNT,
    rowspan: COUNT,
    scope: /^(row|col|rowgroup|colgroup)$/i,
    width: SIZE,
    height: SIZE,
    align: /^(left|right|center|justify)$/i,
    valign: /^(top|middle|bottom|baseline)$/i,
  },
  td: {
    colspan: COUNT,
    rowspan: COUNT,
    width: SIZE,
    height: SIZE,
    align: /^(left|right|center|justify)$/i,
    valign: /^(top|middle|bottom|baseline)$/i,
  },
  col: { span: COUNT, width: SIZE },
  colgroup: { span: COUNT, width: SIZE },
  ol: { start: COUNT },
};

/** Browsers ignore whitespace and control characters inside a URL's scheme ("java\tscript:"). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const urlForCheck = (href: string) => href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
const SAFE_LINK = /^(https?:\/\/[^/\\]|mailto:)/;

type Removals = Map<string, number>;
const note = (removed: Removals, what: string) => removed.set(what, (removed.get(what) ?? 0) + 1);
const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

function linkRefusal(href: string): string {
  const scheme = urlForCheck(href).match(/^([a-z][a-z0-9+.-]*):/)?.[1];
  return scheme ? `${scheme}: 링크 제거` : `링크 주소 "${shorten(href)}" 제거`;
}

/** The attributes that stay on an allowed element, each refusal noted in `removed`. */
function allowedAttributes(tag: string, attribs: sanitizeHtml.Attributes, removed: Removals) {
  const kept: sanitizeHtml.Attributes = {};
  const values = ATTRIBUTE_VALUES[tag] ?? {};
  for (const [name, value] of Object.entries(attribs)) {
    if (name === 'style') {
      const verdict = filterStyle(value);
      for (const refused of verdict.refused) note(removed, `${shorten(refused)} 제거`);
      if (verdict.style) kept.style = verdict.style;
    } else if (tag === 'a' && name === 'href') {
      if (SAFE_LINK.test(urlForCheck(value))) kept.href = value.trim();
      else note(removed, linkRefusal(value));
    } else if (tag === 'a' && (name === 'target' || name === 'rel')) {
      // Set below for every link; whatever the author wrote is replaced, not a removal.
    } else if (Object.hasOwn(values, name)) {
      if (values[name]!.test(value.trim())) kept[name] = value.trim();
      else note(removed, `${name}="${shorten(value)}" 제거`);
    } else {
      note(removed, `${name} 속성 제거`);
    }
  }
  // A link opens outside the page and cannot reach back into it (window.opener).
  if (tag === 'a' && kept.href) Object.assign(kept, { target: '_blank', rel: 'noopener noreferrer' });
  return kept;
}

function options(removed: Removals): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    selfClosing: [...sanitizeHtml.defaults.selfClosing, 'col'],
    // sanitize-html applies the same lists again after the transform below: a second net.
    allowedAttributes: {
      '*': ['style'],
      a: ['href', 'target', 'rel'],
      ...Object.fromEntries(
        Object.entries(ATTRIBUTE_VALUES).map(([tag, values]) => [tag, Object.keys(values)]),
      ),
    },
    allowedStyles: {
      '*': Object.fromEntries(Object.entries(ALLOWED_STYLES).map(([name, re]) => [name, [re]])),
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    transformTags: {
      '*': (tagName, attribs) => {
        if (!ALLOWED_TAGS.includes(tagName)) {
          note(removed, `<${tagName}> 제거`);
          return { tagName, attribs: {} };
        }
        return { tagName, attribs: allowedAttributes(tagName, attribs, removed) };
      },
    },
  };
}

export interface SanitizedDocument {
  html: string;
  /** What was taken out, in Korean for the admin (e.g. `<script> 제거`, `onerror 속성 제거 (2곳)`). */
  removed: string[];
}

/** The document under the allow-list, with a list of what did not pass. */
export function sanitizeDocument(html: string): SanitizedDocument {
  const removed: Removals = new Map();
  const clean = sanitizeHtml(html, options(removed));
  return {
    html: clean,
    removed: [...removed].map(([what, count]) => (count > 1 ? `${what} (${count}곳)` : what)),
  };
}

/** The document as it may be sent to Knox or shown in a page. */
export function sanitizeDocumentHtml(html: string): string {
  return sanitizeDocument(html).html;
}
