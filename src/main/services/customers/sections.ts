import { and, eq, ne } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import {
  customerBills,
  customerContacts,
  customerCredit,
  customerProjects,
  customerResources,
  serviceInstances,
} from '../../db/schema';
import type { ServiceContext } from '../context';
import { deleteRow, getRow, insertRow, updateRow, type Row, type SyncTable } from '../write';
import { defaultDueDate, shanghaiToday } from './dates';
import { warningsDue } from './warnings';
import { refreshCustomerCaches } from './records';
import { requireFinance, requireWritable } from './scope';
import { toBill, toContact, toCredit, toProject, toResource, toService } from './section-rows';

/**
 * Add/edit/delete of the customer's section rows. Every call checks write scope on the customer and
 * that the row really belongs to it (a row id of another customer answers NOT_FOUND).
 */

type SectionTable = SyncTable & { customerId: SQLiteColumn };

function ownRow<T extends SectionTable>(ctx: ServiceContext, table: T, id: string, customerId: string): Row<T> {
  const row = getRow(ctx, table, id) as Row<T> & { customerId: string };
  if (row.customerId !== customerId) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return row;
}

function requireFields(input: Record<string, unknown>, fields: string[]): void {
  for (const field of fields) {
    if (input[field] === undefined) throw new AppError('VALIDATION', 'customers.requiredField', { field });
  }
}

function withoutKeys<T extends { customerId: string; id?: string }>(input: T): Omit<T, 'customerId' | 'id'> {
  const { customerId: _c, id: _i, ...rest } = input;
  return rest;
}

/** customers.contacts.save; a new primary contact demotes the previous one. */
export function saveContact(ctx: ServiceContext, input: ParsedInputOf<'customers.contacts.save'>) {
  requireWritable(ctx, input.customerId);
  const fields = withoutKeys(input);
  let row;
  if (input.id) {
    ownRow(ctx, customerContacts, input.id, input.customerId);
    row = updateRow(ctx, customerContacts, input.id, fields).row;
  } else {
    requireFields(fields, ['name']);
    row = insertRow(ctx, customerContacts, { ...fields, name: fields.name!, customerId: input.customerId });
  }
  if (fields.isPrimary) {
    const others = ctx.db
      .select({ id: customerContacts.id })
      .from(customerContacts)
      .where(
        and(
          eq(customerContacts.customerId, input.customerId),
          eq(customerContacts.isPrimary, true),
          eq(customerContacts.deleted, false),
          ne(customerContacts.id, row.id),
        ),
      )
      .all();
    for (const o of others) updateRow(ctx, customerContacts, o.id, { isPrimary: false });
  }
  return toContact(row);
}

/** customers.services.save */
export function saveService(ctx: ServiceContext, input: ParsedInputOf<'customers.services.save'>) {
  requireWritable(ctx, input.customerId);
  const fields = withoutKeys(input);
  if (input.id) {
    ownRow(ctx, serviceInstances, input.id, input.customerId);
    return toService(updateRow(ctx, serviceInstances, input.id, fields).row);
  }
  requireFields(fields, ['product', 'serviceNo']);
  return toService(
    insertRow(ctx, serviceInstances, { ...fields, product: fields.product!, serviceNo: fields.serviceNo!, customerId: input.customerId }),
  );
}

