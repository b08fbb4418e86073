import type { ParsedInputOf } from '../../../../shared/contract';
import type { CustomerStage } from '../../../../shared/contract/customer-common';
import { AppError } from '../../../../shared/errors';
import { translate } from '../../../../shared/messages';
import { companyNameKey } from '../../../../shared/normalize';
import {
  customerBills,
  customerContacts,
  customerImportBatches,
  customerImportRows,
  customerOwnershipLog,
  customers,
  customerStageHistory,
} from '../../../db/schema';
import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bulkInsertSet, bulkUpdate } from '../../bulk';
import { isoNow, requireActor, type Actor, type ServiceContext } from '../../context';
import { getRow, insertRow, type NewRow, type SyncTable } from '../../write';
import { defaultDueDate } from '../dates';
import { billsChanged } from '../records';
import { warningsDue } from '../warnings';
import { ownerLabel, setOwner } from '../ownership';
import { isManagerRole } from '../scope';
import { getCustomerSettings, keyReasons } from '../settings';
import { FIELDS, autoMap, rowParser, type ImportKind, type RowIssue } from './fields';
import { readSheet, type Sheet } from './parse';
import { withBulkTriggers, type BulkTable } from './triggers';

/**
 * Import of customers, key people and bills (issue #3, point 7): parse → plan (match by credit code,
 * else normalised name; row-level issues) → apply everything in one transaction as an undoable batch.
 */

export const MAX_IMPORT_ROWS = 200_000;
const MAX_ISSUES_SHOWN = 500;

type Input = ParsedInputOf<'customers.import.preview'>;

interface Op {
  table: 'customers' | 'customer_contacts' | 'customer_bills';
  /** Existing row id for updates. */
  id?: string;
  values: Record<string, unknown>;
  /** customers only: owner to set through the ownership log (undefined = leave). */
  ownerId?: string | null;
  /**
   * Updates: the plan read the row, so `values` is only what changes and `before` the undo trail's JSON
   * of the old values. Customers also carry `currentOwnerId` (the owner before) and `stageBefore` (the
   * stage before, when the row changes it, for the stage history).
   */
  before?: string;
  currentOwnerId?: string | null;
  stageBefore?: CustomerStage | null;
  customerId?: string;
}

interface Plan {
  sheet: Sheet;
  mapping: Record<string, string>;
  creates: Op[];
  updates: Op[];
  /** Rows matching an existing record with nothing to change: neither written nor in the batch. */
  unchanged: number;
  issues: RowIssue[];
  sample: Record<string, string>[];
}

interface Found {
  id: string;
  ownerId: string | null;
  creditCode: string;
  name: string;
  /** The customer's current values of the columns the import may write (drizzle's shape). */
  current: Record<string, unknown>;
}

const CUSTOMER_COLUMNS = getTableColumns(customers) as Record<string, SQLiteColumn>;

/**
 * Customer lookups by credit code and by normalised name that also read the current values of
 * `keys` (property names of customer columns): an update then compares against them without reading
 * the row a second time (1 s of an import of 100,000 updates).
 */
function lookups(ctx: ServiceContext, keys: string[] = []) {
  const extra = [...new Set(keys)].filter((k) => CUSTOMER_COLUMNS[k]);
  const select = ['id', 'owner_id', 'credit_code', 'name', ...extra.map((k) => `"${CUSTOMER_COLUMNS[k]!.name}"`)].join(', ');
  const byCode = ctx.store.sqlite.prepare(`SELECT ${select} FROM customers WHERE credit_code = ? AND deleted = 0 LIMIT 1`).raw();
  const byKey = ctx.store.sqlite.prepare(`SELECT ${select} FROM customers WHERE name_key = ? AND deleted = 0 LIMIT 1`).raw();
  const found = (raw: unknown[] | undefined): Found | undefined => {
    if (!raw) return undefined;
    const current: Record<string, unknown> = {};
    extra.forEach((k, i) => {
      const v = raw[4 + i];
      current[k] = v === null || v === undefined ? null : CUSTOMER_COLUMNS[k]!.mapFromDriverValue(v);
    });
    return { id: raw[0] as string, ownerId: raw[1] as string | null, creditCode: raw[2] as string, name: raw[3] as string, current };
  };
  return {
    code: (code: string) => (code ? found(byCode.get(code) as unknown[] | undefined) : undefined),
    name: (name: string) => (name ? found(byKey.get(companyNameKey(name)) as unknown[] | undefined) : undefined),
    nameKey: (key: string) => (key ? found(byKey.get(key) as unknown[] | undefined) : undefined),
  };
}

