import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type Database from 'better-sqlite3';
import { sessions } from '../../db/schema';
import type { Role } from '../../../shared/roles';
import type { Actor, Runtime } from '../context';
import { readSetting } from '../settings/branch';

/** Sessions are refreshed at most this often, so a busy operator does not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Starts a session for a user and returns the bearer token (shown once, stored only as a hash). */
export function createSession(runtime: Runtime, userId: string): string {
  const token = randomBytes(32).toString('base64url');
  const now = runtime.now().toISOString();
  runtime.store.db
    .insert(sessions)
    .values({ tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now })
    .run();
  return token;
}

/**
 * Resolves a bearer token to the acting user. Unknown tokens, deactivated users and sessions idle for
 * longer than the branch's setting answer UNAUTHENTICATED.
 */
export function resolveSession(runtime: Runtime, token: string): Actor {
  const q = statementsFor(runtime.store.sqlite);
  const tokenHash = hashToken(token);
  const found = q.find.get(tokenHash) as SessionRow | undefined;
  if (!found || found.active !== 1 || found.deleted !== 0) {
    throw new AppError('UNAUTHENTICATED', 'error.UNAUTHENTICATED');
  }
  const now = runtime.now().getTime();
  const lastSeen = Date.parse(found.last_seen_at);
  const idleMs = readSetting(runtime.store.db, runtime.branchId, 'sessionIdleMinutes') * 60_000;
  if (now - lastSeen > idleMs) {
    q.remove.run(tokenHash);
    throw new AppError('UNAUTHENTICATED', 'error.sessionExpired');
  }
  if (now - lastSeen > TOUCH_INTERVAL_MS) q.touch.run(new Date(now).toISOString(), tokenHash);
  return {
    id: found.id,
    username: found.username,
    displayName: found.display_name,
    role: found.role,
    region: found.region,
    sessionTokenHash: tokenHash,
  };
}

interface SessionRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  region: string;
  active: number;
  deleted: number;
  last_seen_at: string;
}

// Every API call resolves its session, so these statements are prepared once per connection.
const prepared = new WeakMap<Database.Database, ReturnType<typeof prepare>>();
function prepare(sqlite: Database.Database) {
  return {
    find: sqlite.prepare(
      `SELECT u.id, u.username, u.display_name, u.role, u.region, u.active, u.deleted, s.last_seen_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    ),
    remove: sqlite.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    touch: sqlite.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?'),
  };
}
function statementsFor(sqlite: Database.Database) {
  let q = prepared.get(sqlite);
  if (!q) {
    q = prepare(sqlite);
    prepared.set(sqlite, q);
  }
  return q;
}

/** Ends every session of a user (after deactivation or a password reset). */
export function endSessionsOf(runtime: Pick<Runtime, 'store'>, userId: string): void {
  runtime.store.db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
