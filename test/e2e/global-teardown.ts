import { rmSync } from 'node:fs';

/** Removes the run's server data folders (playwright.config.ts); each run left ~1.4 GB in /tmp before. */
export default function globalTeardown() {
  const dir = process.env.KAM_E2E_RUN_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
