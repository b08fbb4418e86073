import type { z } from 'zod';
import type { ParsedInputOf } from '../../../shared/contract';
import type { careEventDetailSchema, careEventRowSchema, guestRowSchema } from '../../../shared/contract/care';
import type { GuestStatus } from '../../../shared/contract/visit-common';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { formatShanghaiTime, parseShanghaiTime } from '../../../shared/time';
import { careEventGuests, careEvents } from '../../db/schema';
import type { ServiceContext } from '../context';
import { requireWritable } from '../customers/scope';
import { nextDocumentNumber } from '../numbering';
import { getRow, insertRow, updateRow } from '../write';
import { careScope, guestScopeSql, type CareScope } from './scope';

/**
 * Forums (座谈会) and executive visits (高层拜访): planned, then held (with a summary) or cancelled; customers
 * invited (once each per event) with their reply, attendance and a follow-up. Events are the branch's and
 * every reader sees them; an account manager sees the guests of their own customers (all of them on an
 * event they organise), invites their own customers and edits only events they organise.
 */

export type CareEventRow = z.infer<typeof careEventRowSchema>;
export type CareEventDetail = z.infer<typeof careEventDetailSchema>;
type GuestRow = z.infer<typeof guestRowSchema>;

export const EVENT_COLUMNS = `e.id, e.number, e.kind, e.title, e.starts_at AS startsAt, e.ends_at AS endsAt, e.location,
  e.organizer_id AS organizerId, u.display_name AS organizerName, e.status, e.cost_fen AS costFen,
  (SELECT count(*) FROM care_event_guests g WHERE g.event_id = e.id AND g.deleted = 0) AS guests,
  (SELECT count(*) FROM care_event_guests g WHERE g.event_id = e.id AND g.deleted = 0 AND g.status = 'attended') AS attended`;
export const EVENT_FROM = 'care_events e LEFT JOIN users u ON u.id = e.organizer_id';

/** The ISO instant of a local Asia/Shanghai date and HH:mm. */
function instant(date: string, time: string): string {
  const ms = parseShanghaiTime(`${date} ${time}`);
  if (ms === null) throw new AppError('VALIDATION', 'date.format');
  return new Date(ms).toISOString();
}

function times(date: string, start: string, end: string | null): { startsAt: string; endsAt: string | null } {
  if (end !== null && end <= start) throw new AppError('VALIDATION', 'care.endBeforeStart');
  return { startsAt: instant(date, start), endsAt: end === null ? null : instant(date, end) };
}

/** A live event, or NOT_FOUND. */
function liveEvent(ctx: ServiceContext, id: string) {
  return getRow(ctx, careEvents, id);
}

/** One event with the guests the caller may see. */
export function eventDetail(ctx: ServiceContext, scope: CareScope, id: string): CareEventDetail {
  const row = ctx.store.sqlite
    .prepare(`SELECT ${EVENT_COLUMNS}, e.notes, e.summary, e.created_at AS createdAt FROM ${EVENT_FROM} WHERE e.id = ? AND e.deleted = 0`)
    .get(id) as Omit<CareEventDetail, 'guestList'> | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  const s = row.organizerId === scope.actor.id ? { where: '1 = 1', params: [] } : guestScopeSql(scope);
  const guests = ctx.store.sqlite
    .prepare(
      `SELECT g.id, g.customer_id AS customerId, coalesce(c.name, '') AS customerName, g.contact_id AS contactId,
         cc.name AS contactName, g.status, g.follow_up AS followUp, g.follow_up_date AS followUpDate, g.follow_up_done AS followUpDone
       FROM care_event_guests g LEFT JOIN customers c ON c.id = g.customer_id LEFT JOIN customer_contacts cc ON cc.id = g.contact_id
       WHERE g.event_id = ? AND g.deleted = 0 AND ${s.where} ORDER BY c.name, g.id`,
    )
    .all(id, ...s.params) as (Omit<GuestRow, 'followUpDone'> & { followUpDone: number })[];
  return { ...row, guestList: guests.map((g) => ({ ...g, followUpDone: g.followUpDone === 1 })) };
}

/** Only the organiser, a leader or an admin changes an event. */
function requireOrganizer(scope: CareScope, event: { organizerId: string }): void {
  if (!scope.manager && event.organizerId !== scope.actor.id) throw new AppError('FORBIDDEN', 'care.notYourEvent');
}

function requirePlanned(ctx: ServiceContext, event: { title: string; status: string }): void {
  if (event.status !== 'planned') {
    throw new AppError('CONFLICT', 'care.eventClosed', { title: event.title, status: translate(`care.eventStatus.${event.status}`, ctx.locale) });
  }
}

/** care.events.create: numbered HD, planned, organised by the caller. */
export function createEvent(ctx: ServiceContext, input: ParsedInputOf<'care.events.create'>): CareEventDetail {
  const scope = careScope(ctx);
  const row = insertRow(ctx, careEvents, {
    number: nextDocumentNumber(ctx, 'care_events', 'HD'),
    kind: input.kind,
    title: input.title,
    ...times(input.date, input.startTime, input.endTime),
    location: input.location,
    organizerId: scope.actor.id,
    status: 'planned',
    notes: input.notes,
    summary: '',
    costFen: input.costFen,
  });
  return eventDetail(ctx, scope, row.id);
}

/**
 * care.events.update: edits a planned event, marks it held (a summary is needed) or cancelled. A held
 * event keeps its summary, notes and cost editable; a cancelled one is closed.
 */
