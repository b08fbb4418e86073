import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './base';

/** Branch settings as key → JSON value; synced so HQ sees a branch's configuration. */
export const settings = sqliteTable(
  'settings',
  {
    ...syncColumns(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [uniqueIndex('settings_branch_key').on(t.branchId, t.key)],
);

/** Local-only facts about this installation: node id, branch id, HLC high-water mark. Never synced. */
export const localMeta = sqliteTable('local_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** The outbox of changed columns waiting to be pushed to headquarters (ARCHITECTURE.md, sync). */
export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    mutationId: text('mutation_id').notNull().unique(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    cols: text('cols').notNull(),
    hlc: text('hlc').notNull(),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [index('sync_outbox_unsent').on(t.sentAt, t.seq)],
);

/** Append-only audit log: who did what, when, through which method, with the row before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    method: text('method').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', {
      enum: ['create', 'update', 'delete', 'login', 'login_failed', 'logout', 'other'],
    }).notNull(),
    before: text('before'),
    after: text('after'),
  },
  (t) => [
    index('audit_at').on(t.at),
    index('audit_entity').on(t.entity, t.entityId),
    index('audit_actor').on(t.actorId, t.at),
  ],
);

/**
 * Results of create calls by idempotency key (issue #21: nothing doubled). A form sends one key per intent;
 * a second call with the key returns the first result instead of creating again. Local only, never synced;
 * rows older than a day are dropped.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    actorId: text('actor_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    result: text('result').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('idempotency_actor_key').on(t.actorId, t.key), index('idempotency_created').on(t.createdAt)],
);
