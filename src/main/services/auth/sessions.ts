import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { sessions, users } from '../../db/schema';
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
  const db = runtime.store.db;
  const tokenHash = hashToken(token);
  const found = db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .get();
  if (!found || !found.user.active || found.user.deleted) {
    throw new AppError('UNAUTHENTICATED', 'error.UNAUTHENTICATED');
  }
  const now = runtime.now().getTime();
  const lastSeen = Date.parse(found.session.lastSeenAt);
  const idleMs = readSetting(db, runtime.branchId, 'sessionIdleMinutes') * 60_000;
  if (now - lastSeen > idleMs) {
    db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    throw new AppError('UNAUTHENTICATED', 'error.sessionExpired');
  }
  if (now - lastSeen > TOUCH_INTERVAL_MS) {
    db.update(sessions)
      .set({ lastSeenAt: new Date(now).toISOString() })
      .where(eq(sessions.tokenHash, tokenHash))
      .run();
  }
  const u = found.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    region: u.region,
    sessionTokenHash: tokenHash,
  };
}

/** Ends every session of a user (after deactivation or a password reset). */
export function endSessionsOf(runtime: Pick<Runtime, 'store'>, userId: string): void {
  runtime.store.db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
