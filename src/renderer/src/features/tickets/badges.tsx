import { Badge, Group, Kbd, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { Priority, SlaClockName, TicketKind, TicketStatus } from '../../../../shared/contract/ticket-common';
import { formatDateTime } from '../../lib/format';
import { useNow } from './hooks';
import { useTicketsT, type TicketsKey, type TicketsT } from './i18n';

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

/** 2天3时5分 or 03:05:09, for a span of milliseconds. */
export function formatSpan(t: TicketsT, ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return t('time.dhm', { d, h, m });
  return t('time.hms', { h, mm: String(m).padStart(2, '0'), ss: String(s).padStart(2, '0') });
}

/**
 * A live countdown to a due time (wall clock, ticking each second) coloured by the SLA state. The
 * business minutes left, which skip nights and holidays, are in the tooltip.
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
  const now = useNow();
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
  const label = left <= 0 ? t('sla.over', { time: formatSpan(t, left) }) : t('sla.left', { time: formatSpan(t, left) });
  return (
    <Tooltip
      label={`${clock ? `${t(`clock.${clock}` as TicketsKey)} ` : ''}${formatDateTime(dueAt)}${
        remainingMinutes !== null ? t('sla.businessLeft', { minutes: Math.round(remainingMinutes) }) : ''
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
    <Modal opened={opened} onClose={onClose} title={t('help.title')} size="lg">
      <Stack gap="md">
        {sections.map(([title, keys]) => (
          <div key={title}>
            <Text fw={600} mb={4}>
              {t(title)}
            </Text>
            <Table withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {keys.map(([k, label]) => (
                  <Table.Tr key={label}>
                    <Table.Td w={200}>
                      <Group gap={4}>
                        {k.split('  ').map((part) => (
                          <Kbd key={part}>{part}</Kbd>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{t(label)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
        <Text size="sm" c="dimmed">
          <Kbd>?</Kbd> {t('help.k.help')}
        </Text>
      </Stack>
    </Modal>
  );
}
