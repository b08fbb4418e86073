import { Fragment } from 'react';
import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderDetail, StageAttempt } from '../../../../shared/contract/orders';
import { formatDateTime, formatMinutes } from '../../lib/format';
import { StageDue, StageStatusBadge } from './badges';
import { useGreenT } from './i18n';

const USED_COLOR: Record<string, string | undefined> = { missed: 'red', breached: 'red', warning: 'orange', met: 'teal' };

/**
 * Every stage of the order's plan, one row per attempt: planned limit against the business time used,
 * when it was entered, accepted and left, who held it, and the result — or, for a returned attempt, the
 * reason and where it went. Stages not reached yet show their plan only; the open attempt is highlighted.
 */
export function StageTrack({ order }: { order: OrderDetail }) {
  const t = useGreenT();
  const { i18n } = useTranslation();
  const target = (a: StageAttempt) =>
    a.returnToSeq === null ? '' : a.returnToSeq < 0 ? t('track.toOwner') : (order.stages[a.returnToSeq]?.name ?? String(a.returnToSeq + 1));
  return (
    <Table withTableBorder verticalSpacing={4} horizontalSpacing={6} fz="sm" aria-label={t('order.track')} style={{ tableLayout: 'fixed' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={28}>#</Table.Th>
          <Table.Th w={118}>{t('track.stage')}</Table.Th>
          <Table.Th w={96}>{t('track.department')}</Table.Th>
          <Table.Th w={i18n.language === 'en' ? 112 : 96}>{t('track.status')}</Table.Th>
          <Table.Th w={118}>{t('track.entered')}</Table.Th>
          <Table.Th w={118}>{t('track.completed')}</Table.Th>
          <Table.Th w={150}>{t('track.used')}</Table.Th>
          <Table.Th w={72}>{t('track.holder')}</Table.Th>
          <Table.Th>{t('track.result')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {order.stages.map((s) => {
          const attempts = s.attempts.length ? s.attempts : [null];
          return (
            <Fragment key={s.seq}>
              {attempts.map((a, i) => {
                const open = !!a && a.id === order.currentStageId;
                return (
                  <Table.Tr
                    key={a?.id ?? `plan-${s.seq}`}
                    data-stage={s.key}
                    bg={open ? 'var(--mantine-color-green-light)' : undefined}
                    c={a ? undefined : 'dimmed'}
                  >
                    <Table.Td>{i === 0 ? s.seq + 1 : ''}</Table.Td>
                    <Table.Td>
                      <Text span size="sm" fw={open ? 600 : undefined}>
                        {i === 0 ? s.name : ''}
                      </Text>
                      {a && s.attempts.length > 1 && (
                        <Text span size="xs" c="dimmed" ml={4}>
                          {t('track.attempt', { n: a.attempt })}
                        </Text>
                      )}
                      {i === 0 && !s.required && (
                        <Badge ml={4} size="xs" variant="outline" color="gray" radius="sm">
                          {t('new.optional')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={s.department}>
                      {i === 0 ? s.department : ''}
                    </Table.Td>
                    <Table.Td>
                      <StageStatusBadge status={a ? a.status : 'pending'} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{a ? formatDateTime(a.enteredAt) : '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {a?.completedAt ? formatDateTime(a.completedAt) : a?.acceptedAt ? <Tooltip label={t('track.accepted')}><span>{t('track.acceptedAt', { time: formatDateTime(a.acceptedAt).slice(5) })}</span></Tooltip> : '—'}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {!a ? (
                        t('track.planned', { time: formatMinutes(s.limitMinutes) })
                      ) : open ? (
                        <StageDue dueAt={a.dueAt} warnAt={a.warnAt} />
                      ) : (
                        <Text span size="sm" c={USED_COLOR[a.slaState]}>
                          {formatMinutes(a.businessMinutes)} / {formatMinutes(a.limitMinutes)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{a?.holderName ?? '—'}</Table.Td>
                    <Table.Td>
                      {a?.status === 'returned' ? (
                        <Text size="sm" c="orange.8">
                          {a.returnReasonName ?? a.returnReason}
                          {a.returnNote ? `：${a.returnNote}` : ''} · {t('track.returnedTo', { target: target(a) })}
                        </Text>
                      ) : (
                        <Text size="sm" lineClamp={2} title={a?.result}>
                          {a?.result || ''}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
