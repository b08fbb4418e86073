import { Badge, Text } from '@mantine/core';
import type { ContractDisplayStatus } from '../../../../shared/contract/order-common';
import { useContractsT, type ContractsKey } from './i18n';

// The green channel's progress in green (STYLE.md); what needs attention soon in orange, what ran out in red.
const COLOR: Record<ContractDisplayStatus, string> = {
  draft: 'gray',
  signed: 'teal',
  active: 'green',
  expiring: 'orange',
  expired: 'red',
  renewed: 'blue',
  terminated: 'gray',
};

/** A contract's shown status as the same coloured badge everywhere. */
export function ContractStatusBadge({ status }: { status: ContractDisplayStatus }) {
  const t = useContractsT();
  return (
    <Badge color={COLOR[status]} variant={status === 'terminated' || status === 'renewed' ? 'outline' : 'light'} radius="sm">
      {t(`status.${status}` as ContractsKey)}
    </Badge>
  );
}

/** Days to a signed contract's end: "45 天" (orange inside the window), "今天到期", "已过 12 天" in red. */
export function DaysLeft({ days, window, signed }: { days: number | null; window: number; signed: boolean }) {
  const t = useContractsT();
  if (days === null || !signed) return <Text span size="sm" c="dimmed">—</Text>;
  const color = days < 0 ? 'red' : days <= window ? 'orange' : undefined;
  const text = days < 0 ? t('days.over', { days: -days }) : days === 0 ? t('days.today') : t('days.left', { days });
  return (
    <Text span size="sm" c={color} className="kam-num" style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Text>
  );
}
