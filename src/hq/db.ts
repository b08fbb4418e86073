import { mkdirSync, readdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { HQ_MIGRATIONS } from './migrations';

/**
 * HQ's database, the same SQL over two engines: PGlite (embedded PostgreSQL in WASM, the zero-setup
 * default in a data directory) and a real PostgreSQL through `pg` when DATABASE_URL is set.
 */
export interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface HqDb extends Sql {
  readonly kind: 'pglite' | 'pg';
  /**
   * Runs `fn` in one SERIALIZABLE transaction; retried when PostgreSQL reports a serialization failure.
   * With `lock`, transactions with the same lock run one at a time (across HQ processes too).
   */
  serializable<T>(fn: (tx: Sql) => Promise<T>, options?: { lock?: number }): Promise<T>;
  close(): Promise<void>;
}

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK = '40P01';

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === SERIALIZATION_FAILURE || code === DEADLOCK;
}

/**
 * Opens the embedded store; `dataDir` null keeps it in memory (tests). `image` (from migratedPgliteImage)
 * skips initdb for a new store, which takes many seconds on a slow machine.
 */
export async function openPglite(dataDir: string | null, image?: Blob): Promise<HqDb> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const fresh = dataDir === null || readdirSync(dataDir).length === 0;
  const options = image && fresh ? { loadDataDir: image } : {};
  const db = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await db.waitReady;
  return openPgliteOn(db);
}

async function openPgliteOn(db: PGlite): Promise<HqDb> {
  const hq: HqDb = {
    kind: 'pglite',
    async query<T>(text: string, params: unknown[] = []) {
      return (await db.query<T>(text, params)).rows;
    },
    // PGlite has one connection and runs a transaction exclusively, so no retry is needed.
    async serializable<T>(fn: (tx: Sql) => Promise<T>) {
      return db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE');
        return fn({
          query: async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows,
        });
      });
    },
    close: () => db.close(),
  };
  await migrate(hq);
  return hq;
}

/** Opens a real PostgreSQL server by URL (a pool; transactions take one connection each). */
export async function openPostgres(url: string, poolSize = 10): Promise<HqDb> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const queues = new Map<number, Promise<void>>();
  const hq: HqDb = {
    kind: 'pg',
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async serializable<T>(fn: (tx: Sql) => Promise<T>, options: { lock?: number } = {}) {
      const run = async () => {
        for (let attempt = 1; ; attempt++) {
          const client = await pool.connect();
          try {
            // A session lock taken before BEGIN: the transaction's snapshot then starts after the
            // previous holder committed, so waiting never turns into a serialization failure.
            if (options.lock !== undefined) await client.query('SELECT pg_advisory_lock($1)', [options.lock]);
            await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
            const result = await fn({
              query: async <R>(text: string, params: unknown[] = []) =>
                (await client.query(text, params)).rows as R[],
            });
            await client.query('COMMIT');
            return result;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            if (!isRetryable(error) || attempt >= 8) throw error;
            await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 20));
          } finally {
            if (options.lock !== undefined)
              await client.query('SELECT pg_advisory_unlock($1)', [options.lock]).catch(() => undefined);
            client.release();
          }
        }
      };
      if (options.lock === undefined) return run();
      // Queue in-process first so waiting requests do not each hold a pooled connection.
      const previous = queues.get(options.lock) ?? Promise.resolve();
      const mine = previous.then(run, run);
      queues.set(
        options.lock,
        mine.then(
          () => undefined,
          () => undefined,
        ),
      );
      return mine;
    },
    close: () => pool.end(),
  };
  await migrate(hq);
  return hq;
}

/** A migrated empty embedded store as a tarball, to start many HQ stores quickly (tests, benchmarks). */
export async function migratedPgliteImage(): Promise<Blob> {
  const db = new PGlite();
  await db.waitReady;
  const hq = await openPgliteOn(db);
  const image = await db.dumpDataDir('none');
  await hq.close();
  return image;
}

/** Opens PostgreSQL when a URL is given, else PGlite in the data directory. */
export function openHqDb(options: {
  databaseUrl?: string | null;
  dataDir: string | null;
  image?: Blob;
}): Promise<HqDb> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir, options.image);
}

/** Applies HQ's numbered migrations in order, each in its own transaction, under an advisory lock. */
async function migrate(db: HqDb): Promise<void> {
  // Two HQ processes starting against one PostgreSQL must not migrate at the same time.
  await db.serializable(
    async (tx) => {
      await tx.query(
        'CREATE TABLE IF NOT EXISTS hq_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)',
      );
      const done = await tx.query<{ version: number }>('SELECT version FROM hq_migrations');
      const applied = new Set(done.map((r) => r.version));
      for (const migration of HQ_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        for (const statement of migration.statements) await tx.query(statement);
        await tx.query('INSERT INTO hq_migrations (version, applied_at) VALUES ($1, $2)', [
          migration.version,
          new Date().toISOString(),
        ]);
      }
    },
    { lock: 727001 },
  );
}