/** customers.bills.save: one live bill per period, paid ≤ billed; refreshes spend, arrears and key flag. */
export function saveBill(ctx: ServiceContext, input: ParsedInputOf<'customers.bills.save'>) {
  const { actor } = requireWritable(ctx, input.customerId);
  requireFinance(actor);
  const fields = withoutKeys(input);
  const before = input.id ? ownRow(ctx, customerBills, input.id, input.customerId) : null;
  if (!before) requireFields(fields, ['period', 'billedFen']);
  const period = fields.period ?? before!.period;
  const billed = fields.billedFen ?? before?.billedFen ?? 0;
  const paid = fields.paidFen ?? before?.paidFen ?? 0;
  if (paid > billed) throw new AppError('VALIDATION', 'customers.paidOverBilled');
  const clash = ctx.db
    .select({ id: customerBills.id })
    .from(customerBills)
    .where(and(eq(customerBills.customerId, input.customerId), eq(customerBills.period, period), eq(customerBills.deleted, false)))
    .all()
    .find((b) => b.id !== input.id);
  if (clash) throw new AppError('CONFLICT', 'customers.billPeriodTaken', { period });
  const dueDate = fields.dueDate ?? before?.dueDate ?? defaultDueDate(period);
  const row = before
    ? updateRow(ctx, customerBills, before.id, { ...fields, dueDate }).row
    : insertRow(ctx, customerBills, { ...fields, period, billedFen: billed, paidFen: paid, dueDate, customerId: input.customerId });
  refreshCustomerCaches(ctx, input.customerId);
  warningsDue(ctx);
  return toBill(row, shanghaiToday(ctx.now()));
}

/** customers.credit.save */
export function saveCredit(ctx: ServiceContext, input: ParsedInputOf<'customers.credit.save'>) {
  const { actor } = requireWritable(ctx, input.customerId);
  requireFinance(actor);
  const fields = withoutKeys(input);
  if (input.id) {
    ownRow(ctx, customerCredit, input.id, input.customerId);
    return toCredit(updateRow(ctx, customerCredit, input.id, fields).row);
  }
  requireFields(fields, ['rating', 'at']);
  return toCredit(insertRow(ctx, customerCredit, { ...fields, rating: fields.rating!, at: fields.at!, customerId: input.customerId }));
}

/** customers.projects.save */
export function saveProject(ctx: ServiceContext, input: ParsedInputOf<'customers.projects.save'>) {
  requireWritable(ctx, input.customerId);
  const fields = withoutKeys(input);
  if (input.id) {
    ownRow(ctx, customerProjects, input.id, input.customerId);
    return toProject(updateRow(ctx, customerProjects, input.id, fields).row);
  }
  requireFields(fields, ['name']);
  return toProject(insertRow(ctx, customerProjects, { ...fields, name: fields.name!, customerId: input.customerId }));
}

/** customers.resources.save: a linked service instance must belong to the same customer. */
export function saveResource(ctx: ServiceContext, input: ParsedInputOf<'customers.resources.save'>) {
  requireWritable(ctx, input.customerId);
  const fields = withoutKeys(input);
  if (fields.serviceId) {
    const service = ctx.db.select().from(serviceInstances).where(eq(serviceInstances.id, fields.serviceId)).get();
    if (!service || service.deleted || service.customerId !== input.customerId) throw new AppError('VALIDATION', 'customers.serviceNotFound');
  }
  if (input.id) {
    ownRow(ctx, customerResources, input.id, input.customerId);
    return toResource(updateRow(ctx, customerResources, input.id, fields).row);
  }
  requireFields(fields, ['kind', 'identifier']);
  return toResource(
    insertRow(ctx, customerResources, { ...fields, kind: fields.kind!, identifier: fields.identifier!, customerId: input.customerId }),
  );
}

const SECTION_TABLES = {
  contacts: { table: customerContacts, finance: false },
  services: { table: serviceInstances, finance: false },
  bills: { table: customerBills, finance: true },
  credit: { table: customerCredit, finance: true },
  projects: { table: customerProjects, finance: false },
  resources: { table: customerResources, finance: false },
} as const;

/** customers.<section>.delete: tombstones a section row of a customer the caller may write. */
export function deleteSectionRow(ctx: ServiceContext, section: keyof typeof SECTION_TABLES, input: { customerId: string; id: string }) {
  const { actor } = requireWritable(ctx, input.customerId);
  const { table, finance } = SECTION_TABLES[section];
  if (finance) requireFinance(actor);
  ownRow(ctx, table, input.id, input.customerId);
  deleteRow(ctx, table, input.id);
  if (section === 'bills') {
    refreshCustomerCaches(ctx, input.customerId);
    warningsDue(ctx);
  }
  return { ok: true as const };
}
