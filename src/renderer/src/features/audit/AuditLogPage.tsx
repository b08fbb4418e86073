import { useState } from 'react';
import { Badge, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput, DatesProvider, type DatesRangeValue } from '@mantine/dates';
import { DataTable } from 'mantine-datatable';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AUDIT_ORIGINS, type AuditEntry } from '../../../../shared/contract/audit';
import {
  AUDIT_ACTIONS,
  AUDIT_ACTION_TEXT,
  AUDIT_ENTITY_TEXT,
  auditActionText,
  auditEntityText,
  auditSummaryText,
  type AuditAction,
} from '../../../../shared/audit-text';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { currentLocale } from '../../i18n';
import { formatDateTime, shanghaiDayEnd, shanghaiDayStart } from '../../lib/format';
import { AuditDiff } from './AuditDiff';
import { ExportButton } from '../../components/ExportButton';

type Origin = (typeof AUDIT_ORIGINS)[number];
const ACTION_COLOR: Record<AuditAction, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  login: 'gray',
  login_failed: 'orange',
  logout: 'gray',
  other: 'violet',
};
const PAGE_SIZE = 25;

/**
 * Who changed what and when, in the users' words: people's changes by default, automatic jobs
 * (escalations, cache refreshes, the rows of an import) on a switch; every row opens its before/after.
 */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const [origin, setOrigin] = useState<Origin>('people');
  const [actorId, setActorId] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(null);
  const [action, setAction] = useState<AuditAction | null>(null);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<number[]>([]);

  const actors = useQuery({ queryKey: ['users.options', {}], queryFn: () => call('users.options', {}) });
  const names = useQuery({ queryKey: ['audit.entities'], queryFn: () => call('audit.entities', {}) });
  const [from, to] = range;
  const filters = {
    origin,
    actorId: actorId ?? undefined,
    entity: entity ?? undefined,
    action: action ?? undefined,
    from: from ? shanghaiDayStart(from) : undefined,
    to: to ? shanghaiDayEnd(to) : from ? shanghaiDayEnd(from) : undefined,
  };
  const input = { ...filters, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['audit.list', input],
    queryFn: () => call('audit.list', input),
    placeholderData: keepPreviousData,
  });

  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  // Above the count cap there is always one more page to go to, as in the customer list.
  const capped = list.data?.totalCapped ?? false;
  const totalRecords = capped ? Math.max(list.data!.total, (page + 1) * PAGE_SIZE) : (list.data?.total ?? 0);

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('nav.audit')}
        description={t('audit.description')}
        actions={
          <ExportButton load={() => call('audit.export', filters)} done={(count) => t('audit.exported', { count })}>
            {t('audit.export')}
          </ExportButton>
        }
      />
      <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'zh-cn', firstDayOfWeek: 1 }}>
        <Group gap="sm" mb="sm" wrap="wrap">
          <SegmentedControl
            size="xs"
            aria-label={t('audit.origin')}
            data={AUDIT_ORIGINS.map((o) => ({ value: o, label: t(`audit.origins.${o}`) }))}
            value={origin}
            onChange={filter((v: string) => setOrigin(v as Origin))}
          />
          <Select
            w={150}
            aria-label={t('audit.actor')}
            placeholder={t('audit.allActors')}
            clearable
            searchable
            data={(actors.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            value={actorId}
            onChange={filter(setActorId)}
          />
          <Select
            w={150}
            aria-label={t('audit.entity')}
            placeholder={t('audit.allEntities')}
            clearable
            searchable
            data={(names.data?.entities ?? []).map((e) => ({ value: e, label: AUDIT_ENTITY_TEXT[e]?.[locale] ?? e }))}
            value={entity}
            onChange={filter(setEntity)}
          />
          <Select
            w={130}
            aria-label={t('audit.action')}
            placeholder={t('audit.allActions')}
            clearable
            data={AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_TEXT[a][locale] }))}
            value={action}
            onChange={filter((v: string | null) => setAction(v as AuditAction | null))}
          />
          <DatePickerInput
            type="range"
            w={230}
            aria-label={t('audit.dateRange')}
            placeholder={t('audit.dateRange')}
            valueFormat="YYYY-MM-DD"
            clearable
            allowSingleDateInRange
            value={range}
            onChange={filter(setRange)}
          />
        </Group>
      </DatesProvider>
      <DataTable<AuditEntry>
        withTableBorder
        borderRadius="sm"
        highlightOnHover
        verticalSpacing={6}
        fz="sm"
        // The list scrolls inside the page so the pager stays in view on a 1366×768 screen.
        height="calc(100vh - 205px)"
        fetching={list.isFetching}
        records={list.data?.rows ?? []}
        totalRecords={totalRecords}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        paginationText={({ from: a, to: b, totalRecords: total }) =>
          capped ? t('audit.totalCapped', { count: list.data!.total }) : t('common.pageRange', { from: a, to: b, total })
        }
        noRecordsText={t('audit.empty')}
        rowExpansion={{
          allowMultiple: true,
          expanded: { recordIds: expanded, onRecordIdsChange: setExpanded },
          content: ({ record }) => <AuditDiff entry={record} />,
        }}
        columns={[
          { accessor: 'at', title: t('audit.at'), width: 140, render: (r) => formatDateTime(r.at) },
          {
            accessor: 'actorName',
            title: t('audit.actor'),
            width: 120,
            render: (r) => (
              <Group gap={4} wrap="nowrap">
                <Text size="sm" truncate="end">
                  {r.actorName ?? t('audit.system')}
                </Text>
                {r.automatic && origin !== 'jobs' && (
                  <Badge size="xs" variant="outline" color="gray" radius="sm" style={{ flexShrink: 0 }}>
                    {t('audit.automatic')}
                  </Badge>
                )}
              </Group>
            ),
          },
          {
            accessor: 'action',
            title: t('audit.action'),
            // Wide enough for the longest badge ("Sign-in failed"): a badge is never cut.
            width: 124,
            render: (r) => (
              <Badge variant="light" color={ACTION_COLOR[r.action]} radius="sm" style={{ overflow: 'visible' }}>
                {auditActionText(r, locale)}
              </Badge>
            ),
          },
          {
            accessor: 'entity',
            title: t('audit.entity'),
            width: 120,
            ellipsis: true,
            render: (r) => auditEntityText(r, locale),
          },
          {
            accessor: 'summary',
            title: t('audit.summary'),
            render: (r) => {
              const text = auditSummaryText(r, locale);
              return (
                // Capped by the room the other columns and the side bar leave, so a long change list never scrolls the table sideways.
                <Text size="sm" truncate="end" c="dimmed" title={text} maw="calc(100vw - 830px)">
                  {text || '—'}
                </Text>
              );
            },
          },
        ]}
      />
    </Stack>
  );
}
