import { and, eq } from 'drizzle-orm';
import { formatShanghaiTime } from '../../../shared/time';
import { customers, tickets, users } from '../../db/schema';
import type { ServiceContext } from '../context';
import { notifyUsers } from '../notifications';
import { updateRow } from '../write';
import { appendTicketEvent } from './events';
import { loadTicket, prepared } from './read';

/**
 * SLA escalation: when the running clock passes its warning threshold the assignee and the leaders of
 * the assigned department are told; at breach the assignee and the branch leaders. Each level is sent
 * once per clock (sla_level), so calling this every minute from any client is safe.
 */

/** The active leaders of a department, or every leader of the branch when it has none (or none is given). */
export function leaders(ctx: ServiceContext, department: string | null): string[] {
  const all = ctx.db
    .select({ id: users.id, department: users.department })
    .from(users)
    .where(and(eq(users.role, 'leader'), eq(users.active, true), eq(users.deleted, false)))
    .all();
  const ofDept = department ? all.filter((u) => u.department === department) : [];
  return (ofDept.length ? ofDept : all).map((u) => u.id);
}

/** Sends due warnings and breach escalations; returns how many tickets were escalated at each level. */
export function runSlaEscalation(ctx: ServiceContext): { warned: number; breached: number } {
  const nowIso = ctx.now().toISOString();
  const due = prepared(
    ctx,
    `SELECT id FROM tickets t WHERE t.is_open = 1 AND t.next_warn_at <= ? AND t.sla_level < 1
     UNION SELECT id FROM tickets t WHERE t.is_open = 1 AND t.due_sort <= ? AND t.sla_level < 2`,
  ).all(nowIso, nowIso) as { id: string }[];
  let warned = 0;
  let breached = 0;
  for (const { id } of due) {
    const t = loadTicket(ctx, id);
    if (!t.nextDueAt || !t.nextWarnAt || !t.slaClock) continue;
    const breach = t.nextDueAt <= nowIso;
    const level = breach ? 2 : 1;
    if (t.slaLevel >= level) continue;
    const customerName = ctx.db.select({ name: customers.name }).from(customers).where(eq(customers.id, t.customerId)).get()?.name ?? '';
    const recipients = breach ? leaders(ctx, null) : leaders(ctx, t.assigneeDept);
    notifyUsers(ctx, [t.assigneeId, ...recipients], {
      kind: breach ? 'sla_breach' : 'sla_warning',
      messageKey: `tickets.notify.${breach ? 'breach' : 'warning'}.${t.slaClock}`,
      params: { number: t.number, customer: customerName, due: formatShanghaiTime(t.nextDueAt), priority: t.priority },
      route: `/red/${t.id}`,
      ticketId: t.id,
    });
    updateRow(ctx, tickets, t.id, { slaLevel: level });
    appendTicketEvent(ctx, t, breach ? 'sla_breach' : 'sla_warning', { data: { clock: t.slaClock, due: t.nextDueAt } });
    if (breach) breached++;
    else warned++;
  }
  return { warned, breached };
}
