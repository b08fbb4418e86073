import { Link, useNavigate } from 'react-router-dom';
import { Anchor } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { ContractRow } from '../../../../shared/contract/contracts';
import { FIT_TABLE_STYLES, useListColumns } from '../../components/ColumnPicker';
import { Money } from '../customers/Money';
import { ContractStatusBadge, DaysLeft } from './badges';
import { useContractsT } from './i18n';

/**
 * The dense contract table of the list and the expiring list: number, title, customer, owner, amount
 * (right-aligned), term, status and days left; a row opens the contract. `picker` goes in the page header.
 */
export function useContractTable({
  listKey,
  rows,
  total,
  page,
  pageSize,
  onPageChange,
  fetching,
  empty,
  reminderDays,
}: {
  listKey: string;
  rows: ContractRow[];
  total: number;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  fetching: boolean;
  empty: string;
  reminderDays: number;
}) {
  const t = useContractsT();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const open = (id: string) => navigate(`/green/contracts/${id}`);
  const { columns, tableKey, picker } = useListColumns<ContractRow>(listKey, [
    {
      accessor: 'number',
      title: t('col.number'),
      width: 190,
      always: true,
      noWrap: true,
      render: (r) => (
        <Anchor component={Link} to={`/green/contracts/${r.id}`} size="sm" ff="monospace" onClick={(e) => e.stopPropagation()}>
          {r.number}
        </Anchor>
      ),
    },
    { accessor: 'title', title: t('col.title'), always: true, tooltip: (r) => r.title },
    { accessor: 'customerName', title: t('col.customer'), tooltip: (r) => r.customerName },
    { accessor: 'ownerName', title: t('col.owner'), width: 80, render: (r) => r.ownerName ?? '—' },
    { accessor: 'amountFen', title: t('col.amount'), width: 130, textAlign: 'right', render: (r) => <Money fen={r.amountFen} /> },
    {
      accessor: 'startDate',
      title: t('col.term'),
      width: 186,
      showFrom: 1500,
      noWrap: true,
      render: (r) => (r.startDate || r.endDate ? `${r.startDate ?? '…'} ~ ${r.endDate ?? '…'}` : '—'),
    },
    { accessor: 'endDate', title: t('col.endDate'), width: 96, noWrap: true, render: (r) => r.endDate ?? '—' },
    { accessor: 'displayStatus', title: t('col.status'), width: i18n.language === 'en' ? 116 : 88, render: (r) => <ContractStatusBadge status={r.displayStatus} /> },
    {
      accessor: 'daysLeft',
      title: t('col.daysLeft'),
      width: 92,
      textAlign: 'right',
      render: (r) => <DaysLeft days={r.daysLeft} window={reminderDays} signed={r.status === 'signed'} />,
    },
  ]);
  const table = (
    <DataTable<ContractRow>
      key={tableKey}
      withTableBorder
      striped
      highlightOnHover
      styles={FIT_TABLE_STYLES}
      minHeight={200}
      fetching={fetching}
      records={rows}
      idAccessor="id"
      noRecordsText={empty}
      onRowClick={({ record }) => open(record.id)}
      totalRecords={total}
      recordsPerPage={pageSize}
      page={page}
      onPageChange={onPageChange}
      paginationText={() => t('list.total', { count: total })}
      columns={columns}
    />
  );
  return { table, picker };
}
