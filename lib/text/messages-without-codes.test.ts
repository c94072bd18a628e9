/**
 * People read Korean labels, not enum names: a Korean message that prints a status field as it is
 * stored (`(pq_approved)`) fails here. Labels come from lib/approval/labels.ts and lib/vendor/labels.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIRS = ['lib', 'components', 'app'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * A template literal with Hangul that interpolates `x.status` (or `.kind`, `.actionType`) bare;
 * an HTTP status (`response.status`, a refusal's status) is a number people do read as such.
 */
const RAW_CODE =
  /`[^`]*[가-힣][^`]*\$\{\s*(?!response\.|refusal\.)[\w.?!]+\.(status|kind|actionType)\s*\}[^`]*`/g;

it('no Korean message interpolates a stored status or kind code', () => {
  const offenders = DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir))).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(RAW_CODE)].map(
      (match) => `${path.relative(ROOT, file)}: ${match[0].slice(0, 120)}`,
    ),
  );
  expect(offenders).toEqual([]);
});
