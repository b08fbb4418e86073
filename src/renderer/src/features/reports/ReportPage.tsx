import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Badge, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconFileSpreadsheet, IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, errorMessage } from '../../api/client';
import { useSession } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { downloadBase64, printReport, saveReportPdf, XLSX_MIME } from './output';
import { ParamForm } from './ParamForm';
import { searchFromValues, valuesFromSearch, type ParamValues } from './params';
import { ReportPreview } from './ReportPreview';
import { TargetsButton } from './TargetsModal';

/**
 * One report: its conditions (kept in the URL, so a report can be linked and re-opened), the A4
 * preview, and print / save as PDF / export to Excel of exactly what is previewed.
 */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const { reportId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const [pageCount, setPageCount] = useState<number | null>(null);
  const list = useQuery({ queryKey: ['reports.list', i18n.language], queryFn: () => call('reports.list', {}) });
  const info = list.data?.reports.find((r) => r.id === reportId);
  const values = info ? valuesFromSearch(info, search) : {};
  const input = { reportId, params: values };
  const run = useQuery({
    queryKey: ['reports.run', input, i18n.language],
    queryFn: () => call('reports.run', input),
    enabled: !!info,
    staleTime: 0,
  });
  const exportXlsx = useMutation({
    mutationFn: () => call('reports.export', input),
    onSuccess: (file) => {
      downloadBase64(file.fileName, file.base64, XLSX_MIME);
      notifySuccess(t('reports.exported', { name: file.fileName }));
    },
    onError: (e) => notifyError(e),
  });

  if (list.isPending) {
    return (
      <Center h={200}>
        <Loader />
      </Center>
    );
  }
  if (list.isError) return <Alert color="red">{errorMessage(list.error)}</Alert>;
  if (!info) {
    return (
      <Stack>
        <Alert color="yellow">{t('reports.notFound')}</Alert>
        <Button component={Link} to="/reports" variant="default" w="fit-content" leftSection={<IconArrowLeft size={16} />}>
          {t('reports.back')}
        </Button>
      </Stack>
    );
  }

  const onRun = (next: ParamValues) => {
    const nextSearch = searchFromValues(next);
    if (new URLSearchParams(nextSearch).toString() === search.toString()) void run.refetch();
    else setSearch(nextSearch);
  };
  const doc = run.data;
  // The form echoes what the report ran with (the caller's scope applied), not just what was asked.
  const shown = doc ? { ...values, ...doc.applied } : values;
  const onPrint = async () => {
    if (!doc) return;
    try {
      if (!(await printReport(doc.orientation))) notifyError(new Error(t('reports.printFailed')));
    } catch (e) {
      notifyError(e);
    }
  };
  const onPdf = async () => {
    if (!doc) return;
    try {
      const result = await saveReportPdf(doc.orientation, doc.fileBase);
      if (result.path) notifySuccess(t('reports.pdfSaved', { path: result.path }));
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Stack gap="sm">
      <PageHeader
        title={info.title}
        description={info.description}
        actions={
          <>
            {info.id === 'new-customers-plan' && (user.role === 'leader' || user.role === 'admin') && <TargetsButton options={list.data.options} />}
            <Button component={Link} to="/reports" variant="default" leftSection={<IconArrowLeft size={16} />}>
              {t('reports.back')}
            </Button>
          </>
        }
      />
      <ParamForm
        key={new URLSearchParams(searchFromValues(shown)).toString()}
        info={info}
        options={list.data.options}
        values={shown}
        busy={run.isFetching}
        onRun={onRun}
      />
      <Group gap="xs" className="kam-no-print">
        <Button leftSection={<IconPrinter size={16} />} onClick={() => void onPrint()} disabled={!doc || pageCount === null}>
          {t('reports.print')}
        </Button>
        <Button variant="light" leftSection={<IconFileTypePdf size={16} />} onClick={() => void onPdf()} disabled={!doc || pageCount === null}>
          {t('reports.savePdf')}
        </Button>
        <Button
          variant="light"
          color="green"
          leftSection={<IconFileSpreadsheet size={16} />}
          onClick={() => exportXlsx.mutate()}
          loading={exportXlsx.isPending}
          disabled={!doc}
        >
          {t('reports.exportXlsx')}
        </Button>
        <Badge variant="light" color="gray" radius="sm">
          {t(`reports.orientation.${info.orientation}`)}
        </Badge>
        {pageCount !== null && doc && (
          <Text size="sm" c="dimmed" data-testid="report-page-count">
            {t('reports.pages', { count: pageCount })}
          </Text>
        )}
      </Group>
      {run.isError && <Alert color="red">{errorMessage(run.error)}</Alert>}
      {run.isPending && !run.isError && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('reports.preparing')}</Text>
        </Group>
      )}
      {doc && <ReportPreview key={`${run.dataUpdatedAt}-${i18n.language}`} doc={doc} onPages={setPageCount} />}
    </Stack>
  );
}
