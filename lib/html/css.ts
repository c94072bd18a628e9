/**
 * Inline-style allow-list for approval documents: each property a document needs, with the one
 * value shape it may take. A value that does not match in full is dropped, so nothing that
 * positions, hides, loads or runs anything (position, url(), expression(), behavior,
 * -moz-binding, @import) can get through, however it is spelled.
 */

const NUMBER = String.raw`(?:\d{1,4}(?:\.\d{1,3})?|\.\d{1,3})`;
const LENGTH = `(?:0|${NUMBER}(?:px|pt|em|rem|%|mm|cm))`;
const SIGNED_LENGTH = `(?:0|-?${NUMBER}(?:px|pt|em|rem|%|mm|cm))`;
const COLOR = String.raw`(?:#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|rgba?\(\s*${NUMBER}%?(?:\s*,\s*${NUMBER}%?){2,3}\s*\)|[a-z]{3,20})`;
const BORDER_TOKEN = `(?:${LENGTH}|thin|medium|thick|none|hidden|solid|dashed|dotted|double|groove|ridge|inset|outset|${COLOR})`;
const FAMILY = String.raw`(?:'[\w 가-힣-]{1,40}'|"[\w 가-힣-]{1,40}"|[\w가-힣-]{1,40}(?: [\w가-힣-]{1,40}){0,4})`;

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'i');
const upTo = (count: number, token: string) => whole(`${token}(?:\\s+${token}){0,${count - 1}}`);

const box = upTo(4, `(?:${LENGTH}|auto)`);
const padding = upTo(4, LENGTH);
const side = whole(`${LENGTH}|auto`);
const border = upTo(3, BORDER_TOKEN);
const size = whole(`${LENGTH}|auto`);
const color = whole(COLOR);

export const ALLOWED_STYLES: Readonly<Record<string, RegExp>> = Object.freeze({
  'text-align': whole('left|right|center|justify|start|end'),
  'vertical-align': whole('top|middle|bottom|baseline|text-top|text-bottom|sub|super'),
  width: size,
  height: size,
  'min-width': size,
  'max-width': size,
  'min-height': size,
  border,
  'border-top': border,
  'border-right': border,
  'border-bottom': border,
  'border-left': border,
  'border-width': upTo(4, `(?:${LENGTH}|thin|medium|thick)`),
  'border-style': upTo(4, '(?:none|hidden|solid|dashed|dotted|double|groove|ridge|inset|outset)'),
  'border-color': upTo(4, COLOR),
  'border-collapse': whole('collapse|separate'),
  'border-spacing': upTo(2, LENGTH),
  padding,
  'padding-top': whole(LENGTH),
  'padding-right': whole(LENGTH),
  'padding-bottom': whole(LENGTH),
  'padding-left': whole(LENGTH),
  // No negative margins: a document must not reach over the page around it.
  margin: box,
  'margin-top': side,
  'margin-right': side,
  'margin-bottom': side,
  'margin-left': side,
  color,
  'background-color': color,
  // Only a colour: the shorthand is how url() usually sneaks in.
  background: color,
  'font-weight': whole('normal|bold|bolder|lighter|[1-9]00'),
  'font-style': whole('normal|italic|oblique'),
  'font-size': whole(`${LENGTH}|xx-small|x-small|small|medium|large|x-large|xx-large|smaller|larger`),
  'font-family': whole(`${FAMILY}(?:\\s*,\\s*${FAMILY}){0,7}`),
  'line-height': whole(`normal|${NUMBER}|${LENGTH}`),
  'letter-spacing': whole(`normal|${SIGNED_LENGTH}`),
  'text-decoration': upTo(3, '(?:none|underline|overline|line-through)'),
  'white-space': whole('normal|nowrap|pre|pre-wrap|pre-line'),
  'word-break': whole('normal|break-all|keep-all|break-word'),
  'list-style-type': whole('none|disc|circle|square|decimal|lower-alpha|upper-alpha|lower-roman|upper-roman'),
});

/**
 * The style text as a browser's CSS tokenizer reads it: escapes decoded (`u\72l(` is `url(`) and
 * comments removed (a comment between `u` and `rl(` then reads as `url(`, the safe side). What is checked
 * afterwards is exactly what is written out, so no spelling can mean one thing to the check and
 * another to the browser.
 */
export function normaliseCss(style: string): string {
  return (
    style
      .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
      .replace(/\\([0-9a-f]{1,6})[ \t\n\r\f]?|\\(\r\n|[\s\S])|\\$/gi, (_, hex?: string, char?: string) => {
        if (hex) {
          const code = Number.parseInt(hex, 16);
          const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
          return String.fromCodePoint(valid ? code : 0xfffd);
        }
        // An escaped newline continues a string; any other escaped character stands for itself.
        return char === undefined || /^[\r\n\f]/.test(char) ? '' : char;
      })
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '')
  );
}

export interface StyleVerdict {
  /** The allowed declarations, normalised, as `prop:value;prop:value`. */
  style: string;
  /** Each refused declaration as `prop:value`. */
  refused: string[];
}

/** Keeps each declaration whose property is allowed and whose whole value matches its pattern. */
export function filterStyle(style: string): StyleVerdict {
  const kept: string[] = [];
  const refused: string[] = [];
  for (const declaration of normaliseCss(style).split(';')) {
    const trimmed = declaration.trim();
    if (!trimmed) continue;
    const colon = trimmed.indexOf(':');
    const property = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim().toLowerCase();
    const value = colon < 0 ? '' : trimmed.slice(colon + 1).trim();
    const pattern = Object.hasOwn(ALLOWED_STYLES, property) ? ALLOWED_STYLES[property] : undefined;
    if (pattern && value && pattern.test(value)) kept.push(`${property}:${value}`);
    else refused.push(value ? `${property}:${value}` : property);
  }
  return { style: kept.join(';'), refused };
}
