// Symbol.for: Next bundles route modules separately, so a class identity check could fail between
// two copies of this module. Parsed JSON or form input can never carry a symbol key, so user input
// still cannot pass for SafeHtml.
const brand = Symbol.for('approval-portal.safe-html');

/** HTML built by our helpers from escaped parts; inserted into a document as is. */
export interface SafeHtml {
  readonly [brand]: true;
  readonly html: string;
  toString(): string;
}

/** Only template-utils calls this, on HTML it assembled from escaped parts. */
export function trustedHtml(html: string): SafeHtml {
  return Object.freeze({ [brand]: true as const, html, toString: () => html });
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
