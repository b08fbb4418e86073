import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import type { Customer360 } from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { companyNameKey } from '../../../shared/normalize';
import {
  customerBills,
  customerContacts,
  customerCredit,
  customerProjects,
  customerResources,
  customers,
  customerStageHistory,
  serviceInstances,
} from '../../db/schema';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { deleteRow, insertRow, updateRow } from '../write';
import { shanghaiToday } from './dates';
import { evaluationsOf } from './evaluation';
import { logStage, ownerLabel, ownershipOf, requireOwnerCandidate, setOwner } from './ownership';
import { loadCustomerRow, toCustomer } from './records';
import { canRead, canSeeFinance, canWrite, isManagerRole, requireReadable, requireWritable } from './scope';
import { toBill, toContact, toCredit, toProject, toResource, toService } from './section-rows';
import { getCustomerSettings, keyReasons } from './settings';
import { customerTimeline } from './timeline';

export interface DuplicateHit {
  id: string;
  name: string;
  ownerId: string | null;
}

/** A live customer with the same credit code or the same normalised name, if any. */
export function findDuplicate(ctx: ServiceContext, name: string, creditCode: string, excludeId?: string): DuplicateHit | null {
  const key = name ? companyNameKey(name) : '';
  if (!key && !creditCode) return null;
  const hit = ctx.store.sqlite
    .prepare(
      `SELECT id, name, owner_id AS ownerId FROM customers
       WHERE deleted = 0 AND id <> ? AND ((? <> '' AND credit_code = ?) OR (? <> '' AND name_key = ?)) LIMIT 1`,
    )
    .get(excludeId ?? '', creditCode, creditCode, key, key) as DuplicateHit | undefined;
  return hit ?? null;
}

/** CONFLICT "已存在，第一责任人：…" when a duplicate exists. */
export function guardDuplicate(ctx: ServiceContext, name: string, creditCode: string, excludeId?: string): void {
  const hit = findDuplicate(ctx, name, creditCode, excludeId);
  if (hit) throw new AppError('CONFLICT', 'customers.duplicate', { name: hit.name, owner: ownerLabel(ctx, hit.ownerId) });
}

/** The parent must exist, and must not be the customer or one of its descendants (no cycles). */
function checkParent(ctx: ServiceContext, customerId: string | null, parentId: string | null): void {
  if (!parentId) return;
  const parent = loadCustomerRow(ctx, parentId);
  if (!parent || parent.deleted) throw new AppError('VALIDATION', 'customers.parentNotFound');
  if (!customerId) return;
  let cursor: string | null = parentId;
  for (let depth = 0; cursor && depth < 100; depth++) {
    if (cursor === customerId) throw new AppError('VALIDATION', 'customers.parentCycle');
    cursor = (ctx.store.sqlite.prepare('SELECT parent_id AS p FROM customers WHERE id = ?').get(cursor) as { p: string | null } | undefined)?.p ?? null;
  }
}

/** customers.checkDuplicate: the live check behind the create form. */
export function checkDuplicate(ctx: ServiceContext, input: ParsedInputOf<'customers.checkDuplicate'>) {
  const actor = requireActor(ctx);
  const hit = findDuplicate(ctx, input.name, input.creditCode, input.excludeId);
  if (!hit) return { duplicate: false, message: null, customerId: null };
  return {
    duplicate: true,
    message: translate('customers.duplicate', ctx.locale, { name: hit.name, owner: ownerLabel(ctx, hit.ownerId) }),
    customerId: canRead(actor, hit) ? hit.id : null,
  };
}

