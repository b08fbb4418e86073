import { Group, Stack, Text, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from '../../../../../shared/contract/customers';
import type { EvaluationResult } from '../../../../../shared/contract/customer-evaluation';
import { formatDateTime } from '../../../lib/format';
import { GradeBadge, PoolBadge, StageBadge } from '../badges';
import { formatGrowth, formatRatio } from '../format';
import { Money } from '../Money';

type OwnershipEntry = Customer360['ownership'][number];
type StageEntry = Customer360['stageHistory'][number];

const tableProps = {
  withTableBorder: true,
  borderRadius: 'sm',
  striped: true,
  verticalSpacing: 4,
  horizontalSpacing: 'xs',
  fz: 'sm',
} as const;

/** The ownership log (who moved the customer, when, why) and the stage history. */
export function OwnershipHistory({ data }: { data: Customer360 }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h5" mb="xs">
          {t('customers.profile.ownershipLog')}
        </Title>
        <DataTable<OwnershipEntry>
          {...tableProps}
          minHeight={data.ownership.length ? undefined : 100}
          records={data.ownership}
          noRecordsText={t('customers.profile.ownershipEmpty')}
          columns={[
            {
              accessor: 'at',
              title: t('customers.profile.at'),
              width: 140,
              render: (e) => formatDateTime(e.at),
            },
            {
              accessor: 'kind',
              title: t('customers.profile.action'),
              width: 90,
              render: (e) => t(`customers.ownershipKind.${e.kind}`),
            },
            {
              accessor: 'change',
              title: t('customers.profile.ownerChange'),
              render: (e) => (
                <Group gap={6} wrap="nowrap">
                  {e.fromOwnerName ?? <PoolBadge />}
                  <IconArrowRight size={14} />
                  {e.toOwnerName ?? <PoolBadge />}
                </Group>
              ),
            },
            {
              accessor: 'byName',
              title: t('customers.profile.by'),
              width: 100,
              render: (e) => e.byName ?? '—',
            },
            { accessor: 'reason', title: t('customers.ownership.reason'), render: (e) => e.reason || '—' },
          ]}
        />
      </div>
      <div>
        <Title order={3} size="h5" mb="xs">
          {t('customers.profile.stageHistory')}
        </Title>
        <DataTable<StageEntry>
          {...tableProps}
          minHeight={data.stageHistory.length ? undefined : 100}
          records={data.stageHistory}
          noRecordsText={t('customers.profile.stageEmpty')}
          columns={[
            {
              accessor: 'at',
              title: t('customers.profile.at'),
              width: 140,
              render: (e) => formatDateTime(e.at),
            },
            {
              accessor: 'change',
              title: t('customers.fields.stage'),
              render: (e) => (
                <Group gap={6} wrap="nowrap">
                  {e.fromStage ? <StageBadge stage={e.fromStage} /> : <Text size="sm">—</Text>}
                  <IconArrowRight size={14} />
                  <StageBadge stage={e.toStage} />
                </Group>
              ),
            },
            {
              accessor: 'byName',
              title: t('customers.profile.by'),
              width: 100,
              render: (e) => e.byName ?? '—',
            },
            { accessor: 'note', title: t('customers.stageChange.note'), render: (e) => e.note || '—' },
          ]}
        />
      </div>
    </Stack>
  );
}

/** Evaluation results of this customer, newest period first, with the grade change. */
export function EvaluationHistory({ rows }: { rows: EvaluationResult[] }) {
  const { t } = useTranslation();
  return (
    <DataTable<EvaluationResult>
      {...tableProps}
      minHeight={rows.length ? undefined : 120}
      records={rows}
      noRecordsText={t('customers.profile.evaluationsEmpty')}
      columns={[
        { accessor: 'period', title: t('customers.evaluation.period') },
        { accessor: 'billCount', title: t('customers.evaluation.billCount'), textAlign: 'right' },
        {
          accessor: 'billedFen',
          title: t('customers.sections.bills.billed'),
          textAlign: 'right',
          render: (r) => <Money fen={r.billedFen} />,
        },
        {
          accessor: 'paidFen',
          title: t('customers.sections.bills.paid'),
          textAlign: 'right',
          render: (r) => <Money fen={r.paidFen} />,
        },
        {
          accessor: 'onTimeRatio',
          title: t('customers.sections.bills.onTimeRatio'),
          textAlign: 'right',
          render: (r) => formatRatio(r.onTimeRatio),
        },
        {
          accessor: 'revenueShare',
          title: t('customers.evaluation.share'),
          textAlign: 'right',
          render: (r) => formatRatio(r.revenueShare, 3),
        },
        {
          accessor: 'growth',
          title: t('customers.evaluation.growth'),
          textAlign: 'right',
          render: (r) => formatGrowth(r.growth),
        },
        {
          accessor: 'score',
          title: t('customers.evaluation.score'),
          textAlign: 'right',
          render: (r) => r.score.toFixed(1),
        },
        {
          accessor: 'grade',
          title: t('customers.fields.grade'),
          render: (r) => (
            <Group gap={6} wrap="nowrap">
              {r.previousGrade && r.previousGrade !== r.grade && (
                <>
                  <GradeBadge grade={r.previousGrade} />
                  <IconArrowRight size={14} />
                </>
              )}
              <GradeBadge grade={r.grade} />
            </Group>
          ),
        },
      ]}
    />
  );
}
