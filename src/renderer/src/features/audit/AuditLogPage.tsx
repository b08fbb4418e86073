import { useState } from 'react';
import { Badge, Group, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput, DatesProvider, type DatesRangeValue } from '@mantine/dates';
import { DataTable } from 'mantine-datatable';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/contract/audit';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, shanghaiDayEnd, shanghaiDayStart } from '../../lib/format';
import { AuditDiff } from './AuditDiff';

type Action = AuditEntry['action'];
const ACTION_COLOR: Record<Action, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  login: 'gray',
  login_failed: 'orange',
  logout: 'gray',
  other: 'violet',
};
// The colour map is complete by type, so its keys are every action.
const ACTIONS = Object.keys(ACTION_COLOR) as Action[];
const PAGE_SIZE = 25;

/** Who changed what and when: every service write, sign-in and sign-out, with before/after. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [actorId, setActorId] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [method, setMethod] = useState<string | null>(null);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<number[]>([]);

  const actors = useQuery({ queryKey: ['users.options', {}], queryFn: () => call('users.options', {}) });
  const names = useQuery({ queryKey: ['audit.entities'], queryFn: () => call('audit.entities', {}) });
  const [from, to] = range;
  // Table names as people say them; a table this build does not know is shown as is.
  const entityNames = t('audit.entityNames', { returnObjects: true }) as Record<string, string>;
  const entityLabel = (entity: string) => entityNames[entity] ?? entity;
  const input = {
    actorId: actorId ?? undefined,
    entity: entity ?? undefined,
    action: action ?? undefined,
    method: method ?? undefined,
    from: from ? shanghaiDayStart(from) : undefined,
    to: to ? shanghaiDayEnd(to) : from ? shanghaiDayEnd(from) : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
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

  return (
    <Stack gap={0}>
      <PageHeader title={t('nav.audit')} description={t('audit.description')} />
      <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'zh-cn', firstDayOfWeek: 1 }}>
        <Group gap="sm" mb="sm" wrap="wrap">
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
            w={140}
            aria-label={t('audit.entity')}
            placeholder={t('audit.allEntities')}
            clearable
            data={(names.data?.entities ?? []).map((e) => ({ value: e, label: entityLabel(e) }))}
            value={entity}
            onChange={filter(setEntity)}
          />
          <Select
            w={140}
            aria-label={t('audit.action')}
            placeholder={t('audit.allActions')}
            clearable
            data={ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
            value={action}
            onChange={filter((v: string | null) => setAction(v as Action | null))}
          />
          <Select
            w={190}
            aria-label={t('audit.method')}
            placeholder={t('audit.allMethods')}
            clearable
            searchable
            data={names.data?.methods ?? []}
            value={method}
            onChange={filter(setMethod)}
          />
          <DatePickerInput
            type="range"
            w={240}
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
        totalRecords={list.data?.total ?? 0}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        paginationText={({ from: a, to: b, totalRecords }) =>
          t('common.pageRange', { from: a, to: b, total: totalRecords })
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
            width: 110,
            render: (r) => r.actorName ?? t('audit.system'),
          },
          {
            accessor: 'action',
            title: t('audit.action'),
            width: 100,
            render: (r) => (
              <Badge variant="light" color={ACTION_COLOR[r.action]} radius="sm">
                {t(`audit.actions.${r.action}`)}
              </Badge>
            ),
          },
          { accessor: 'method', title: t('audit.method'), width: 170 },
          {
            accessor: 'entity',
            title: t('audit.entity'),
            width: 160,
            ellipsis: true,
            render: (r) => entityLabel(r.entity),
          },
          {
            accessor: 'summary',
            title: t('audit.summary'),
            render: (r) => (
              <Text size="sm" truncate="end" c="dimmed" maw={280}>
                {summarize(r)}
              </Text>
            ),
          },
        ]}
      />
    </Stack>
  );
}

/** The record's name when it has one, else which fields changed. */
function summarize(entry: AuditEntry): string {
  const after = entry.after ?? {};
  const before = entry.before ?? {};
  const name = after.displayName ?? before.displayName ?? after.username ?? before.username;
  const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  const parts = [
    typeof name === 'string' ? name : null,
    entry.action === 'update' ? changed.join(', ') : null,
  ];
  return parts.filter(Boolean).join(' · ') || '—';
}
