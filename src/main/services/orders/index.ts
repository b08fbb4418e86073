import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { addGreenAttachment, findGreenAttachment } from '../green/attachments';
import { ordersConfig, saveOrdersConfig } from './config';
import { runOrderEscalation } from './escalation';
import { exportOrders } from './export';
import { flowHandlers } from './flow';
import { queueHandlers } from './queue';
import { loadOrder, orderDetail } from './read';
import { assertCanSeeOrder, orderScope } from './scope';
import './demo';

/** Green channel: every orders.* method. */
export const ordersHandlers = {
  'orders.config.get': (ctx: ServiceContext) => ordersConfig(ctx),
  'orders.config.save': (ctx: ServiceContext, input: ParsedInputOf<'orders.config.save'>) => saveOrdersConfig(ctx, input),
  'orders.get': (ctx: ServiceContext, input: ParsedInputOf<'orders.get'>) => orderDetail(ctx, orderScope(ctx), input.id),
  ...flowHandlers,
  ...queueHandlers,
  // The workbook is written asynchronously, outside the call's transaction; the export only reads.
  'orders.export': { ownTransaction: true, handler: exportOrders },
  'orders.runEscalation': (ctx: ServiceContext) => runOrderEscalation(ctx),
  'orders.attachments.add': (ctx: ServiceContext, input: ParsedInputOf<'orders.attachments.add'>) => {
    const o = loadOrder(ctx, input.orderId);
    assertCanSeeOrder(ctx, orderScope(ctx), o);
    return addGreenAttachment(ctx, 'order', o, input);
  },
  'orders.attachments.get': (ctx: ServiceContext, input: ParsedInputOf<'orders.attachments.get'>) => {
    const found = findGreenAttachment(ctx, input.id);
    if (found.row.entity !== 'order') throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
    assertCanSeeOrder(ctx, orderScope(ctx), loadOrder(ctx, found.row.entityId));
    return found.read();
  },
};

export { runOrderEscalation } from './escalation';
export { openOrder, completeStage, acceptStage, returnStage, resubmitOrder, skipStage, cancelOrder } from './flow';
export { orderQueue, orderQueueCounts, orderList } from './queue';
export { ordersConfig, orderCalendarId, orderCalendar } from './config';
