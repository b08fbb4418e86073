import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { DB_FILE_NAME } from '../../src/main/runtime';

/**
 * Benchmark conventions: every suite is a file test/bench/<name>.bench.ts that can run alone
 * (`node --import tsx test/bench/<name>.bench.ts`) and records its results with `writeResults`;
 * test/bench/run.ts runs them all and prints one table. Timings are p50/p95 in milliseconds.
 */

export interface Measurement {
  name: string;
  /** Number of timed runs. */
  n: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
  /** A target such as "p95 <= 30 ms", and whether it was met (null when there is no target). */
  target?: string;
  met?: boolean | null;
  note?: string;
}

export interface SuiteResult {
  suite: string;
  at: string;
  machine: { cpus: number; node: string; platform: string };
  measurements: Measurement[];
  facts?: Record<string, string | number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** Count, p50, p95, mean and max of some timings (ms). */
export function summarize(times: number[]): Pick<Measurement, 'n' | 'p50' | 'p95' | 'mean' | 'max'> {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    max: round(sorted[sorted.length - 1]!),
  };
}

/** Times `fn` (sync or async) `iterations` times after `warmup` untimed runs. `fn` gets the run index. */
export async function measure(
  name: string,
  fn: (i: number) => unknown,
  options: { iterations?: number; warmup?: number; target?: { p95Ms?: number; totalMs?: number } } = {},
): Promise<Measurement> {
  const iterations = options.iterations ?? 200;
  const warmup = options.warmup ?? 20;
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(warmup + i);
    times.push(performance.now() - t0);
  }
  const m: Measurement = { name, ...summarize(times) };
  if (options.target?.p95Ms !== undefined) {
    m.target = `p95 <= ${options.target.p95Ms} ms`;
    m.met = m.p95 <= options.target.p95Ms;
  }
  return m;
}

/** Times one long operation (an import, an evaluation run) once. */
export async function measureOnce(
  name: string,
  fn: () => unknown,
  target?: { totalMs: number },
): Promise<Measurement> {
  const t0 = performance.now();
  await fn();
  const ms = Math.round((performance.now() - t0) * 1000) / 1000;
  return {
    name,
    n: 1,
    p50: ms,
    p95: ms,
    mean: ms,
    max: ms,
    ...(target ? { target: `total <= ${target.totalMs} ms`, met: ms <= target.totalMs } : {}),
  };
}

/** Writes bench-results/<suite>.json and prints the suite's table. */
export function writeResults(
  suite: string,
  measurements: Measurement[],
  facts?: Record<string, string | number>,
) {
  const cpus = availableParallelism();
  const { version, platform } = process;
  const result: SuiteResult = {
    suite,
    at: new Date().toISOString(),
    machine: { cpus, node: version, platform },
    measurements,
    ...(facts ? { facts } : {}),
  };
  const dir = join(process.cwd(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${suite}.json`), JSON.stringify(result, null, 2) + '\n');
  printTable([result]);
  return result;
}

/** Prints results as an aligned table. */
export function printTable(results: SuiteResult[]) {
  const rows = [['suite', 'measurement', 'n', 'p50 ms', 'p95 ms', 'max ms', 'target', 'met']];
  for (const r of results) {
    for (const m of r.measurements) {
      rows.push([
        r.suite,
        m.name,
        String(m.n),
        m.p50.toFixed(3),
        m.p95.toFixed(3),
        m.max.toFixed(3),
        m.target ?? '',
        m.met === undefined || m.met === null ? '' : m.met ? 'yes' : 'NO',
      ]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  for (const r of results) {
    if (r.facts) for (const [k, v] of Object.entries(r.facts)) console.log(`  ${r.suite}: ${k} = ${v}`);
  }
}

/**
 * Reads a file once, so that a measurement starts from a known state: the data set in the OS file
 * cache, as a branch's database is that the app works on all day. Left to itself the cache held
 * whatever earlier runs and the kernel's reclaim left of the 9 GB customer data set: the same import
 * measured 7 s on one run and 13 s on the next, and searches 88 ms p95 on one run and 20 ms on the
 * next. (From a cold cache the imports take 2–3 times as long; the closing notes quote that case.)
 */
export function warmFileCache(file: string): void {
  const buffer = Buffer.allocUnsafe(16 * 1024 * 1024);
  const fd = openSync(file, 'r');
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs `measure` — a child process that writes to the data set in `dataDir` with checkpoints off and
 * exits without closing it (a last connection to close would checkpoint) — and then throws away what it
 * wrote: every page it wrote is in the WAL, so deleting the WAL returns the database to the data set as
 * generated. Before, such measurements ran on a fresh 9 GB copy; the copy's own page cache and
 * write-back then ran alongside the measured work (4–6 s of system time added to an import), and the
 * copy needed 9 GB of free disk. Refuses to run, or marks the data set for regeneration, if the file
 * itself was written.
 */
export function discardWrites<T>(dataDir: string, measure: () => T): T {
  const file = join(dataDir, DB_FILE_NAME);
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw new Error(`${wal} exists: the data set has writes not in its file`);
  const before = statSync(file);
  // Deletes the WAL; true (and the data set marked for regeneration) if the file itself was written.
  const discard = () => {
    const after = statSync(file);
    rmSync(wal, { force: true });
    rmSync(`${file}-shm`, { force: true });
    const written = after.size !== before.size || after.mtimeMs !== before.mtimeMs;
    if (written) rmSync(join(dataDir, 'READY'), { force: true });
    return written;
  };
  let result: T;
  try {
    result = measure();
  } catch (error) {
    discard();
    throw error;
  }
  if (discard()) throw new Error(`${file} was written during a measurement; the data set will be generated again`);
  return result;
}
