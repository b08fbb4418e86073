import type { ParsedInputOf } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { shanghaiToday } from '../customers/dates';
import { requireReadable } from '../customers/scope';
import { customerEvents } from './events';
import { customerRecords } from './records';
import { canSeeCustomerCare, careScope } from './scope';
import { careSettings } from './settings';
import { findUpcoming } from './upcoming';

/** care.upcoming in the caller's scope, and the customer 360 page's care section. */

/** care.upcoming: an account manager sees their own customers' occasions, a leader the branch or one owner's. */
export function careUpcoming(ctx: ServiceContext, input: ParsedInputOf<'care.upcoming'>) {
  const scope = careScope(ctx);
  const settings = careSettings(ctx);
  const empty = { rows: [], total: 0, page: input.page, pageSize: input.pageSize };
  let ownerId = input.ownerId ?? null;
  if (!scope.all) {
    if (ownerId !== null && ownerId !== scope.actor.id) return empty;
    ownerId = scope.actor.id;
  }
  const found = findUpcoming(ctx, {
    today: shanghaiToday(ctx.now()),
    days: input.days ?? settings.lookaheadDays,
    ownerId,
    customerId: input.customerId ?? null,
    occasion: input.occasion ?? null,
    holidays: settings.holidays,
    locale: ctx.locale,
    page: input.page,
    pageSize: input.pageSize,
  });
  return { ...found, page: input.page, pageSize: input.pageSize };
}

/** care.customer: the customer's occasions within the look-ahead, its last 10 courtesies and the events it was invited to. */
export function careCustomer(ctx: ServiceContext, input: ParsedInputOf<'care.customer'>) {
  requireReadable(ctx, input.customerId);
  const scope = careScope(ctx);
  // A pool customer's care belongs to no account manager yet: theirs to see once claimed.
  if (!canSeeCustomerCare(ctx, scope, input.customerId)) return { upcoming: [], records: [], events: [] };
  const settings = careSettings(ctx);
  const upcoming = findUpcoming(ctx, {
    today: shanghaiToday(ctx.now()),
    days: settings.lookaheadDays,
    ownerId: null,
    customerId: input.customerId,
    occasion: null,
    holidays: [],
    locale: ctx.locale,
    page: 1,
    pageSize: 100,
  }).rows;
  return { upcoming, records: customerRecords(ctx, input.customerId, 10), events: customerEvents(ctx, input.customerId, 20) };
}
