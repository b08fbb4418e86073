import { useEffect } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCloudUpload, IconLock, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract/sync';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { formatDateTime } from '../../lib/format';

/**
 * The sync page's words in both languages. Kept beside the page so the page is self-contained; they can
 * move into i18n/zh-CN.ts and en.ts under a `sync` key unchanged.
 */
const zhCN = {
  title: '总部同步',
  description: '本机数据离线保存；设置后自动与总部交换修改。网络中断不影响日常工作。',
  syncNow: '立即同步',
  syncDone: '同步完成。',
  syncFailedTitle: '同步未完成',
  progressPush: '正在上传修改：{n} / {total}',
  progressPull: '正在接收总部数据：已接收 {n} 条',
  lastErrorTitle: '最近一次同步的问题',
  state: '状态',
  states: {
    running: '同步中',
    off: '未设置',
    problem: '需要处理',
    warning: '需要注意',
    ok: '正常',
    never: '尚未同步',
  },
  hq: '总部地址',
  registeredAs: '（登记为分公司 {code}）',
  lastSuccess: '上次成功同步',
  lastAttempt: '上次尝试',
  nextRun: '下次自动同步',
  pending: '待上传修改',
  held: '其中 {n} 条因电脑时间不准暂缓',
  rejected: '被总部拒绝的修改',
  settingsTitle: '同步设置',
  adminOnly: '只有系统管理员可以修改同步设置。',
  hqUrl: '总部服务器地址',
  hqUrlHint: '由总部提供，例如 http://总部服务器:5180；留空则停止同步。',
  token: '设备令牌',
  tokenHint: '总部为本机登记设备时给出的令牌（只显示一次）。',
  tokenKeep: '已保存令牌；留空表示不修改。',
  tokenSet: '已设置',
  interval: '自动同步间隔（分钟）',
  intervalHint: '1–1440 分钟；失败后会自动稍后重试。',
  intervalRange: '间隔须为 1–1440 的整数分钟',
  urlFormat: '地址须以 http:// 或 https:// 开头',
  save: '保存',
  saved: '同步设置已保存。',
  rejectedTitle: '被总部拒绝的修改',
  rejectedHint: '这些修改不属于本分公司可修改的范围，已恢复为总部的数据。如有疑问请联系总部。',
  when: '时间',
  table: '数据',
  reason: '原因',
  reasons: {
    NOT_OWNER: '不是本分公司的数据',
    READ_ONLY_TABLE: '总部发布的数据，分公司只读',
    UNKNOWN_ROW: '总部没有这条记录',
    CLOCK_AHEAD: '电脑时间比总部快太多',
  } as Record<string, string>,
};

type SyncText = typeof zhCN;

const en: SyncText = {
  title: 'HQ sync',
  description:
    'Data is kept on this computer and works offline; once set up, changes are exchanged with HQ automatically.',
  syncNow: 'Sync now',
  syncDone: 'Sync finished.',
  syncFailedTitle: 'Sync did not finish',
  progressPush: 'Uploading changes: {n} / {total}',
  progressPull: 'Receiving data from HQ: {n} received',
  lastErrorTitle: 'Problem in the last sync',
  state: 'State',
  states: {
    running: 'Syncing',
    off: 'Not set up',
    problem: 'Needs action',
    warning: 'Needs attention',
    ok: 'OK',
    never: 'Not synced yet',
  },
  hq: 'HQ address',
  registeredAs: '(registered as branch {code})',
  lastSuccess: 'Last successful sync',
  lastAttempt: 'Last attempt',
  nextRun: 'Next automatic sync',
  pending: 'Changes waiting to upload',
  held: '{n} held back because the computer clock is wrong',
  rejected: 'Changes refused by HQ',
  settingsTitle: 'Sync settings',
  adminOnly: 'Only administrators can change the sync settings.',
  hqUrl: 'HQ server address',
  hqUrlHint: 'Given by headquarters, e.g. http://hq-server:5180; leave empty to stop syncing.',
  token: 'Device token',
  tokenHint: 'The token HQ gave when it registered this computer (shown only once).',
  tokenKeep: 'A token is saved; leave empty to keep it.',
  tokenSet: 'Set',
  interval: 'Sync interval (minutes)',
  intervalHint: '1–1440 minutes; after a failure it retries sooner on its own.',
  intervalRange: 'The interval must be 1–1440 whole minutes',
  urlFormat: 'The address must start with http:// or https://',
  save: 'Save',
  saved: 'Sync settings saved.',
  rejectedTitle: 'Changes refused by HQ',
  rejectedHint:
    "These changes were outside what this branch may change and were set back to HQ's data. Ask HQ if in doubt.",
  when: 'Time',
  table: 'Data',
  reason: 'Reason',
  reasons: {
    NOT_OWNER: "Not this branch's data",
    READ_ONLY_TABLE: 'Published by HQ; read-only at branches',
    UNKNOWN_ROW: 'HQ has no such record',
    CLOCK_AHEAD: "Computer clock too far ahead of HQ's",
  },
};

