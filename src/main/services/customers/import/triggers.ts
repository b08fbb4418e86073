import type { ServiceContext } from '../../context';
import { OWN_PART, PEOPLE_PART, queueSearchRows } from '../search-index';

/**
 * Bulk writes of customers and key people without per-row trigger work (issue #3 import speed).
 *
 * The FTS triggers (migrations 0002, 0021) re-index one customer per written row and the report triggers of
 * 0009 log one change per row; for 100,000 rows that per-row work dominated the import (several ms per
 * row for the trigram index). Inside the caller's transaction these triggers are dropped, the rows are
 * written, the touched customers are queued for the background search indexer (search-index.ts) and
 * their report changes written set-based, and the triggers are re-created from the SQL that
 * sqlite_master held (so they never drift from the migrations). DDL is transactional in SQLite: a failed import rolls the drop back with everything else.
 * Triggers not named here (added by later migrations) keep firing per row, which is slower but right.
 */

/** What a suspended trigger did, redone once for all touched customers at the end. */
type Effect = 'search' | 'report' | 'newKeyCustomers' | 'visitDue' | 'birthdays';

const SUSPENDABLE: Record<string, Effect> = {
  customers_fts_insert: 'search',
  customers_fts_update: 'search',
  customer_contacts_fts_insert: 'search',
  customer_contacts_fts_update: 'search',
  // The words index's queue triggers (0027): one queue row per written row, redone set-based.
  search_customers_insert: 'search',
  search_customers_update: 'search',
  search_contacts_insert: 'search',
  search_contacts_update: 'search',
  search_customers_green: 'search',
  report_customers_insert: 'report',
  report_customers_update: 'report',
  report_bills_insert: 'report',
  report_bills_update: 'report',
  // Counts new key customers per month and owner (0014). Any trigger left on the table makes SQLite
  // keep a statement journal for every row written inside a transaction (5.7 s of a 100,000-row
  // import); it only fires on INSERT, so it is redone for the created customers.
  report_new_customers_insert: 'newKeyCustomers',
  // The yellow channel's visit due dates (0030): one view lookup per written customer, redone set-based.
  visit_due_customers_insert: 'visitDue',
  visit_due_customers_update: 'visitDue',
  // Key people's birthdays by month-day and owner (0031), redone set-based for the touched customers.
  contact_birthdays_contacts_insert: 'birthdays',
  contact_birthdays_contacts_update: 'birthdays',
  contact_birthdays_customers_insert: 'birthdays',
  contact_birthdays_customers_update: 'birthdays',
};

/** The tables whose triggers a bulk write may suspend. */
export type BulkTable = 'customers' | 'customer_contacts' | 'customer_bills';

/** What a bulk write tells withBulkTriggers. */
export interface BulkWritten<T> {
  result: T;
  /** Customers whose rows, or whose key people, were written. */
  customerIds: Iterable<string>;
  /** Customers inserted (a subset of customerIds); `write` must not update them afterwards. */
  createdCustomerIds?: Iterable<string>;
  /**
   * Customers whose own searchable text (name, short name, credit code, address, deleted) may have
   * changed; default: all of customerIds when customers were written. Re-indexing a customer's text
   * costs ~30 µs, so an import that only moves stages or owners skips it.
   */
  searchCustomerIds?: Iterable<string>;
  /**
   * Customers whose key people's search row may have changed (their key people were written, or the
   * customer was deleted or restored); default: all of customerIds when key people were written.
   */
  peopleCustomerIds?: Iterable<string>;
}

/**
 * Runs `write` with the search/report triggers of `tables` dropped; then, for the customers `write`
 * returned, queues them for the background search indexer, writes the report change log and the
 * new-key-customer counts, and re-creates the triggers. Must run inside a transaction.
 */
