import { Badge, Text, Tooltip } from '@mantine/core';
import { ShortcutHelp } from '../../components/ShortcutHelp';
import type { Priority, SlaClockName, TicketKind, TicketStatus } from '../../../../shared/contract/ticket-common';
import { formatDateTime, formatMinutes } from '../../lib/format';
import { useAppNow } from '../../lib/clock';
import { useTicketsT, type TicketsKey } from './i18n';

// The red channel's urgency is red everywhere (STYLE.md); calmer priorities fade to orange, yellow, gray.
const PRIORITY_COLOR: Record<Priority, string> = { P1: 'red', P2: 'orange', P3: 'yellow', P4: 'gray' };
const STATUS_COLOR: Record<TicketStatus, string> = {
  new: 'red',
  dispatched: 'orange',
  in_progress: 'blue',
  waiting: 'grape',
  resolved: 'teal',
  replied: 'cyan',
  visited: 'green',
  archived: 'gray',
  cancelled: 'gray',
};
const SLA_COLOR: Record<string, string> = { ok: 'green', warning: 'orange', breached: 'red', paused: 'grape', met: 'green', missed: 'red', none: 'gray' };

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant={priority === 'P1' ? 'filled' : 'light'} radius="sm" style={{ flexShrink: 0, overflow: 'visible' }}>
      {priority}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: TicketStatus }) {
  const t = useTicketsT();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" radius="sm">
      {t(`status.${status}` as TicketsKey)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: TicketKind }) {
  const t = useTicketsT();
  return (
    <Badge color={kind === 'complaint' ? 'red' : 'gray'} variant="outline" radius="sm">
      {t(`kind.${kind}` as TicketsKey)}
    </Badge>
  );
}

/**
 * A live countdown to a due time (elapsed time on the app's clock, ticking each second) coloured by the
 * SLA state. The business time left, which skips nights and holidays, is in the tooltip.
 */
export function SlaCountdown({
  dueAt,
  state,
  remainingMinutes,
  clock,
}: {
  dueAt: string | null;
  state: string;
  remainingMinutes: number | null;
  clock?: SlaClockName | null;
}) {
  const t = useTicketsT();
  const now = useAppNow();
  if (state === 'paused' || (!dueAt && state !== 'none')) {
    return (
      <Badge color="grape" variant="light" radius="sm">
        {t('sla.paused')}
      </Badge>
    );
  }
  if (!dueAt) return <Text size="sm" c="dimmed">{t('sla.none')}</Text>;
  const left = Date.parse(dueAt) - now;
  const live = left <= 0 ? 'breached' : state === 'breached' ? 'breached' : state;
  const time = formatMinutes(left / 60_000);
  const label = left <= 0 ? t('sla.over', { time }) : t('sla.left', { time });
  return (
    <Tooltip
      label={`${clock ? `${t(`clock.${clock}` as TicketsKey)} ` : ''}${formatDateTime(dueAt)}${
        remainingMinutes !== null && remainingMinutes > 0 ? t('sla.businessLeft', { time: formatMinutes(remainingMinutes) }) : ''
      }`}
    >
      <Badge color={SLA_COLOR[live] ?? 'gray'} variant={live === 'breached' ? 'filled' : 'light'} radius="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {label}
      </Badge>
    </Tooltip>
  );
}

export function SlaStateBadge({ state }: { state: string }) {
  const t = useTicketsT();
  return (
    <Badge color={SLA_COLOR[state] ?? 'gray'} variant="light" radius="sm">
      {t(`sla.${state}` as TicketsKey)}
    </Badge>
  );
}

/** The keyboard help overlay ("?"). */
export function HelpOverlay({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useTicketsT();
  const sections: [TicketsKey, [string, TicketsKey][]][] = [
    [
      'help.queue',
      [
        ['N', 'help.k.new'],
        ['1 – 6', 'help.k.views'],
        ['J / K  ↓ / ↑', 'help.k.move'],
        ['Enter', 'help.k.open'],
        ['X', 'help.k.select'],
        ['A', 'help.k.assign'],
        ['R', 'help.k.refresh'],
      ],
    ],
    [
      'help.intake',
      [
        ['/', 'help.k.search'],
        ['Alt+1 / Alt+2', 'help.k.kind'],
        ['Ctrl+Enter', 'help.k.submit'],
      ],
    ],
    [
      'help.ticket',
      [
        ['A S W U V Y F H K C P', 'help.k.actions'],
        ['M', 'help.k.note'],
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
