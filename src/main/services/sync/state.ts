import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { syncState } from '../../db/schema';

export type SyncStateRow = typeof syncState.$inferSelect;

/** The device's sync settings and progress (one row, created on first read). */
export function readSyncState(db: Db): SyncStateRow {
  const row = db.select().from(syncState).where(eq(syncState.id, 1)).get();
  if (row) return row;
  return db.insert(syncState).values({ id: 1 }).returning().get();
}

/** Updates the sync state row. */
export function writeSyncState(db: Db, patch: Partial<Omit<SyncStateRow, 'id'>>): void {
  readSyncState(db);
  db.update(syncState).set(patch).where(eq(syncState.id, 1)).run();
}
