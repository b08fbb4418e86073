import { RecordTimeline } from '../../components/RecordTimeline';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Badge, Button, Card, Grid, Group, Loader, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import type { FormAction, FormDetail } from '../../../../shared/contract/forms';
import { formatDuration } from '../../../../shared/duration';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../lib/format';
import { useTranslation } from 'react-i18next';
import { useFormsT, type FormsKey } from './i18n';
import { FormKindBadge, FormStatusBadge, StepDue, useInvalidateForms } from './parts';

/** Actions that ask for text first, and what each asks for. */
const ASKS: Partial<Record<FormAction, { field: 'comment' | 'reason' | 'answer'; required: boolean; dept?: boolean }>> = {
  approve: { field: 'comment', required: false },
  reject: { field: 'comment', required: true },
  sendBack: { field: 'comment', required: true },
  route: { field: 'comment', required: false, dept: true },
  answer: { field: 'answer', required: true },
  confirm: { field: 'comment', required: false },
  reopen: { field: 'reason', required: true },
  withdraw: { field: 'reason', required: false },
};

const COLOR: Partial<Record<FormAction, string>> = { approve: 'green', reject: 'red', answer: 'green', confirm: 'green', route: 'teal', submit: 'green' };

/** One form: its facts, content, answer, the approval and routing trail, and the actions the caller may take. */
export function FormPage() {
  const { id = '' } = useParams();
  const t = useFormsT();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const invalidate = useInvalidateForms();
  const form = useQuery({ queryKey: ['forms.get', id], queryFn: () => call('forms.get', { id }), refetchInterval: 60_000 });
  const [asking, setAsking] = useState<FormAction | null>(null);

  const done = (next: FormDetail, action: FormAction) => {
    client.setQueryData(['forms.get', id], next);
    notifySuccess(t('action.done', { number: next.number, action: t(`action.${action}` as FormsKey) }));
    setAsking(null);
    void invalidate();
  };
  const submit = useMutation({ mutationFn: () => call('forms.submit', { id }), onSuccess: (n) => done(n, 'submit'), onError: (e) => notifyError(e) });

  if (form.isPending) return <Loader />;
  if (form.isError) return <Alert color="red">{errorMessage(form.error)}</Alert>;
  const d = form.data;
  const run = (a: FormAction) => {
    if (a === 'update') navigate('edit');
    else if (a === 'submit') submit.mutate();
    else setAsking(a);
  };
  const fact = (label: FormsKey, value: React.ReactNode) => (
    <div>
      <Text size="xs" c="dimmed">{t(label)}</Text>
      <Text size="sm">{value ?? t('detail.none')}</Text>
    </div>
  );
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Button component={Link} to=".." relative="path" size="xs" variant="subtle" leftSection={<IconArrowLeft size={14} />}>
            {t('detail.back')}
          </Button>
          <Title order={2} size="h3" ff="monospace">
            {d.number}
          </Title>
          <FormKindBadge kind={d.kind} />
          <FormStatusBadge status={d.status} />
          {d.important && <Badge color="orange" variant="light">{t('important')}</Badge>}
          {d.escalationLevel > 0 && <Badge color="red" variant="light">{t('escalated', { level: d.escalationLevel })}</Badge>}
        </Group>
        <Group gap="xs">
          {d.actions.map((a) => (
            <Button key={a} size="xs" color={COLOR[a]} variant={COLOR[a] ? 'filled' : 'default'} loading={a === 'submit' && submit.isPending} onClick={() => run(a)}>
              {t(`action.${a}` as FormsKey)}
            </Button>
          ))}
          <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={() => navigate('print')}>
            {t('detail.print')}
          </Button>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <Card withBorder padding="sm">
              <Text fw={600} mb="xs">{d.title}</Text>
              <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs" verticalSpacing={6}>
                {fact('col.customer', <Link to={`/customers/${d.customerId}`}>{d.customerName}</Link>)}
                {fact('detail.drafter', d.drafterName)}
                {fact('detail.dept', d.drafterDept || null)}
                {fact('col.created', formatDateTime(d.createdAt))}
                {fact('detail.approver', d.approverName)}
                {fact('detail.approvedBy', d.approvedByName ? `${d.approvedByName}${d.approvedForName ? t('detail.approvedFor', { name: d.approvedForName }) : ''} ${formatDateTime(d.approvedAt)}` : null)}
                {fact('detail.order', d.orderNumber)}
                {fact('detail.sentAt', d.sentAt ? formatDateTime(d.sentAt) : null)}
                {fact('detail.routedDept', d.routedDept)}
                {fact('detail.answeredBy', d.answeredByName)}
                {fact('detail.elapsed', d.businessMinutes === null ? null : `${formatDuration(d.businessMinutes, locale)} · ${t(d.onTime ? 'detail.onTime' : 'detail.late')}`)}
                {fact('detail.step', d.dueAt ? <StepDue dueAt={d.dueAt} state={d.slaState} /> : null)}
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt="xs">{t('detail.calendar', { name: d.calendarName })}</Text>
            </Card>
            <Card withBorder padding="sm">
              <Text fw={600} size="sm" mb={4}>{t('detail.content')}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d.content}</Text>
            </Card>
            <Card withBorder padding="sm">
              <Text fw={600} size="sm" mb={4}>{t('detail.answer')}</Text>
              {d.answer ? (
                <>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d.answer}</Text>
                  <Text size="xs" c="dimmed" mt={4}>{d.routedDept} · {d.answeredByName} · {formatDateTime(d.answeredAt)}</Text>
                </>
              ) : (
                <Text size="sm" c="dimmed">{t('detail.noAnswer')}</Text>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding="sm">
            <Text fw={600} size="sm" mb="xs">{t('detail.trail')}</Text>
            <RecordTimeline
              events={d.events}
              color="green"
              colorOf={(kind) => (kind.startsWith('sla_breach') || kind === 'rejected' ? 'red' : kind === 'escalated' || kind.startsWith('sla_') ? 'orange' : undefined)}
            />
          </Card>
        </Grid.Col>
      </Grid>
      {asking && <ActionModal form={d} action={asking} onClose={() => setAsking(null)} onDone={(n) => done(n, asking)} />}
    </Stack>
  );
}

