import type { ParsedInputOf } from '../../../../shared/contract';
import type { CustomerStage, CustomerType } from '../../../../shared/contract/customer-common';
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
import { CUSTOMER_EXTRA_FIELDS, FIELDS, autoMap, rowParser, sampleText, type ImportKind, type RowIssue } from './fields';
import { excelRowNumber, readSheet, type Sheet } from './parse';
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
  /** A key person of a customer the same import creates: its index in `creates` (the id comes at write time). */
  customerIndex?: number;
}

interface Plan {
  sheet: Sheet;
  mapping: Record<string, string>;
  creates: Op[];
  updates: Op[];
  /** A customer sheet's main contacts: key people to create, and to update (or demote from primary). */
  contactCreates: Op[];
  contactUpdates: Op[];
  /** Rows matching an existing record with nothing to change: neither written nor in the batch. */
  unchanged: number;
  /** Rows whose monthly spend differs from what the customer's bills make it: the bills win. */
  spendFromBills: number;
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

function missingColumns(kind: ImportKind, mapping: Record<string, string>, headerRow: number, locale: ServiceContext['locale']): RowIssue[] {
  const mapped = new Set(Object.values(mapping));
  const issues: RowIssue[] = [];
  for (const def of FIELDS[kind]) {
    if (def.required && !mapped.has(def.field)) {
      issues.push({ row: headerRow, column: '', message: translate('import.missingColumn', locale, { field: locale === 'en' ? def.en : def.zh }) });
    }
  }
  // A contact's title or mobile without the contact's name column: say so once rather than drop them or fail every row.
  if (kind === 'customers' && !mapped.has('contactName') && (mapped.has('contactTitle') || mapped.has('contactMobile'))) {
    issues.push({ row: headerRow, column: '', message: translate('import.missingColumn', locale, { field: locale === 'en' ? 'Contact' : '联系人' }) });
  }
  if (kind !== 'customers' && !mapped.has('customerCreditCode') && !mapped.has('customerName')) {
    issues.push({ row: headerRow, column: '', message: translate('import.missingColumn', locale, { field: locale === 'en' ? 'Customer name' : '客户名称' }) });
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
  const issues = missingColumns(kind, mapping, sheet.headerRow, ctx.locale);
  const plan: Plan = { sheet, mapping, creates: [], updates: [], contactCreates: [], contactUpdates: [], unchanged: 0, spendFromBills: 0, issues, sample: [] };
  if (issues.length) return plan;
  // What an update compares: the mapped fields, the name's key and parent that go with them, the owner,
  // and what the key flag is computed from.
  const find = lookups(
    ctx,
    kind === 'customers' ? [...Object.values(mapping), 'nameKey', 'parentId', 'ownerId', 'monthlySpendFen', 'type', 'designatedStrategic', 'isKey'] : [],
  );
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
  const hasBills = ctx.store.sqlite.prepare('SELECT 1 FROM customer_bills WHERE customer_id = ? AND deleted = 0 LIMIT 1');
  const contactsOf = ctx.store.sqlite.prepare(
    'SELECT id, name, title, mobile, is_primary AS isPrimary FROM customer_contacts WHERE customer_id = ? AND deleted = 0',
  );

  /**
   * A customer sheet row's main contact as the customer's primary key person: the key person of that name
   * (never a second one) gets the title and mobile given and becomes primary; another primary is demoted,
   * as saving a primary contact by hand does. `customerId` undefined: a customer this import creates.
   */
  const mainContact = (rec: Record<string, unknown>, customerId: string | undefined, customerIndex: number): Op[] => {
    const name = rec.contactName as string;
    const values: Record<string, unknown> = { name, isPrimary: true };
    if (rec.contactTitle) values.title = rec.contactTitle;
    if (rec.contactMobile) values.mobile = rec.contactMobile;
    if (customerId === undefined) return [{ table: 'customer_contacts', values, customerIndex }];
    const people = contactsOf.all(customerId) as { id: string; name: string; title: string; mobile: string; isPrimary: number }[];
    const same = people.find((p) => p.name === name);
    const ops: Op[] = [];
    if (!same) ops.push({ table: 'customer_contacts', values: { ...values, customerId }, customerId });
    else {
      const { patch, before } = changesOf(values, { ...same, isPrimary: same.isPrimary === 1 }, false);
      if (Object.keys(patch).length) ops.push({ table: 'customer_contacts', id: same.id, values: patch, before: JSON.stringify(before), customerId });
    }
    for (const p of people) {
      if (p.isPrimary === 1 && p.id !== same?.id) {
        ops.push({ table: 'customer_contacts', id: p.id, values: { isPrimary: false }, before: JSON.stringify({ isPrimary: true }), customerId });
      }
    }
    return ops;
  };

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
    const rowNo = excelRowNumber(sheet, index);
    if (cells.every((c) => c.trim() === '')) return;
    const before = issues.length;
    const rec = parseRow(cells, rowNo, issues);
    if (plan.sample.length < 20) plan.sample.push(Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, sampleText(k, v)])));
    if (issues.length > before) return;

    if (kind === 'customers') {
      if (!rec.contactName && (rec.contactTitle || rec.contactMobile)) return void issue(rowNo, 'contactName', 'import.required');
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
        if (k === 'owner' || k === 'parent' || CUSTOMER_EXTRA_FIELDS.has(k) || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
        values[k === 'tags' ? 'tags' : k] = k === 'tags' ? JSON.stringify(v) : v;
      }
      if (parentId) values.parentId = parentId;
      // The spend column stands in for bills not imported yet (a branch's first day): once a customer has
      // bills, its spend is the average of the last three (records.ts) and the column is not used.
      const spend = rec.monthlySpend as number | null | undefined;
      if (spend !== undefined && spend !== null) {
        if (hit && hasBills.get(hit.id)) {
          if (spend !== hit.current.monthlySpendFen) plan.spendFromBills++;
        } else values.monthlySpendFen = spend;
      }
      if (hit) {
        if (actor.role === 'account_manager' && hit.ownerId !== actor.id) {
          return void issue(rowNo, 'name', 'import.ownedByOther', { owner: ownerLabel(ctx, hit.ownerId) });
        }
        if (values.name) values.nameKey = key;
        const ownerChange = ownerId !== undefined && ownerId !== hit.ownerId ? ownerId : undefined;
        // Only what changes is kept (the row was just read): 100,000 rows of values and current values
        // held to the write phase took the import to the 500 MB limit.
        const { patch, before } = changesOf(values, hit.current, ownerChange !== undefined);
        if ('monthlySpendFen' in patch || 'type' in patch || 'designatedStrategic' in patch) {
          const next = { ...hit.current, ...patch } as { monthlySpendFen: number; type: CustomerType; designatedStrategic: boolean };
          const isKey = keyReasons(settings, next).length > 0;
          if (isKey !== hit.current.isKey) {
            patch.isKey = isKey;
            before.isKey = hit.current.isKey;
          }
        }
        const contactOps = rec.contactName ? mainContact(rec, hit.id, -1) : [];
        for (const op of contactOps) (op.id ? plan.contactUpdates : plan.contactCreates).push(op);
        if (Object.keys(patch).length === 0 && ownerChange === undefined) {
          if (contactOps.length === 0) plan.unchanged++;
          return;
        }
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
        const type = (values.type as CustomerType | undefined) ?? 'enterprise';
        const designated = (values.designatedStrategic as boolean | undefined) ?? false;
        const monthlySpendFen = (values.monthlySpendFen as number | undefined) ?? 0;
        if (rec.contactName) plan.contactCreates.push(...mainContact(rec, undefined, plan.creates.length));
        plan.creates.push({
          table: 'customers',
          values: {
            ...values,
            nameKey: key,
            type,
            ownerId: owner,
            isKey: keyReasons(settings, { monthlySpendFen, type, designatedStrategic: designated }).length > 0,
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
  // The header is the row whose cells name the most of the kind's fields (title rows above it are skipped).
  const score = (cells: string[]) => Object.values(autoMap(input.kind, cells)).filter(Boolean).length;
  return readSheet(input.fileName, Buffer.from(input.base64, 'base64'), MAX_IMPORT_ROWS, score);
}

/** Excel's letters for a 0-based column index (0 → A, 26 → AA). */
function columnLetter(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** The sheet's columns the mapping leaves out: named ones, and unnamed ones that hold data. */
function ignoredColumns(sheet: Sheet, mapping: Record<string, string>): { header: string; column: string }[] {
  let width = sheet.headers.length;
  for (const r of sheet.rows) if (r.length > width) width = r.length;
  const out: { header: string; column: string }[] = [];
  for (let i = 0; i < width; i++) {
    const header = sheet.headers[i] ?? '';
    const ignored = header ? !mapping[header] : sheet.rows.some((r) => (r[i] ?? '').trim() !== '');
    if (ignored) out.push({ header, column: columnLetter(i) });
  }
  return out;
}

function previewOf(kind: ImportKind, plan: Plan, ctx: ServiceContext) {
  return {
    kind,
    encoding: plan.sheet.encoding,
    headers: plan.sheet.headers,
    headerRow: plan.sheet.headerRow,
    mapping: plan.mapping,
    ignored: ignoredColumns(plan.sheet, plan.mapping),
    fields: FIELDS[kind].map((d) => ({ field: d.field, label: ctx.locale === 'en' ? d.en : d.zh, required: !!d.required })),
    totalRows: plan.sheet.rows.filter((r) => r.some((c) => c.trim() !== '')).length,
    toCreate: plan.creates.length,
    toUpdate: plan.updates.length,
    contacts: { toCreate: plan.contactCreates.length, toUpdate: plan.contactUpdates.length },
    spendFromBills: plan.spendFromBills,
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
    // A customer sheet's main contacts, after their customers (a new customer's id is known now).
    const contactCreates = plan.contactCreates.map((op) => ({ ...op.values, customerId: op.customerId ?? createdIds[op.customerIndex!]! }));
    const contactIds = bulkInsertSet(ctx, customerContacts, contactCreates as never[], { summary });
    for (const id of contactIds) trail.push({ batchId: batch.id, tableName: 'customer_contacts', rowId: id, action: 'create', before: null });
    bulkUpdate(ctx, customerContacts, plan.contactUpdates.map((op) => ({ id: op.id!, patch: op.values })) as never[], { summary });
    for (const op of plan.contactUpdates) trail.push({ batchId: batch.id, tableName: 'customer_contacts', rowId: op.id!, action: 'update', before: op.before! });
    bulkInsertSet(ctx, customerImportRows, trail, { skip: true });
    bulkInsertSet(ctx, customerStageHistory, stages, { skip: true });
    const peopleIds = [...contactCreates.map((c) => c.customerId), ...plan.contactUpdates.map((op) => op.customerId!)];
    const customerIds =
      kind === 'customers' ? [...createdIds, ...plan.updates.map((op) => op.id!), ...peopleIds] : [...plan.creates, ...plan.updates].map((op) => op.customerId!);
    return {
      result: undefined,
      customerIds,
      createdCustomerIds: kind === 'customers' ? createdIds : [],
      // Customers whose own text changed; a key-people import re-indexes only its customers' people rows.
      searchCustomerIds: kind === 'customers' ? searchIds : undefined,
      peopleCustomerIds: kind === 'customers' ? peopleIds : undefined,
    };
  };
  const hasContacts = plan.contactCreates.length + plan.contactUpdates.length > 0;
  withBulkTriggers(ctx, hasContacts ? ['customers', 'customer_contacts'] : [BULK_TABLE[kind]], write);
  let cachesQueued = 0;
  if (kind === 'bills') {
    cachesQueued = billsChanged(ctx, [...plan.creates, ...plan.updates].map((op) => op.customerId!), { summary: { batchId: batch.id, fileName } });
    warningsDue(ctx);
  }
  return { batch, cachesQueued };
}

/** The key people a customer batch created and updated along with its customers (its main contacts). */
function batchContacts(ctx: ServiceContext, b: typeof customerImportBatches.$inferSelect) {
  const counts = { created: 0, updated: 0 };
  if (b.kind !== 'customers') return counts;
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT action, count(*) AS n FROM customer_import_rows WHERE batch_id = ? AND table_name = 'customer_contacts' AND deleted = 0 GROUP BY action`,
    )
    .all(b.id) as { action: 'create' | 'update'; n: number }[];
  for (const r of rows) counts[r.action === 'create' ? 'created' : 'updated'] = r.n;
  return counts;
}

function toBatch(b: typeof customerImportBatches.$inferSelect, contacts: { created: number; updated: number }) {
  return {
    id: b.id,
    kind: b.kind,
    fileName: b.fileName,
    byName: b.byName,
    at: b.at,
    created: b.created,
    updated: b.updated,
    contacts,
    undone: b.undoneAt !== null,
    undoneAt: b.undoneAt,
  };
}

/**
 * customers.import.commit: all-or-nothing; any row issue → VALIDATION and nothing is written. A file that
 * changes nothing (the same file again) succeeds without a batch: there is nothing to undo, and the
 * history lists only imports that changed something.
 */
export async function commitImport(ctx: ServiceContext, input: Input) {
  const actor = requireActor(ctx);
  const sheet = await parseInput(input);
  return ctx.store.sqlite.transaction(() => {
    const plan = planImport(ctx, actor, input.kind, sheet, input.mapping);
    if (plan.issues.length) throw new AppError('VALIDATION', 'import.errorsFound', { count: plan.issues.length });
    const contacts = { created: plan.contactCreates.length, updated: plan.contactUpdates.length };
    if (plan.creates.length + plan.updates.length + contacts.created + contacts.updated === 0) {
      return {
        id: null,
        kind: input.kind,
        fileName: input.fileName,
        byName: actor.displayName,
        at: isoNow(ctx),
        created: 0,
        updated: 0,
        contacts,
        undone: false,
        undoneAt: null,
        nothingToChange: true,
        unchanged: plan.unchanged,
        cachesQueued: 0,
      };
    }
    // The cell texts are in the plan now; letting them go keeps the write phase under the memory target.
    sheet.rows.length = 0;
    const { batch, cachesQueued } = applyPlan(ctx, actor, input.kind, input.fileName, plan);
    return { ...toBatch(batch, contacts), nothingToChange: false, unchanged: plan.unchanged, cachesQueued };
  })();
}

/** The import batches an actor may see, newest first (account managers: their own), and how many there are. */
export function batchesInScope(ctx: ServiceContext, actor: Actor, limit: number, offset = 0) {
  const mine = actor.role === 'account_manager' ? 'AND by_id = ?' : '';
  const params = actor.role === 'account_manager' ? [actor.id] : [];
  const total = (ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM customer_import_batches WHERE deleted = 0 ${mine}`).get(...params) as { n: number }).n;
  const ids = ctx.store.sqlite
    .prepare(`SELECT id FROM customer_import_batches WHERE deleted = 0 ${mine} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as { id: string }[];
  const rows = ids.map((r) => getRow(ctx, customerImportBatches, r.id));
  return { rows: rows.map((b) => toBatch(b, batchContacts(ctx, b))), total };
}

/** customers.import.batches */
export function listBatches(ctx: ServiceContext, input: ParsedInputOf<'customers.import.batches'>) {
  const actor = requireActor(ctx);
  const { rows, total } = batchesInScope(ctx, actor, input.pageSize, (input.page - 1) * input.pageSize);
  return { rows, total, page: input.page, pageSize: input.pageSize };
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
  // A customer sheet's main contacts: the customers whose key people the undo changes.
  const contactCustomers =
    batch.kind === 'customers'
      ? (
          ctx.store.sqlite
            .prepare(
              `SELECT DISTINCT p.customer_id AS id FROM customer_import_rows t
               CROSS JOIN customer_contacts p ON p.id = t.row_id WHERE t.batch_id = ? AND t.table_name = 'customer_contacts' AND t.deleted = 0`,
            )
            .all(batch.id) as { id: string }[]
        ).map((r) => r.id)
      : [];
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
        if (r.tableName === 'customers') {
          searchIds.add(r.rowId);
          deletedCustomerIds.push(r.rowId);
        }
      } else {
        const { ownerId, ...before } = JSON.parse(r.before ?? '{}') as Record<string, unknown>;
        if (r.tableName === 'customers' && Object.keys(before).some((k) => SEARCHED.has(k))) searchIds.add(r.rowId);
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
      ? {
          result: undefined,
          customerIds: [...rows.filter((r) => r.tableName === 'customers').map((r) => r.rowId), ...contactCustomers],
          searchCustomerIds: searchIds,
          peopleCustomerIds: [...deletedCustomerIds, ...contactCustomers],
        }
      : { result: undefined, customerIds: touched };
  };
  withBulkTriggers(ctx, contactCustomers.length ? ['customers', 'customer_contacts'] : [BULK_TABLE[batch.kind]], restore);
  if (batch.kind === 'bills') {
    billsChanged(ctx, touched, { summary: { undoBatch: batch.id, reason } });
    warningsDue(ctx);
  }
  const updated = bulkUpdate(ctx, customerImportBatches, [{ id: batch.id, patch: { undoneAt: isoNow(ctx) } }], { skip: true });
  void updated;
  const after = getRow(ctx, customerImportBatches, batch.id);
  return toBatch(after, batchContacts(ctx, after));
}
