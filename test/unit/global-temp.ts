import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary folder the tests make (test apps' data folders, migration
 * copies, sync branches) goes under one folder for the run, removed when the run ends. Before, each run
 * left ~2 GB of test databases in /tmp; on a developer's machine they added up to 69 GB. The workers
 * are forked after this runs, so they inherit TMPDIR (os.tmpdir() reads it on every call).
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'kam-unit-run-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
