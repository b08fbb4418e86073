import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeRuntime, openRuntime } from '../../src/main/runtime';
import { startBackgroundSync } from '../../src/main/services/sync/scheduler';

describe('background sync', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a timer that fires after the database was closed (the app quitting) does nothing and stops', () => {
    vi.useFakeTimers();
    const dir = mkdtempSync(join(tmpdir(), 'kam-sched-'));
    try {
      const runtime = openRuntime({ dataDir: dir, transport: 'test' });
      const sync = startBackgroundSync({ ...runtime, fetch: globalThis.fetch });
      expect(sync.nextRunAt).not.toBeNull();
      closeRuntime(runtime);
      // Before the fix the callback read the sync state from the closed connection and threw.
      expect(() => vi.advanceTimersByTime(60_000)).not.toThrow();
      expect(sync.nextRunAt).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