/** The sync page's texts in the current UI language. */
function useSyncText(): SyncText {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? en : zhCN;
}

interface SettingsForm {
  hqUrl: string;
  deviceToken: string;
  intervalMinutes: number;
}

/** Colour and label of the overall state: the same meaning on every screen (red = needs action). */
function stateOf(status: SyncStatus): {
  color: string;
  key: 'running' | 'off' | 'problem' | 'warning' | 'ok' | 'never';
} {
  if (status.running) return { color: 'blue', key: 'running' };
  if (!status.configured) return { color: 'gray', key: 'off' };
  if (status.lastError && ['CLOCK_AHEAD', 'UPDATE_REQUIRED', 'APPLY'].includes(status.lastError.code)) {
    return { color: 'yellow', key: 'warning' };
  }
  if (status.lastError) return { color: 'red', key: 'problem' };
  if (!status.lastSuccessAt) return { color: 'gray', key: 'never' };
  return { color: 'green', key: 'ok' };
}

/**
 * Headquarters sync: the status (last success, what waits to upload, the last problem in plain
 * language), a "sync now" button with progress, and for administrators the HQ address, device token
 * and interval, plus the changes HQ refused.
 */
export function SyncPage() {
  const text = useSyncText();
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const isAdmin = useHasRole(['admin']);

  const syncNow = useMutation({
    mutationFn: () => call('sync.now', {}),
    onSuccess: (data) => {
      queryClient.setQueryData(['sync.status', i18n.language], data);
      void queryClient.invalidateQueries({ queryKey: ['sync.rejections'] });
      if (data.lastError) notifyError(new Error(data.lastError.message), text.syncFailedTitle);
      else notifySuccess(text.syncDone);
    },
    onError: (e) => notifyError(e),
  });
  const status = useQuery({
    queryKey: ['sync.status', i18n.language],
    queryFn: () => call('sync.status', {}),
    // Poll quickly while a sync runs so the progress moves; otherwise a calm refresh.
    refetchInterval: (q) => (syncNow.isPending || q.state.data?.running ? 1000 : 15_000),
  });
  const rejections = useQuery({
    queryKey: ['sync.rejections'],
    queryFn: () => call('sync.rejections', { limit: 50 }),
    enabled: isAdmin,
  });

  const form = useForm<SettingsForm>({
    initialValues: { hqUrl: '', deviceToken: '', intervalMinutes: 5 },
    validate: {
      hqUrl: (v) => (v.trim() === '' || /^https?:\/\/\S+$/.test(v.trim()) ? null : text.urlFormat),
      intervalMinutes: (v) => (Number.isInteger(v) && v >= 1 && v <= 1440 ? null : text.intervalRange),
    },
  });
  useEffect(() => {
    if (status.data && !form.isDirty()) {
      const values = {
        hqUrl: status.data.hqUrl,
        deviceToken: '',
        intervalMinutes: status.data.intervalMinutes,
      };
      form.setValues(values);
      form.resetDirty(values);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status.data]);

  useDirtyGuard(isAdmin && form.isDirty());
  const save = useSubmitOnce({
    mutationFn: (values: SettingsForm) =>
      call('sync.configure', {
        hqUrl: values.hqUrl.trim(),
        intervalMinutes: values.intervalMinutes,
        // An empty token field keeps the stored token.
        ...(values.deviceToken.trim() ? { deviceToken: values.deviceToken.trim() } : {}),
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(['sync.status', i18n.language], data);
      const values = { hqUrl: data.hqUrl, deviceToken: '', intervalMinutes: data.intervalMinutes };
      form.setValues(values);
      form.resetDirty(values);
      notifySuccess(text.saved);
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      if (Object.keys(fields).length) form.setErrors(fields);
      else notifyError(e);
    },
  });

  if (status.isPending) return <Skeleton h={320} />;
  if (status.isError) return <Alert color="red">{errorMessage(status.error)}</Alert>;
  const s = status.data;
  const state = stateOf(s);
  const running = s.running || syncNow.isPending;

  return (
    <Stack gap={0} maw={980}>
      <PageHeader
        title={text.title}
        description={text.description}
        actions={
          <Button
            leftSection={<IconRefresh size={16} />}
            loading={running}
            disabled={!s.configured}
            onClick={() => syncNow.mutate()}
          >
            {text.syncNow}
          </Button>
        }
      />

      {running && (
        <Paper withBorder p="md" mb="md" aria-live="polite">
          <Text size="sm" mb={6}>
            {s.phase === 'pull'
              ? text.progressPull.replace('{n}', s.progressPulled.toLocaleString())
              : text.progressPush
                  .replace('{n}', s.progressPushed.toLocaleString())
                  .replace('{total}', (s.progressPushed + s.pendingCount).toLocaleString())}
          </Text>
          <Progress
            value={
              s.phase === 'pull'
                ? 100
                : s.progressPushed + s.pendingCount > 0
                  ? (s.progressPushed / (s.progressPushed + s.pendingCount)) * 100
                  : 0
            }
            animated
            striped
          />
        </Paper>
      )}

      {s.lastError && !running && (
        <Alert color={state.color === 'yellow' ? 'yellow' : 'red'} mb="md" title={text.lastErrorTitle}>
          {s.lastError.message}
          {s.lastError.at && (
            <Text size="xs" c="dimmed" mt={4}>
              {formatDateTime(s.lastError.at)}
            </Text>
          )}
        </Alert>
      )}

      <Paper withBorder>
        <Table variant="vertical" layout="fixed" withRowBorders fz="sm" verticalSpacing={8}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{text.state}</Table.Th>
              <Table.Td>
                <Badge color={state.color} variant="light">
                  {text.states[state.key]}
                </Badge>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{text.hq}</Table.Th>
              <Table.Td>
                {s.hqUrl || '—'}
                {s.hqBranchCode && (
                  <Text span c="dimmed" ml="sm">
                    {text.registeredAs.replace('{code}', s.hqBranchCode)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{text.lastSuccess}</Table.Th>
              <Table.Td>{formatDateTime(s.lastSuccessAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{text.lastAttempt}</Table.Th>
              <Table.Td>{formatDateTime(s.lastAttemptAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{text.nextRun}</Table.Th>
              <Table.Td>{s.configured ? formatDateTime(s.nextRunAt) : '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{text.pending}</Table.Th>
              <Table.Td>
                {s.pendingCount.toLocaleString()}
                {s.heldCount > 0 && (
                  <Text span c="yellow.8" ml="sm">
                    {text.held.replace('{n}', s.heldCount.toLocaleString())}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{text.rejected}</Table.Th>
              <Table.Td>{s.rejectedCount.toLocaleString()}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>

      <Paper withBorder p="md" mt="md">
        <Group gap="xs" mb="sm">
          <IconCloudUpload size={18} />
          <Text fw={600} size="sm">
            {text.settingsTitle}
          </Text>
        </Group>
        {!isAdmin ? (
          <Alert color="gray" icon={<IconLock size={18} />}>
            {text.adminOnly}
          </Alert>
        ) : (
          <form noValidate onSubmit={form.onSubmit((values) => save.submit(values))}>
            <Stack gap="md">
              <TextInput
                label={text.hqUrl}
                description={text.hqUrlHint}
                placeholder="http://hq.example.internal:5180"
                maxLength={500}
                {...form.getInputProps('hqUrl')}
              />
              <SimpleGrid cols={2} spacing="md">
                <PasswordInput
                  label={text.token}
                  description={s.hasToken ? text.tokenKeep : text.tokenHint}
                  placeholder={s.hasToken ? text.tokenSet : 'kamd_…'}
                  autoComplete="off"
                  maxLength={200}
                  {...form.getInputProps('deviceToken')}
                />
                <NumberInput
                  label={text.interval}
                  description={text.intervalHint}
                  min={1}
                  max={1440}
                  allowDecimal={false}
                  {...form.getInputProps('intervalMinutes')}
                />
              </SimpleGrid>
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                  {text.save}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>

      {isAdmin && rejections.data && rejections.data.length > 0 && (
        <Paper withBorder p="md" mt="md">
          <Text fw={600} size="sm">
            {text.rejectedTitle}
          </Text>
          <Text size="sm" c="dimmed" mt={4} mb="sm">
            {text.rejectedHint}
          </Text>
          <Table fz="sm" striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{text.when}</Table.Th>
                <Table.Th>{text.table}</Table.Th>
                <Table.Th>{text.reason}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rejections.data.map((r) => (
                <Table.Tr key={r.mutationId}>
                  <Table.Td>{formatDateTime(r.at)}</Table.Td>
                  <Table.Td>{r.tableName}</Table.Td>
                  <Table.Td>{text.reasons[r.code] ?? r.code}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
