import { useEffect, useState } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ContractDetail } from '../../../../shared/contract/contracts';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { MoneyInput } from '../../components/forms/MoneyInput';
import { fenToYuanText, parseMoney } from '../../components/forms/money';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { appNow } from '../../lib/clock';
import { useContractsT } from './i18n';

/** The contract actions that open a form. */
export type ContractFormKind = 'sign' | 'renew' | 'extend' | 'terminate';

/** Today in Asia/Shanghai on the app's clock, yyyy-MM-dd. */
export function todayShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(appNow());
}

/** A local date moved by days (or by years, keeping the day), yyyy-MM-dd. */
export function shiftDate(date: string, days: number, years = 0): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Values {
  signDate: string;
  startDate: string;
  endDate: string;
  amount: string;
  text: string;
}

function initial(kind: ContractFormKind, c: ContractDetail): Values {
  const today = todayShanghai();
  const nextStart = c.endDate ? shiftDate(c.endDate, 1) : today;
  switch (kind) {
    case 'sign':
      return { signDate: today, startDate: c.startDate ?? today, endDate: c.endDate ?? shiftDate(c.startDate ?? today, -1, 1), amount: '', text: '' };
    case 'renew':
      return { signDate: today, startDate: nextStart, endDate: shiftDate(nextStart, -1, 1), amount: fenToYuanText(c.amountFen), text: '' };
    case 'extend':
      return { signDate: '', startDate: '', endDate: c.endDate ? shiftDate(c.endDate, 0, 1) : '', amount: '', text: '' };
    case 'terminate':
      return { signDate: '', startDate: '', endDate: '', amount: '', text: '' };
  }
}

/**
 * The form of one contract action with exactly what it needs: 签订 the sign date and term; 续签 the new term
 * and amount (a successor contract); 顺延 the new end; 终止 the reason. The server's field messages land
 * under the fields; Ctrl+Enter submits; leaving with typed changes asks first.
 */
export function ContractActionModal({
  contract,
  kind,
  onClose,
  onDone,
}: {
  contract: ContractDetail;
  kind: ContractFormKind | null;
  onClose: () => void;
  onDone: (next: ContractDetail, kind: ContractFormKind) => void;
}) {
  const t = useContractsT();
  const { t: tApp } = useTranslation();
  const [values, setValues] = useState<Values>(() => initial(kind ?? 'terminate', contract));
  const [start, setStart] = useState(values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (!kind) return;
    const v = initial(kind, contract);
    setValues(v);
    setStart(v);
    setErrors({});
    setFormError(null);
    // Each opening starts from the contract as it is now.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);
  const dirty = !!kind && JSON.stringify(values) !== JSON.stringify(start);
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));

  const submit = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) => {
      const id = contract.id;
      switch (kind!) {
        case 'sign':
          return call('contracts.sign', { id, signDate: values.signDate, startDate: values.startDate, endDate: values.endDate });
        case 'renew':
          return call(
            'contracts.renew',
            { id, signDate: values.signDate, startDate: values.startDate, endDate: values.endDate, amountFen: parseMoney(values.amount).fen ?? -1, notes: values.text },
            { idempotencyKey },
          );
        case 'extend':
          return call('contracts.extend', { id, endDate: values.endDate, note: values.text });
        case 'terminate':
          return call('contracts.terminate', { id, reason: values.text });
      }
    },
    onSuccess: (next) => {
      notifySuccess(kind === 'renew' ? t('action.renewed', { number: next.number }) : t('action.done', { number: next.number }));
      onDone(next, kind!);
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      if (fields.note) fields.text = fields.note;
      if (fields.reason) fields.text = fields.reason;
      if (fields.notes) fields.text = fields.notes;
      if (fields.amountFen) fields.amount = fields.amountFen;
      setErrors(fields);
      setFormError(Object.keys(fields).length ? null : errorMessage(e));
    },
  });
  const moneyProblem = kind === 'renew' ? parseMoney(values.amount).problem : null;
  const missing =
    kind === 'terminate' ? !values.text.trim() : kind === 'extend' ? !values.endDate : kind === 'renew' || kind === 'sign' ? !values.signDate || !values.startDate || !values.endDate || (kind === 'renew' && !values.amount.trim()) : true;
  const backwards = values.startDate && values.endDate && values.endDate < values.startDate;
  const go = () => {
    if (missing || backwards || moneyProblem) {
      setErrors({
        ...(backwards && { endDate: t('field.endBeforeStart') }),
        ...(kind === 'renew' && moneyProblem && { amount: tApp(moneyProblem) }),
      });
      return;
    }
    submit.submit();
  };
  useHotkeys([['mod+Enter', go]], []);
  const date = (field: 'signDate' | 'startDate' | 'endDate', label: string) => (
    <TextInput type="date" label={label} required value={values[field]} error={errors[field]} onChange={(e) => set({ [field]: e.currentTarget.value })} />
  );

  const title = kind ? t(`modal.${kind}`, { number: contract.number }) : '';
  return (
    <GuardedModal opened={!!kind} dirty={dirty} onClose={onClose} title={title} size={kind === 'terminate' ? 480 : 560}>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" role="alert" py={6}>
            {formError}
          </Alert>
        )}
        {kind === 'renew' && <Alert color="green" variant="light" py={6}>{t('modal.renewHint')}</Alert>}
        {kind === 'extend' && <Alert color="green" variant="light" py={6}>{t('modal.extendHint')}</Alert>}
        {(kind === 'sign' || kind === 'renew') && (
          <SimpleGrid cols={3} spacing="sm">
            {date('signDate', t('field.signDate'))}
            {date('startDate', t('field.startDate'))}
            {date('endDate', t('field.endDate'))}
          </SimpleGrid>
        )}
        {kind === 'renew' && (
          <MoneyInput label={t('field.amount')} required value={values.amount} onChange={(amount) => set({ amount })} error={errors.amount} w={220} />
        )}
        {kind === 'extend' && date('endDate', t('field.newEnd'))}
        {(kind === 'terminate' || kind === 'extend' || kind === 'renew') && (
          <LimitedTextarea
            label={kind === 'terminate' ? t('field.reason') : kind === 'renew' ? t('field.notes') : t('field.note')}
            required={kind === 'terminate'}
            maxLength={kind === 'renew' ? 2000 : 500}
            value={values.text}
            error={errors.text}
            onChange={(e) => set({ text: e.currentTarget.value })}
            data-autofocus={kind === 'terminate' || undefined}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('modal.cancel')}
          </Button>
          <Button color={kind === 'terminate' ? 'red' : 'green'} disabled={missing} loading={submit.isPending} onClick={go}>
            {t('modal.confirm')}
          </Button>
        </Group>
      </Stack>
    </GuardedModal>
  );
}
