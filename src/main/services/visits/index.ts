import type { MethodName, ParsedInputOf } from '../../../shared/contract';
import type { Handler } from '..';
import type { ServiceContext } from '../context';
import { complianceHandler } from './compliance';
import { exportOverdue, exportVisits } from './export';
import { addPlannedVisit, addVisitAttachment, dropVisit, getVisitAttachment, moveVisit, recordVisit, removeVisit, updateVisit } from './flow';
import { exportIcs } from './ics';
import { listOverdue } from './overdue';
import { generateAllPlans, generatePlan, getPlan, listPlans, reviewPlan, submitPlan } from './plans';
import { listVisits, visitDetail } from './read';
import { readVisitRules, saveVisitRules } from './rules';
import { customerVisitSummary, visitCalendar } from './views';
// Registers the visits on the customer 360 timeline, and the demo year of visits.
import './timeline';
import './demo';

type VisitMethods = Extract<MethodName, `visits.${string}`>;
type VisitHandlers = { [M in VisitMethods]: Handler<M> | { ownTransaction: true; handler: Handler<M> } };

/** Yellow channel: every visits.* method. */
export const visitsHandlers: VisitHandlers = {
  'visits.rules.get': (ctx: ServiceContext) => ({ rules: readVisitRules(ctx) }),
  'visits.rules.save': saveVisitRules,
  'visits.plan.get': getPlan,
  'visits.plan.generate': generatePlan,
  'visits.plan.generateAll': generateAllPlans,
  'visits.plan.add': addPlannedVisit,
  'visits.plan.submit': submitPlan,
  'visits.plan.review': reviewPlan,
  'visits.plans.list': listPlans,
  'visits.move': moveVisit,
  'visits.drop': dropVisit,
  'visits.record': recordVisit,
  'visits.update': updateVisit,
  'visits.get': (ctx: ServiceContext, input: ParsedInputOf<'visits.get'>) => visitDetail(ctx, input.id),
  'visits.list': listVisits,
  // The workbooks are written asynchronously, outside the call's transaction; the exports only read.
  'visits.list.export': { ownTransaction: true, handler: exportVisits },
  'visits.calendar': visitCalendar,
  'visits.overdue': listOverdue,
  'visits.overdue.export': { ownTransaction: true, handler: exportOverdue },
  'visits.compliance': complianceHandler,
  'visits.customer': customerVisitSummary,
  'visits.ics': exportIcs,
  'visits.attachments.add': addVisitAttachment,
  'visits.attachments.get': getVisitAttachment,
  'visits.remove': removeVisit,
};

export { runVisitReminders } from './reminders';
export { overdueRows, type OverdueFilter, type OverdueRow } from './overdue';
export { ensureVisitRules, readVisitRules } from './rules';
