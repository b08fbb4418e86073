import type { ServiceContext } from '../context';
import { registerTimelineSource } from '../customers/timeline';
import { attachmentHandlers } from './attachments';
import { configHandlers } from './config';
import { runSlaEscalation } from './escalation';
import { ticketTimelineForCustomer } from './events';
import { flowHandlers } from './flow';
import { intakeHandlers } from './intake';
import { kpiHandlers } from './kpis';
import { queueHandlers } from './queue';
import { exportQueue } from './queue-export';
import './demo';

/** Red channel (faults and complaints): every tickets.* method. */
export const ticketsHandlers = {
  ...configHandlers,
  ...flowHandlers,
  ...queueHandlers,
  // The workbook is written asynchronously, outside the call's transaction; the export only reads.
  'tickets.queue.export': { ownTransaction: true, handler: exportQueue },
  ...intakeHandlers,
  ...kpiHandlers,
  ...attachmentHandlers,
  'tickets.runEscalation': (ctx: ServiceContext) => runSlaEscalation(ctx),
};

// Ticket events appear on the customer's 360 timeline (source 'ticket', linking to the ticket).
registerTimelineSource('ticket', (ctx, customerId, _viewer, limit) => ticketTimelineForCustomer(ctx, customerId, limit));

export { ticketTimelineForCustomer } from './events';
export { ticketKpis } from './kpis';
export { runSlaEscalation } from './escalation';
