import { count, eq } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { formatDuration } from '../../../shared/duration';
import { formatShanghaiTime } from '../../../shared/time';
import { sessions, userCredentials, users } from '../../db/schema';
import { isoNow, requireActor, type Runtime, type ServiceContext } from '../context';
import { appendAudit, insertRow } from '../write';
import { getBranchSettings, writeSettings } from '../settings/branch';
import { loadUser, toUser } from '../users/mapping';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { createSession, endSessionsOf } from './sessions';
import type { Role } from '../../../shared/roles';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

/** True until the first user exists: the app then shows the first-run setup screen. */
export function setupRequired(runtime: Pick<Runtime, 'store'>): boolean {
  const row = runtime.store.db.select({ n: count() }).from(users).get();
  return (row?.n ?? 0) === 0;
}

/** Creates a user and its credentials through the write path. */
export function createUserWithPassword(
  ctx: ServiceContext,
  fields: {
    username: string;
    displayName: string;
    role: Role;
    password: string;
    employeeNo?: string;
    department?: string;
    phone?: string;
    region?: string;
  },
  passwordHash?: string,
) {
  const taken = ctx.db.select({ id: users.id }).from(users).where(eq(users.username, fields.username)).get();
  if (taken) throw new AppError('CONFLICT', 'users.usernameTaken', { username: fields.username });
  const row = insertRow(ctx, users, {
    username: fields.username,
    displayName: fields.displayName,
    role: fields.role,
    employeeNo: fields.employeeNo ?? '',
    department: fields.department ?? '',
    phone: fields.phone ?? '',
    region: fields.region ?? '',
    active: true,
  });
  ctx.db
    .insert(userCredentials)
    .values({
      userId: row.id,
      passwordHash: passwordHash ?? hashPassword(fields.password),
      passwordChangedAt: isoNow(ctx),
    })
    .run();
  return row;
}

function sessionFor(ctx: ServiceContext, userId: string) {
  const token = createSession(ctx, userId);
  const user = loadUser(ctx.db, userId);
  if (!user) throw new AppError('INTERNAL', 'error.INTERNAL');
  return { token, user, idleMinutes: getBranchSettings(ctx).sessionIdleMinutes };
}

/** Creates the first administrator on an empty store and signs them in. Demo data is the caller's. */
export function setupFirstAdmin(ctx: ServiceContext, input: ParsedInputOf<'auth.setup'>) {
  if (!setupRequired(ctx)) throw new AppError('CONFLICT', 'auth.setupDone');
  writeSettings(ctx, { branchCode: input.branchCode, branchName: input.branchName });
  const admin = createUserWithPassword(ctx, {
    username: input.username,
    displayName: input.displayName,
    role: 'admin',
    password: input.password,
    department: '系统管理',
  });
  return sessionFor(ctx, admin.id);
}

type LoginOutcome =
  | { ok: true; session: ReturnType<typeof sessionFor> }
  | { ok: false; error: AppError };

/**
 * Checks a username and password. Runs in its own transaction and returns failures instead of
 * throwing, so the failed-attempt count is committed even though the caller reports an error.
 */
