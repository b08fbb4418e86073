import { Badge, Text, Tooltip } from '@mantine/core';
import { ShortcutHelp } from '../../components/ShortcutHelp';
import type { OrderStatus, StageStatus } from '../../../../shared/contract/order-common';
import type { OrderRow } from '../../../../shared/contract/orders';
import { useAppNow } from '../../lib/clock';
import { formatDateTime, formatMinutes } from '../../lib/format';
import { useGreenT, type GreenKey } from './i18n';

// The green channel's progress is green everywhere (STYLE.md); a return is orange, a cancel gray.
const ORDER_COLOR: Record<OrderStatus, string> = { in_progress: 'green', returned: 'orange', closed: 'gray', cancelled: 'gray' };
const STAGE_COLOR: Record<StageStatus, string> = {
  waiting: 'yellow',
  accepted: 'green',
  done: 'teal',
  returned: 'orange',
  skipped: 'gray',
  cancelled: 'gray',
};
const SLA_COLOR: Record<string, string> = { ok: 'green', warning: 'orange', breached: 'red', none: 'gray' };

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = useGreenT();
  return (
    <Badge color={ORDER_COLOR[status]} variant={status === 'closed' ? 'outline' : 'light'} radius="sm">
      {t(`status.${status}` as GreenKey)}
    </Badge>
  );
}

export function StageStatusBadge({ status }: { status: StageStatus | 'pending' }) {
  const t = useGreenT();
  return (
    <Badge color={status === 'pending' ? 'gray' : STAGE_COLOR[status]} variant={status === 'pending' ? 'outline' : 'light'} radius="sm">
      {t(`stage.${status}` as GreenKey)}
    </Badge>
  );
}

/**
 * A stage's time limit as a live countdown (elapsed time on the app's clock) coloured by its SLA state:
 * green on track, orange from the warning time, red once due. The business time left (which skips nights
 * and holidays on the branch calendar) is in the tooltip, as the red channel shows it.
 */
export function StageDue({
  dueAt,
  warnAt,
  remainingMinutes,
}: {
  dueAt: string | null;
  warnAt?: string | null;
  remainingMinutes?: number | null;
}) {
  const t = useGreenT();
  const now = useAppNow();
  if (!dueAt) {
    return (
      <Text size="sm" c="dimmed">
        {t('sla.none')}
      </Text>
    );
  }
  const left = Date.parse(dueAt) - now;
  const state = left <= 0 ? 'breached' : warnAt && Date.parse(warnAt) <= now ? 'warning' : 'ok';
  const time = formatMinutes(left / 60_000);
  return (
    <Tooltip
      label={`${formatDateTime(dueAt)}${remainingMinutes != null && remainingMinutes > 0 ? t('sla.businessLeft', { time: formatMinutes(remainingMinutes) }) : ''}`}
    >
      <Badge
        color={SLA_COLOR[state]}
        variant={state === 'breached' ? 'filled' : 'light'}
        radius="sm"
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {left <= 0 ? t('sla.over', { time }) : t('sla.left', { time })}
      </Badge>
    </Tooltip>
  );
}

/**
 * Who holds the order now: the person who accepted the stage, else its department (not yet accepted), or
 * the account manager while it is returned to him.
 */
export function Holder({ row }: { row: Pick<OrderRow, 'status' | 'currentHolderName' | 'currentDept' | 'ownerName'> }) {
  const t = useGreenT();
  const label =
    row.status === 'returned'
      ? t('holder.owner', { name: row.ownerName ?? '—' })
      : row.status !== 'in_progress'
        ? '—'
        : (row.currentHolderName ?? row.currentDept ?? '—');
  // A department (dimmed) means nobody has accepted the stage yet; the tooltip says so in words.
  const waiting = row.status === 'in_progress' && !row.currentHolderName;
  return (
    <Text span inherit c={waiting ? 'dimmed' : undefined} title={waiting && row.currentDept ? t('holder.department', { dept: row.currentDept }) : label}>
      {label}
    </Text>
  );
}

/** How long something has waited, from `since` to now on the app's clock ("3小时5分钟"). */
export function Since({ since }: { since: string | null }) {
  const now = useAppNow(30_000);
  if (!since) return <>—</>;
  return (
    <Tooltip label={formatDateTime(since)}>
      <Text span size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatMinutes(Math.max(0, (now - Date.parse(since)) / 60_000))}
      </Text>
    </Tooltip>
  );
}

/** The keyboard help overlay ("?") of the queue and the order page. */
export function GreenHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useGreenT();
  const sections: [GreenKey, [string, GreenKey][]][] = [
    [
      'help.queue',
      [
        ['N', 'help.k.new'],
        ['1 – 5', 'help.k.views'],
        ['J / K  ↓ / ↑', 'help.k.move'],
        ['Enter', 'help.k.open'],
        ['A', 'help.k.accept'],
        ['R', 'help.k.refresh'],
      ],
    ],
    [
      'help.order',
      [
        ['A C G U S T E X', 'help.k.actions'],
        ['Esc / Backspace', 'help.k.back'],
      ],
    ],
  ];
  return (
    <ShortcutHelp
      opened={opened}
      onClose={onClose}
      title={t('help.title')}
      sections={sections.map(([title, keys]) => ({ title: t(title), keys: keys.map(([k, label]) => [k, t(label)]) }))}
      footer={t('help.k.help')}
    />
  );
}