function ownerResolver(ctx: ServiceContext) {
  const rows = ctx.store.sqlite
    .prepare(`SELECT id, username, display_name AS name FROM users WHERE deleted = 0 AND active = 1 AND role IN ('account_manager', 'leader')`)
    .all() as { id: string; username: string; name: string }[];
  const map = new Map<string, string>();
  for (const r of rows) {
    map.set(r.username.toLowerCase(), r.id);
    if (!map.has(r.name)) map.set(r.name, r.id);
  }
  return (text: string) => map.get(text) ?? map.get(text.toLowerCase());
}

function missingColumns(kind: ImportKind, mapping: Record<string, string>, locale: Input['kind'] extends never ? never : ServiceContext['locale']): RowIssue[] {
  const mapped = new Set(Object.values(mapping));
  const issues: RowIssue[] = [];
  for (const def of FIELDS[kind]) {
    if (def.required && !mapped.has(def.field)) {
      issues.push({ row: 1, column: '', message: translate('import.missingColumn', locale, { field: locale === 'en' ? def.en : def.zh }) });
    }
  }
  if (kind !== 'customers' && !mapped.has('customerCreditCode') && !mapped.has('customerName')) {
    issues.push({ row: 1, column: '', message: translate('import.missingColumn', locale, { field: locale === 'en' ? 'Customer name' : '客户名称' }) });
  }
  return issues;
}

/** The columns of `values` that differ from `current`, and their old values (with the owner's when it changes). */
function changesOf(values: Record<string, unknown>, current: Record<string, unknown>, ownerChanges: boolean) {
  const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => JSON.stringify(current[k]) !== JSON.stringify(v)));
  const before = Object.fromEntries(Object.keys(patch).map((k) => [k, current[k]]));
  if (ownerChanges) before.ownerId = current.ownerId;
  return { patch, before };
}

type StageEntry = NewRow<typeof customerStageHistory>;

/** A stage history row for a stage set by an import or its undo (note: the file, or the undo's reason). */
function stageEntry(ctx: ServiceContext, actor: Actor, customerId: string, fromStage: CustomerStage | null, toStage: CustomerStage, note: string): StageEntry {
  return { customerId, fromStage, toStage, byId: actor.id, byName: actor.displayName, note, at: isoNow(ctx) };
}

