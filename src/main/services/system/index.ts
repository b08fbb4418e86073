import { statSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, or } from 'drizzle-orm';
import { contains } from '../../db/sql';
import type { ParsedInputOf } from '../../../shared/contract';
import type { SearchHit } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';
import { users } from '../../db/schema';
import { backupStore } from '../../db/open';
import { isoNow, requireActor, type ServiceContext } from '../context';
import { globalSearchHits } from '../search/global';
import { rebuildSearchIndex } from '../search/store';

function databaseBytes(file: string): number {
  if (file === ':memory:') return 0;
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      // no WAL file yet
    }
  }
  return total;
}

/** Where backups of a data directory go. */
export function backupDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

export const systemHandlers = {
  'system.info': (ctx: ServiceContext) => ({
    version: ctx.version,
    dataDir: ctx.dataDir ?? ':memory:',
    schemaVersion: ctx.store.schemaVersion,
    databaseBytes: databaseBytes(ctx.store.file),
    transport: ctx.transport,
    now: isoNow(ctx),
  }),
  // VACUUM INTO cannot run inside a transaction, so this method runs outside the API's one.
  'system.backup': {
    ownTransaction: true,
    handler: (ctx: ServiceContext) => {
      if (!ctx.dataDir) throw new AppError('CONFLICT', 'error.CONFLICT');
      return backupStore(ctx.store, backupDir(ctx.dataDir));
    },
  },
  'search.global': (ctx: ServiceContext, input: ParsedInputOf<'search.global'>): SearchHit[] => {
    const actor = requireActor(ctx);
    const hits: SearchHit[] = [];
    if (actor.role === 'admin' || actor.role === 'leader') {
      const q = input.query;
      const found = ctx.db
        .select({ id: users.id, displayName: users.displayName, username: users.username, department: users.department })
        .from(users)
        .where(
          and(
            eq(users.deleted, false),
            or(contains(users.displayName, q), contains(users.username, q), contains(users.employeeNo, q)),
          ),
        )
        .limit(10)
        .all();
      for (const u of found) {
        hits.push({
          kind: 'user',
          id: u.id,
          title: u.displayName,
          subtitle: [u.username, u.department].filter(Boolean).join(' · '),
          route: `/admin/users?focus=${u.id}`,
        });
      }
    }
    hits.push(...globalSearchHits(ctx, input.query));
    return hits;
  },
  // Empties the search index and queues every record: the background worker writes it again.
  'search.rebuild': (ctx: ServiceContext) => rebuildSearchIndex(ctx.store.sqlite),
};
