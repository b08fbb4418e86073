import { useEffect, useState } from 'react';
import { ActionIcon, Button, Card, Group, NumberInput, Select, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CARE_HOLIDAYS, type CareHoliday, type CareSettings } from '../../../../shared/contract/care';
import { call, fieldErrors } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { MoneyInput } from '../../components/forms/MoneyInput';
import { fenToYuanText, parseMoney } from '../../components/forms/money';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { holidayName } from './badges';
import { useCareSettings, useInvalidateCare } from './hooks';
import { useCareT } from './i18n';

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|30|31)$/;
const BUILT_IN = new Set(DEFAULT_CARE_HOLIDAYS.map((h) => h.key));

interface Draft {
  lookaheadDays: number | string;
  limit: string;
  holidays: CareHoliday[];
}

function fromSettings(s: CareSettings): Draft {
  return { lookaheadDays: s.lookaheadDays, limit: fenToYuanText(s.approvalLimitFen), holidays: s.holidays };
}

/** A key for a branch's own holiday that no other holiday has (keys are internal; people see names). */
function freshKey(taken: string[]): string {
  let n = 1;
  while (taken.includes(`branch_${n}`)) n++;
  return `branch_${n}`;
}

/**
 * The leader's courtesy-care settings (shown on /yellow/settings): how many days ahead 近期关怀 looks, the
 * cost above which a gift needs approval, and the holidays cared for — the built-in ones on their solar or
 * lunar date, switched on or off, plus the branch's own.
 */
export function CareSettingsCard() {
  const t = useCareT();
  const { t: tApp } = useTranslation();
  const settings = useCareSettings();
  const invalidate = useInvalidateCare();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (settings.data && !draft) setDraft(fromSettings(settings.data));
  }, [settings.data, draft]);
  const dirty = !!draft && !!settings.data && JSON.stringify(draft) !== JSON.stringify(fromSettings(settings.data));
  useDirtyGuard(dirty);

  const save = useSubmitOnce({
    mutationFn: () =>
      call('care.settings.save', {
        lookaheadDays: Number(draft!.lookaheadDays),
        approvalLimitFen: parseMoney(draft!.limit).fen ?? 0,
        holidays: draft!.holidays.map((h) => ({ ...h, name: h.name.trim() })),
      }),
    onSuccess: (next) => {
      setDraft(fromSettings(next));
      setErrors({});
      notifySuccess(t('settings.saved'));
      void invalidate();
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      if (fields.approvalLimitFen) fields.limit = fields.approvalLimitFen;
      setErrors(fields);
      notifyError(e);
    },
  });

  if (!draft) return null;
  const setHoliday = (i: number, p: Partial<CareHoliday>) => setDraft({ ...draft, holidays: draft.holidays.map((h, j) => (j === i ? { ...h, ...p } : h)) });
  const go = () => {
    const next: Record<string, string> = {};
    const days = Number(draft.lookaheadDays);
    if (!Number.isInteger(days) || days < 1 || days > 90) next.lookaheadDays = '1–90';
    const money = parseMoney(draft.limit);
    if (money.problem) next.limit = tApp(money.problem);
    else if (money.fen === null) next.limit = t('form.required');
    draft.holidays.forEach((h, i) => {
      if (!MONTH_DAY.test(h.monthDay)) next[`holidays.${i}.monthDay`] = t('settings.monthDayInvalid');
      if (!BUILT_IN.has(h.key) && !h.name.trim()) next[`holidays.${i}.name`] = t('form.required');
    });
    setErrors(next);
    if (!Object.keys(next).length) save.submit();
  };

  return (
    <Card withBorder padding="sm" aria-label={t('settings.title')}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t('settings.title')}
        </Title>
        <Button size="xs" color="yellow" disabled={!dirty} loading={save.isPending} onClick={go}>
          {t('settings.save')}
        </Button>
      </Group>
      <Group align="flex-start" mb="sm">
        <NumberInput
          label={t('settings.lookahead')}
          description={t('settings.lookaheadHint')}
          w={260}
          min={1}
          max={90}
          allowDecimal={false}
          value={draft.lookaheadDays}
          onChange={(v) => setDraft({ ...draft, lookaheadDays: v })}
          error={errors.lookaheadDays}
        />
        <MoneyInput label={t('settings.limit')} description={t('settings.limitHint')} w={260} value={draft.limit} onChange={(limit) => setDraft({ ...draft, limit })} error={errors.limit} />
      </Group>
      <Text fw={600} size="sm" mb={4}>
        {t('settings.holidays')}
      </Text>
      <Table withTableBorder verticalSpacing={4} horizontalSpacing={6} aria-label={t('settings.holidays')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.holiday.name')}</Table.Th>
            <Table.Th w={110}>{t('settings.holiday.calendar')}</Table.Th>
            <Table.Th w={120}>{t('settings.holiday.monthDay')}</Table.Th>
            <Table.Th w={70}>{t('settings.holiday.enabled')}</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.holidays.map((h, i) => {
            const own = !BUILT_IN.has(h.key);
            const name = holidayName(t, h.key, h.name);
            return (
              <Table.Tr key={h.key}>
                <Table.Td>
                  {own ? (
                    <TextInput
                      size="xs"
                      maxLength={40}
                      aria-label={t('settings.holiday.name')}
                      placeholder={t('settings.holiday.namePlaceholder')}
                      value={h.name}
                      onChange={(e) => setHoliday(i, { name: e.currentTarget.value })}
                      error={errors[`holidays.${i}.name`]}
                    />
                  ) : (
                    <Text size="sm">{name}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    allowDeselect={false}
                    aria-label={`${t('settings.holiday.calendar')} ${name}`}
                    data={(['solar', 'lunar'] as const).map((c) => ({ value: c, label: t(`calendar.${c}`) }))}
                    value={h.calendar}
                    onChange={(v) => v && setHoliday(i, { calendar: v as CareHoliday['calendar'] })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    maxLength={5}
                    aria-label={`${t('settings.holiday.monthDay')} ${name}`}
                    placeholder="MM-dd"
                    value={h.monthDay}
                    onChange={(e) => setHoliday(i, { monthDay: e.currentTarget.value })}
                    error={errors[`holidays.${i}.monthDay`]}
                  />
                </Table.Td>
                <Table.Td>
                  <Switch aria-label={`${t('settings.holiday.enabled')} ${name}`} checked={h.enabled} onChange={(e) => setHoliday(i, { enabled: e.currentTarget.checked })} />
                </Table.Td>
                <Table.Td>
                  {own && (
                    <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('settings.holiday.remove')} onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((_, j) => j !== i) })}>
                      <IconTrash size={14} />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Button
        size="compact-xs"
        variant="subtle"
        mt={4}
        leftSection={<IconPlus size={12} />}
        disabled={draft.holidays.length >= 40}
        onClick={() => setDraft({ ...draft, holidays: [...draft.holidays, { key: freshKey(draft.holidays.map((h) => h.key)), name: '', calendar: 'solar', monthDay: '', enabled: true }] })}
      >
        {t('settings.holiday.add')}
      </Button>
    </Card>
  );
}
