/**
 * The inbox shows a document through the portal's own allow-list: real Knox shows approvers what
 * the portal sent, and the simulator must not be a softer place to read it.
 */
export { sanitizeDocumentHtml } from '@/lib/html/sanitize';

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
