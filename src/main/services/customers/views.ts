import { and, eq, or } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import { customerFilterSchema } from '../../../shared/contract/customer-common';
import { AppError } from '../../../shared/errors';
import { customerViews } from '../../db/schema';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { deleteRow, getRow, insertRow, updateRow } from '../write';
import { isManagerRole } from './scope';

/** Saved list views: private to their author unless a leader/admin shares them with the branch. */

function toView(row: typeof customerViews.$inferSelect, actor: Actor) {
  return {
    id: row.id,
    name: row.name,
    filters: customerFilterSchema.parse(JSON.parse(row.filters)),
    shared: row.shared,
    mine: row.userId === actor.id,
    updatedAt: row.updatedAt,
  };
}

/** customers.views.list */
export function listViews(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  return ctx.db
    .select()
    .from(customerViews)
    .where(and(eq(customerViews.deleted, false), or(eq(customerViews.userId, actor.id), eq(customerViews.shared, true))))
    .orderBy(customerViews.name)
    .all()
    .map((v) => toView(v, actor));
}

/** customers.views.save */
export function saveView(ctx: ServiceContext, input: ParsedInputOf<'customers.views.save'>) {
  const actor = requireActor(ctx);
  if (input.shared && !isManagerRole(actor.role)) throw new AppError('FORBIDDEN', 'customers.viewShareLeader');
  const values = { name: input.name, filters: JSON.stringify(input.filters), shared: input.shared };
  if (input.id) {
    const view = getRow(ctx, customerViews, input.id);
    if (view.userId !== actor.id && !(view.shared && isManagerRole(actor.role))) throw new AppError('FORBIDDEN', 'customers.viewNotYours');
    return toView(updateRow(ctx, customerViews, input.id, values).row, actor);
  }
  return toView(insertRow(ctx, customerViews, { ...values, userId: actor.id }), actor);
}

/** customers.views.delete */
export function deleteView(ctx: ServiceContext, input: ParsedInputOf<'customers.views.delete'>) {
  const actor = requireActor(ctx);
  const view = getRow(ctx, customerViews, input.id);
  if (view.userId !== actor.id && !(view.shared && isManagerRole(actor.role))) throw new AppError('FORBIDDEN', 'customers.viewNotYours');
  deleteRow(ctx, customerViews, input.id);
  return { ok: true as const };
}
