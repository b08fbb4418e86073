import type { ParsedInputOf } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { exportAudit } from './export';
import { auditCount, auditRows } from './log';

export const auditHandlers = {
  'audit.list': (ctx: ServiceContext, input: ParsedInputOf<'audit.list'>) => {
    const { page, pageSize, ...filter } = input;
    return { rows: auditRows(ctx, filter, pageSize, (page - 1) * pageSize), ...auditCount(ctx, filter), page, pageSize };
  },
  'audit.export': { ownTransaction: true, handler: exportAudit },
  // A skip scan of the entity index: one seek per table name, not a read of a million-row log.
  'audit.entities': (ctx: ServiceContext) => ({
    entities: (
      ctx.store.sqlite
        .prepare(
          `WITH RECURSIVE e(v) AS (SELECT min(entity) FROM audit_log
             UNION ALL SELECT (SELECT min(entity) FROM audit_log WHERE entity > e.v) FROM e WHERE e.v IS NOT NULL)
           SELECT v FROM e WHERE v IS NOT NULL`,
        )
        .all() as { v: string }[]
    ).map((r) => r.v),
  }),
};
