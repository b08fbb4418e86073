import { Badge, Tooltip } from '@mantine/core';
import type { VisitKind } from '../../../../shared/contract/visit-common';
import type { VisitRow } from '../../../../shared/contract/visits';
import { ShortcutHelp } from '../../components/ShortcutHelp';
import { useVisitsT, type VisitsKey } from './i18n';

/** What a visit is now, as the calendar and lists show it: a missed plan item is its own state. */
export type VisitState = 'planned' | 'done' | 'dropped' | 'missed';

/**
 * The yellow channel's relationship work is amber (STYLE.md): planned amber, done green, dropped grey,
 * missed (planned, its day passed) red. Each state also has its own word and badge style, never colour alone.
 */
export const STATE_COLOR: Record<VisitState, string> = { planned: 'yellow', done: 'green', dropped: 'gray', missed: 'red' };
const STATE_VARIANT: Record<VisitState, 'light' | 'filled' | 'outline'> = { planned: 'light', done: 'filled', dropped: 'outline', missed: 'outline' };

export function visitState(row: Pick<VisitRow, 'status' | 'missed'>): VisitState {
  return row.status === 'planned' && row.missed ? 'missed' : row.status;
}

export function VisitStateBadge({ row, size = 'sm' }: { row: Pick<VisitRow, 'status' | 'missed'>; size?: 'xs' | 'sm' }) {
  const t = useVisitsT();
  const state = visitState(row);
  return (
    <Badge size={size} color={STATE_COLOR[state]} variant={STATE_VARIANT[state]} radius="sm">
      {t(`state.${state}` as VisitsKey)}
    </Badge>
  );
}

export function VisitKindBadge({ kind }: { kind: VisitKind }) {
  const t = useVisitsT();
  return (
    <Badge size="sm" color="gray" variant="outline" radius="sm" fw={500}>
      {t(`kind.${kind}` as VisitsKey)}
    </Badge>
  );
}

/** 按时 / 逾期 of a done visit against the due date it was planned for. */
export function OnTimeBadge({ onTime, dueDate }: { onTime: boolean | null; dueDate: string | null }) {
  const t = useVisitsT();
  if (onTime === null) return null;
  return (
    <Tooltip label={dueDate ? t('visit.dueWas', { date: dueDate }) : t('visit.noDue')}>
      <Badge size="sm" color={onTime ? 'teal' : 'red'} variant="light" radius="sm">
        {onTime ? t('visit.onTime') : t('visit.late')}
      </Badge>
    </Tooltip>
  );
}

/** 补录: written more than 7 days after the visit. */
export function LateEntryBadge() {
  const t = useVisitsT();
  return (
    <Tooltip label={t('visit.lateEntryHint')}>
      <Badge size="sm" color="orange" variant="outline" radius="sm">
        {t('visit.lateEntry')}
      </Badge>
    </Tooltip>
  );
}

/** The keyboard help overlay ("?") of the calendar, lists and the visit page. */
export function VisitsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useVisitsT();
  const sections: [VisitsKey, [string, VisitsKey][]][] = [
    [
      'help.calendar',
      [
        ['← / →', 'help.k.prevNext'],
        ['T', 'help.k.today'],
        ['M / W', 'help.k.view'],
        ['N', 'help.k.new'],
      ],
    ],
    [
      'help.lists',
      [
        ['N', 'help.k.new'],
        ['/', 'help.k.search'],
      ],
    ],
    [
      'help.visit',
      [
        ['R', 'help.k.record'],
        ['M', 'help.k.move'],
        ['E', 'help.k.edit'],
        ['Esc', 'help.k.back'],
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
