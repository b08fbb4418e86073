import type { MethodName, ParsedInputOf } from '../../../shared/contract';
import type { Handler, HandlerEntry } from '..';
import type { ServiceContext } from '../context';
import { listBudgets, setBudget } from './budgets';
import { createEvent, eventDetail, inviteGuests, listEvents, updateEvent, updateGuest } from './events';
import { exportRecords } from './export';
import { createRecord, decideRecord, listRecords, removeRecord } from './records';
import { careScope } from './scope';
import { careCustomer, careUpcoming } from './section';
import { careSettings, saveCareSettings } from './settings';
import './timeline';
import './demo';

type CareMethods = Extract<MethodName, `care.${string}`>;

/** Yellow channel: every care.* method. */
export const careHandlers: { [M in CareMethods]: Handler<M> | HandlerEntry<M> } = {
  'care.settings.get': (ctx: ServiceContext) => careSettings(ctx),
  'care.settings.save': saveCareSettings,
  'care.upcoming': careUpcoming,
  'care.records.create': createRecord,
  'care.records.decide': decideRecord,
  'care.records.remove': removeRecord,
  'care.records.list': listRecords,
  // The workbook is written asynchronously, outside the call's transaction; the export only reads.
  'care.records.export': { ownTransaction: true, handler: exportRecords },
  'care.budgets.list': listBudgets,
  'care.budgets.set': setBudget,
  'care.events.create': createEvent,
  'care.events.update': updateEvent,
  'care.events.get': (ctx: ServiceContext, input: ParsedInputOf<'care.events.get'>) => eventDetail(ctx, careScope(ctx), input.id),
  'care.events.list': listEvents,
  'care.events.invite': inviteGuests,
  'care.events.guest': updateGuest,
  'care.customer': careCustomer,
};

export { runCareReminders } from './reminders';
export { budgetRows } from './budgets';
