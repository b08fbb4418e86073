import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { IconCheck, IconGift } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UpcomingRow } from '../../../../shared/contract/care';
import { useHasRole, useSession } from '../../app/auth/useSession';
import { FIT_TABLE_STYLES } from '../../components/ColumnPicker';
import { useAccountManagers } from '../customers/hooks';
import { DaysAwayBadge, holidayName } from './badges';
import { CarePage } from './CareNav';
import { CareRecordModal, type CarePrefill } from './CareRecordModal';
import { useCareSettings, useUpcoming } from './hooks';
import { useCareT, type CareKey } from './i18n';

const OCCASIONS = ['all', 'birthday', 'founding', 'holiday'] as const;
const DAYS = [7, 15, 30, 60, 90];
const PAGE_SIZES = [50, 100];

/**
 * 近期关怀: the key people's birthdays (a lunar birthday on this year's solar date, with its 农历 date),
 * customers' founding anniversaries and the holidays of the next N days, soonest first, each with how
 * far away it is, whether it was already cared for, and 记录关怀 prefilled from the row. A leader can
 * look at one account manager's customers.
 */
export function UpcomingPage() {
  const t = useCareT();
  const { i18n } = useTranslation();
  const { user } = useSession();
  const isLeader = useHasRole(['admin', 'leader', 'service_desk']);
  const canRecord = useHasRole(['admin', 'leader', 'account_manager']);
  const settings = useCareSettings();
  const managers = useAccountManagers();
  const [params, setParams] = useSearchParams();
  const occasion = (params.get('occasion') ?? 'all') as (typeof OCCASIONS)[number];
  const ownerId = params.get('ownerId') ?? undefined;
  const days = Number(params.get('days')) || settings.data?.lookaheadDays;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [recording, setRecording] = useState<CarePrefill | null>(null);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };

  const list = useUpcoming(
    { ...(days && { days }), ...(ownerId && { ownerId }), ...(occasion !== 'all' && { occasion }), page, pageSize },
    !!days,
  );
  const rows = (list.data?.rows ?? []).map((r, i) => ({ ...r, key: `${r.occasion}:${r.contactId ?? r.customerId ?? r.holidayKey}:${r.date}:${i}` }));
  const filtered = occasion !== 'all' || !!ownerId;

  const columns: DataTableColumn<UpcomingRow & { key: string }>[] = [
    {
      accessor: 'date',
      title: t('upcoming.col.when'),
      // English says "Tomorrow" / "In 12 days": a wider column so the badge is never cut.
      width: i18n.language === 'en' ? 216 : 176,
      render: (r) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {r.date}
          </Text>
          <DaysAwayBadge days={r.daysAway} />
        </Group>
      ),
    },
    {
      accessor: 'occasion',
      title: t('upcoming.col.occasion'),
      width: 120,
      render: (r) => (r.occasion === 'holiday' ? holidayName(t, r.holidayKey, r.holidayName) : t(`occasion.${r.occasion}` as CareKey)),
    },
    {
      accessor: 'customerName',
      title: t('upcoming.col.who'),
      render: (r) =>
        r.customerId ? (
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm">
              {r.customerName}
            </Anchor>
            {r.contactName && (
              <Text span size="sm">
                · {r.contactName}
                {r.contactTitle && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    {r.contactTitle}
                  </Text>
                )}
              </Text>
            )}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('upcoming.allHoliday')}
          </Text>
        ),
    },
    {
      accessor: 'years',
      title: t('upcoming.col.detail'),
      width: 220,
      render: (r) => (
        <Group gap={6} wrap="nowrap">
          {r.occasion === 'birthday' && <Text size="sm">{r.years ? t('upcoming.birthdayDetail', { age: r.years }) : t('upcoming.birthdayNoAge')}</Text>}
          {r.occasion === 'founding' && r.years !== null && <Text size="sm">{t('upcoming.foundingDetail', { n: r.years })}</Text>}
          {r.lunar && (
            <Badge size="sm" radius="sm" variant="outline" color="grape" tt="none">
              {r.lunarLabel ?? t('calendar.lunar')}
            </Badge>
          )}
        </Group>
      ),
    },
    { accessor: 'ownerName', title: t('upcoming.col.owner'), width: 100, hidden: !isLeader, render: (r) => r.ownerName ?? '—' },
    {
      accessor: 'actions',
      title: '',
      width: 120,
      textAlign: 'right',
      render: (r) =>
        r.cared ? (
          <Badge color="green" variant="light" radius="sm" leftSection={<IconCheck size={12} />}>
            {t('upcoming.cared')}
          </Badge>
        ) : canRecord ? (
          <Button
            size="compact-xs"
            variant="light"
            color="yellow"
            leftSection={<IconGift size={12} />}
            aria-label={`${t('upcoming.record')} ${r.contactName ?? r.customerName ?? holidayName(t, r.holidayKey, r.holidayName)}`}
            onClick={() =>
              setRecording({
                customerId: r.customerId,
                customerName: r.customerName,
                contactId: r.contactId,
                occasion: r.occasion,
                holidayKey: r.holidayKey,
                occasionDate: r.date,
              })
            }
          >
            {t('upcoming.record')}
          </Button>
        ) : null,
    },
  ];

  return (
    <CarePage>
      <Group gap={6} mb="xs" wrap="wrap" align="flex-end">
        <SegmentedControl
          size="xs"
          aria-label={t('upcoming.filter.occasion')}
          value={occasion}
          onChange={(v) => set('occasion', v === 'all' ? undefined : v)}
          data={OCCASIONS.map((o) => ({ value: o, label: o === 'all' ? t('upcoming.all') : t(`occasion.${o}` as CareKey) }))}
        />
        <Select
          size="xs"
          w={130}
          allowDeselect={false}
          aria-label={t('upcoming.filter.days')}
          data={[...new Set([...DAYS, ...(days ? [days] : [])])].sort((a, b) => a - b).map((n) => ({ value: String(n), label: t('upcoming.daysOption', { n }) }))}
          value={days ? String(days) : null}
          onChange={(v) => set('days', v ?? undefined)}
        />
        {isLeader && (
          <Select
            size="xs"
            w={150}
            clearable
            searchable
            placeholder={t('upcoming.filter.owner')}
            aria-label={t('upcoming.filter.owner')}
            data={(managers.data ?? []).filter((m) => m.id !== user.id).map((m) => ({ value: m.id, label: m.displayName }))}
            value={ownerId ?? null}
            onChange={(v) => set('ownerId', v ?? undefined)}
          />
        )}
      </Group>
      <Stack gap={0}>
        <DataTable
          withTableBorder
          borderRadius="sm"
          striped
          highlightOnHover
          verticalSpacing={4}
          horizontalSpacing="xs"
          fz="sm"
          styles={FIT_TABLE_STYLES}
          height="calc(100vh - 300px)"
          idAccessor="key"
          fetching={list.isFetching && !list.data}
          records={rows}
          totalRecords={list.data?.total ?? 0}
          recordsPerPage={pageSize}
          recordsPerPageOptions={PAGE_SIZES}
          onRecordsPerPageChange={(n) => {
            setPageSize(n);
            setPage(1);
          }}
          recordsPerPageLabel={t('records.perPage')}
          page={page}
          onPageChange={setPage}
          paginationText={({ from, to }) => t('records.pageRange', { from, to, total: list.data?.total ?? 0 })}
          noRecordsText={list.isError ? t('upcoming.loadFailed') : filtered ? t('upcoming.emptyFiltered') : t('upcoming.empty', { days: days ?? '' })}
          columns={columns}
        />
      </Stack>
      <CareRecordModal prefill={recording} onClose={() => setRecording(null)} />
    </CarePage>
  );
}