/** customers.create: duplicate guard, owner (the creating account manager), ownership + stage log. */
export function createCustomer(ctx: ServiceContext, input: ParsedInputOf<'customers.create'>) {
  const actor = requireActor(ctx);
  guardDuplicate(ctx, input.name, input.creditCode);
  checkParent(ctx, null, input.parentId);
  let ownerId: string | null;
  if (actor.role === 'account_manager') ownerId = actor.id;
  else ownerId = input.ownerId ?? null;
  if (ownerId && ownerId !== actor.id) requireOwnerCandidate(ctx, ownerId);
  const settings = getCustomerSettings(ctx);
  const { ownerId: _ignored, stage, tags, ...fields } = input;
  const row = insertRow(ctx, customers, {
    ...fields,
    nameKey: companyNameKey(input.name),
    tags: JSON.stringify(tags),
    stage,
    ownerId,
    isKey: keyReasons(settings, { monthlySpendFen: 0, type: input.type, designatedStrategic: input.designatedStrategic }).length > 0,
  });
  setOwner(ctx, row.id, ownerId, 'create', '', null, true);
  logStage(ctx, row.id, null, stage, '');
  return toCustomer(ctx, row, actor, settings);
}

/** customers.update: basic data only; owner and stage change through their own logged methods. */
export function updateCustomer(ctx: ServiceContext, input: ParsedInputOf<'customers.update'>) {
  const { actor } = requireWritable(ctx, input.id);
  const before = loadCustomerRow(ctx, input.id)!;
  const { id, tags, ...fields } = input;
  const name = fields.name ?? before.name;
  const creditCode = fields.creditCode ?? before.creditCode;
  if (companyNameKey(name) !== before.nameKey || creditCode !== before.creditCode) guardDuplicate(ctx, name, creditCode, id);
  if (fields.parentId !== undefined) checkParent(ctx, id, fields.parentId);
  const settings = getCustomerSettings(ctx);
  const type = fields.type ?? before.type;
  const designatedStrategic = fields.designatedStrategic ?? before.designatedStrategic;
  const row = updateRow(ctx, customers, id, {
    ...fields,
    ...(fields.name !== undefined ? { nameKey: companyNameKey(fields.name) } : {}),
    ...(tags !== undefined ? { tags: JSON.stringify(tags) } : {}),
    isKey: keyReasons(settings, { monthlySpendFen: before.monthlySpendFen, type, designatedStrategic }).length > 0,
  }).row;
  return toCustomer(ctx, row, actor, settings);
}

/** customers.delete: tombstones the customer (leaders/admins), the reason goes to the audit log. */
export function deleteCustomer(ctx: ServiceContext, input: ParsedInputOf<'customers.delete'>) {
  requireReadable(ctx, input.id);
  deleteRow(ctx, customers, input.id);
  return { ok: true as const };
}

function groupOf(ctx: ServiceContext, actor: Actor, customerId: string, parentId: string | null): Customer360['group'] {
  const finance = canSeeFinance(actor);
  const ancestors: { id: string; name: string }[] = [];
  let cursor = parentId;
  for (let depth = 0; cursor && depth < 100; depth++) {
    const p = ctx.store.sqlite.prepare('SELECT id, name, parent_id AS parentId FROM customers WHERE id = ? AND deleted = 0').get(cursor) as
      | { id: string; name: string; parentId: string | null }
      | undefined;
    if (!p || ancestors.some((a) => a.id === p.id)) break;
    ancestors.unshift({ id: p.id, name: p.name });
    cursor = p.parentId;
  }
  const children = ctx.store.sqlite
    .prepare('SELECT id, name, is_key AS isKey, monthly_spend_fen AS spend FROM customers WHERE parent_id = ? AND deleted = 0 ORDER BY name LIMIT 500')
    .all(customerId) as { id: string; name: string; isKey: number; spend: number }[];
  // Spend rolls up over the whole subtree, any depth (UNION stops a cycle from looping).
  const rolled = ctx.store.sqlite
    .prepare(
      `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT c.id FROM customers c JOIN tree t ON c.parent_id = t.id WHERE c.deleted = 0)
       SELECT count(*) - 1 AS n, sum(c.monthly_spend_fen) AS spend FROM tree JOIN customers c ON c.id = tree.id`,
    )
    .get(customerId) as { n: number; spend: number | null };
  return {
    ancestors,
    children: children.map((c) => ({ id: c.id, name: c.name, isKey: c.isKey === 1, monthlySpendFen: finance ? c.spend : null })),
    rolledUpSpendFen: finance ? (rolled.spend ?? 0) : null,
    descendantCount: rolled.n,
  };
}

