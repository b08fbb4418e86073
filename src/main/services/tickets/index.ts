import type { ServiceContext } from '../context';
import { attachmentHandlers } from './attachments';
import { configHandlers } from './config';
import { runSlaEscalation } from './escalation';
import { flowHandlers } from './flow';
import { intakeHandlers } from './intake';
import { kpiHandlers } from './kpis';
import { queueHandlers } from './queue';

/** Red channel (faults and complaints): every tickets.* method. */
export const ticketsHandlers = {
  ...configHandlers,
  ...flowHandlers,
  ...queueHandlers,
  ...intakeHandlers,
  ...kpiHandlers,
  ...attachmentHandlers,
  'tickets.runEscalation': (ctx: ServiceContext) => runSlaEscalation(ctx),
};

export { ticketTimelineForCustomer } from './events';
export { ticketKpis } from './kpis';
export { runSlaEscalation } from './escalation';
