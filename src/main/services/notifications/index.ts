import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import type { NotificationKind } from '../../../shared/contract/ticket-common';
import { translate } from '../../../shared/messages';
import { notifications } from '../../db/schema';
import { isoNow, requireActor, type ServiceContext } from '../context';
import { insertRow, updateRow } from '../write';

/** In-app notifications: written by services (escalations, new faults on a manager's customers), read per user. */

export interface NotificationInput {
  kind: NotificationKind;
  messageKey: string;
  params?: Record<string, string | number>;
  route?: string | null;
  ticketId?: string | null;
}

/** Notifies each user once (duplicates in `userIds` are dropped) through the write path. */
export function notifyUsers(ctx: ServiceContext, userIds: Iterable<string | null | undefined>, n: NotificationInput): number {
  const unique = new Set([...userIds].filter((id): id is string => !!id));
  for (const userId of unique) {
    insertRow(ctx, notifications, {
      userId,
      kind: n.kind,
      messageKey: n.messageKey,
      params: JSON.stringify(n.params ?? {}),
      route: n.route ?? null,
      ticketId: n.ticketId ?? null,
      readAt: null,
    });
  }
  return unique.size;
}

export const notificationsHandlers = {
  'notifications.list': (ctx: ServiceContext, input: ParsedInputOf<'notifications.list'>) => {
    const actor = requireActor(ctx);
    const mine = and(eq(notifications.userId, actor.id), eq(notifications.deleted, false));
    const where = input.unreadOnly ? and(mine, isNull(notifications.readAt)) : mine;
    const rows = ctx.db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .all();
    const total = ctx.db.select({ n: count() }).from(notifications).where(where).get()?.n ?? 0;
    const unread = ctx.db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))).get()?.n ?? 0;
    return {
      rows: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        message: translate(r.messageKey, ctx.locale, JSON.parse(r.params) as Record<string, string | number>),
        route: r.route,
        ticketId: r.ticketId,
        createdAt: r.createdAt,
        readAt: r.readAt,
      })),
      total,
      unread,
      page: input.page,
      pageSize: input.pageSize,
    };
  },
  'notifications.markRead': (ctx: ServiceContext, input: ParsedInputOf<'notifications.markRead'>) => {
    const actor = requireActor(ctx);
    const base = and(eq(notifications.userId, actor.id), isNull(notifications.readAt), eq(notifications.deleted, false));
    const where = input.all ? base : and(base, inArray(notifications.id, input.ids ?? []));
    const ids = ctx.db.select({ id: notifications.id }).from(notifications).where(where).all();
    const now = isoNow(ctx);
    for (const { id } of ids) updateRow(ctx, notifications, id, { readAt: now });
    return { ok: true as const };
  },
};
