import { useState } from 'react';
import { Badge, Button, Group, Paper, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FIT_TABLE_STYLES } from '../../../components/ColumnPicker';
import type { OutputOf } from '../../../../../shared/contract';
import { call } from '../../../api/client';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { notifyError, notifySuccess } from '../../../components/notify';
import { formatDateTime } from '../../../lib/format';
import { useInvalidateCustomers } from '../hooks';
import { ExportButton } from '../../../components/ExportButton';

type Batch = OutputOf<'customers.import.batches'>['rows'][number];
const PAGE_SIZE = 10;

/**
 * Past imports, newest first; an import that is not undone yet can be undone (rows it created go, rows
 * it changed come back). The whole history the user may see exports to .xlsx.
 */
export function BatchList() {
  const { t } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const [page, setPage] = useState(1);
  const [undoing, setUndoing] = useState<Batch | null>(null);
  const batches = useQuery({
    queryKey: ['customers.import.batches', page],
    queryFn: () => call('customers.import.batches', { page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const undo = useMutation({
    mutationFn: (b: Batch) => call('customers.import.undo', { id: b.id }),
    onSuccess: (b) => {
      notifySuccess(t('customers.import.undone', { file: b.fileName }));
      setUndoing(null);
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const hasContacts = (batches.data?.rows ?? []).some((b) => b.contacts.created + b.contacts.updated > 0);
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t('customers.import.batches')}
        </Title>
        <ExportButton
          size="compact-sm"
          variant="light"
          load={() => call('customers.import.batchesExport', {})}
          disabled={!batches.data?.total}
        >
          {t('customers.import.exportBatches')}
        </ExportButton>
      </Group>
      <DataTable<Batch>
        withTableBorder
        borderRadius="sm"
        striped
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="sm"
        styles={FIT_TABLE_STYLES}
        minHeight={batches.data?.rows.length ? undefined : 120}
        fetching={batches.isFetching}
        records={batches.data?.rows ?? []}
        totalRecords={batches.data?.total ?? 0}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        paginationText={({ from, to, totalRecords }) =>
          t('common.pageRange', { from, to, total: totalRecords })
        }
        noRecordsText={t('customers.import.noBatches')}
        columns={[
          {
            accessor: 'at',
            title: t('customers.profile.at'),
            width: 140,
            render: (b) => formatDateTime(b.at),
          },
          {
            accessor: 'kind',
            title: t('customers.import.kind'),
            width: 90,
            render: (b) => t(`customers.import.kinds.${b.kind}`),
          },
          {
            accessor: 'fileName',
            title: t('customers.import.file'),
            ellipsis: true,
            customCellAttributes: (b) => ({ title: b.fileName }),
          },
          { accessor: 'byName', title: t('customers.profile.by'), width: 90, render: (b) => b.byName ?? '—' },
          { accessor: 'created', title: t('customers.import.created'), width: 80, textAlign: 'right', render: (b) => b.created.toLocaleString('zh-CN') },
          { accessor: 'updated', title: t('customers.import.updated'), width: 80, textAlign: 'right', render: (b) => b.updated.toLocaleString('zh-CN') },
          {
            accessor: 'contacts',
            title: t('customers.import.contacts'),
            width: 150,
            hidden: !hasContacts,
            render: (b) => (b.contacts.created + b.contacts.updated > 0 ? t('customers.import.contactsCell', b.contacts) : ''),
          },
          {
            accessor: 'undone',
            title: '',
            width: 190,
            textAlign: 'right',
            render: (b) =>
              b.undone ? (
                <Badge variant="light" color="gray" radius="sm">
                  {t('customers.import.undoneAt', { at: formatDateTime(b.undoneAt) })}
                </Badge>
              ) : (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconArrowBackUp size={14} />}
                  onClick={() => setUndoing(b)}
                >
                  {t('customers.import.undo')}
                </Button>
              ),
          },
        ]}
      />
      <ConfirmModal
        opened={!!undoing}
        title={t('customers.import.undo')}
        message={
          undoing
            ? [
                t('customers.import.confirmUndo', {
                  file: undoing.fileName,
                  created: undoing.created,
                  updated: undoing.updated,
                }),
                undoing.contacts.created + undoing.contacts.updated > 0 ? t('customers.import.confirmUndoContacts', undoing.contacts) : '',
              ].join('')
            : ''
        }
        danger
        loading={undo.isPending}
        onConfirm={() => undoing && undo.mutate(undoing)}
        onClose={() => setUndoing(null)}
      />
    </Paper>
  );
}
