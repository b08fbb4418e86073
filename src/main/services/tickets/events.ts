import { and, desc, eq } from 'drizzle-orm';
import type { TimelineEvent } from '../../../shared/contract/customers';
import type { TicketEventKind, TicketStatus } from '../../../shared/contract/ticket-common';
import type { Locale } from '../../../shared/locale';
import { translate } from '../../../shared/messages';
import { ticketEvents, tickets } from '../../db/schema';
import { isoNow, type ServiceContext } from '../context';
import { insertRow, type Row } from '../write';

/** The ticket timeline: events written with every transition, rendered in the reader's language. */

export type TicketEventRow = Row<typeof ticketEvents>;

/** Appends an event to a ticket's timeline (and so to its customer's). */
export function appendTicketEvent(
  ctx: ServiceContext,
  ticket: { id: string; customerId: string },
  kind: TicketEventKind,
  extra: { from?: TicketStatus | null; to?: TicketStatus | null; note?: string; data?: Record<string, unknown> } = {},
): TicketEventRow {
  return insertRow(ctx, ticketEvents, {
    ticketId: ticket.id,
    customerId: ticket.customerId,
    at: isoNow(ctx),
    kind,
    fromStatus: extra.from ?? null,
    toStatus: extra.to ?? null,
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.displayName ?? null,
    note: extra.note ?? '',
    data: JSON.stringify(extra.data ?? {}),
  });
}

/** Translates an enum value through its message key, e.g. ('tickets.status', 'new'). */
export function label(prefix: string, value: string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  return translate(`${prefix}.${value}`, locale);
}

/** One line describing an event in the reader's language. */
export function eventTitle(e: Pick<TicketEventRow, 'kind' | 'data'>, locale: Locale): string {
  const data = JSON.parse(e.data) as Record<string, string | number | boolean | null>;
  const p: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(data)) if (v !== null && typeof v !== 'boolean') p[k] = v;
  switch (e.kind) {
    case 'created':
      p.kind = label('tickets.kind', String(data.kind ?? ''), locale);
      p.channel = label('tickets.channel', String(data.channel ?? ''), locale);
      break;
    case 'resolve':
      p.fault = translate(data.ourFault ? 'tickets.ourFault.yes' : 'tickets.ourFault.no', locale);
      break;
    case 'reply':
      p.method = label('tickets.replyMethod', String(data.method ?? ''), locale);
      break;
    case 'sla_warning':
    case 'sla_breach':
      p.clock = label('tickets.clock', String(data.clock ?? ''), locale);
      break;
    default:
      break;
  }
  if (e.kind === 'assign' && !p.assignee) p.assignee = '';
  return translate(`tickets.event.${e.kind}`, locale, p);
}

/**
 * The customer 360 timeline source: every ticket event of a customer, newest first, as the customers
 * module's TimelineEvent (source 'ticket', route to the ticket).
 */
export function ticketTimelineForCustomer(
  ctx: Pick<ServiceContext, 'db' | 'locale'>,
  customerId: string,
  limit = 200,
): TimelineEvent[] {
  const rows = ctx.db
    .select({
      at: ticketEvents.at,
      kind: ticketEvents.kind,
      data: ticketEvents.data,
      note: ticketEvents.note,
      actorName: ticketEvents.actorName,
      ticketId: ticketEvents.ticketId,
      number: tickets.number,
      title: tickets.title,
    })
    .from(ticketEvents)
    .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
    .where(and(eq(ticketEvents.customerId, customerId), eq(ticketEvents.deleted, false)))
    .orderBy(desc(ticketEvents.at), desc(ticketEvents.updatedHlc))
    .limit(limit)
    .all();
  return rows.map((r) => ({
    at: r.at,
    source: 'ticket',
    kind: r.kind,
    title: `${r.number} ${eventTitle(r, ctx.locale)}`,
    detail: r.note ? `${r.title} — ${r.note}` : r.title,
    actorName: r.actorName,
    route: `/red/${r.ticketId}`,
  }));
}