/** Builds the plan for a parsed sheet against the current database (reads only). */
function planImport(ctx: ServiceContext, actor: Actor, kind: ImportKind, sheet: Sheet, given?: Record<string, string>): Plan {
  const mapping = autoMap(kind, sheet.headers, given);
  const issues = missingColumns(kind, mapping, ctx.locale);
  const plan: Plan = { sheet, mapping, creates: [], updates: [], unchanged: 0, issues, sample: [] };
  if (issues.length) return plan;
  // What an update compares: the mapped fields, the name's key and parent that go with them, the owner.
  const find = lookups(ctx, kind === 'customers' ? [...Object.values(mapping), 'nameKey', 'parentId', 'ownerId'] : []);
  const resolveOwner = ownerResolver(ctx);
  const settings = getCustomerSettings(ctx);
  const seen = new Map<string, number>();
  const headerOf = (field: string) => sheet.headers.find((h) => mapping[h] === field) ?? '';
  const issue = (row: number, field: string, key: string, params: Record<string, string | number> = {}) =>
    issues.push({ row, column: headerOf(field), message: translate(key, ctx.locale, params) });
  const contactByName = ctx.store.sqlite.prepare(
    'SELECT id FROM customer_contacts WHERE customer_id = ? AND name = ? AND deleted = 0 LIMIT 1',
  );
  const billByPeriod = ctx.store.sqlite.prepare(
    'SELECT id, billed_fen AS billed FROM customer_bills WHERE customer_id = ? AND period = ? AND deleted = 0 LIMIT 1',
  );

  // Contacts and bills point at a customer the caller may write; others look like they do not exist.
  const customerFor = (rowNo: number, rec: Record<string, unknown>): string | null => {
    const code = (rec.customerCreditCode as string | undefined) ?? '';
    const name = (rec.customerName as string | undefined) ?? '';
    const hit = find.code(code) ?? (code ? undefined : find.name(name));
    if (!hit || (actor.role === 'account_manager' && hit.ownerId !== actor.id)) {
      issue(rowNo, code ? 'customerCreditCode' : 'customerName', 'import.customerNotFound', { value: code || name });
      return null;
    }
    return hit.id;
  };

  // A key person's or bill's row that matches an existing one: what changes, or nothing.
  const update = (table: 'customer_contacts' | 'customer_bills', id: string, values: Record<string, unknown>, customerId: string) => {
    const { patch, before } = changesOf(values, getRow(ctx, TABLES[table], id) as Record<string, unknown>, false);
    if (Object.keys(patch).length === 0) plan.unchanged++;
    else plan.updates.push({ table, id, values: patch, before: JSON.stringify(before), customerId });
  };

  const parseRow = rowParser(kind, sheet.headers, mapping, ctx.locale);
  sheet.rows.forEach((cells, index) => {
    const rowNo = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const before = issues.length;
    const rec = parseRow(cells, rowNo, issues);
    if (plan.sample.length < 20) plan.sample.push(Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v ?? '')])));
    if (issues.length > before) return;

    if (kind === 'customers') {
      const name = rec.name as string;
      const code = (rec.creditCode as string | undefined) ?? '';
      const key = companyNameKey(name);
      for (const k of [`n:${key}`, ...(code ? [`c:${code}`] : [])]) {
        const first = seen.get(k);
        if (first) return void issue(rowNo, k.startsWith('c:') ? 'creditCode' : 'name', 'import.duplicateInFile', { row: first });
      }
      seen.set(`n:${key}`, rowNo);
      if (code) seen.set(`c:${code}`, rowNo);
      let hit = find.code(code);
      if (!hit) {
        const byName = find.nameKey(key);
        if (byName && code && byName.creditCode && byName.creditCode !== code) {
          return void issue(rowNo, 'name', 'import.ownedByOther', { owner: ownerLabel(ctx, byName.ownerId) });
        }
        hit = byName;
      }
      let parentId: string | undefined;
      if (rec.parent) {
        const parent = find.code(rec.parent as string) ?? find.name(rec.parent as string);
        if (!parent) return void issue(rowNo, 'parent', 'import.customerNotFound', { value: rec.parent as string });
        parentId = parent.id;
      }
      let ownerId: string | null | undefined;
      if (isManagerRole(actor.role) && rec.owner) {
        ownerId = resolveOwner(rec.owner as string);
        if (!ownerId) return void issue(rowNo, 'owner', 'import.ownerNotFound', { value: rec.owner as string });
      }
      const values: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(rec)) {
        if (k === 'owner' || k === 'parent' || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
        values[k === 'tags' ? 'tags' : k] = k === 'tags' ? JSON.stringify(v) : v;
      }
      if (parentId) values.parentId = parentId;
      if (hit) {
        if (actor.role === 'account_manager' && hit.ownerId !== actor.id) {
          return void issue(rowNo, 'name', 'import.ownedByOther', { owner: ownerLabel(ctx, hit.ownerId) });
        }
        if (values.name) values.nameKey = key;
        const ownerChange = ownerId !== undefined && ownerId !== hit.ownerId ? ownerId : undefined;
        // Only what changes is kept (the row was just read): 100,000 rows of values and current values
        // held to the write phase took the import to the 500 MB limit.
        const { patch, before } = changesOf(values, hit.current, ownerChange !== undefined);
        if (Object.keys(patch).length === 0 && ownerChange === undefined) return void plan.unchanged++;
        plan.updates.push({
          table: 'customers',
          id: hit.id,
          values: patch,
          ownerId: ownerChange,
          before: JSON.stringify(before),
          currentOwnerId: hit.ownerId,
          ...('stage' in patch && { stageBefore: (hit.current.stage as CustomerStage | null | undefined) ?? null }),
        });
      } else {
        const owner = actor.role === 'account_manager' ? actor.id : (ownerId ?? null);
        const type = (values.type as 'gov' | 'group' | 'enterprise' | 'strategic' | undefined) ?? 'enterprise';
        const designated = (values.designatedStrategic as boolean | undefined) ?? false;
        plan.creates.push({
          table: 'customers',
          values: {
            ...values,
            nameKey: key,
            type,
            ownerId: owner,
            isKey: keyReasons(settings, { monthlySpendFen: 0, type, designatedStrategic: designated }).length > 0,
          },
          ownerId: owner,
        });
      }
      return;
    }

    const customerId = customerFor(rowNo, rec);
    if (!customerId) return;
    const { customerCreditCode: _c, customerName: _n, ...fields } = rec;
    const values = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== ''));
    if (kind === 'contacts') {
      const k = `${customerId}:${fields.name as string}`;
      const first = seen.get(k);
      if (first) return void issue(rowNo, 'name', 'import.duplicateInFile', { row: first });
      seen.set(k, rowNo);
      const existing = contactByName.get(customerId, fields.name) as { id: string } | undefined;
      if (existing) update('customer_contacts', existing.id, values, customerId);
      else plan.creates.push({ table: 'customer_contacts', values: { ...values, customerId }, customerId });
      return;
    }
    const period = fields.period as string;
    const k = `${customerId}:${period}`;
    const first = seen.get(k);
    if (first) return void issue(rowNo, 'period', 'import.duplicateInFile', { row: first });
    seen.set(k, rowNo);
    const existing = billByPeriod.get(customerId, period) as { id: string; billed: number } | undefined;
    const billed = (fields.billedFen as number | null) ?? existing?.billed ?? 0;
    const paid = (fields.paidFen as number | null) ?? 0;
    if (paid > billed) return void issue(rowNo, 'paidFen', 'import.paidOverBilled');
    if (existing) update('customer_bills', existing.id, values, customerId);
    else {
      plan.creates.push({
        table: 'customer_bills',
        values: { ...values, paidFen: paid, dueDate: (fields.dueDate as string | null) ?? defaultDueDate(period), customerId },
        customerId,
      });
    }
  });
  return plan;
}

