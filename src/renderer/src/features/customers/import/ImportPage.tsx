import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconCheck, IconDownload, IconFileSpreadsheet, IconInfoCircle, IconRefresh, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { IMPORT_KINDS } from '../../../../../shared/contract/customer-import';
import type { OutputOf } from '../../../../../shared/contract';
import { call, errorMessage } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { notifyError, notifySuccess } from '../../../components/notify';
import { CustomersTabs } from '../CustomersTabs';
import { downloadBase64, readFileBase64, XLSX_MIME } from '../download';
import { useInvalidateCustomers } from '../hooks';
import { BatchList } from './BatchList';
import { IssuesTable, MappingTable, SampleTable } from './PreviewTables';

type Kind = (typeof IMPORT_KINDS)[number];
type Preview = OutputOf<'customers.import.preview'>;
type Batch = OutputOf<'customers.import.commit'>;

/**
 * The import wizard: pick the kind and a file (.xlsx, or .csv in UTF-8 or GBK — the server detects
 * it), check the auto-matched columns, read the dry run's row-level errors, fix the file and try
 * again, then commit all-or-nothing. Every import is a batch that can be undone below.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [base64, setBase64] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string> | undefined>(undefined);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<Batch | null>(null);
  const [error, setError] = useState<string | null>(null);

  const input = (b64: string, f: File, m: Record<string, string> | undefined) => ({
    kind,
    fileName: f.name,
    base64: b64,
    mapping: m,
  });

  const runPreview = useMutation({
    mutationFn: (args: { b64: string; f: File; m: Record<string, string> | undefined }) =>
      call('customers.import.preview', input(args.b64, args.f, args.m)),
    onSuccess: (p) => {
      setPreview(p);
      setMapping(p.mapping);
      setError(null);
    },
    onError: (e) => {
      setPreview(null);
      setError(errorMessage(e));
    },
  });
  const commit = useMutation({
    mutationFn: () => call('customers.import.commit', input(base64!, file!, mapping)),
    onSuccess: (batch) => {
      setDone(batch);
      setPreview(null);
      setFile(null);
      setBase64(null);
      notifySuccess(committedText(t, batch));
      void invalidate();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const template = useMutation({
    mutationFn: () => call('customers.import.template', { kind }),
    onSuccess: (f) => downloadBase64(f.fileName, f.base64, XLSX_MIME),
    onError: (e) => notifyError(e),
  });

  const pick = async (f: File | null) => {
    setFile(f);
    setDone(null);
    setPreview(null);
    setMapping(undefined);
    setError(null);
    if (!f) return;
    try {
      const b64 = await readFileBase64(f);
      setBase64(b64);
      runPreview.mutate({ b64, f, m: undefined });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  // A big import runs for seconds in one transaction: the time so far shows it is working.
  const elapsed = useElapsedSeconds(commit.isPending);
  const changes = preview ? preview.toCreate + preview.toUpdate + preview.contacts.toCreate + preview.contacts.toUpdate : 0;
  // A file with nothing to change imports too: the answer is a calm "nothing to change", not an error.
  const ready = !!preview && preview.issueCount === 0;
  const mappingChanged = !!preview && JSON.stringify(mapping) !== JSON.stringify(preview.mapping);

  return (
    <Stack gap={0}>
      <PageHeader title={t('nav.customers')} />
      <CustomersTabs />
      <Stack gap="sm">
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            {t('customers.import.step1')}
          </Title>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('customers.import.kind')}
              </Text>
              <SegmentedControl
                size="sm"
                value={kind}
                onChange={(v) => {
                  setKind(v as Kind);
                  void pick(null);
                }}
                data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`customers.import.kinds.${k}`) }))}
              />
            </div>
            <FileInput
              w={340}
              label={
                preview && preview.issueCount > 0
                  ? t('customers.import.pickFixed')
                  : t('customers.import.file')
              }
              placeholder={t('customers.import.filePlaceholder')}
              accept=".xlsx,.csv"
              clearable
              leftSection={<IconFileSpreadsheet size={16} />}
              value={file}
              onChange={(f) => void pick(f)}
            />
            <Button
              variant="subtle"
              size="sm"
              leftSection={<IconDownload size={16} />}
              loading={template.isPending}
              onClick={() => template.mutate()}
            >
              {t('customers.import.template')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed" mt={6}>
            {t('customers.import.hint')}
          </Text>
        </Paper>

        {error && (
          <Alert color="red" role="alert" title={t('customers.import.failed')}>
            {error}
          </Alert>
        )}
        {runPreview.isPending && (
          <Progress value={100} animated striped aria-label={t('customers.import.checking')} />
        )}

        {done &&
          (done.nothingToChange ? (
            <Alert color="blue" icon={<IconInfoCircle size={18} />} title={t('customers.import.nothingChangedTitle')}>
              {committedText(t, done)}
            </Alert>
          ) : (
            <Alert color="green" icon={<IconCheck size={18} />} title={t('customers.import.doneTitle')}>
              {committedText(t, done)}
            </Alert>
          ))}

        {preview && file && base64 && (
          <Paper withBorder p="sm">
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Title order={3} size="h5">
                {t('customers.import.step2')}
              </Title>
              <Group gap="xs">
                <Badge variant="light" color="gray" radius="sm">
                  {t('customers.import.encoding', { encoding: preview.encoding })}
                </Badge>
                <Badge variant="light" radius="sm">
                  {t('customers.import.rows', { count: preview.totalRows })}
                </Badge>
                <Badge variant="light" color="green" radius="sm">
                  {t('customers.import.toCreate', { count: preview.toCreate })}
                </Badge>
                <Badge variant="light" color="blue" radius="sm">
                  {t('customers.import.toUpdate', { count: preview.toUpdate })}
                </Badge>
                {preview.contacts.toCreate > 0 && (
                  <Badge variant="light" color="green" radius="sm">
                    {t('customers.import.contactsToCreate', { count: preview.contacts.toCreate })}
                  </Badge>
                )}
                {preview.contacts.toUpdate > 0 && (
                  <Badge variant="light" color="blue" radius="sm">
                    {t('customers.import.contactsToUpdate', { count: preview.contacts.toUpdate })}
                  </Badge>
                )}
                {preview.unchanged > 0 && (
                  <Badge variant="light" color="gray" radius="sm">
                    {t('customers.import.unchanged', { count: preview.unchanged })}
                  </Badge>
                )}
                <Badge variant="light" color={preview.issueCount ? 'red' : 'green'} radius="sm">
                  {t('customers.import.issueCount', { count: preview.issueCount })}
                </Badge>
              </Group>
            </Group>
            <MappingTable preview={preview} mapping={mapping ?? preview.mapping} onChange={setMapping} />
            {preview.ignored.length > 0 && (
              <Alert color="yellow" mt="xs" py={6} icon={<IconInfoCircle size={18} />}>
                {t('customers.import.ignoredColumns', {
                  columns: preview.ignored
                    .map((c) => c.header || t('customers.import.unnamedColumn', { column: c.column }))
                    .join(i18n.language === 'en' ? ', ' : '、'),
                })}
                <Text span size="sm" c="dimmed" ml={6}>
                  {t('customers.import.ignoredHint')}
                </Text>
              </Alert>
            )}
            {mappingChanged && (
              <Button
                mt="xs"
                size="xs"
                variant="light"
                leftSection={<IconRefresh size={14} />}
                loading={runPreview.isPending}
                onClick={() => runPreview.mutate({ b64: base64, f: file, m: mapping })}
              >
                {t('customers.import.rerun')}
              </Button>
            )}
            {preview.issueCount > 0 ? (
              <Stack gap="xs" mt="sm">
                <Alert color="red" title={t('customers.import.issuesTitle', { count: preview.issueCount })}>
                  {t('customers.import.issuesBody')}
                </Alert>
                <IssuesTable issues={preview.issues} />
                {preview.issueCount > preview.issues.length && (
                  <Text size="xs" c="dimmed">
                    {t('customers.import.moreIssues', {
                      shown: preview.issues.length,
                      total: preview.issueCount,
                    })}
                  </Text>
                )}
              </Stack>
            ) : (
              <Stack gap="xs" mt="sm">
                {changes > 0 ? (
                  <Alert color="green" icon={<IconCheck size={18} />}>
                    {t('customers.import.noIssues', { count: preview.totalRows })}
                  </Alert>
                ) : (
                  <Alert color="blue" icon={<IconInfoCircle size={18} />}>
                    {t('customers.import.nothingToChange', { count: preview.totalRows })}
                  </Alert>
                )}
                {preview.spendFromBills > 0 && (
                  <Text size="sm" c="dimmed">
                    {t('customers.import.spendFromBills', { count: preview.spendFromBills })}
                  </Text>
                )}
                <SampleTable preview={preview} />
              </Stack>
            )}
            <Group mt="sm" gap="sm">
              <Button
                leftSection={<IconUpload size={16} />}
                disabled={!ready || mappingChanged}
                loading={commit.isPending}
                onClick={() => commit.mutate()}
              >
                {t('customers.import.commit', { count: preview.totalRows })}
              </Button>
              {commit.isPending && (
                <Stack gap={2} style={{ flex: 1 }}>
                  <Progress value={100} animated striped aria-label={t('customers.import.importing')} />
                  <Text size="xs" c="dimmed" aria-live="polite">
                    {t('customers.import.importingFor', { count: preview.totalRows, seconds: elapsed })}
                  </Text>
                </Stack>
              )}
            </Group>
          </Paper>
        )}
        <BatchList />
      </Stack>
    </Stack>
  );
}

/** Whole seconds since `active` became true (0 while it is false), ticking once a second. */
function useElapsedSeconds(active: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return seconds;
}

/**
 * "Import done: … created, … updated", with the unchanged rows when there were any, a customer sheet's
 * key people, and the customers whose spend and arrears the background refresh is still updating (a
 * bills import of thousands); or that nothing needed to change.
 */
function committedText(t: TFunction, batch: Batch): string {
  if (batch.nothingToChange) return t('customers.import.nothingChanged', { count: batch.unchanged });
  const counts = { created: batch.created, updated: batch.updated, unchanged: batch.unchanged };
  let text = t(batch.unchanged > 0 ? 'customers.import.committedUnchanged' : 'customers.import.committed', counts);
  if (batch.contacts.created + batch.contacts.updated > 0) text += t('customers.import.committedContacts', batch.contacts);
  return batch.cachesQueued > 0 ? `${text}${t('customers.import.cachesQueued', { count: batch.cachesQueued })}` : text;
}
