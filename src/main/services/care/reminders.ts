import type { ServiceContext } from '../context';
import { addDays } from '../contracts/status';
import { shanghaiToday } from '../customers/dates';
import { notifyUsers } from '../notifications';
import { careSettings } from './settings';
import { findUpcoming } from './upcoming';

/**
 * The care module's background pass (every minute with the other jobs): a guest's follow-up reminds the
 * account manager who invited the guest on its day (or at the first pass after, within a week), and each
 * account manager hears once a day which of their key people have birthdays in the next 7 days.
 * Idempotent: a reminder already sent (the same route for the same user) is not sent again.
 */

export const BIRTHDAY_DIGEST_DAYS = 7;
/** A follow-up whose day passed while the app was closed is still reminded this many days late. */
const FOLLOW_UP_GRACE_DAYS = 7;

/** The Shanghai day each open database last had its birthday digest done, so a pass computes it once a day. */
const digestDone = new WeakMap<object, string>();

function alreadySent(ctx: ServiceContext, userId: string, kind: string, route: string): boolean {
  return (
    ctx.store.sqlite.prepare('SELECT 1 FROM notifications WHERE user_id = ? AND kind = ? AND route = ? AND deleted = 0 LIMIT 1').get(userId, kind, route) !==
    undefined
  );
}

/** Sends the follow-up reminders due and today's birthday digests; returns how many notifications went out. */
export function runCareReminders(ctx: ServiceContext): { followUps: number; digests: number } {
  const today = shanghaiToday(ctx.now());
  let followUps = 0;
  const due = ctx.store.sqlite
    .prepare(
      `SELECT g.id, g.event_id AS eventId, g.follow_up AS followUp, g.follow_up_date AS followUpDate, g.invited_by_id AS userId,
         c.name AS customerName, e.title
       FROM care_event_guests g JOIN care_events e ON e.id = g.event_id LEFT JOIN customers c ON c.id = g.customer_id
       WHERE g.deleted = 0 AND g.follow_up_done = 0 AND g.follow_up_date BETWEEN ? AND ? AND g.invited_by_id IS NOT NULL
         AND e.deleted = 0 AND e.status <> 'cancelled'
       ORDER BY g.follow_up_date, g.id`,
    )
    .all(addDays(today, -FOLLOW_UP_GRACE_DAYS), today) as {
    id: string;
    eventId: string;
    followUp: string;
    followUpDate: string;
    userId: string;
    customerName: string | null;
    title: string;
  }[];
  for (const g of due) {
    const route = `/yellow/care/events/${g.eventId}?guest=${g.id}&on=${g.followUpDate}`;
    if (alreadySent(ctx, g.userId, 'care_followup', route)) continue;
    followUps += notifyUsers(ctx, [g.userId], {
      kind: 'care_followup',
      messageKey: 'care.notify.followUp',
      params: { customer: g.customerName ?? '', event: g.title, followUp: g.followUp, date: g.followUpDate },
      route,
    });
  }

  let digests = 0;
  if (digestDone.get(ctx.store.sqlite) !== today) {
    const holidays = careSettings(ctx).holidays;
    const managers = ctx.store.sqlite
      .prepare("SELECT id FROM users WHERE role = 'account_manager' AND active = 1 AND deleted = 0 ORDER BY id")
      .all() as { id: string }[];
    for (const m of managers) {
      const route = `/yellow/care?occasion=birthday&day=${today}`;
      if (alreadySent(ctx, m.id, 'care_birthdays', route)) continue;
      const found = findUpcoming(ctx, {
        today,
        days: BIRTHDAY_DIGEST_DAYS,
        ownerId: m.id,
        customerId: null,
        occasion: 'birthday',
        holidays,
        locale: 'zh-CN',
        page: 1,
        pageSize: 5,
      });
      if (found.total === 0) continue;
      const names = found.rows.map((r) => `${r.contactName}（${r.customerName ?? ''}，${r.date.slice(5)}）`).join('、');
      digests += notifyUsers(ctx, [m.id], {
        kind: 'care_birthdays',
        messageKey: 'care.notify.birthdays',
        params: { count: found.total, names, days: BIRTHDAY_DIGEST_DAYS },
        route,
      });
    }
    digestDone.set(ctx.store.sqlite, today);
  }
  return { followUps, digests };
}
