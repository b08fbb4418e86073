import { and, asc, count, eq, or, type SQL } from 'drizzle-orm';
import { contains } from '../../db/sql';
import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { userCredentials, users } from '../../db/schema';
import { isoNow, type ServiceContext } from '../context';
import { appendAudit, getRow, updateRow } from '../write';
import { createUserWithPassword } from '../auth';
import { hashPassword } from '../auth/password';
import { endSessionsOf } from '../auth/sessions';
import { loadUser, toUser } from './mapping';


function mustLoad(ctx: ServiceContext, id: string) {
  const user = loadUser(ctx.db, id);
  if (!user) throw new AppError('NOT_FOUND', 'users.notFound');
  return user;
}

function activeAdminCount(ctx: ServiceContext): number {
  return (
    ctx.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true), eq(users.deleted, false)))
      .get()?.n ?? 0
  );
}

export const usersHandlers = {
  'users.list': (ctx: ServiceContext, input: ParsedInputOf<'users.list'>) => {
    const filters: (SQL | undefined)[] = [eq(users.deleted, false)];
    if (input.role) filters.push(eq(users.role, input.role));
    if (input.active !== undefined) filters.push(eq(users.active, input.active));
    if (input.query) {
      const q = input.query;
      filters.push(
        or(contains(users.displayName, q), contains(users.username, q), contains(users.employeeNo, q), contains(users.phone, q)),
      );
    }
    const where = and(...filters);
    const total = ctx.db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
    const rows = ctx.db
      .select({ user: users, cred: userCredentials })
      .from(users)
      .leftJoin(userCredentials, eq(userCredentials.userId, users.id))
      .where(where)
      .orderBy(asc(users.role), asc(users.username))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .all();
    return {
      rows: rows.map((r) => toUser(r.user, r.cred)),
      total,
      page: input.page,
      pageSize: input.pageSize,
    };
  },

  'users.options': (ctx: ServiceContext, input: ParsedInputOf<'users.options'>) => {
    const filters = [eq(users.deleted, false), eq(users.active, true)];
    if (input.role) filters.push(eq(users.role, input.role));
    return ctx.db
      .select({
        id: users.id,
        displayName: users.displayName,
        role: users.role,
        region: users.region,
        department: users.department,
      })
      .from(users)
      .where(and(...filters))
      .orderBy(asc(users.displayName))
      .all();
  },

  'users.create': (ctx: ServiceContext, input: ParsedInputOf<'users.create'>) => {
    const row = createUserWithPassword(ctx, input);
    return mustLoad(ctx, row.id);
  },

  'users.update': (ctx: ServiceContext, input: ParsedInputOf<'users.update'>) => {
    const { id, ...patch } = input;
    const before = getRow(ctx, users, id);
    const losesAdmin =
      before.role === 'admin' && before.active && (patch.active === false || (patch.role && patch.role !== 'admin'));
    if (losesAdmin && activeAdminCount(ctx) <= 1) throw new AppError('CONFLICT', 'users.lastAdmin');
    updateRow(ctx, users, id, patch);
    if (patch.active === false) endSessionsOf(ctx, id);
    return mustLoad(ctx, id);
  },

  'users.resetPassword': (ctx: ServiceContext, input: ParsedInputOf<'users.resetPassword'>) => {
    getRow(ctx, users, input.id);
    ctx.db
      .update(userCredentials)
      .set({
        passwordHash: hashPassword(input.password),
        passwordChangedAt: isoNow(ctx),
        failedCount: 0,
        lockedUntil: null,
      })
      .where(eq(userCredentials.userId, input.id))
      .run();
    endSessionsOf(ctx, input.id);
    appendAudit(ctx, { entity: 'users', entityId: input.id, action: 'other', after: { passwordReset: true } });
    return mustLoad(ctx, input.id);
  },
};

export { toUser };
