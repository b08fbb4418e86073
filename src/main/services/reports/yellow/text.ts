import { VISIT_KINDS, type VisitKind } from '../../../../shared/contract/visit-common';
import { tx, type Text } from '../text';

/** Labels the yellow channel's reports share, in both languages. */

export const VISIT_KIND_TEXT: Record<VisitKind, Text> = {
  onsite: tx('客户走访', 'On-site visits'),
  inbound: tx('客户来访', 'Customer calls at us'),
  phone: tx('电话', 'Phone'),
  forum: tx('座谈会', 'Forums'),
  executive: tx('高层拜访', 'Executive visits'),
};

export const VISIT_KIND_ORDER: readonly VisitKind[] = VISIT_KINDS;

export const Y = {
  month: tx('统计月份', 'Month'),
  period: tx('统计期间', 'Period'),
  manager: tx('客户经理', 'Account manager'),
  grade: tx('客户等级', 'Grade'),
  total: tx('合计', 'Total'),
  customer: tx('客户', 'Customer'),
};