export function attemptLogin(ctx: ServiceContext, input: ParsedInputOf<'auth.login'>): LoginOutcome {
  const user = ctx.db.select().from(users).where(eq(users.username, input.username)).get();
  const cred = user
    ? ctx.db.select().from(userCredentials).where(eq(userCredentials.userId, user.id)).get()
    : undefined;
  if (!user || !cred || user.deleted) {
    verifyPassword(input.password, DUMMY_HASH);
    return { ok: false, error: new AppError('UNAUTHENTICATED', 'auth.badCredentials') };
  }
  const now = ctx.now();
  if (cred.lockedUntil && Date.parse(cred.lockedUntil) > now.getTime()) {
    return {
      ok: false,
      error: new AppError('UNAUTHENTICATED', 'auth.locked', { until: formatShanghaiTime(cred.lockedUntil) }),
    };
  }
  const actorCtx: ServiceContext = {
    ...ctx,
    actor: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      region: user.region,
      sessionTokenHash: null,
    },
  };
  if (!verifyPassword(input.password, cred.passwordHash)) {
    const failed = cred.failedCount + 1;
    const locked = failed >= MAX_FAILED_LOGINS;
    const lockedUntil = locked ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    ctx.db
      .update(userCredentials)
      .set({ failedCount: locked ? 0 : failed, lockedUntil })
      .where(eq(userCredentials.userId, user.id))
      .run();
    appendAudit(actorCtx, {
      entity: 'users',
      entityId: user.id,
      action: 'login_failed',
      after: { failedCount: failed, lockedUntil },
    });
    const error = lockedUntil
      ? new AppError('UNAUTHENTICATED', 'auth.locked', { until: formatShanghaiTime(lockedUntil) })
      : new AppError('UNAUTHENTICATED', 'auth.badCredentialsLeft', {
          left: MAX_FAILED_LOGINS - failed,
          duration: formatDuration(LOCKOUT_MINUTES, ctx.locale),
        });
    return { ok: false, error };
  }
  if (!user.active) return { ok: false, error: new AppError('UNAUTHENTICATED', 'auth.inactive') };

  ctx.db
    .update(userCredentials)
    .set({ failedCount: 0, lockedUntil: null, lastLoginAt: now.toISOString() })
    .where(eq(userCredentials.userId, user.id))
    .run();
  appendAudit(actorCtx, { entity: 'users', entityId: user.id, action: 'login' });
  return { ok: true, session: sessionFor(actorCtx, user.id) };
}

export const authHandlers = {
  'auth.status': (ctx: ServiceContext) => {
    const branch = getBranchSettings(ctx);
    return {
      setupRequired: setupRequired(ctx),
      branchCode: branch.branchCode,
      branchName: branch.branchName,
      version: ctx.version,
    };
  },
  'auth.logout': (ctx: ServiceContext) => {
    const actor = requireActor(ctx);
    if (actor.sessionTokenHash) {
      ctx.db.delete(sessions).where(eq(sessions.tokenHash, actor.sessionTokenHash)).run();
    }
    appendAudit(ctx, { entity: 'users', entityId: actor.id, action: 'logout' });
    return { ok: true as const };
  },
  'auth.me': (ctx: ServiceContext) => {
    const user = loadUser(ctx.db, requireActor(ctx).id);
    if (!user) throw new AppError('NOT_FOUND', 'users.notFound');
    return user;
  },
  'auth.changePassword': (ctx: ServiceContext, input: ParsedInputOf<'auth.changePassword'>) => {
    const actor = requireActor(ctx);
    const cred = ctx.db.select().from(userCredentials).where(eq(userCredentials.userId, actor.id)).get();
    if (!cred || !verifyPassword(input.currentPassword, cred.passwordHash)) {
      throw new AppError('VALIDATION', 'auth.wrongCurrentPassword');
    }
    if (input.currentPassword === input.newPassword) throw new AppError('VALIDATION', 'auth.samePassword');
    ctx.db
      .update(userCredentials)
      .set({ passwordHash: hashPassword(input.newPassword), passwordChangedAt: isoNow(ctx) })
      .where(eq(userCredentials.userId, actor.id))
      .run();
    // Other sessions of this user end; the current one stays.
    const current = actor.sessionTokenHash;
    endSessionsOf(ctx, actor.id);
    if (current) {
      const now = isoNow(ctx);
      ctx.db.insert(sessions).values({ tokenHash: current, userId: actor.id, createdAt: now, lastSeenAt: now }).run();
    }
    appendAudit(ctx, { entity: 'users', entityId: actor.id, action: 'other', after: { passwordChanged: true } });
    return { ok: true as const };
  },
};

export { toUser };
