import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { FormKind } from '../../../../shared/contract/order-common';
import { call, fieldErrors } from '../../api/client';
import { useSession } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { DraftNotice } from '../../components/forms/DraftNotice';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { useFormDraft, type Draft } from '../../components/forms/draft';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { notifyError, notifySuccess } from '../../components/notify';
import { useFormsT } from './i18n';
import { useInvalidateForms } from './parts';

interface Values {
  kind: FormKind;
  customerId: string | null;
  customerName: string;
  orderId: string | null;
  /** Shown instead of the order's id; not sent. */
  orderNumber: string;
  title: string;
  content: string;
  important: boolean;
}

const EMPTY: Values = { kind: 'resource', customerId: null, customerName: '', orderId: null, orderNumber: '', title: '', content: '', important: false };

/**
 * Drafting or editing a form: customer (searched), kind, title, content and the 重要 flag; saved as a
 * draft or sent at once (Ctrl+Enter). A new form keeps a local draft and asks before typed work is
 * lost; errors from the server show under the field they name.
 */
export function FormEditorPage() {
  const { id } = useParams();
  const t = useFormsT();
  const navigate = useNavigate();
  const invalidate = useInvalidateForms();
  const [search] = useSearchParams();
  const { user } = useSession();
  const existing = useQuery({ queryKey: ['forms.get', id], queryFn: () => call('forms.get', { id: id! }), enabled: !!id });
  const draft = useFormDraft<Values>('requestForm', id ?? null);
  const [restored, setRestored] = useState<Draft<Values> | null>(() => (id ? null : draft.read()));
  const [initial, setInitial] = useState<Values>(() => restored?.values ?? { ...EMPTY, orderId: search.get('orderId'), orderNumber: search.get('orderNumber') ?? '', customerId: search.get('customerId'), customerName: search.get('customerName') ?? '' });
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const hits = useQuery({
    queryKey: ['customers.lookup', debounced],
    queryFn: () => call('customers.lookup', { query: debounced, limit: 50 }),
    enabled: debounced.length >= 2 && !values.customerId,
  });

  useEffect(() => {
    if (!existing.data) return;
    const d = existing.data;
    const loaded: Values = { kind: d.kind, customerId: d.customerId, customerName: d.customerName, orderId: d.orderId, orderNumber: d.orderNumber ?? '', title: d.title, content: d.content, important: d.important };
    setInitial(loaded);
    setValues(loaded);
  }, [existing.data]);

  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  useDirtyGuard(dirty);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const save = useSubmitOnce({
    mutationFn: async ({ send }: { send: boolean }, idempotencyKey) => {
      const fields = { title: values.title, content: values.content, important: values.important };
      if (id) {
        const updated = await call('forms.update', { id, ...fields });
        return send ? call('forms.submit', { id }) : updated;
      }
      return call('forms.create', { kind: values.kind, customerId: values.customerId ?? '', orderId: values.orderId, ...fields, submit: send }, { idempotencyKey });
    },
    onSuccess: (form, { send }) => {
      draft.clear();
      notifySuccess(t(send ? 'editor.sent' : 'editor.saved', { number: form.number }));
      void invalidate();
      navigate(id ? `../../${form.id}` : `../${form.id}`, { relative: 'path' });
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  const { resumeKey } = save;
  const restoredKey = restored?.idempotencyKey;
  useEffect(() => {
    if (restoredKey) resumeKey(restoredKey);
  }, [restoredKey, resumeKey]);
  const serialized = JSON.stringify(values);
  useEffect(() => {
    if (id) return;
    if (dirty) draft.write(JSON.parse(serialized) as Values, save.idempotencyKey);
  }, [id, dirty, serialized, draft, save.idempotencyKey]);

  const validate = (): boolean => {
    const next: Record<string, string> = {};
    if (!values.customerId) next.customerId = t('editor.required', { field: t('editor.customer') });
    if (!values.title.trim()) next.title = t('editor.required', { field: t('editor.title') });
    if (!values.content.trim()) next.content = t('editor.required', { field: t('editor.content') });
    setErrors(next);
    return Object.keys(next).length === 0;
  };
  const submit = (send: boolean) => validate() && save.submit({ send });
  useHotkeys([['mod+Enter', () => submit(true)]], []);

  return (
    <Stack gap="sm" maw={860}>
      <PageHeader title={id ? t('editor.editTitle', { number: existing.data?.number ?? '' }) : t('editor.newTitle')} />
      {restored && (
        <DraftNotice
          savedAt={restored.savedAt}
          onDiscard={() => {
            draft.clear();
            setRestored(null);
            setInitial(EMPTY);
            setValues(EMPTY);
            save.renewKey();
          }}
        />
      )}
      <Card withBorder padding="md">
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('editor.kind')}
            </Text>
            <SegmentedControl
              disabled={!!id}
              value={values.kind}
              onChange={(v) => set('kind', v as FormKind)}
              data={[
                { value: 'resource', label: t('kind.resource') },
                { value: 'contact', label: t('kind.contact') },
              ]}
            />
          </div>
          {values.customerId ? (
            <TextInput
              label={t('editor.customer')}
              value={values.customerName}
              readOnly
              rightSection={
                !id && (
                  <Button size="compact-xs" variant="subtle" onClick={() => { set('customerId', null); set('customerName', ''); }}>
                    ×
                  </Button>
                )
              }
            />
          ) : (
            <Select
              label={t('editor.customer')}
              placeholder={t('editor.customerHint')}
              searchable
              withAsterisk
              autoFocus={!id}
              searchValue={query}
              onSearchChange={setQuery}
              nothingFoundMessage={debounced.length >= 2 ? t('editor.noMatch') : undefined}
              // An account manager drafts for his own customers only (the server refuses others).
              data={(hits.data ?? []).filter((h) => user.role !== 'account_manager' || h.ownerName === user.displayName).map((h) => ({ value: h.id, label: h.name }))}
              filter={({ options }) => options}
              error={errors.customerId || undefined}
              onChange={(v, option) => {
                if (!v) return;
                setValues((s) => ({ ...s, customerId: v, customerName: option?.label ?? '' }));
                setErrors((e) => ({ ...e, customerId: '' }));
              }}
            />
          )}
          {values.orderId && <TextInput label={t('editor.order')} description={t('editor.orderHint')} value={values.orderNumber || values.orderId} readOnly />}
          <TextInput label={t('editor.title')} withAsterisk maxLength={200} value={values.title} error={errors.title || undefined} onChange={(e) => set('title', e.currentTarget.value)} />
          <LimitedTextarea label={t('editor.content')} withAsterisk maxLength={4000} autosize minRows={6} value={values.content} error={errors.content || undefined} onChange={(e) => set('content', e.currentTarget.value)} />
          <Checkbox label={t('editor.important')} checked={values.important} onChange={(e) => set('important', e.currentTarget.checked)} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => navigate(-1)}>
              {t('action.cancel')}
            </Button>
            <Button variant="default" loading={save.isPending} onClick={() => submit(false)}>
              {t('editor.saveDraft')}
            </Button>
            <Button color="green" loading={save.isPending} onClick={() => submit(true)}>
              {values.important ? t('editor.sendImportant') : t('editor.send')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
