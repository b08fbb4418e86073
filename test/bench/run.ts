import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { printTable, type SuiteResult } from './harness';

/**
 * `npm run bench [-- name ...]`: runs every test/bench/*.bench.ts (or the named ones) one after another,
 * each in its own process so one suite's memory does not skew the next, then prints one table of
 * bench-results/*.json.
 */
const dir = join(process.cwd(), 'test', 'bench');
const wanted = process.argv.slice(2);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const failed: string[] = [];
for (const file of suites) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(file);
}

const results: SuiteResult[] = [];
const out = join(process.cwd(), 'bench-results');
if (existsSync(out)) {
  for (const f of readdirSync(out).filter((f) => f.endsWith('.json')).sort()) {
    const r = JSON.parse(readFileSync(join(out, f), 'utf8')) as SuiteResult;
    if (suites.some((s) => s.replace('.bench.ts', '') === r.suite) || wanted.length === 0) results.push(r);
  }
}
console.log('\n== summary');
printTable(results);
if (failed.length) {
  console.error(`failed suites: ${failed.join(', ')}`);
  process.exit(1);
}
