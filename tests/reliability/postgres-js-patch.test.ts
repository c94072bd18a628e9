/**
 * The postinstall guard (scripts/patch-postgres-js.mjs) is in place: without it a database restart
 * or a killed backend can crash the whole process from inside postgres.js, or leave a pool
 * connection that never connects again. A fresh `npm install` applies it; this says when it did not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

it('postgres.js carries the null-socket write guard in every build it ships', () => {
  const root = path.resolve(import.meta.dirname, '../../node_modules/postgres');
  for (const flavour of ['src', 'cjs/src']) {
    const source = readFileSync(path.join(root, flavour, 'connection.js'), 'utf8');
    expect(source, `${flavour}/connection.js: run npm install (postinstall)`).toContain(
      'approval-portal: null-socket guard',
    );
    // Both close paths forget the pending write, so a reconnected connection flushes again.
    expect(
      source.match(/^ {4}clearImmediate\(nextWriteTimer\)\n\s*chunk = nextWriteTimer = null/gm)?.length,
    ).toBe(2);
  }
});