/** customers.get: the 360 view in the caller's scope (finance sections stripped for the service desk). */
export function getCustomer360(ctx: ServiceContext, input: ParsedInputOf<'customers.get'>): Customer360 {
  const { actor } = requireReadable(ctx, input.id);
  const row = loadCustomerRow(ctx, input.id)!;
  const finance = canSeeFinance(actor);
  const id = input.id;
  const today = shanghaiToday(ctx.now());

  const contacts = ctx.db
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.customerId, id), eq(customerContacts.deleted, false)))
    .orderBy(desc(customerContacts.isPrimary), asc(customerContacts.name))
    .all()
    .map(toContact);
  const services = ctx.db
    .select()
    .from(serviceInstances)
    .where(and(eq(serviceInstances.customerId, id), eq(serviceInstances.deleted, false)))
    .orderBy(asc(serviceInstances.product), asc(serviceInstances.serviceNo))
    .all()
    .map(toService);
  const bills = finance
    ? ctx.db
        .select()
        .from(customerBills)
        .where(and(eq(customerBills.customerId, id), eq(customerBills.deleted, false)))
        .orderBy(desc(customerBills.period))
        .all()
        .map((b) => toBill(b, today))
    : null;
  const credit = finance
    ? ctx.db
        .select()
        .from(customerCredit)
        .where(and(eq(customerCredit.customerId, id), eq(customerCredit.deleted, false)))
        .orderBy(desc(customerCredit.at))
        .all()
        .map(toCredit)
    : null;
  const projects = ctx.db
    .select()
    .from(customerProjects)
    .where(and(eq(customerProjects.customerId, id), eq(customerProjects.deleted, false)))
    .orderBy(desc(customerProjects.startDate))
    .all()
    .map(toProject);
  const resources = ctx.db
    .select()
    .from(customerResources)
    .where(and(eq(customerResources.customerId, id), eq(customerResources.deleted, false)))
    .orderBy(asc(customerResources.kind), asc(customerResources.identifier))
    .all()
    .map(toResource);
  const stageHistory = ctx.db
    .select()
    .from(customerStageHistory)
    .where(and(eq(customerStageHistory.customerId, id), eq(customerStageHistory.deleted, false)))
    .orderBy(desc(customerStageHistory.at), desc(sql`rowid`))
    .all()
    .map((s) => ({ id: s.id, at: s.at, fromStage: s.fromStage, toStage: s.toStage, byName: s.byName, note: s.note }));

  let billSummary: Customer360['billSummary'] = null;
  if (bills) {
    const judged = bills.filter((b) => b.onTime !== null);
    billSummary = {
      billedFen: bills.reduce((a, b) => a + b.billedFen, 0),
      paidFen: bills.reduce((a, b) => a + b.paidFen, 0),
      arrearsFen: bills.reduce((a, b) => a + b.arrearsFen, 0),
      onTimeRatio: judged.length ? judged.filter((b) => b.onTime).length / judged.length : null,
    };
  }

  const isManager = isManagerRole(actor.role);
  return {
    customer: toCustomer(ctx, row, actor),
    contacts,
    services,
    bills,
    billSummary,
    credit,
    projects,
    resources,
    evaluations: finance ? evaluationsOf(ctx, id) : null,
    ownership: ownershipOf(ctx, id),
    stageHistory,
    group: groupOf(ctx, actor, id, row.parentId),
    timeline: customerTimeline(ctx, id, actor),
    can: {
      edit: canWrite(actor, row),
      transfer: isManager,
      release: isManager && row.ownerId !== null,
      claim: actor.role === 'account_manager' && row.ownerId === null,
      seeFinance: finance,
      delete: isManager,
    },
  };
}