/** Customer fields in the full-text row (the columns the 0002 update trigger watches). */
const SEARCHED: ReadonlySet<string> = new Set(['name', 'shortName', 'creditCode', 'address', 'deleted']);

const TABLES: Record<Op['table'], SyncTable> = {
  customers,
  customer_contacts: customerContacts,
  customer_bills: customerBills,
};

/** The table an import kind writes, whose per-row search/report triggers the write suspends (triggers.ts). */
const BULK_TABLE: Record<ImportKind, BulkTable> = { customers: 'customers', contacts: 'customer_contacts', bills: 'customer_bills' };

async function parseInput(input: Input): Promise<Sheet> {
  return readSheet(input.fileName, Buffer.from(input.base64, 'base64'), MAX_IMPORT_ROWS);
}

function previewOf(kind: ImportKind, plan: Plan, ctx: ServiceContext) {
  return {
    kind,
    encoding: plan.sheet.encoding,
    headers: plan.sheet.headers,
    mapping: plan.mapping,
    fields: FIELDS[kind].map((d) => ({ field: d.field, label: ctx.locale === 'en' ? d.en : d.zh, required: !!d.required })),
    totalRows: plan.sheet.rows.filter((r) => r.some((c) => c.trim() !== '')).length,
    toCreate: plan.creates.length,
    toUpdate: plan.updates.length,
    unchanged: plan.unchanged,
    issues: plan.issues.slice(0, MAX_ISSUES_SHOWN),
    issueCount: plan.issues.length,
    sample: plan.sample,
  };
}

