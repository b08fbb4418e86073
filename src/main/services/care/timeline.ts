import { translate } from '../../../shared/messages';
import { registerTimelineSource } from '../customers/timeline';
import { yuanText } from './records';

/**
 * Courtesy care on the customer 360 timeline: each courtesy recorded (with its decision when a leader
 * decided it) and each event the customer was invited to, titled in the viewer's language.
 */

registerTimelineSource('care', (ctx, customerId, _viewer, limit) => {
  const say = (key: string, params: Record<string, string | number> = {}) => translate(key, ctx.locale, params);
  const records = ctx.store.sqlite
    .prepare(
      `SELECT r.id, r.created_at AS at, r.occasion, r.kind, r.cost_fen AS costFen, r.status, r.description, r.decided_at AS decidedAt,
         r.decision_note AS decisionNote, cc.name AS contactName, u.display_name AS ownerName, d.display_name AS decidedByName
       FROM care_records r LEFT JOIN customer_contacts cc ON cc.id = r.contact_id LEFT JOIN users u ON u.id = r.owner_id
       LEFT JOIN users d ON d.id = r.decided_by_id
       WHERE r.customer_id = ? AND r.deleted = 0 ORDER BY r.created_at DESC LIMIT ?`,
    )
    .all(customerId, limit) as {
    id: string;
    at: string;
    occasion: string;
    kind: string;
    costFen: number;
    status: string;
    description: string;
    decidedAt: string | null;
    decisionNote: string;
    contactName: string | null;
    ownerName: string | null;
    decidedByName: string | null;
  }[];
  const events = records.map((r) => ({
    at: r.at,
    source: 'care',
    kind: 'record',
    title: say(r.contactName ? 'care.timeline.recordFor' : 'care.timeline.record', {
      occasion: say(`care.occasion.${r.occasion}`),
      kind: say(`care.kind.${r.kind}`),
      contact: r.contactName ?? '',
      amount: yuanText(r.costFen),
    }),
    detail: r.description,
    actorName: r.ownerName,
    route: '/yellow/care/records',
  }));
  for (const r of records) {
    if (!r.decidedAt || (r.status !== 'approved' && r.status !== 'rejected')) continue;
    events.push({
      at: r.decidedAt,
      source: 'care',
      kind: r.status,
      title: say(`care.timeline.${r.status}`, { kind: say(`care.kind.${r.kind}`), amount: yuanText(r.costFen) }),
      detail: r.decisionNote,
      actorName: r.decidedByName,
      route: '/yellow/care/records',
    });
  }
  const guests = ctx.store.sqlite
    .prepare(
      `SELECT g.created_at AS at, g.status, g.follow_up AS followUp, e.id AS eventId, e.kind, e.title, e.number, e.starts_at AS startsAt,
         u.display_name AS invitedByName
       FROM care_event_guests g JOIN care_events e ON e.id = g.event_id LEFT JOIN users u ON u.id = g.invited_by_id
       WHERE g.customer_id = ? AND g.deleted = 0 AND e.deleted = 0 ORDER BY g.created_at DESC LIMIT ?`,
    )
    .all(customerId, limit) as {
    at: string;
    status: string;
    followUp: string;
    eventId: string;
    kind: string;
    title: string;
    number: string;
    startsAt: string;
    invitedByName: string | null;
  }[];
  for (const g of guests) {
    events.push({
      at: g.at,
      source: 'care',
      kind: 'invited',
      title: say('care.timeline.invited', { event: say(`care.eventKind.${g.kind}`), title: g.title }),
      detail: g.followUp,
      actorName: g.invitedByName,
      route: `/yellow/care/events/${g.eventId}`,
    });
    if (g.status === 'attended' || g.status === 'absent') {
      events.push({
        at: g.startsAt,
        source: 'care',
        kind: g.status,
        title: say(`care.timeline.${g.status}`, { event: say(`care.eventKind.${g.kind}`), title: g.title }),
        detail: '',
        actorName: null,
        route: `/yellow/care/events/${g.eventId}`,
      });
    }
  }
  return events;
});
