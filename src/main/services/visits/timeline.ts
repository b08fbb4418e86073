import { translate } from '../../../shared/messages';
import { SHANGHAI_OFFSET_MS } from '../../../shared/time';
import { cachedStatement } from '../../db/sql';
import { registerTimelineSource } from '../customers/timeline';

/**
 * The customer 360 timeline's visits: each done visit at the time it took place (its day and start time,
 * noon when it had none) and each dropped one when it was dropped, titled in the viewer's language.
 */
registerTimelineSource('visits', (ctx, customerId, _viewer, limit) => {
  const rows = cachedStatement(
    ctx.store.sqlite,
    `SELECT v.id, v.number, v.kind, v.status, v.visit_date AS visitDate, v.start_time AS startTime, v.purpose, v.outcome,
       v.drop_reason AS dropReason, v.updated_at AS updatedAt, u.display_name AS ownerName
     FROM visits v LEFT JOIN users u ON u.id = v.owner_id
     WHERE v.customer_id = ? AND v.status IN ('done', 'dropped') AND v.deleted = 0
     ORDER BY v.visit_date DESC, v.number DESC LIMIT ?`,
  ).all(customerId, limit) as {
    id: string;
    number: string;
    kind: string;
    status: 'done' | 'dropped';
    visitDate: string;
    startTime: string | null;
    purpose: string;
    outcome: string;
    dropReason: string;
    updatedAt: string;
    ownerName: string | null;
  }[];
  return rows.map((v) => {
    const kind = translate(`visits.kind.${v.kind}`, ctx.locale);
    const at =
      v.status === 'done'
        ? new Date(Date.parse(`${v.visitDate}T${v.startTime ?? '12:00'}:00Z`) - SHANGHAI_OFFSET_MS).toISOString()
        : v.updatedAt;
    return {
      at,
      source: 'visit',
      kind: v.status,
      title: translate(`visits.timeline.${v.status}`, ctx.locale, { kind, number: v.number, date: v.visitDate, purpose: v.purpose }),
      detail: v.status === 'done' ? v.outcome : v.dropReason,
      actorName: v.ownerName,
      route: `/yellow/visits/${v.id}`,
    };
  });
});
