/**
 * Says plainly when the PostgreSQL half of the integration suite does not run: once at the start,
 * and again at the very end (the teardown Vitest runs after the last test), where a reader of a
 * green run actually looks. A green run without TEST_DATABASE_URL has not run any *.pg.test.ts.
 */
const SKIPPED = 'PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set';

// Vitest runs a root globalSetup once for the root and once per project: say it once per run.
const announced = Symbol.for('approval-portal.tests.announced-skips');
type Flagged = typeof globalThis & { [announced]?: boolean };

export default function announceSkips(): (() => void) | undefined {
  if (process.env.TEST_DATABASE_URL || (globalThis as Flagged)[announced]) return undefined;
  (globalThis as Flagged)[announced] = true;
  console.log(`\n[tests] ${SKIPPED} (integration tests ran on PGlite only)\n`);
  return () => {
    const lines = [
      `${SKIPPED}.`,
      'No *.pg.test.ts ran, and *.int.test.ts ran on PGlite only.',
      'Run them: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test',
    ];
    const width = Math.max(...lines.map((line) => line.length));
    const bar = `+${'-'.repeat(width + 2)}+`;
    console.log(['', bar, ...lines.map((line) => `| ${line.padEnd(width)} |`), bar, ''].join('\n'));
  };
}
