import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import type { AuditEntry } from '../../../shared/contract/audit';
import { auditLog } from '../../db/schema';
import type { ServiceContext } from '../context';

function parseJson(value: string | null): Record<string, unknown> | null {
  return value ? (JSON.parse(value) as Record<string, unknown>) : null;
}

export const auditHandlers = {
  'audit.list': (ctx: ServiceContext, input: ParsedInputOf<'audit.list'>) => {
    const filters: SQL[] = [];
    if (input.actorId) filters.push(eq(auditLog.actorId, input.actorId));
    if (input.entity) filters.push(eq(auditLog.entity, input.entity));
    if (input.entityId) filters.push(eq(auditLog.entityId, input.entityId));
    if (input.action) filters.push(eq(auditLog.action, input.action));
    if (input.method) filters.push(eq(auditLog.method, input.method));
    if (input.from) filters.push(gte(auditLog.at, new Date(input.from).toISOString()));
    if (input.to) filters.push(lte(auditLog.at, new Date(input.to).toISOString()));
    const where = filters.length ? and(...filters) : undefined;
    const total = ctx.db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
    const rows = ctx.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .all();
    return {
      rows: rows.map(
        (r): AuditEntry => ({ ...r, before: parseJson(r.before), after: parseJson(r.after) }),
      ),
      total,
      page: input.page,
      pageSize: input.pageSize,
    };
  },
  'audit.entities': (ctx: ServiceContext) => ({
    entities: ctx.db
      .selectDistinct({ v: auditLog.entity })
      .from(auditLog)
      .orderBy(auditLog.entity)
      .all()
      .map((r) => r.v),
    methods: ctx.db
      .selectDistinct({ v: auditLog.method })
      .from(auditLog)
      .orderBy(auditLog.method)
      .all()
      .map((r) => r.v),
  }),
};
