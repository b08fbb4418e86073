import { join } from 'node:path';
import { eq, max } from 'drizzle-orm';
import { HybridClock } from '../shared/hlc';
import { uuidv7 } from '../shared/uuid';
import { openStore, type Store } from './db/open';
import { localMeta, syncOutbox } from './db/schema';
import type { Runtime } from './services/context';

export const APP_VERSION = '0.1.0';
export const DB_FILE_NAME = 'kam-desk.db';

export interface RuntimeOptions {
  /** A data directory, or null for an in-memory store (tests). */
  dataDir: string | null;
  transport: Runtime['transport'];
  now?: () => Date;
  migrationsFolder?: string;
  nativeBinding?: string;
}

function metaValue(store: Store, key: string, create: () => string): string {
  const row = store.db.select().from(localMeta).where(eq(localMeta.key, key)).get();
  if (row) return row.value;
  const value = create();
  store.db.insert(localMeta).values({ key, value }).run();
  return value;
}

/** Opens the store in a data directory and sets up this installation's identity and clock. */
export function openRuntime(options: RuntimeOptions): Runtime {
  const store = openStore({
    file: options.dataDir ? join(options.dataDir, DB_FILE_NAME) : ':memory:',
    migrationsFolder: options.migrationsFolder,
    nativeBinding: options.nativeBinding,
  });
  const now = options.now ?? (() => new Date());
  const nodeId = metaValue(store, 'node_id', () => uuidv7().replace(/-/g, '').slice(-12));
  const branchId = metaValue(store, 'branch_id', () => uuidv7());
  const clock = new HybridClock(nodeId, () => now().getTime());
  // Never issue a timestamp older than one already written, even if the wall clock went back.
  const last = store.db.select({ hlc: max(syncOutbox.hlc) }).from(syncOutbox).get()?.hlc;
  if (last) clock.receive(last);
  return {
    store,
    clock,
    nodeId,
    branchId,
    dataDir: options.dataDir,
    transport: options.transport,
    version: APP_VERSION,
    now,
  };
}

export function closeRuntime(runtime: Runtime): void {
  runtime.store.checkpointer?.stop();
  runtime.store.sqlite.close();
}
