import { Parser } from 'htmlparser2';

/** Attributes whose value a browser loads or navigates to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'background',
  'dynsrc',
  'lowsrc',
  'poster',
  'xlink:href',
  'srcset',
  'codebase',
  'cite',
  'longdesc',
  'usemap',
  'profile',
  'manifest',
  'ping',
]);

/** Elements that run or load script whatever their attributes. */
const SCRIPT_ELEMENTS = new Set(['script']);
const ACTIVE_ELEMENTS = new Set(['iframe', 'frame', 'object', 'embed', 'applet', 'base', 'meta', 'link']);

// Browsers drop ASCII whitespace and control characters inside a URL's scheme ("java\tscript:").
const normaliseUrl = (value: string) =>
  value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    .toLowerCase();

const STYLE_SCRIPT = /expression\(|javascript:|@import|behavior:|-moz-binding/;

const RAW_TEXT_ELEMENTS = new Set(['style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe']);

// Quotes and backticks around a URL are stripped too: old engines accepted `javascript:…`.
const DANGEROUS_SCHEME =
  /^[`'"]*(javascript|vbscript|livescript|data:text\/html|data:image\/svg|data:application)/;

export interface HtmlViolation {
  kind: 'script-element' | 'event-handler' | 'dangerous-url' | 'active-element' | 'style-script';
  element: string;
  detail: string;
}

/**
 * Parses HTML as a browser-grade tokenizer does (htmlparser2, entities decoded) and lists everything
 * that could run script: a <script> element, an on* attribute, a javascript:/vbscript:/data-HTML
 * URL in a URL attribute, an iframe/object/embed/base/meta/link element, a style that calls
 * expression() or a javascript: URL.
 */
export function findScriptVectors(html: string, depth = 0): HtmlViolation[] {
  const violations: HtmlViolation[] = [];
  // Text inside raw-text elements is re-parsed as markup: in foreign content (<svg>, <math>) a
  // browser parses it as elements after all, which is how mutation-XSS payloads get through.
  let rawText: { element: string; text: string } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const element = name.toLowerCase();
        if (RAW_TEXT_ELEMENTS.has(element)) rawText = { element, text: '' };
        if (SCRIPT_ELEMENTS.has(element)) {
          violations.push({ kind: 'script-element', element, detail: `<${element}>` });
        }
        if (ACTIVE_ELEMENTS.has(element)) {
          violations.push({ kind: 'active-element', element, detail: `<${element}>` });
        }
        for (const [rawName, value] of Object.entries(attributes)) {
          const attribute = rawName.toLowerCase();
          if (attribute.startsWith('on')) {
            violations.push({ kind: 'event-handler', element, detail: `${attribute}="${value}"` });
          }
          if (attribute === 'srcdoc') {
            violations.push({ kind: 'active-element', element, detail: `srcdoc="${value}"` });
          }
          if (URL_ATTRIBUTES.has(attribute) && DANGEROUS_SCHEME.test(normaliseUrl(value))) {
            violations.push({ kind: 'dangerous-url', element, detail: `${attribute}="${value}"` });
          }
          if (attribute === 'style' && STYLE_SCRIPT.test(normaliseUrl(value))) {
            violations.push({ kind: 'style-script', element, detail: `style="${value}"` });
          }
        }
      },
      ontext(text) {
        if (rawText) rawText.text += text;
      },
      onclosetag(name) {
        const element = name.toLowerCase();
        if (!rawText || rawText.element !== element) return;
        const { text } = rawText;
        rawText = null;
        if (element === 'style' && STYLE_SCRIPT.test(normaliseUrl(text))) {
          violations.push({ kind: 'style-script', element, detail: text.slice(0, 80) });
        }
        if (depth < 3) violations.push(...findScriptVectors(text, depth + 1));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return violations;
}
