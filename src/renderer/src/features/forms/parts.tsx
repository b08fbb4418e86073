import { Badge, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { FormRow } from '../../../../shared/contract/forms';
import type { FormStatus } from '../../../../shared/contract/order-common';
import { formatDuration } from '../../../../shared/duration';
import { useAppNow } from '../../lib/clock';
import { formatDateTime } from '../../lib/format';
import { useFormsT, type FormsKey } from './i18n';
import { useTranslation } from 'react-i18next';

/** Green is the green channel's progress; grey where nothing runs; red only for a rejection. */
const STATUS_COLOR: Record<FormStatus, string> = {
  draft: 'gray',
  pending_approval: 'yellow',
  sent_back: 'orange',
  rejected: 'red',
  at_centre: 'teal',
  routed: 'teal',
  answered: 'green',
  closed: 'green',
  withdrawn: 'gray',
};

export function FormStatusBadge({ status }: { status: FormStatus }) {
  const t = useFormsT();
  return (
    <Badge size="sm" radius="sm" variant={status === 'closed' ? 'filled' : 'light'} color={STATUS_COLOR[status]}>
      {t(`status.${status}` as FormsKey)}
    </Badge>
  );
}

export function FormKindBadge({ kind }: { kind: FormRow['kind'] }) {
  const t = useFormsT();
  return (
    <Badge size="sm" radius="sm" variant="outline" color={kind === 'resource' ? 'green' : 'cyan'}>
      {t(`kind.${kind}` as FormsKey)}
    </Badge>
  );
}

/** The running step's time left or over, live; its due time as a tooltip. */
export function StepDue({ dueAt, state }: { dueAt: string | null; state: FormRow['slaState'] }) {
  const t = useFormsT();
  const { i18n } = useTranslation();
  const now = useAppNow(30_000);
  if (!dueAt) return <Text size="sm" c="dimmed">—</Text>;
  const left = (Date.parse(dueAt) - now) / 60_000;
  const time = formatDuration(left, i18n.language === 'en' ? 'en' : 'zh-CN');
  const breached = left <= 0;
  return (
    <Text size="sm" title={formatDateTime(dueAt)} c={breached ? 'red' : state === 'warning' ? 'orange' : undefined} fw={breached ? 600 : undefined}>
      {t(breached ? 'sla.breached' : 'sla.ok', { time })}
    </Text>
  );
}

/** After any form write every forms query may be stale. */
export function useInvalidateForms() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('forms.') });
}