function ActionModal({ form, action, onClose, onDone }: { form: FormDetail; action: FormAction; onClose: () => void; onDone: (next: FormDetail) => void }) {
  const t = useFormsT();
  const ask = ASKS[action]!;
  const [text, setText] = useState('');
  const [dept, setDept] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (): Promise<FormDetail> => {
      const id = form.id;
      switch (action) {
        case 'approve':
          return call('forms.approve', { id, comment: text });
        case 'reject':
          return call('forms.reject', { id, comment: text });
        case 'sendBack':
          return call('forms.sendBack', { id, comment: text });
        case 'route':
          return call('forms.route', { id, dept: dept ?? '', comment: text });
        case 'answer':
          return call('forms.answer', { id, answer: text });
        case 'confirm':
          return call('forms.confirm', { id, comment: text });
        case 'reopen':
          return call('forms.reopen', { id, reason: text });
        default:
          return call('forms.withdraw', { id, reason: text });
      }
    },
    onSuccess: onDone,
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  const label = ask.field === 'answer' ? t('action.answer.label') : ask.field === 'reason' ? t('action.reason') : ask.required ? t('action.commentRequired') : t('action.comment');
  const ok = () => {
    const next: Record<string, string> = {};
    if (ask.dept && !dept) next.dept = t('editor.required', { field: t('action.dept') });
    if (ask.required && !text.trim()) next[ask.field] = t('editor.required', { field: label });
    setErrors(next);
    if (Object.keys(next).length === 0) mutation.mutate();
  };
  return (
    <GuardedModal opened dirty={text.length > 0 || !!dept} onClose={onClose} title={`${t(`action.${action}` as FormsKey)} · ${form.number}`} size="lg">
      <form onSubmit={(e) => { e.preventDefault(); ok(); }}>
        <Stack gap="sm">
          {ask.dept && (
            <Select label={t('action.dept')} withAsterisk searchable data={form.departments} value={dept} onChange={setDept} error={errors.dept || undefined} data-autofocus />
          )}
          <LimitedTextarea label={label} withAsterisk={ask.required} maxLength={ask.field === 'answer' ? 4000 : 1000} autosize minRows={ask.field === 'answer' ? 5 : 3} value={text} error={errors[ask.field] || undefined} onChange={(e) => setText(e.currentTarget.value)} data-autofocus={!ask.dept || undefined} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>{t('action.cancel')}</Button>
            <Button type="submit" color={COLOR[action]} loading={mutation.isPending}>{t(`action.${action}` as FormsKey)}</Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
