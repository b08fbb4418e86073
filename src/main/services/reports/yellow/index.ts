/** The yellow channel's reports (issue #14 point 7): visit compliance, visit volume, overdue key customers, care vs budget. */
export { careBudgetReport } from './care-budget';
export { visitComplianceReport } from './compliance';
export { overdueKeyReport } from './overdue-key';
export { visitVolumeReport } from './visit-volume';