/** customers.import.preview: the dry run; writes nothing. */
export async function previewImport(ctx: ServiceContext, input: Input) {
  const actor = requireActor(ctx);
  const sheet = await parseInput(input);
  const plan = planImport(ctx, actor, input.kind, sheet, input.mapping);
  return previewOf(input.kind, plan, ctx);
}

/** Writes a plan in the current transaction as one batch; returns the batch row and how many customers' caches were queued. */
export function applyPlan(ctx: ServiceContext, actor: Actor, kind: ImportKind, fileName: string, plan: Plan) {
  const batch = insertRow(ctx, customerImportBatches, {
    kind,
    fileName,
    byId: actor.id,
    byName: actor.displayName,
    at: isoNow(ctx),
    created: plan.creates.length,
    updated: plan.updates.length,
    undoneAt: null,
  });
  // The rows are written with the per-row search/report triggers suspended.
  const write = () => {
    const summary = { batchId: batch.id, fileName };
    const table = TABLES[plan.creates[0]?.table ?? plan.updates[0]?.table ?? 'customers'];
    // New key people and bills in their customers' order: their (customer, …) indexes are then walked
    // forwards, not at random — on a branch of a million customers whose file is not in the page cache,
    // random inserts into the 12-million-entry bill index read it back page by page.
    if (kind !== 'customers') plan.creates.sort((a, b) => (a.customerId! < b.customerId! ? -1 : a.customerId! > b.customerId! ? 1 : 0));
    const createdIds = bulkInsertSet(ctx, table, plan.creates.map((op) => op.values) as never[], { summary });
    const trail: { tableName: string; rowId: string; action: 'create' | 'update'; before: string | null; batchId: string }[] = createdIds.map(
      (id) => ({ batchId: batch.id, tableName: kind === 'customers' ? 'customers' : plan.creates[0]!.table, rowId: id, action: 'create', before: null }),
    );
    if (kind === 'customers') {
      const at = isoNow(ctx);
      bulkInsertSet(
        ctx,
        customerOwnershipLog,
        createdIds.map((id, i) => ({
          customerId: id,
          kind: 'import' as const,
          fromOwnerId: null,
          toOwnerId: (plan.creates[i]!.ownerId ?? null) as string | null,
          byId: actor.id,
          byName: actor.displayName,
          reason: fileName,
          at,
        })),
        { skip: true },
      );
    }
    // The stage history hears of every stage the import sets: a new customer's first, an update's move.
    const stages: StageEntry[] =
      kind === 'customers'
        ? createdIds.map((id, i) => stageEntry(ctx, actor, id, null, (plan.creates[i]!.values.stage as CustomerStage | undefined) ?? 'new', fileName))
        : [];
    const patches: { id: string; patch: Record<string, unknown> }[] = [];
    const searchIds: string[] = [...createdIds];
    // In id order, which for ids made by the app is the order rows were filed in: the table and its
    // indexes are then walked forwards instead of at random. For 100,000 updates of customers the
    // UPDATEs alone took 3.4 s in that order and 11 s shuffled, as a sheet sorted by name is.
    plan.updates.sort((a, b) => (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0));
    for (const op of plan.updates) {
      // The plan read the row: `values` is what changes, `before` the old values.
      const patch = op.values;
      const before = op.before!;
      const ownerBefore = op.currentOwnerId ?? null;
      if (Object.keys(patch).length) patches.push({ id: op.id!, patch });
      if (op.table === 'customers' && Object.keys(patch).some((k) => SEARCHED.has(k))) searchIds.push(op.id!);
      if (op.ownerId !== undefined) setOwner(ctx, op.id!, op.ownerId, 'transfer', fileName, ownerBefore);
      if (op.table === 'customers' && patch.stage !== undefined) {
        stages.push(stageEntry(ctx, actor, op.id!, op.stageBefore ?? null, patch.stage as CustomerStage, fileName));
      }
      trail.push({ batchId: batch.id, tableName: op.table, rowId: op.id!, action: 'update', before });
    }
    bulkUpdate(ctx, table, patches as never[], { summary });
    bulkInsertSet(ctx, customerImportRows, trail, { skip: true });
    bulkInsertSet(ctx, customerStageHistory, stages, { skip: true });
    const customerIds = kind === 'customers' ? [...createdIds, ...plan.updates.map((op) => op.id!)] : [...plan.creates, ...plan.updates].map((op) => op.customerId!);
    return {
      result: undefined,
      customerIds,
      createdCustomerIds: kind === 'customers' ? createdIds : [],
      // Customers whose own text changed; a key-people import re-indexes only its customers' people rows.
      searchCustomerIds: kind === 'customers' ? searchIds : undefined,
    };
  };
  withBulkTriggers(ctx, [BULK_TABLE[kind]], write);
  let cachesQueued = 0;
  if (kind === 'bills') {
    cachesQueued = billsChanged(ctx, [...plan.creates, ...plan.updates].map((op) => op.customerId!), { summary: { batchId: batch.id, fileName } });
    warningsDue(ctx);
  }
  return { batch, cachesQueued };
}

