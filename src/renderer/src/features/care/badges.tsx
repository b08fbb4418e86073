import { Badge } from '@mantine/core';
import type { CareEventStatus, CareStatus, GuestStatus } from '../../../../shared/contract/visit-common';
import { careZhCN, useCareT, type CareKey, type CareT } from './i18n';

const STATUS_COLOR: Record<CareStatus, string> = { recorded: 'gray', pending: 'orange', approved: 'green', rejected: 'red' };
const EVENT_COLOR: Record<CareEventStatus, string> = { planned: 'yellow', held: 'green', cancelled: 'gray' };
const GUEST_COLOR: Record<GuestStatus, string> = { invited: 'gray', confirmed: 'blue', declined: 'red', attended: 'green', absent: 'orange' };

/** 已记录 / 待审批 / 已批准 / 已驳回 as the same coloured badge on every care screen. */
export function CareStatusBadge({ status }: { status: CareStatus }) {
  const t = useCareT();
  return (
    <Badge variant="light" radius="sm" color={STATUS_COLOR[status]}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function EventStatusBadge({ status }: { status: CareEventStatus }) {
  const t = useCareT();
  return (
    <Badge variant="light" radius="sm" color={EVENT_COLOR[status]}>
      {t(`eventStatus.${status}`)}
    </Badge>
  );
}

export function GuestStatusBadge({ status }: { status: GuestStatus }) {
  const t = useCareT();
  return (
    <Badge variant="light" radius="sm" color={GUEST_COLOR[status]}>
      {t(`guest.${status}`)}
    </Badge>
  );
}

/** 今天 / 明天 / N 天后: today and tomorrow stand out in amber, the relationship colour of the channel. */
export function DaysAwayBadge({ days }: { days: number }) {
  const t = useCareT();
  const label = days <= 0 ? t('days.today') : days === 1 ? t('days.tomorrow') : t('days.later', { n: days });
  return (
    <Badge variant={days <= 1 ? 'filled' : 'light'} radius="sm" color={days <= 1 ? 'orange' : days <= 7 ? 'yellow' : 'gray'} tt="none">
      {label}
    </Badge>
  );
}

/** A holiday's name: the built-in keys are translated, a branch's own holiday shows its name. */
export function holidayName(t: CareT, key: string | null, name: string | null | undefined): string {
  const k = `holiday.${key}`;
  if (key && k in careZhCN) return t(k as CareKey);
  return name || key || '—';
}
