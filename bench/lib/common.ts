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
}

export interface BenchResult {
  name: string;
  title: string;
  startedAt: string;
  finishedAt: string;
  scale: number;
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
  const header = ['figure', 'value', 'baseline', 'ratio', 'target', 'met'];
  const rows = figures.map((figure) => [
    figure.name,
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.baseline
      ? `${figure.baseline.name}: ${formatNumber(figure.baseline.value)} ${figure.baseline.unit}`
      : '—',
    figure.ratio === undefined ? '—' : formatNumber(figure.ratio, 3),
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
  machine: MachineFacts;
}

/** Scales a full-size count, never below a floor that keeps the figures meaningful. */
export function scaled(full: number, scale: number, floor = 10): number {
  return Math.max(floor, Math.round(full * scale));
}

export { round };