function toBatch(b: typeof customerImportBatches.$inferSelect) {
  return {
    id: b.id,
    kind: b.kind,
    fileName: b.fileName,
    byName: b.byName,
    at: b.at,
    created: b.created,
    updated: b.updated,
    undone: b.undoneAt !== null,
    undoneAt: b.undoneAt,
  };
}

/** customers.import.commit: all-or-nothing; any row issue → VALIDATION and nothing is written. */
export async function commitImport(ctx: ServiceContext, input: Input) {
  const actor = requireActor(ctx);
  const sheet = await parseInput(input);
  return ctx.store.sqlite.transaction(() => {
    const plan = planImport(ctx, actor, input.kind, sheet, input.mapping);
    if (plan.issues.length) throw new AppError('VALIDATION', 'import.errorsFound', { count: plan.issues.length });
    if (plan.creates.length + plan.updates.length === 0) throw new AppError('VALIDATION', 'import.nothingToChange', { count: plan.unchanged });
    // The cell texts are in the plan now; letting them go keeps the write phase under the memory target.
    sheet.rows.length = 0;
    const { batch, cachesQueued } = applyPlan(ctx, actor, input.kind, input.fileName, plan);
    return { ...toBatch(batch), unchanged: plan.unchanged, cachesQueued };
  })();
}

