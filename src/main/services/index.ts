import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/contract';
import type { ServiceContext } from './context';
import { authHandlers } from './auth';
import { usersHandlers } from './users';
import { settingsHandlers } from './settings/branch';
import { auditHandlers } from './audit';
import { systemHandlers } from './system';
import { authSpecialHandlers } from './auth/special';
import { customersHandlers } from './customers';
import { reportsHandlers } from './reports';
import { ticketsHandlers } from './tickets';
import { notificationsHandlers } from './notifications';
import { syncHandlers } from './sync';
import { ordersHandlers } from './orders';
import { formsHandlers } from './forms';
import { contractsHandlers } from './contracts';
import { visitsHandlers } from './visits';
import { careHandlers } from './care';
// The green channel's events on the customer 360 timeline.
import './green/events';

export type Handler<M extends MethodName> = (
  ctx: ServiceContext,
  input: ParsedInputOf<M>,
) => OutputOf<M> | Promise<OutputOf<M>>;

export interface HandlerEntry<M extends MethodName> {
  handler: Handler<M>;
  /** The handler runs its own transactions (async work, or writes that must survive an error). */
  ownTransaction?: boolean;
}

export type HandlerMap = { [M in MethodName]: Handler<M> | HandlerEntry<M> };

/** Every method's implementation; the type makes a missing or mistyped one a compile error. */
export const handlers: HandlerMap = {
  ...authHandlers,
  ...authSpecialHandlers,
  ...usersHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...systemHandlers,
  ...customersHandlers,
  ...reportsHandlers,
  ...ticketsHandlers,
  ...notificationsHandlers,
  ...syncHandlers,
  ...ordersHandlers,
  ...formsHandlers,
  ...contractsHandlers,
  ...visitsHandlers,
  ...careHandlers,
};
