import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconArrowLeft, IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call, errorMessage } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { printReport, saveReportPdf } from '../reports/output';
import { ReportPreview } from '../reports/ReportPreview';
import { useFormsT } from './i18n';

/** The form on A4 (the report framework's preview and print), as the paper 联系单 it replaces. */
export function FormPrintPage() {
  const { id = '' } = useParams();
  const t = useFormsT();
  const { t: tr, i18n } = useTranslation();
  const [pages, setPages] = useState<number | null>(null);
  const doc = useQuery({ queryKey: ['forms.print', id, i18n.language], queryFn: () => call('forms.print', { id }), staleTime: 0 });
  if (doc.isPending) return <Loader />;
  if (doc.isError) return <Alert color="red">{errorMessage(doc.error)}</Alert>;
  const d = doc.data;
  const onPrint = async () => {
    try {
      if (!(await printReport(d.orientation))) notifyError(new Error(tr('reports.printFailed')));
    } catch (e) {
      notifyError(e);
    }
  };
  const onPdf = async () => {
    try {
      const result = await saveReportPdf(d.orientation, d.fileBase);
      if (result.path) notifySuccess(tr('reports.pdfSaved', { path: result.path }));
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="xs">
          <Button component={Link} to=".." relative="path" size="xs" variant="subtle" leftSection={<IconArrowLeft size={14} />}>
            {t('print.back')}
          </Button>
          <Text fw={600}>{t('print.title', { number: d.params[0]?.value ?? '' })}</Text>
          {pages !== null && <Text size="sm" c="dimmed">{t('print.pages', { count: pages })}</Text>}
        </Group>
        <Group gap="xs">
          <Button size="xs" leftSection={<IconPrinter size={14} />} onClick={() => void onPrint()}>
            {t('print.print')}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconFileTypePdf size={14} />} onClick={() => void onPdf()}>
            {t('print.pdf')}
          </Button>
        </Group>
      </Group>
      <ReportPreview key={`${doc.dataUpdatedAt}-${i18n.language}`} doc={d} onPages={setPages} />
    </Stack>
  );
}
