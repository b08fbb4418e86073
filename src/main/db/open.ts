import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { startCheckpointer, type Checkpointer } from './checkpointer';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface Store {
  db: Db;
  sqlite: Database.Database;
  /** Absolute path of the database file, or ':memory:'. */
  file: string;
  /** How many migrations this database has applied. */
  schemaVersion: number;
  /** The backup written before pending migrations ran, if any. */
  preMigrationBackup: string | null;
  /** Background WAL checkpoints (file databases only). */
  checkpointer: Checkpointer | null;
}

export interface OpenOptions {
  /** A file path or ':memory:'. */
  file: string;
  migrationsFolder?: string;
  /** Where the pre-migration backup goes; defaults to `<db dir>/backups`. */
  backupDir?: string;
  /** better-sqlite3's `nativeBinding`: the Electron-ABI build when running under Electron. */
  nativeBinding?: string;
  /** Checkpoint the WAL in a worker thread instead of inside commits (file databases; default true). */
  backgroundCheckpoints?: boolean;
}

/** The generated migrations: next to the source in development, copied beside the bundle when built. */
export function defaultMigrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'migrations'),
    join(here, 'db', 'migrations'),
    resolve(here, '../../src/main/db/migrations'),
    // Packaged Electron app: electron-builder copies the folder into resources/.
    join((process as NodeJS.Process & { resourcesPath?: string }).resourcesPath ?? '', 'migrations'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'meta', '_journal.json')));
  if (!found) throw new Error(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Timestamp usable in a file name: 20261123-143005. */
export function fileStamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Opens (creating if needed) the SQLite store with WAL, foreign keys and a busy timeout, backs the file
 * up when migrations are pending, then applies them in one transaction.
 */
export function openStore(options: OpenOptions): Store {
  const inMemory = options.file === ':memory:';
  const file = inMemory ? ':memory:' : resolve(options.file);
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const existed = !inMemory && existsSync(file) && statSync(file).size > 0;

  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');

  const db = drizzle(sqlite, { schema });
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  const migrations = readMigrationFiles({ migrationsFolder });
  const applied = appliedMigrations(sqlite);

  let preMigrationBackup: string | null = null;
  if (existed && applied < migrations.length) {
    const dir = options.backupDir ?? join(dirname(file), 'backups');
    mkdirSync(dir, { recursive: true });
    preMigrationBackup = join(dir, `kam-before-migration-${applied}-to-${migrations.length}-${fileStamp()}.db`);
    sqlite.prepare('VACUUM INTO ?').run(preMigrationBackup);
  }
  migrate(db, { migrationsFolder });

  const checkpointer = inMemory || options.backgroundCheckpoints === false ? null : startCheckpointer(sqlite, file, options.nativeBinding);
  return { db, sqlite, file, schemaVersion: appliedMigrations(sqlite), preMigrationBackup, checkpointer };
}

function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return 0;
  return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

/** Writes a consistent copy of the live database (VACUUM INTO works while the app is running). */
export function backupStore(store: Store, dir: string): { path: string; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `kam-backup-${fileStamp()}.db`);
  store.sqlite.prepare('VACUUM INTO ?').run(path);
  return { path, bytes: statSync(path).size };
}