export function withBulkTriggers<T>(
  ctx: ServiceContext,
  tables: BulkTable[],
  write: () => BulkWritten<T>,
): T {
  const sqlite = ctx.store.sqlite;
  const names = Object.keys(SUSPENDABLE);
  const present = sqlite
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${tables.map(() => '?').join(', ')})
       AND name IN (${names.map(() => '?').join(', ')}) ORDER BY name`,
    )
    .all(...tables, ...names) as { name: string }[];
  return withTriggersSuspended(
    ctx,
    present.map((t) => t.name),
    () => {
      const written = write();
      const { result, customerIds, createdCustomerIds = [] } = written;
      const searchCustomerIds =
        written.searchCustomerIds ?? (tables.includes('customers') ? customerIds : []);
      const peopleCustomerIds =
        written.peopleCustomerIds ?? (tables.includes('customer_contacts') ? customerIds : []);
      const effects = new Set(present.map((t) => SUSPENDABLE[t.name]!));
      if (effects.has('search'))
        refreshSearchRows(ctx, [...new Set(searchCustomerIds)], [...new Set(peopleCustomerIds)], customerIds);
      if (effects.has('report')) {
        // The rows the report triggers would have logged (one per customer is enough: the cube re-reads
        // a logged customer in full), in one statement over a JSON array instead of 100,000 inserts.
        sqlite
          .prepare('INSERT INTO report_changes (customer_id) SELECT DISTINCT value FROM json_each(?)')
          .run(JSON.stringify([...customerIds]));
      }
      if (effects.has('newKeyCustomers')) countNewKeyCustomers(ctx, createdCustomerIds);
      if (effects.has('visitDue')) refreshVisitDue(ctx, customerIds);
      if (effects.has('birthdays')) refreshBirthdays(ctx, customerIds);
      return result;
    },
  );
}

/**
 * Runs `fn` with the named triggers dropped and re-creates them afterwards from the SQL sqlite_master
 * held; the caller redoes the triggers' work set-based inside `fn`. Must run inside a transaction, which
 * the caller rolls back if `fn` throws: the triggers are re-created before the error goes on, so even a
 * caller that catches it and carries on never writes without them. No savepoint of its own: inside one
 * SQLite keeps a copy of every page written before it was changed, 750 MB for an import of 100,000
 * updates.
 */
export function withTriggersSuspended<T>(ctx: ServiceContext, names: string[], fn: () => T): T {
  const sqlite = ctx.store.sqlite;
  if (!sqlite.inTransaction) throw new Error('withTriggersSuspended needs a transaction');
  const triggers = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')}) ORDER BY name`,
    )
    .all(...names) as { name: string; sql: string }[];
  for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`);
  try {
    return fn();
  } finally {
    // After some errors SQLite has rolled the whole transaction back (the drops with it): only the
    // triggers still missing are created again.
    const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?");
    for (const t of triggers) if (!exists.get(t.name)) sqlite.exec(t.sql);
  }
}

/** What report_new_customers_insert does per row, for all created customers in one statement. */
function countNewKeyCustomers(ctx: ServiceContext, created: Iterable<string>) {
  ctx.store.sqlite
    .prepare(
      `INSERT INTO report_new_customers (month, owner_id, customers)
       SELECT strftime('%Y-%m', c.created_at, '+8 hours'), coalesce(c.owner_id, ''), count(*)
       FROM json_each(?) j CROSS JOIN customers c ON c.id = j.value
       WHERE c.deleted = 0 AND c.is_key = 1 GROUP BY 1, 2
       ON CONFLICT (month, owner_id) DO UPDATE SET customers = customers + excluded.customers`,
    )
    .run(JSON.stringify([...created]));
}

/**
 * What the visit_due_customers_* triggers do per row, for all touched customers: their due dates
 * recomputed from the view (the one definition of a due date), and the rows of deleted ones removed.
 */
function refreshVisitDue(ctx: ServiceContext, touched: Iterable<string>) {
  const sqlite = ctx.store.sqlite;
  const ids = [...new Set(touched)];
  const remove = sqlite.prepare(`DELETE FROM customer_visit_due WHERE customer_id IN (SELECT value FROM json_each(?))
    AND customer_id NOT IN (SELECT c.id FROM json_each(?) j CROSS JOIN customers c ON c.id = j.value WHERE c.deleted = 0)`);
  const upsert = sqlite.prepare(`INSERT OR REPLACE INTO customer_visit_due (customer_id, owner_id, grade, last_visit_date, due_date)
    SELECT customer_id, owner_id, grade, last_visit_date, due_date FROM customer_visit_due_v WHERE customer_id IN (SELECT value FROM json_each(?))`);
  for (let i = 0; i < ids.length; i += SEARCH_CHUNK) {
    const chunk = JSON.stringify(ids.slice(i, i + SEARCH_CHUNK));
    remove.run(chunk, chunk);
    upsert.run(chunk);
  }
}

/** What the contact_birthdays_* triggers do per row, for all touched customers' key people at once. */
function refreshBirthdays(ctx: ServiceContext, touched: Iterable<string>) {
  const sqlite = ctx.store.sqlite;
  const ids = [...new Set(touched)];
  const remove = sqlite.prepare('DELETE FROM contact_birthdays WHERE customer_id IN (SELECT value FROM json_each(?))');
  const insert = sqlite.prepare(`INSERT OR REPLACE INTO contact_birthdays (contact_id, customer_id, owner_id, calendar, md)
    SELECT contact_id, customer_id, owner_id, calendar, md FROM contact_birthdays_v WHERE customer_id IN (SELECT value FROM json_each(?))`);
  for (let i = 0; i < ids.length; i += SEARCH_CHUNK) {
    const chunk = JSON.stringify(ids.slice(i, i + SEARCH_CHUNK));
    remove.run(chunk);
    insert.run(chunk);
  }
}

/** Customers queued per statement: bounds the statement journal SQLite keeps in memory. */
const SEARCH_CHUNK = 5_000;

/** SQL of a live customer `c`'s key people's search text, as the 0021/0022 triggers keep it. */
const PEOPLE_TEXT_SQL = `(SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ') FROM customer_contacts p
  WHERE p.customer_id = c.id AND p.deleted = 0)`;

/**
 * Queues the given customers for the background indexer (search-index.ts), which rewrites their own
 * search text and full-text rows: for `ids` their own row, for `peopleIds` their key people's — whose
 * text (customer_search_text.people_text) is written here, as the 0021/0022 triggers compute it, a
 * chunk at a time. Searches match queued customers on their current rows meanwhile.
 */
function refreshSearchRows(ctx: ServiceContext, ids: string[], peopleIds: string[], touched: Iterable<string>) {
  const sqlite = ctx.store.sqlite;
  // Map rows for customers that have none (created with the triggers suspended), with the owner as the
  // 0019 insert trigger writes it; an existing row's owner is kept by its own trigger, never suspended.
  const map = sqlite.prepare(`INSERT INTO customer_search_map (customer_id, owner_id)
    SELECT c.id, c.owner_id FROM json_each(?) t CROSS JOIN customers c ON c.id = t.value
    WHERE NOT EXISTS (SELECT 1 FROM customer_search_map m WHERE m.customer_id = c.id)`);
  const peopleText = sqlite.prepare(`INSERT INTO customer_search_text (seq, people_text)
    SELECT m.seq, CASE WHEN c.deleted = 0 THEN ${PEOPLE_TEXT_SQL} END
    FROM json_each(?) t CROSS JOIN customer_search_map m ON m.customer_id = t.value CROSS JOIN customers c ON c.id = m.customer_id
    WHERE true ON CONFLICT (seq) DO UPDATE SET people_text = excluded.people_text`);
  for (const [list, part] of [
    [ids, OWN_PART],
    [peopleIds, PEOPLE_PART],
  ] as const) {
    for (let i = 0; i < list.length; i += SEARCH_CHUNK) {
      const chunk = JSON.stringify(list.slice(i, i + SEARCH_CHUNK));
      map.run(chunk);
      if (part === PEOPLE_PART) peopleText.run(chunk);
      queueSearchRows(sqlite, chunk, part);
    }
  }
  // The words index (services/search) takes every touched customer once (its scope is the owner, which
  // an import may move without touching the text): its queue is keyed by record.
  const words = sqlite.prepare("INSERT OR IGNORE INTO search_queue (module, record_id) SELECT 'customer', value FROM json_each(?)");
  const all = [...new Set([...ids, ...peopleIds, ...touched])];
  // Their tickets too: a ticket's scope follows its customer's owner, which an import may change.
  const tickets = sqlite.prepare(`INSERT OR IGNORE INTO search_queue (module, record_id)
    SELECT 'ticket', t.id FROM json_each(?) j CROSS JOIN tickets t ON t.customer_id = j.value`);
  // And the green channel's records, which index the customer's name and (orders, contracts) follow its owner.
  const green = [
    ['order', 'work_orders'],
    ['contract', 'contracts'],
    ['form', 'request_forms'],
    ['visit', 'visits'],
  ].map(([module, table]) =>
    sqlite.prepare(`INSERT OR IGNORE INTO search_queue (module, record_id)
      SELECT '${module}', r.id FROM json_each(?) j CROSS JOIN ${table} r ON r.customer_id = j.value AND r.deleted = 0`),
  );
  for (let i = 0; i < all.length; i += SEARCH_CHUNK) {
    const chunk = JSON.stringify(all.slice(i, i + SEARCH_CHUNK));
    words.run(chunk);
    tickets.run(chunk);
    for (const g of green) g.run(chunk);
  }
}
