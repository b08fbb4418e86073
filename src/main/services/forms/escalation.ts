import { formatShanghaiTime } from '../../../shared/time';
import { requestForms } from '../../db/schema';
import { isoNow, type ServiceContext } from '../context';
import { appendGreenEvent } from '../green/events';
import { notifyUsers } from '../notifications';
import { updateRow } from '../write';
import { stepClock, stepOf } from './clock';
import { escalationChain, formCalendar, leadersOf, person, readFormSettings } from './config';
import { loadForm, notifyApprover, stepHolders } from './flow';
import type { FormRowT } from './scope';

/**
 * The forms' background pass (runBackgroundJobsOnce, every minute, and forms.runEscalation):
 * - an approval unanswered for N business hours (its warn_at) moves to the next leader of the chain
 *   (escalation_level + 1, a new approval clock, a notification and a timeline line); at the end of
 *   the chain it is a plain warning;
 * - any other step past its warning or due time tells the step's holders and their department's
 *   leaders, once per level (sla_level 1 warning, 2 breach).
 * Each level is written with the form, so repeated passes (several clients, a restart) send nothing twice.
 */
export function runFormEscalation(ctx: ServiceContext): { escalated: number; warned: number; breached: number } {
  const now = isoNow(ctx);
  const due = ctx.store.sqlite
    .prepare(
      `SELECT id FROM request_forms f WHERE f.is_open = 1 AND f.warn_at <= ? AND f.sla_level < 1
       UNION SELECT id FROM request_forms f WHERE f.is_open = 1 AND f.due_sort <= ? AND f.sla_level < 2`,
    )
    .all(now, now) as { id: string }[];
  const out = { escalated: 0, warned: 0, breached: 0 };
  if (!due.length) return out;
  const s = readFormSettings(ctx);
  for (const { id } of due) {
    const f = loadForm(ctx, id);
    const step = stepOf(f.status);
    if (!step || !f.dueAt || !f.warnAt) continue;
    const breach = f.dueAt <= now;
    if (step === 'approval' && f.slaLevel < 1 && f.warnAt <= now && escalate(ctx, f, s)) {
      out.escalated++;
      continue;
    }
    const level = breach ? 2 : 1;
    if (f.slaLevel >= level) continue;
    const holders = stepHolders(ctx, f);
    const customer = ctx.store.sqlite.prepare('SELECT name FROM customers WHERE id = ?').get(f.customerId) as { name: string } | undefined;
    notifyUsers(ctx, [...holders.users, ...leadersOf(ctx, holders.dept).map((l) => l.id)], {
      kind: breach ? 'sla_breach' : 'sla_warning',
      messageKey: `forms.notify.${breach ? 'breach' : 'warning'}.${step}`,
      params: { number: f.number, title: f.title, customer: customer?.name ?? '', due: formatShanghaiTime(f.dueAt) },
      route: `/green/forms/${f.id}`,
    });
    updateRow(ctx, requestForms, f.id, { slaLevel: level });
    appendGreenEvent(ctx, 'form', f, `sla_${breach ? 'breach' : 'warning'}_${step}`, { data: { due: formatShanghaiTime(f.dueAt) } });
    if (breach) out.breached++;
    else out.warned++;
  }
  return out;
}

/** Moves a stalled approval to the next leader; false when the chain has nobody left to ask. */
function escalate(ctx: ServiceContext, f: FormRowT, s: ReturnType<typeof readFormSettings>): boolean {
  const chain = escalationChain(ctx, f.drafterDept, s).filter((l) => l.id !== f.drafterId);
  const at = chain.findIndex((l) => l.id === f.approverId);
  const next = at === -1 ? chain.find((l) => l.id !== f.approverId) : chain[at + 1];
  if (!next) return false;
  const from = person(ctx, f.approverId)?.displayName ?? '';
  const row = updateRow(ctx, requestForms, f.id, {
    approverId: next.id,
    escalationLevel: f.escalationLevel + 1,
    ...stepClock(ctx, 'pending_approval', s, formCalendar(ctx, s)),
  }).row;
  appendGreenEvent(ctx, 'form', row, 'escalated', { data: { hours: s.escalationHours, from, to: next.displayName, level: row.escalationLevel } });
  notifyApprover(ctx, row, next.id, 'forms.notify.escalated', { from, hours: String(s.escalationHours) });
  return true;
}