/** customers.import.batches */
export function listBatches(ctx: ServiceContext, input: ParsedInputOf<'customers.import.batches'>) {
  const actor = requireActor(ctx);
  const mine = actor.role === 'account_manager' ? 'AND by_id = ?' : '';
  const params = actor.role === 'account_manager' ? [actor.id] : [];
  const total = (ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM customer_import_batches WHERE deleted = 0 ${mine}`).get(...params) as { n: number }).n;
  const ids = ctx.store.sqlite
    .prepare(`SELECT id FROM customer_import_batches WHERE deleted = 0 ${mine} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as { id: string }[];
  return { rows: ids.map((r) => toBatch(getRow(ctx, customerImportBatches, r.id))), total, page: input.page, pageSize: input.pageSize };
}

/** customers.import.undo: tombstones what the batch created and restores what it updated. */
export function undoBatch(ctx: ServiceContext, input: ParsedInputOf<'customers.import.undo'>) {
  const actor = requireActor(ctx);
  const batch = getRow(ctx, customerImportBatches, input.id);
  if (actor.role === 'account_manager' && batch.byId !== actor.id) throw new AppError('FORBIDDEN', 'import.notYourBatch');
  if (batch.undoneAt) throw new AppError('CONFLICT', 'import.alreadyUndone');
  const rows = ctx.store.sqlite
    .prepare('SELECT table_name AS tableName, row_id AS rowId, action, before FROM customer_import_rows WHERE batch_id = ? AND deleted = 0')
    .all(batch.id) as { tableName: Op['table']; rowId: string; action: 'create' | 'update'; before: string | null }[];
  const reason = input.reason || batch.fileName;
  // Key people and bills: their customers, read once for the whole batch.
  const touched = new Set<string>(
    batch.kind === 'customers'
      ? []
      : (
          ctx.store.sqlite
            .prepare(
              `SELECT DISTINCT r.customer_id AS id FROM customer_import_rows t
               CROSS JOIN "${BULK_TABLE[batch.kind]}" r ON r.id = t.row_id WHERE t.batch_id = ? AND t.deleted = 0`,
            )
            .all(batch.id) as { id: string }[]
        ).map((r) => r.id),
  );
  const searchIds = new Set<string>();
  // Customers the undo deletes: their key people (added since the import, perhaps) leave search with them.
  const deletedCustomerIds: string[] = [];
  // As in applyPlan: the rows are restored with the per-row search/report triggers suspended.
  const restore = () => {
    const stages: StageEntry[] = [];
    const byTable = new Map<Op['table'], { id: string; patch: Record<string, unknown> }[]>();
    for (const r of rows) {
      const list = byTable.get(r.tableName) ?? [];
      byTable.set(r.tableName, list);
      if (r.action === 'create') {
        list.push({ id: r.rowId, patch: { deleted: true } });
        searchIds.add(r.rowId);
        if (r.tableName === 'customers') deletedCustomerIds.push(r.rowId);
      } else {
        const { ownerId, ...before } = JSON.parse(r.before ?? '{}') as Record<string, unknown>;
        if (Object.keys(before).some((k) => SEARCHED.has(k))) searchIds.add(r.rowId);
        if (ownerId !== undefined || before.stage !== undefined) {
          const current = getRow(ctx, customers, r.rowId);
          if (ownerId !== undefined && current.ownerId !== ownerId) setOwner(ctx, r.rowId, ownerId as string | null, 'transfer', reason, current.ownerId);
          // The stage goes back, and the history says so.
          if (before.stage !== undefined && current.stage !== before.stage) {
            stages.push(stageEntry(ctx, actor, r.rowId, current.stage, before.stage as CustomerStage, reason));
          }
        }
        if (Object.keys(before).length) list.push({ id: r.rowId, patch: before });
      }
    }
    for (const [table, patches] of byTable) bulkUpdate(ctx, TABLES[table], patches as never[], { summary: { undoBatch: batch.id, reason } });
    bulkInsertSet(ctx, customerStageHistory, stages, { skip: true });
    return batch.kind === 'customers'
      ? { result: undefined, customerIds: rows.map((r) => r.rowId), searchCustomerIds: searchIds, peopleCustomerIds: deletedCustomerIds }
      : { result: undefined, customerIds: touched };
  };
  withBulkTriggers(ctx, [BULK_TABLE[batch.kind]], restore);
  if (batch.kind === 'bills') {
    billsChanged(ctx, touched, { summary: { undoBatch: batch.id, reason } });
    warningsDue(ctx);
  }
  const updated = bulkUpdate(ctx, customerImportBatches, [{ id: batch.id, patch: { undoneAt: isoNow(ctx) } }], { skip: true });
  void updated;
  return toBatch(getRow(ctx, customerImportBatches, batch.id));
}
