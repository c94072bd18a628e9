import { DomHandler, Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { APPROVAL_TEMPLATE_SEEDS } from '@/db/seed/templates';
import {
  htmlDescriptionList,
  htmlListConverter,
  htmlTableConverter,
  replaceTemplateVariables,
} from '@/lib/approval/document/template-utils';
import { findScriptVectors } from './html-safety';
import { XSS_PAYLOADS } from './xss-payloads';

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

function placeholdersOf(content: string): string[] {
  return [...new Set([...content.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** The document's text as a browser would show it (entities decoded). */
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

// Payloads that carry no markup of their own: encoded, or dangerous only inside a script context
// this project never renders into. Inserted raw they are still inert, so the checker rightly
// passes them; listing them keeps the "checker can fail" test below exact.
const INERT_WHEN_RAW = new Set([
  // Filter-evasion strings aimed at naive strippers: browsers read "scr<script" as one tag name and
  // CDATA outside foreign content as a bogus comment.
  '<scr<script>ipt>alert(16)</scr</script>ipt>',
  '<![CDATA[<script>alert(97)</script>]]>',
  '{{constructor.constructor("alert(106)")()}}',
  '`-alert(110)-`',
  '&lt;script&gt;alert(111)&lt;/script&gt;',
  '&#60;script&#62;alert(112)&#60;/script&#62;',
  '%3Cscript%3Ealert(113)%3C%2Fscript%3E',
  '＜script＞alert(115)＜/script＞',
]);

const hasControlCharacters = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is what is being looked for
  /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f]/.test(text);

describe('XSS payloads in approval documents', () => {
  it('has at least 100 distinct well-known payloads', () => {
    expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  });

  it('the checker flags every payload inserted unescaped (in text, a quoted attribute or a URL)', () => {
    const missed = XSS_PAYLOADS.filter((payload) => {
      const contexts = [
        `<p>${payload}</p>`,
        `<td title="${payload}">x</td>`,
        `<td title='${payload}'>x</td>`,
        `<a href="${payload}">x</a>`,
      ];
      return contexts.every((html) => findScriptVectors(html).length === 0);
    });
    expect(missed.filter((payload) => !INERT_WHEN_RAW.has(payload))).toEqual([]);
  });

  it('seeds templates with placeholders to attack', () => {
    expect(APPROVAL_TEMPLATE_SEEDS.length).toBeGreaterThan(0);
    for (const template of APPROVAL_TEMPLATE_SEEDS) {
      expect(findScriptVectors(template.content)).toEqual([]);
      expect(placeholdersOf(template.content).length).toBeGreaterThan(0);
    }
  });

  for (const template of APPROVAL_TEMPLATE_SEEDS) {
    it(`template "${template.name}": every payload in every placeholder stays text`, () => {
      const names = placeholdersOf(template.content);
      const failures: string[] = [];
      for (const name of names) {
        for (const payload of XSS_PAYLOADS) {
          const variables = Object.fromEntries(
            names.map((other) => [other, other === name ? payload : '값']),
          );
          const { html, unreplaced } = replaceTemplateVariables(template.content, variables);
          expect(unreplaced).toEqual([]);
          const found = findScriptVectors(html);
          if (found.length > 0)
            failures.push(`{{${name}}} ← ${payload}: ${found.map((v) => v.detail).join(', ')}`);
          if (!hasControlCharacters(payload) && !textOf(html).includes(payload)) {
            failures.push(`{{${name}}} ← ${payload}: the text the reader sees lost the value`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it(`template "${template.name}": payloads through every helper, inserted as safe HTML`, () => {
      const names = placeholdersOf(template.content);
      const failures: string[] = [];
      for (const payload of XSS_PAYLOADS) {
        const helpers = {
          table: htmlTableConverter(
            [
              { name: payload, score: 82, note: payload },
              { name: '(주)한빛정밀', score: payload as unknown as number, note: '' },
            ],
            [
              { key: 'name', label: payload },
              { key: 'score', label: '득점' },
              { key: 'note', label: '비고', format: (value) => `${String(value)}${payload}` },
            ],
          ),
          descriptions: htmlDescriptionList([
            { label: payload, value: payload },
            { label: '업체명', value: payload },
          ]),
          bullets: htmlListConverter([payload, '둘째', payload], false),
          numbers: htmlListConverter([payload, payload], true),
        };
        for (const [helper, value] of Object.entries(helpers)) {
          const standalone = findScriptVectors(value.toString());
          if (standalone.length > 0)
            failures.push(`${helper} ← ${payload}: ${standalone.map((v) => v.detail)}`);
          for (const name of names) {
            const variables = Object.fromEntries(
              names.map((other) => [other, other === name ? value : '값']),
            );
            const { html } = replaceTemplateVariables(template.content, variables);
            const found = findScriptVectors(html);
            if (found.length > 0)
              failures.push(`{{${name}}} ← ${helper}(${payload}): ${found.map((v) => v.detail)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('a payload typed as a value cannot pass for safe HTML (plain objects, JSON, toString tricks)', () => {
    const payload = '<img src=x onerror=alert(1)>';
    const impostors = [
      { html: payload, toString: () => payload },
      JSON.parse(JSON.stringify({ html: payload })),
      Object.assign(Object.create(null), { html: payload }),
    ];
    for (const impostor of impostors) {
      // Refusing such a value outright is as good as escaping it; inserting it is not.
      let html = '';
      try {
        html = replaceTemplateVariables('<p>{{값}}</p>', { 값: impostor as never }).html;
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
      }
      expect(findScriptVectors(html)).toEqual([]);
    }
  });

  it('helper output keeps its structure: one table, rows and cells as given', () => {
    const table = htmlTableConverter([{ a: '<b>1</b>' }, { a: '2' }], [{ key: 'a', label: 'A' }]);
    const handler = new DomHandler();
    const parser = new Parser(handler);
    parser.write(table.toString());
    parser.end();
    const html = table.toString();
    expect(html.match(/<tr/g)?.length).toBe(3);
    expect(html).toContain('&lt;b&gt;1&lt;/b&gt;');
    expect(handler.dom.length).toBe(1);
  });
});