export function updateEvent(ctx: ServiceContext, input: ParsedInputOf<'care.events.update'>): CareEventDetail {
  const scope = careScope(ctx);
  const event = liveEvent(ctx, input.id);
  requireOrganizer(scope, event);
  const { id, date, startTime, endTime, status, ...rest } = input;
  const schedule = date !== undefined || startTime !== undefined || endTime !== undefined;
  const statusChange = status !== undefined && status !== event.status;
  if (event.status === 'cancelled' || (event.status === 'held' && (schedule || statusChange || input.title !== undefined || input.location !== undefined))) {
    requirePlanned(ctx, event);
  }
  const patch: Partial<typeof careEvents.$inferInsert> = { ...rest };
  if (schedule) {
    const [curDate, curStart] = formatShanghaiTime(event.startsAt).split(' ') as [string, string];
    const curEnd = event.endsAt ? formatShanghaiTime(event.endsAt).split(' ')[1]! : null;
    Object.assign(patch, times(date ?? curDate, startTime ?? curStart, endTime === undefined ? curEnd : endTime));
  }
  if (statusChange) {
    patch.status = status;
    if (status === 'held' && (input.summary ?? event.summary).trim() === '') throw new AppError('VALIDATION', 'care.summaryRequired');
  }
  updateRow(ctx, careEvents, id, patch);
  return eventDetail(ctx, scope, id);
}

/** care.events.list: newest first, filtered. */
export function listEvents(ctx: ServiceContext, input: ParsedInputOf<'care.events.list'>) {
  const parts = ['e.deleted = 0'];
  const params: unknown[] = [];
  if (input.kind) {
    parts.push('e.kind = ?');
    params.push(input.kind);
  }
  if (input.status) {
    parts.push('e.status = ?');
    params.push(input.status);
  }
  if (input.year) {
    parts.push('e.starts_at >= ? AND e.starts_at < ?');
    params.push(instant(`${input.year}-01-01`, '00:00'), instant(`${input.year + 1}-01-01`, '00:00'));
  }
  const where = parts.join(' AND ');
  const rows = ctx.store.sqlite
    .prepare(`SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE ${where} ORDER BY e.starts_at DESC, e.id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as CareEventRow[];
  const total = (ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM care_events e WHERE ${where}`).get(...params) as { n: number }).n;
  return { rows, total, page: input.page, pageSize: input.pageSize };
}

/** care.events.invite: customers the caller may write for (an account manager: their own), each once per event. */
export function inviteGuests(ctx: ServiceContext, input: ParsedInputOf<'care.events.invite'>): CareEventDetail {
  const scope = careScope(ctx);
  const event = liveEvent(ctx, input.eventId);
  requirePlanned(ctx, event);
  const invited = ctx.store.sqlite.prepare('SELECT 1 FROM care_event_guests WHERE event_id = ? AND customer_id = ? AND deleted = 0');
  const contactOf = ctx.store.sqlite.prepare('SELECT customer_id AS customerId FROM customer_contacts WHERE id = ? AND deleted = 0');
  const seen = new Set<string>();
  for (const guest of input.guests) {
    requireWritable(ctx, guest.customerId);
    if (guest.contactId) {
      const contact = contactOf.get(guest.contactId) as { customerId: string } | undefined;
      if (contact?.customerId !== guest.customerId) throw new AppError('VALIDATION', 'care.contactNotOfCustomer');
    }
    if (seen.has(guest.customerId) || invited.get(input.eventId, guest.customerId)) continue;
    seen.add(guest.customerId);
    insertRow(ctx, careEventGuests, {
      eventId: input.eventId,
      customerId: guest.customerId,
      contactId: guest.contactId,
      invitedById: scope.actor.id,
      status: 'invited',
      followUp: '',
      followUpDate: null,
      followUpDone: false,
    });
  }
  return eventDetail(ctx, scope, input.eventId);
}

/** care.events.guest: reply, attendance and follow-up of one guest the caller may see. */
export function updateGuest(ctx: ServiceContext, input: ParsedInputOf<'care.events.guest'>): CareEventDetail {
  const scope = careScope(ctx);
  const guest = getRow(ctx, careEventGuests, input.id);
  const event = liveEvent(ctx, guest.eventId);
  const s = event.organizerId === scope.actor.id ? { where: '1 = 1', params: [] } : guestScopeSql(scope);
  if (!ctx.store.sqlite.prepare(`SELECT 1 FROM care_event_guests g WHERE g.id = ? AND ${s.where}`).get(input.id, ...s.params)) {
    throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  }
  if (event.status === 'cancelled') requirePlanned(ctx, event);
  const { id, ...patch } = input;
  updateRow(ctx, careEventGuests, id, patch);
  return eventDetail(ctx, scope, event.id);
}

/** The events a customer was invited to, newest first, with its reply (the 360 section). */
export function customerEvents(ctx: ServiceContext, customerId: string, limit: number): (CareEventRow & { guestStatus: GuestStatus })[] {
  return ctx.store.sqlite
    .prepare(
      `SELECT ${EVENT_COLUMNS}, cg.status AS guestStatus FROM care_event_guests cg JOIN care_events e ON e.id = cg.event_id LEFT JOIN users u ON u.id = e.organizer_id
       WHERE cg.customer_id = ? AND cg.deleted = 0 AND e.deleted = 0 ORDER BY e.starts_at DESC LIMIT ?`,
    )
    .all(customerId, limit) as (CareEventRow & { guestStatus: GuestStatus })[];
}
