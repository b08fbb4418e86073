import type { TimelineEvent } from '../../../shared/contract/customers';
import type { GreenEntity } from '../../../shared/contract/order-common';
import { formatDuration } from '../../../shared/duration';
import { translate } from '../../../shared/messages';
import { greenEvents } from '../../db/schema';
import { isoNow, type ServiceContext } from '../context';
import { registerTimelineSource } from '../customers/timeline';
import { seededName } from '../tickets/seeded';
import { insertRow, type Row } from '../write';

/**
 * The green channel's timeline: every step of a work order, request form or contract is one row of
 * green_events, written in the step's transaction. The record's page reads its own rows; the customer's
 * 360 timeline reads them by customer. Titles are rendered in the reader's language from the message
 * `green.event.<entity>.<kind>` with the event's data as parameters (plus `number`).
 */

export type GreenEventRow = Row<typeof greenEvents>;

/** Routes of the green channel's record pages, by entity. */
export const GREEN_ROUTES: Record<GreenEntity, string> = {
  order: '/green/orders',
  form: '/green/forms',
  contract: '/green/contracts',
};

/** Appends a step to a record's timeline (and so to its customer's). `onBehalfOf`: the leader a deputy acted for. */
export function appendGreenEvent(
  ctx: ServiceContext,
  entity: GreenEntity,
  record: { id: string; customerId: string; number: string },
  kind: string,
  extra: { note?: string; data?: Record<string, string | number | boolean | null>; onBehalfOf?: { id: string; name: string } | null } = {},
): GreenEventRow {
  return insertRow(ctx, greenEvents, {
    entity,
    entityId: record.id,
    customerId: record.customerId,
    at: isoNow(ctx),
    kind,
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.displayName ?? null,
    onBehalfOfId: extra.onBehalfOf?.id ?? null,
    onBehalfOfName: extra.onBehalfOf?.name ?? null,
    note: extra.note ?? '',
    data: JSON.stringify({ number: record.number, ...extra.data }),
  });
}

/** Event data holding business minutes, shown as a duration ("2 天 3 小时"). */
const DURATION_KEYS = new Set(['minutes', 'plan']);

/** One line describing a green event in the reader's language. */
export function greenEventTitle(e: Pick<GreenEventRow, 'entity' | 'kind' | 'data' | 'onBehalfOfName'>, locale: ServiceContext['locale']): string {
  const data = JSON.parse(e.data) as Record<string, string | number | boolean | null>;
  const params: Record<string, string | number> = {};
  // Stored values are the branch's zh-CN text; seeded names (stages, reasons) read in the reader's language.
  for (const [k, v] of Object.entries(data)) {
    if (v === null || typeof v === 'boolean') continue;
    params[k] = typeof v === 'string' ? seededName(v, locale) : DURATION_KEYS.has(k) ? formatDuration(v, locale) : v;
  }
  const title = translate(`green.event.${e.entity}.${e.kind}`, locale, params);
  return e.onBehalfOfName ? `${title}${translate('green.event.onBehalfOf', locale, { name: e.onBehalfOfName })}` : title;
}

/** A record's own timeline, oldest first. */
export function greenEventsOf(ctx: Pick<ServiceContext, 'store'>, entityId: string): GreenEventRow[] {
  return ctx.store.sqlite
    .prepare(
      `SELECT id, branch_id AS branchId, created_at AS createdAt, updated_at AS updatedAt, updated_hlc AS updatedHlc,
         deleted, entity, entity_id AS entityId, customer_id AS customerId, at, kind, actor_id AS actorId,
         actor_name AS actorName, on_behalf_of_id AS onBehalfOfId, on_behalf_of_name AS onBehalfOfName, note, data
       FROM green_events WHERE entity_id = ? AND deleted = 0 ORDER BY at, rowid`,
    )
    .all(entityId) as GreenEventRow[];
}

/** The customer 360 timeline source: every green event of a customer, newest first, linking to its record. */
export function greenTimelineForCustomer(ctx: Pick<ServiceContext, 'store' | 'locale'>, customerId: string, limit = 200): TimelineEvent[] {
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT entity, entity_id AS entityId, at, kind, actor_name AS actorName, on_behalf_of_name AS onBehalfOfName, note, data
       FROM green_events WHERE customer_id = ? AND deleted = 0 ORDER BY at DESC, rowid DESC LIMIT ?`,
    )
    .all(customerId, limit) as (Pick<GreenEventRow, 'entity' | 'entityId' | 'at' | 'kind' | 'actorName' | 'onBehalfOfName' | 'note' | 'data'>)[];
  return rows.map((r) => {
    const number = String((JSON.parse(r.data) as { number?: string }).number ?? '');
    return {
      at: r.at,
      source: r.entity,
      kind: r.kind,
      title: `${number} ${greenEventTitle(r, ctx.locale)}`.trim(),
      detail: r.note,
      actorName: r.actorName,
      route: `${GREEN_ROUTES[r.entity]}/${r.entityId}`,
    };
  });
}

// Orders, forms and contracts appear on the customer's 360 timeline (sources 'order', 'form', 'contract').
registerTimelineSource('green', (ctx, customerId, _viewer, limit) => greenTimelineForCustomer(ctx, customerId, limit));
