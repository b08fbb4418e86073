import { arrearsReport } from './arrears';
import { complaintArchive } from './complaint-archive';
import { customerRoster } from './customer-roster';
import { gradeChanges } from './grade-changes';
import { greenKpiReport, greenStageWaitReport } from './green-kpis';
import { newCustomersPlan } from './new-customers-plan';
import { revenueRanking } from './revenue-ranking';
import { ticketKpiReport } from './ticket-kpis';
import type { ReportDefinition } from './types';
import { careBudgetReport, overdueKeyReport, visitComplianceReport, visitVolumeReport } from './yellow';

/** Every report, in the order the list shows them. Adding a report: its folder plus one line here. */
export const REPORTS: readonly ReportDefinition[] = [
  customerRoster,
  revenueRanking,
  newCustomersPlan,
  arrearsReport,
  gradeChanges,
  ticketKpiReport,
  complaintArchive,
  greenKpiReport,
  greenStageWaitReport,
  visitComplianceReport,
  visitVolumeReport,
  overdueKeyReport,
  careBudgetReport,
];

/** The report with this id, or undefined. */
export function findReport(id: string): ReportDefinition | undefined {
  return REPORTS.find((r) => r.id === id);
}
