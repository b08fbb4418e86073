import type { Runtime } from './context';

/**
 * Nothing doubled (issue #21): the results of calls made with an idempotency key, so that a repeated
 * submit (a double click, Enter pressed twice, a retry after a slow network) returns the first result
 * instead of creating a second record. A form makes one key per intent; the key is remembered for a day.
 * Calls without a key are not deduplicated: two identical tickets typed on purpose stay two tickets.
 */

const KEY_TTL_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

/** Whether a client's idempotency key has an acceptable form (8–100 letters, digits, _ . : -). */
export function isValidIdempotencyKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export interface IdempotencySlot {
  key: string;
  actorId: string;
  method: string;
  /** Results older than this instant are forgotten. */
  since: string;
}

/** The slot a call's result is remembered in, or null for a call without a key. */
export function idempotencySlot(
  runtime: Pick<Runtime, 'now'>,
  call: { method: string; actorId: string | null; key: string | undefined },
): IdempotencySlot | null {
  if (!call.key) return null;
  const since = new Date(runtime.now().getTime() - KEY_TTL_MS).toISOString();
  return { key: call.key, actorId: call.actorId ?? '', method: call.method, since };
}

type Recalled = { found: false } | { found: true; method: string; result: unknown };

/** The remembered result of a slot, if a call already completed under it. */
export function recallResult(runtime: Pick<Runtime, 'store'>, slot: IdempotencySlot): Recalled {
  const row = runtime.store.sqlite
    .prepare('SELECT method, result FROM idempotency_keys WHERE actor_id = ? AND key = ? AND created_at >= ?')
    .get(slot.actorId, slot.key, slot.since) as { method: string; result: string } | undefined;
  if (!row) return { found: false };
  return { found: true, method: row.method, result: JSON.parse(row.result) as unknown };
}

const lastPrune = new WeakMap<object, number>();

/** Remembers a completed call's result under its slot (replacing an expired one); prunes old rows now and then. */
export function rememberResult(runtime: Pick<Runtime, 'store' | 'now'>, slot: IdempotencySlot, result: unknown): void {
  const sqlite = runtime.store.sqlite;
  const now = runtime.now();
  sqlite
    .prepare(
      `INSERT INTO idempotency_keys (actor_id, key, method, result, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (actor_id, key) DO UPDATE SET method = excluded.method, result = excluded.result, created_at = excluded.created_at`,
    )
    .run(slot.actorId, slot.key, slot.method, JSON.stringify(result ?? null), now.toISOString());
  const last = lastPrune.get(sqlite) ?? 0;
  if (now.getTime() - last > PRUNE_EVERY_MS || now.getTime() < last) {
    lastPrune.set(sqlite, now.getTime());
    sqlite.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(new Date(now.getTime() - KEY_TTL_MS).toISOString());
  }
}
