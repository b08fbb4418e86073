import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { GRADES, type Grade } from '../../../../../shared/contract/customer-common';
import { PERIOD_TYPES, type EvaluationResult } from '../../../../../shared/contract/customer-evaluation';
import type { OutputOf } from '../../../../../shared/contract';
import { call, errorMessage } from '../../../api/client';
import { useHasRole } from '../../../app/auth/useSession';
import { FIT_TABLE_STYLES } from '../../../components/ColumnPicker';
import { PageHeader } from '../../../components/PageHeader';
import { notifySuccess } from '../../../components/notify';
import { formatDateTime } from '../../../lib/format';
import { appNow } from '../../../lib/clock';
import { SHANGHAI_OFFSET_MS } from '../../../../../shared/time';
import { GradeBadge, GRADE_COLOR } from '../badges';
import { CustomersTabs } from '../CustomersTabs';
import { formatGrowth, formatRatio } from '../format';
import { useInvalidateCustomers } from '../hooks';
import { Money } from '../Money';

type PeriodType = (typeof PERIOD_TYPES)[number];
type Run = OutputOf<'customers.evaluations.runs'>['rows'][number];
const PAGE_SIZE = 50;

/** The last complete period of each kind, as a sensible default (Asia/Shanghai calendar). */
function defaultPeriod(type: PeriodType): string {
  const now = new Date(appNow() + SHANGHAI_OFFSET_MS);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  if (type === 'year') return String(y - 1);
  if (type === 'quarter') {
    const q = Math.floor((m - 1) / 3);
    return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
  }
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Evaluation and grading: leaders run an evaluation for a month, quarter or year; everyone in scope
 * sees past runs and, per run, each customer's metrics, score and grade change.
 */
export function EvaluationPage() {
  const { t } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const canRun = useHasRole(['admin', 'leader']);
  const [periodType, setPeriodType] = useState<PeriodType>('quarter');
  const [period, setPeriod] = useState(defaultPeriod('quarter'));
  const [runError, setRunError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [grade, setGrade] = useState<Grade | null>(null);
  const [page, setPage] = useState(1);

  const runs = useQuery({
    queryKey: ['customers.evaluations.runs'],
    queryFn: () => call('customers.evaluations.runs', { pageSize: 20 }),
  });
  const selectedRun = runId ?? runs.data?.rows[0]?.id ?? null;
  const results = useQuery({
    queryKey: ['customers.evaluations.results', selectedRun, grade, page],
    queryFn: () =>
      call('customers.evaluations.results', {
        runId: selectedRun!,
        grade: grade ?? undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    enabled: !!selectedRun,
    placeholderData: keepPreviousData,
  });
  const run = useMutation({
    mutationFn: () => call('customers.evaluate', { periodType, period: period.trim() }),
    onSuccess: (r) => {
      notifySuccess(t('customers.evaluation.ran', { period: r.period, count: r.customerCount }));
      setRunError(null);
      setRunId(r.id);
      setPage(1);
      void invalidate();
    },
    onError: (e) => setRunError(errorMessage(e)),
  });
  const current: Run | undefined = runs.data?.rows.find((r) => r.id === selectedRun);

  return (
    <Stack gap={0}>
      <PageHeader title={t('nav.customers')} />
      <CustomersTabs />
      <Stack gap="sm">
        {canRun && (
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              {t('customers.evaluation.runTitle')}
            </Title>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                run.mutate();
              }}
            >
              <Group gap="sm" align="flex-start">
                <Select
                  w={140}
                  label={t('customers.evaluation.periodType')}
                  allowDeselect={false}
                  data={PERIOD_TYPES.map((p) => ({
                    value: p,
                    label: t(`customers.evaluation.periodTypes.${p}`),
                  }))}
                  value={periodType}
                  onChange={(v) => {
                    const p = (v ?? 'quarter') as PeriodType;
                    setPeriodType(p);
                    setPeriod(defaultPeriod(p));
                  }}
                />
                <TextInput
                  w={160}
                  label={t('customers.evaluation.period')}
                  description={t(`customers.evaluation.periodHint.${periodType}`)}
                  value={period}
                  error={runError}
                  onChange={(e) => setPeriod(e.currentTarget.value)}
                />
                <Button
                  type="submit"
                  mt={24}
                  leftSection={<IconPlayerPlay size={16} />}
                  loading={run.isPending}
                >
                  {t('customers.evaluation.run')}
                </Button>
              </Group>
            </form>
          </Paper>
        )}
        <Group gap="sm" align="flex-end">
          <Select
            w={320}
            label={t('customers.evaluation.runs')}
            placeholder={t('customers.evaluation.noRuns')}
            data={(runs.data?.rows ?? []).map((r) => ({
              value: r.id,
              label: `${r.period} · ${formatDateTime(r.ranAt)}${r.ranByName ? ` · ${r.ranByName}` : ''}`,
            }))}
            value={selectedRun}
            allowDeselect={false}
            onChange={(v) => {
              setRunId(v);
              setPage(1);
            }}
          />
          <Select
            w={140}
            label={t('customers.fields.grade')}
            placeholder={t('customers.evaluation.allGrades')}
            clearable
            data={GRADES.map((g) => ({ value: g, label: t(`customers.grade.${g}`) }))}
            value={grade}
            onChange={(v) => {
              setGrade(v as Grade | null);
              setPage(1);
            }}
          />
          {current && (
            <Group gap={6} pb={4}>
              <Text size="sm" c="dimmed">
                {t('customers.evaluation.summary', { count: current.customerCount })}
              </Text>
              <Money fen={current.branchBilledFen} />
              {GRADES.map((g) => (
                <Badge key={g} variant="light" color={GRADE_COLOR[g]} radius="sm">
                  {t(`customers.grade.${g}`)} {current.gradeCounts[g] ?? 0}
                </Badge>
              ))}
            </Group>
          )}
        </Group>
        <DataTable<EvaluationResult>
          withTableBorder
          borderRadius="sm"
          striped
          highlightOnHover
          verticalSpacing={4}
          horizontalSpacing="xs"
          fz="sm"
          styles={FIT_TABLE_STYLES}
          height="calc(100vh - 410px)"
          minHeight={200}
          fetching={results.isFetching}
          records={results.data?.rows ?? []}
          totalRecords={results.data?.total ?? 0}
          recordsPerPage={PAGE_SIZE}
          page={page}
          onPageChange={setPage}
          paginationText={({ from, to, totalRecords }) =>
            t('common.pageRange', { from, to, total: totalRecords })
          }
          noRecordsText={
            selectedRun ? t('customers.evaluation.noResults') : t('customers.evaluation.noRunsHint')
          }
          columns={[
            {
              accessor: 'customerName',
              title: t('customers.fields.name'),
              ellipsis: true,
              render: (r) => (
                <Anchor component={Link} to={`/customers/${r.customerId}?tab=evaluations`} size="sm" title={r.customerName}>
                  {r.customerName}
                </Anchor>
              ),
            },
            {
              accessor: 'billCount',
              title: t('customers.evaluation.billCount'),
              width: 70,
              textAlign: 'right',
            },
            {
              accessor: 'billedFen',
              title: t('customers.sections.bills.billed'),
              width: 120,
              textAlign: 'right',
              render: (r) => <Money fen={r.billedFen} />,
            },
            {
              accessor: 'paidFen',
              title: t('customers.sections.bills.paid'),
              width: 120,
              textAlign: 'right',
              render: (r) => <Money fen={r.paidFen} />,
            },
            {
              accessor: 'onTimeRatio',
              title: t('customers.sections.bills.onTimeRatio'),
              width: 100,
              textAlign: 'right',
              render: (r) => formatRatio(r.onTimeRatio),
            },
            {
              accessor: 'revenueShare',
              title: t('customers.evaluation.share'),
              width: 80,
              textAlign: 'right',
              render: (r) => formatRatio(r.revenueShare, 2),
            },
            {
              accessor: 'growth',
              title: t('customers.evaluation.growth'),
              width: 80,
              textAlign: 'right',
              render: (r) => formatGrowth(r.growth),
            },
            {
              accessor: 'score',
              title: t('customers.evaluation.score'),
              width: 70,
              textAlign: 'right',
              render: (r) => r.score.toFixed(1),
            },
            {
              accessor: 'grade',
              title: t('customers.evaluation.gradeChange'),
              width: 210,
              render: (r) => (
                <Group gap={4} wrap="nowrap">
                  {r.previousGrade !== r.grade && (
                    <>
                      <GradeBadge grade={r.previousGrade} />
                      <IconArrowRight size={12} />
                    </>
                  )}
                  <GradeBadge grade={r.grade} />
                </Group>
              ),
            },
          ]}
        />
      </Stack>
    </Stack>
  );
}
