import { and, eq } from 'drizzle-orm';
import { OWNER_DEPARTMENT } from '../../../shared/contract/orders';
import { formatShanghaiTime } from '../../../shared/time';
import { customers, orderStages, users, workOrders } from '../../db/schema';
import type { ServiceContext } from '../context';
import { appendGreenEvent } from '../green/events';
import { notifyUsers } from '../notifications';
import { prepared } from '../tickets/read';
import { updateRow } from '../write';
import { departmentPeople } from './flow';
import { loadOrder, loadStage } from './read';

/**
 * Stage escalation: when an open attempt passes its warning time its holder (or, while nobody has
 * taken it, its department) is told; at its due time the leaders of its department (the branch's
 * leaders when the department has none). Each level is sent once per attempt (sla_level), so running
 * this every minute from any client is safe; a breach also counts on the order (breach_count).
 */

function leadersOf(ctx: ServiceContext, department: string): string[] {
  const all = ctx.db
    .select({ id: users.id, department: users.department })
    .from(users)
    .where(and(eq(users.role, 'leader'), eq(users.active, true), eq(users.deleted, false)))
    .all();
  const ofDept = all.filter((u) => u.department === department);
  return (ofDept.length ? ofDept : all).map((u) => u.id);
}

/** Sends due stage warnings and breach escalations; returns how many attempts were escalated at each level. */
export function runOrderEscalation(ctx: ServiceContext): { warned: number; breached: number } {
  const nowIso = ctx.now().toISOString();
  // The open set through order_stages_open_warn (warn_at <= due_at, so every breach has passed its warning too).
  const due = prepared(
    ctx,
    'SELECT id FROM order_stages WHERE is_open = 1 AND warn_at <= ? AND sla_level < 2 AND (sla_level < 1 OR due_at <= ?)',
  ).all(nowIso, nowIso) as { id: string }[];
  let warned = 0;
  let breached = 0;
  for (const { id } of due) {
    const stage = loadStage(ctx, id);
    if (!stage.dueAt) continue;
    const breach = stage.dueAt <= nowIso;
    const level = breach ? 2 : 1;
    if (stage.slaLevel >= level) continue;
    const o = loadOrder(ctx, stage.orderId);
    const customer = ctx.db.select({ name: customers.name }).from(customers).where(eq(customers.id, o.customerId)).get()?.name ?? '';
    // The owner's stages escalate to the leaders of the owner's department.
    const ownerDept = o.ownerId
      ? (ctx.db.select({ d: users.department }).from(users).where(eq(users.id, o.ownerId)).get()?.d ?? '')
      : '';
    const dept = stage.department === OWNER_DEPARTMENT ? ownerDept : stage.department;
    const holderOrDept = stage.holderId ? [stage.holderId] : departmentPeople(ctx, dept);
    notifyUsers(ctx, breach ? [stage.holderId, ...leadersOf(ctx, dept)] : holderOrDept, {
      kind: breach ? 'sla_breach' : 'sla_warning',
      messageKey: breach ? 'orders.notify.breach' : 'orders.notify.warning',
      params: { number: o.number, customer, stage: stage.name, due: formatShanghaiTime(stage.dueAt) },
      route: `/green/orders/${o.id}`,
    });
    updateRow(ctx, orderStages, stage.id, { slaLevel: level });
    if (breach) updateRow(ctx, workOrders, o.id, { breachCount: o.breachCount + 1 });
    appendGreenEvent(ctx, 'order', o, breach ? 'sla_breach' : 'sla_warning', { data: { stage: stage.name, due: formatShanghaiTime(stage.dueAt) } });
    if (breach) breached++;
    else warned++;
  }
  return { warned, breached };
}
