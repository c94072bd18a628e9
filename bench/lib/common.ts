import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { assertLocalDatabaseUrl } from '@/tests/setup/test-database';

export const BENCH_ROOT = path.resolve(import.meta.dirname, '..');
export const REPO_ROOT = path.resolve(BENCH_ROOT, '..');
export const RESULTS_DIR = path.join(BENCH_ROOT, 'results');

/**
 * The PostgreSQL server the benchmarks use. Each run creates scratch databases on it and drops them
 * afterwards; the server's other databases are never touched.
 */
export function benchServerUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** An empty database on the bench server, named so that a leftover one is easy to recognise. */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const server = assertLocalDatabaseUrl(benchServerUrl());
  const name = `bench_${label.replace(/[^a-z0-9_]/gi, '_')}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const dropper = postgres(server.toString(), { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage: number[];
  node: string;
  postgres: string;
  platform: string;
}

export async function machineFacts(): Promise<MachineFacts> {
  const sql = postgres(benchServerUrl(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ server_version: string }[]>`show server_version`;
    return {
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
      node: process.version,
      postgres: row?.server_version ?? 'unknown',
      platform: `${os.platform()} ${os.release()}`,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** One line of a benchmark's table: a figure, what it is compared with, and the target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The peer or limit this figure is compared with, measured in the same run. */
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline.value (or baseline.value / value when lower is better). */
  ratio?: number;
  /** Human-readable target, e.g. "≥ 0.70 × bare loop". */
  target?: string;
  met?: boolean;
  /**
   * A target on the ratio: judged on the median over the runs (see combineRuns). Without one, a
   * figure with `met` is met only when every run met it (correctness must hold in each run).
   */
  goal?: { atLeast?: number; atMost?: number };
  /** Set by combineRuns: the ratio's lowest and highest value over the runs. */
  spread?: { min: number; max: number; runs: number };
}

export interface BenchResult {
  name: string;
  title: string;
  startedAt: string;
  finishedAt: string;
  scale: number;
  /** How many times the engine and its baseline were each run, interleaved. */
  repeats: number;
  machine: MachineFacts;
  parameters: Record<string, unknown>;
  figures: Figure[];
  /** Which target the run meets, in one sentence each. */
  verdicts: string[];
  notes: string[];
  raw: Record<string, unknown>;
}

const round = (value: number, digits = 2) => {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  return round(value, digits).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The figures as a fixed-width table for the terminal. */
export function renderTable(figures: Figure[]): string {
  const header = [
    'figure',
    'value (median)',
    'baseline (median)',
    'ratio: median [min–max]',
    'target',
    'met',
  ];
  const rows = figures.map((figure) => [
    figure.name,
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.baseline
      ? `${figure.baseline.name}: ${formatNumber(figure.baseline.value)} ${figure.baseline.unit}`
      : '—',
    formatRatio(figure, 3),
    figure.target ?? '—',
    figure.met === undefined ? '—' : figure.met ? '✓' : '✗',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/**
 * Full-size results go to bench/results (the README's figures); a try at another scale goes to the
 * system's temporary directory, so it never replaces them.
 */
export function writeResult(result: BenchResult): string {
  const directory = result.scale === 1 ? RESULTS_DIR : path.join(os.tmpdir(), 'approval-bench-results');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** A figure's ratio with its spread over the runs: `0.91 [0.48–1.02]`. */
export function formatRatio(figure: Figure, digits: number): string {
  if (figure.ratio === undefined) return '—';
  const median = formatNumber(figure.ratio, digits);
  if (!figure.spread || figure.spread.runs < 2) return median;
  return `${median} [${formatNumber(figure.spread.min, digits)}–${formatNumber(figure.spread.max, digits)}]`;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * One figure list from several runs of the same benchmark (the same figures in the same order):
 * value, baseline and ratio are the medians, the ratio's min–max is kept as its spread. A ratio
 * target (`goal`) is judged on the median ratio; any other `met` holds only if it held in every run.
 * One run is not a measurement on a shared machine: the same code gave 0.48 and 0.91 of pgbench.
 */
export function combineRuns(runs: readonly Figure[][]): Figure[] {
  const first = runs[0];
  if (!first) throw new Error('combineRuns: no runs');
  return first.map((figure, index) => {
    const all = runs.map((figures) => figures[index]!);
    const renamed = all.find((other) => other.name !== figure.name);
    if (renamed) throw new Error(`combineRuns: figure ${index} is "${figure.name}" and "${renamed.name}"`);
    const ratios = all.flatMap((other) => (other.ratio === undefined ? [] : [other.ratio]));
    const ratio = ratios.length > 0 ? median(ratios) : undefined;
    const combined: Figure = {
      ...figure,
      value: median(all.map((other) => other.value)),
      ...(figure.baseline
        ? { baseline: { ...figure.baseline, value: median(all.map((other) => other.baseline!.value)) } }
        : {}),
      ...(ratio === undefined
        ? {}
        : { ratio, spread: { min: Math.min(...ratios), max: Math.max(...ratios), runs: ratios.length } }),
    };
    if (figure.goal && ratio !== undefined) {
      combined.met =
        (figure.goal.atLeast === undefined || ratio >= figure.goal.atLeast) &&
        (figure.goal.atMost === undefined || ratio <= figure.goal.atMost);
    } else if (all.some((other) => other.met !== undefined)) {
      combined.met = all.every((other) => other.met === true);
    }
    return combined;
  });
}

/** Run `i` of `repeats` does the engine first when i is even, the baseline first when odd. */
export function engineFirst(run: number): boolean {
  return run % 2 === 0;
}

/** The q-quantile (0..1) of a list of numbers, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds elapsed since a process.hrtime.bigint() mark. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

export interface BenchContext {
  scale: number;
  /** Interleaved runs of each engine/baseline pair (≥ 3 for figures that stand). */
  repeats: number;
  machine: MachineFacts;
}

/** What a benchmark module returns; run.ts adds the times, the machine, the scale and repeats. */
export type BenchOutput = Omit<BenchResult, 'startedAt' | 'finishedAt' | 'machine' | 'scale' | 'repeats'>;

/** Scales a full-size count, never below a floor that keeps the figures meaningful. */
export function scaled(full: number, scale: number, floor = 10): number {
  return Math.max(floor, Math.round(full * scale));
}

export { round };
