import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/db/open';

/**
 * WAL checkpoints run in a worker thread (src/main/db/checkpointer.ts): the app's connection never
 * copies the log into the database file inside a commit, and nothing written is lost on the way.
 */

function fileStore() {
  const dir = mkdtempSync(join(tmpdir(), 'kam-ckpt-'));
  return openStore({ file: join(dir, 'kam.db') });
}

function writeMany(store: ReturnType<typeof openStore>, n: number) {
  const sqlite = store.sqlite;
  sqlite.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO filler (text) VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`${i}:${'填充'.repeat(200)}`);
  })();
}

describe('background WAL checkpoints', () => {
  it('the app connection leaves checkpoints to the worker, which copies every committed page back', async () => {
    const store = fileStore();
    expect(store.checkpointer?.active).toBe(true);
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    writeMany(store, 20_000);
    // Far past the 1,000 pages at which the commit itself would have checkpointed.
    const walPages = statSync(`${store.file}-wal`).size / 4096;
    expect(walPages).toBeGreaterThan(3_000);
    const result = await store.checkpointer!.checkpoint();
    expect(result).not.toBeNull();
    expect(result!.log).toBeGreaterThan(3_000);
    expect(result!.checkpointed).toBe(result!.log);
    // Writes carry on while and after the worker checkpoints; all of them are there.
    writeMany(store, 1_000);
    expect((store.sqlite.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n).toBe(21_000);
    store.checkpointer!.stop();
    expect(store.checkpointer!.active).toBe(false);
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    store.sqlite.close();
    const reopened = openStore({ file: store.file, backgroundCheckpoints: false });
    expect((reopened.sqlite.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n).toBe(21_000);
    expect(reopened.checkpointer).toBeNull();
    reopened.sqlite.close();
  });

  it('checkpoints on its own when the log grows', async () => {
    const store = fileStore();
    const before = statSync(store.file).size;
    writeMany(store, 10_000);
    // The commit wrote the log only (the app connection does not checkpoint) ...
    expect(statSync(store.file).size).toBe(before);
    // ... and the worker, polling the log, copies the pages into the database file within seconds.
    const deadline = Date.now() + 15_000;
    while (statSync(store.file).size < before + 4_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(statSync(store.file).size).toBeGreaterThan(before + 4_000_000);
    store.checkpointer!.stop();
    store.sqlite.close();
  }, 20_000);

  it('does not keep the process alive: a script that opens a store and is done exits by itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-ckpt-exit-'));
    const script = join(dir, 'open.ts');
    const open = join(process.cwd(), 'src/main/db/open.ts');
    writeFileSync(script, `import { openStore } from ${JSON.stringify(open)};\nconst s = openStore({ file: ${JSON.stringify(join(dir, 'kam.db'))} });\nconsole.log(String(s.checkpointer?.active));\n`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('true');
  }, 40_000);

  it('an in-memory store has none', () => {
    expect(openStore({ file: ':memory:' }).checkpointer).toBeNull();
  });
});
