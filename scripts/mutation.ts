/**
 * `npm run mutation`: removes the engine's guards one at a time (scripts/mutation/mutants.ts) and
 * runs the tests named for each; a guard whose removal leaves them green has no test. Not part of
 * `npm test`: it runs the suites once per mutant.
 *
 * The mutant is written in place and the file's exact bytes are put back in a `finally` (and on
 * SIGINT/SIGTERM); it refuses to start when a target file has uncommitted changes, so restoring
 * can never throw away someone's work. Before the mutants, each set of tests is run once unmutated
 * (skip with --no-baseline): a test already failing would "kill" every mutant.
 *
 *   npm run mutation [-- --only id,id] [--list] [--no-baseline]
 *
 * Exit code: 0 all killed; 1 a mutant survived; 2 refused to start or a baseline failed;
 * 3 a mutant was not applicable (its text is not in its file exactly once: the guard moved).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MUTANTS, type Mutant } from './mutation/mutants';

type Verdict = 'killed' | 'survived' | 'not applicable';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

const occurrences = (text: string, find: string) => text.split(find).length - 1;
const projectsOf = (mutant: Mutant) => mutant.projects ?? ['postgres'];
const suiteKey = (mutant: Mutant) => `${projectsOf(mutant).join(',')} ${mutant.tests.join(' ')}`;

function selected(): Mutant[] {
  const only = option('--only')?.split(',').filter(Boolean);
  if (!only) return MUTANTS;
  const unknown = only.filter((id) => !MUTANTS.some((mutant) => mutant.id === id));
  if (unknown.length > 0) {
    console.error(`unknown mutant id(s): ${unknown.join(', ')}`);
    process.exit(2);
  }
  return MUTANTS.filter((mutant) => only.includes(mutant.id));
}

/** Restoring a file overwrites it: only files whose working copy equals HEAD may be mutated. */
function refuseDirtyTargets(mutants: Mutant[]): void {
  const files = [...new Set(mutants.map((mutant) => mutant.file))];
  const status = spawnSync('git', ['status', '--porcelain', '--', ...files], { cwd: root, encoding: 'utf8' });
  if (status.status !== 0) {
    console.error(`git status failed: ${status.stderr}`);
    process.exit(2);
  }
  if (status.stdout.trim() !== '') {
    console.error(`refusing to mutate files with uncommitted changes:\n${status.stdout}`);
    process.exit(2);
  }
}

const logDir = mkdtempSync(path.join(tmpdir(), 'mutation-'));
let logCount = 0;

/** Runs the tests; true when they all passed. Failing test names go to `failures`. */
function runTests(mutant: Mutant, failures: string[]): boolean {
  const projectArgs = projectsOf(mutant).flatMap((project) => ['--project', project]);
  const run = spawnSync('npx', ['vitest', 'run', '--passWithNoTests', ...projectArgs, ...mutant.tests], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
      // Plain text: the log is searched for failing tests.
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  });
  const output = `${run.stdout}\n${run.stderr}`;
  logCount += 1;
  const logFile = path.join(logDir, `${String(logCount).padStart(2, '0')}-${mutant.id}.log`);
  writeFileSync(logFile, output);
  failures.push(
    ...output
      .split('\n')
      .filter((line) => /^\s*(FAIL|×)\s/.test(line))
      .map((line) => line.trim())
      .slice(0, 5),
  );
  if (run.status !== 0 && failures.length === 0)
    failures.push(`vitest exited ${run.status} (log: ${logFile})`);
  return run.status === 0;
}

/** The file's original bytes while a mutant is applied, for the signal handlers. */
let applied: { file: string; original: Buffer } | null = null;
const restore = () => {
  if (applied) writeFileSync(applied.file, applied.original);
  applied = null;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    restore();
    console.error(`\n${signal}: the mutated file was restored`);
    process.exit(130);
  });
}

function runMutant(mutant: Mutant): { verdict: Verdict; note: string } {
  const file = path.join(root, mutant.file);
  let original: Buffer;
  try {
    original = readFileSync(file);
  } catch {
    return { verdict: 'not applicable', note: `${mutant.file} does not exist` };
  }
  const text = original.toString('utf8');
  const edits = [{ find: mutant.find, replace: mutant.replace }, ...(mutant.also ? [mutant.also] : [])];
  for (const edit of edits) {
    const count = occurrences(text, edit.find);
    if (count !== 1) {
      return { verdict: 'not applicable', note: `its text occurs ${count} times in ${mutant.file}` };
    }
  }
  const failures: string[] = [];
  applied = { file, original };
  try {
    writeFileSync(
      file,
      edits.reduce((mutated, edit) => mutated.replace(edit.find, () => edit.replace), text),
    );
    const passed = runTests(mutant, failures);
    return passed
      ? { verdict: 'survived', note: `every test passed: ${mutant.tests.join(', ')}` }
      : { verdict: 'killed', note: failures.join('\n      ') };
  } finally {
    restore();
    if (!readFileSync(file).equals(original)) {
      console.error(`${mutant.file} was not restored exactly: check it with git diff`);
      process.exit(2);
    }
  }
}

function main(): void {
  const mutants = selected();
  if (flag('--list')) {
    for (const mutant of mutants) console.log(`${mutant.id.padEnd(34)} ${mutant.file}  — ${mutant.guard}`);
    return;
  }
  refuseDirtyTargets(mutants);
  console.log(`mutation run: ${mutants.length} mutants; vitest logs in ${logDir}`);

  if (!flag('--no-baseline')) {
    const suites = new Map(mutants.map((mutant) => [suiteKey(mutant), mutant]));
    for (const [key, mutant] of suites) {
      const failures: string[] = [];
      if (!runTests({ ...mutant, id: 'baseline' }, failures)) {
        console.error(`baseline failed (no mutant applied): ${key}\n  ${failures.join('\n  ')}`);
        process.exit(2);
      }
    }
    console.log(`baseline: ${suites.size} test set(s) pass unmutated`);
  }

  const results: Array<{ mutant: Mutant; verdict: Verdict; note: string }> = [];
  for (const mutant of mutants) {
    const { verdict, note } = runMutant(mutant);
    results.push({ mutant, verdict, note });
    const mark = verdict === 'killed' ? 'KILLED  ' : verdict === 'survived' ? 'SURVIVED' : 'N/A !!! ';
    console.log(`${mark} ${mutant.id} — ${mutant.guard}\n      ${note}`);
  }

  const count = (verdict: Verdict) => results.filter((result) => result.verdict === verdict).length;
  console.log(
    `\n${count('killed')} killed, ${count('survived')} survived, ${count('not applicable')} not applicable (of ${results.length})`,
  );
  for (const { mutant } of results.filter((result) => result.verdict === 'survived')) {
    console.log(`  survived: ${mutant.id} (${mutant.file}) — write a test that fails without this guard`);
  }
  for (const { mutant, note } of results.filter((result) => result.verdict === 'not applicable')) {
    console.log(`  NOT APPLICABLE: ${mutant.id} — ${note}; update scripts/mutation/mutants.ts`);
  }
  if (count('survived') > 0) process.exit(1);
  if (count('not applicable') > 0) process.exit(3);
}

main();
