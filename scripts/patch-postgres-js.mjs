/**
 * postinstall: mends two faults of postgres.js 3.4.x's write scheduler that a database restart or a
 * killed backend sets off (porsager/postgres#1154, #1208; the unmerged fixes #1168, #1176):
 * - a small write deferred with setImmediate fires after the socket closed and throws an
 *   uncatchable TypeError ("reading 'write'") that takes the whole app down;
 * - the close paths clear that timer without forgetting it, so the reconnected connection never
 *   flushes its startup message again and every query on it ends in CONNECT_TIMEOUT.
 * Idempotent; says so and leaves the file alone when the code is not the one it knows (a newer
 * release that fixed it, or changed it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MARK = '/* approval-portal: null-socket guard */';
const root = path.join(import.meta.dirname, '..', 'node_modules', 'postgres');
const replacements = [
  [
    '  function nextWrite(fn) {\n',
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) return (chunk = nextWriteTimer = null, false)\n`,
  ],
  [
    '    clearImmediate(nextWriteTimer)\n    if (socket) {',
    '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {',
  ],
  [
    '    remaining = 0\n    incomings = null\n    clearImmediate(nextWriteTimer)\n',
    '    remaining = 0\n    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n',
  ],
];

for (const flavour of ['src', 'cjs/src', 'cf/src']) {
  const file = path.join(root, flavour, 'connection.js');
  if (!existsSync(file)) continue;
  const source = readFileSync(file, 'utf8');
  if (source.includes(MARK)) continue;
  let patched = source;
  const missing = replacements.filter(([from]) => !patched.includes(from));
  if (missing.length > 0) {
    console.warn(`[patch-postgres-js] ${file}: not the code this patch knows; left alone`);
    continue;
  }
  for (const [from, to] of replacements) patched = patched.replace(from, to);
  writeFileSync(file, patched);
  console.log(`[patch-postgres-js] patched ${path.relative(process.cwd(), file)}`);
}
