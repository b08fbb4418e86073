import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the main thread.
 *
 * In WAL mode SQLite's default is that the connection whose commit pushes the log past 1,000 pages
 * copies the whole log back into the database file, inside that commit. After an evaluation run over a
 * million customers that copy took 3 s of the user's wait (an import of 100,000 rows, 2 s). Here the
 * main connection never checkpoints; a worker thread with its own connection to the same file runs
 * PASSIVE checkpoints whenever the log has grown. PASSIVE never blocks the app's reads or writes, and a
 * checkpoint is crash-safe: the log stays valid until its pages are in the database file. If the worker
 * cannot start or fails, the main connection goes back to SQLite's automatic checkpoints.
 */

/** SQLite's default: checkpoint when the log passes this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;
/** How often the log's size is looked at. */
const POLL_MS = 1000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error && error.message || error) });
  }
});
parentPort.postMessage({ ready: true });
`;

export interface CheckpointResult {
  /** Pages in the log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** Asks for a checkpoint now; resolves with its result (null once stopped or fallen back). */
  checkpoint(): Promise<CheckpointResult | null>;
  /** Whether the worker runs (false after a failure: SQLite checkpoints in the commits again). */
  readonly active: boolean;
  /** Stops the worker (the main connection keeps working, with automatic checkpoints). */
  stop(): void;
}

/** Starts background checkpoints for a file database opened by `sqlite` (not for ':memory:'). */
export function startCheckpointer(sqlite: Database.Database, file: string, nativeBinding?: string): Checkpointer {
  const require = createRequire(import.meta.url);
  let worker: Worker | null = null;
  let active = false;
  let timer: NodeJS.Timeout | null = null;
  let lastSeen = '';
  let inFlight: ((r: CheckpointResult | null) => void)[] = [];
  let running = false;

  const fallBack = (why: unknown) => {
    if (!active && !worker) return;
    active = false;
    if (timer) clearInterval(timer);
    timer = null;
    const w = worker;
    worker = null;
    void w?.terminate();
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    for (const resolve of inFlight) resolve(null);
    inFlight = [];
    if (why) console.warn('[db] background checkpoints stopped; SQLite checkpoints on commit again:', why);
  };

  const run = () => {
    if (!worker || running) return;
    running = true;
    worker.postMessage('checkpoint');
  };

  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Plain JavaScript: the parent's loader flags (a TypeScript loader in development) are not needed.
      execArgv: [],
      workerData: { module: require.resolve('better-sqlite3'), file, nativeBinding },
    });
  } catch (error) {
    fallBack(error);
    return { checkpoint: async () => null, active: false, stop: () => {} } as Checkpointer;
  }
  worker.on('error', (error) => fallBack(error));
  worker.on('exit', () => fallBack(null));
  worker.on('message', (m: { ready?: boolean; ok?: boolean; log?: number; checkpointed?: number; error?: string }) => {
    if (m.ready) return;
    running = false;
    const waiting = inFlight;
    inFlight = [];
    if (!m.ok) {
      fallBack(m.error);
      return;
    }
    for (const resolve of waiting) resolve({ log: m.log!, checkpointed: m.checkpointed! });
  });
  // After the listeners: adding a 'message' listener refs the worker again, and a referenced worker
  // keeps the process from exiting.
  worker.unref();
  // The main connection stops checkpointing only once the worker is there to do it.
  sqlite.pragma('wal_autocheckpoint = 0');
  active = true;
  timer = setInterval(() => {
    if (!sqlite.open) return fallBack(null);
    let seen: string;
    try {
      const s = statSync(`${file}-wal`);
      seen = `${s.size}:${s.mtimeMs}`;
    } catch {
      return;
    }
    if (seen === lastSeen) return;
    lastSeen = seen;
    run();
  }, POLL_MS);
  timer.unref();

  return {
    get active() {
      return active;
    },
    checkpoint() {
      if (!active) return Promise.resolve(null);
      return new Promise((resolve) => {
        inFlight.push(resolve);
        run();
      });
    },
    stop() {
      if (!worker) return;
      const w = worker;
      worker = null;
      active = false;
      if (timer) clearInterval(timer);
      timer = null;
      w.removeAllListeners('exit');
      w.postMessage('close');
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      for (const resolve of inFlight) resolve(null);
      inFlight = [];
    },
  };
}
