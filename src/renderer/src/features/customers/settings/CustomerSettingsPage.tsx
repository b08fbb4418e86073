import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_TYPES, GRADES, type CustomerType } from '../../../../../shared/contract/customer-common';
import type { CustomerSettings } from '../../../../../shared/contract/customer-evaluation';
import { ApiError, call, errorMessage } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { notifySuccess } from '../../../components/notify';
import { CustomersTabs } from '../CustomersTabs';
import { MoneyInput } from '../../../components/forms/MoneyInput';
import { fenToYuanText, parseMoney } from '../../../components/forms/money';
import { useDirtyGuard } from '../../../components/forms/unsaved';
import { useSubmitOnce } from '../../../components/forms/useSubmitOnce';
import { useCustomerSettings, useInvalidateCustomers } from '../hooks';

/** The form edits yuan and percentages; the API takes fen and ratios. */
interface Values {
  keySpendThresholdYuan: string;
  keyTypes: CustomerType[];
  keyIncludesDesignated: boolean;
  claimLimitPerMonth: number | string;
  weights: {
    amount: number | string;
    payment: number | string;
    onTime: number | string;
    share: number | string;
    growth: number | string;
  };
  amountTargetYuan: string;
  shareTargetPercent: number | string;
  minScore: {
    strategic: number | string;
    key: number | string;
    vip: number | string;
    quality: number | string;
  };
  designatedIsStrategic: boolean;
  warnSpendDropPercent: number | string;
  warnArrearsDays: number | string;
}

const num = (v: number | string) => (typeof v === 'number' ? v : Number(v) || 0);
const WEIGHT_KEYS = ['amount', 'payment', 'onTime', 'share', 'growth'] as const;
const MIN_KEYS = ['strategic', 'key', 'vip', 'quality'] as const;

function toValues(s: CustomerSettings): Values {
  return {
    keySpendThresholdYuan: fenToYuanText(s.keySpendThresholdFen),
    keyTypes: s.keyTypes,
    keyIncludesDesignated: s.keyIncludesDesignated,
    claimLimitPerMonth: s.claimLimitPerMonth,
    weights: { ...s.gradeRules.weights },
    amountTargetYuan: fenToYuanText(s.gradeRules.amountTargetFen),
    shareTargetPercent: Math.round(s.gradeRules.shareTarget * 100000) / 1000,
    minScore: { ...s.gradeRules.minScore },
    designatedIsStrategic: s.gradeRules.designatedIsStrategic,
    warnSpendDropPercent: s.warnSpendDropPercent,
    warnArrearsDays: s.warnArrearsDays,
  };
}

/** A money field the form's validation has accepted → fen (blank is 0). */
const fenOf = (yuan: string) => parseMoney(yuan).fen ?? 0;

/** Blank is refused (a threshold must be set); otherwise the money input's own rule. */
function moneyProblem(yuan: string) {
  return yuan.trim() === '' ? 'common.required' : parseMoney(yuan).problem;
}

function toSettings(v: Values): CustomerSettings {
  return {
    keySpendThresholdFen: fenOf(v.keySpendThresholdYuan),
    keyTypes: v.keyTypes,
    keyIncludesDesignated: v.keyIncludesDesignated,
    claimLimitPerMonth: num(v.claimLimitPerMonth),
    gradeRules: {
      weights: {
        amount: num(v.weights.amount),
        payment: num(v.weights.payment),
        onTime: num(v.weights.onTime),
        share: num(v.weights.share),
        growth: num(v.weights.growth),
      },
      amountTargetFen: fenOf(v.amountTargetYuan),
      shareTarget: num(v.shareTargetPercent) / 100,
      minScore: {
        strategic: num(v.minScore.strategic),
        key: num(v.minScore.key),
        vip: num(v.minScore.vip),
        quality: num(v.minScore.quality),
      },
      designatedIsStrategic: v.designatedIsStrategic,
    },
    warnSpendDropPercent: num(v.warnSpendDropPercent),
    warnArrearsDays: num(v.warnArrearsDays),
  };
}

/**
 * The customer module's settings (leaders and administrators): the key-customer rule, the pool
 * claim limit, the grade rules and the warning thresholds. Saving recomputes every key flag.
 */
export function CustomerSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCustomers();
  const settings = useCustomerSettings();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      keySpendThresholdYuan: '',
      keyTypes: [],
      keyIncludesDesignated: true,
      claimLimitPerMonth: '',
      weights: { amount: '', payment: '', onTime: '', share: '', growth: '' },
      amountTargetYuan: '',
      shareTargetPercent: '',
      minScore: { strategic: '', key: '', vip: '', quality: '' },
      designatedIsStrategic: true,
      warnSpendDropPercent: '',
      warnArrearsDays: '',
    },
    validate: {
      keySpendThresholdYuan: (v) => {
        const problem = moneyProblem(v);
        return problem ? t(problem) : null;
      },
      amountTargetYuan: (v) => {
        const problem = moneyProblem(v);
        return problem ? t(problem) : null;
      },
      weights: (w) => {
        const sum = WEIGHT_KEYS.reduce((a, k) => a + num(w[k]), 0);
        return Math.abs(sum - 100) < 0.001 ? null : t('customers.settings.weightsSum', { sum });
      },
    },
  });

  useEffect(() => {
    if (!settings.data) return;
    form.setValues(toValues(settings.data));
    form.resetDirty();
    // Load once per fetched settings object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.data]);

  useDirtyGuard(form.isDirty());
  const save = useSubmitOnce({
    mutationFn: (v: Values) => call('customers.settings.update', toSettings(v)),
    onSuccess: (s) => {
      queryClient.setQueryData(['customers.settings.get'], s);
      notifySuccess(t('customers.settings.saved'));
      setFormError(null);
      void invalidate();
    },
    onError: (e) => {
      const issues = e instanceof ApiError ? e.issues : [];
      if (issues.length) {
        // Issues come as paths like gradeRules.minScore.key; map them onto the form's names.
        for (const i of issues) {
          const path = i.path
            .replace(/^gradeRules\./, '')
            .replace(/^keySpendThresholdFen$/, 'keySpendThresholdYuan')
            .replace(/^amountTargetFen$/, 'amountTargetYuan')
            .replace(/^shareTarget$/, 'shareTargetPercent');
          form.setFieldError(path, i.message);
        }
        setFormError(issues.map((i) => i.message).join(' '));
      } else setFormError(errorMessage(e));
    },
  });

  const weightSum = WEIGHT_KEYS.reduce((a, k) => a + num(form.values.weights[k]), 0);
  return (
    <Stack gap={0}>
      <PageHeader title={t('nav.customers')} />
      <CustomersTabs />
      <form noValidate onSubmit={form.onSubmit((v) => save.submit(v))}>
        <Stack gap="sm" maw={900}>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Paper withBorder p="sm">
            <Title order={3} size="h5">
              {t('customers.settings.keyRule')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('customers.settings.keyRuleHint')}
            </Text>
            <SimpleGrid cols={2} spacing="sm">
              <MoneyInput
                label={t('customers.settings.keySpendThreshold')}
                {...form.getInputProps('keySpendThresholdYuan')}
              />
              <Checkbox.Group label={t('customers.settings.keyTypes')} {...form.getInputProps('keyTypes')}>
                <Group gap="md" mt={8}>
                  {CUSTOMER_TYPES.map((ty) => (
                    <Checkbox key={ty} value={ty} label={t(`customers.type.${ty}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
            </SimpleGrid>
            <Switch
              mt="sm"
              label={t('customers.settings.keyIncludesDesignated')}
              {...form.getInputProps('keyIncludesDesignated', { type: 'checkbox' })}
            />
          </Paper>
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              {t('customers.settings.pool')}
            </Title>
            <NumberInput
              clampBehavior="none"
              w={260}
              label={t('customers.settings.claimLimit')}
              min={0}
              max={10000}
              {...form.getInputProps('claimLimitPerMonth')}
            />
          </Paper>
          <Paper withBorder p="sm">
            <Title order={3} size="h5">
              {t('customers.settings.gradeRules')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('customers.settings.gradeRulesHint')}
            </Text>
            <SimpleGrid cols={5} spacing="sm">
              {WEIGHT_KEYS.map((k) => (
                <NumberInput
                  clampBehavior="none"
                  key={k}
                  label={t(`customers.settings.weights.${k}`)}
                  min={0}
                  max={100}
                  suffix="%"
                  {...form.getInputProps(`weights.${k}`)}
                />
              ))}
            </SimpleGrid>
            <Text size="xs" c={Math.abs(weightSum - 100) < 0.001 ? 'dimmed' : 'red.7'} mt={4}>
              {form.errors.weights ?? t('customers.settings.weightsTotal', { sum: weightSum })}
            </Text>
            <SimpleGrid cols={2} spacing="sm" mt="xs">
              <MoneyInput
                label={t('customers.settings.amountTarget')}
                {...form.getInputProps('amountTargetYuan')}
              />
              <NumberInput
                clampBehavior="none"
                label={t('customers.settings.shareTarget')}
                min={0}
                max={100}
                decimalScale={3}
                suffix="%"
                hideControls
                {...form.getInputProps('shareTargetPercent')}
              />
            </SimpleGrid>
            <SimpleGrid cols={4} spacing="sm" mt="xs">
              {MIN_KEYS.map((k) => (
                <NumberInput
                  clampBehavior="none"
                  key={k}
                  label={t('customers.settings.minScore', { grade: t(`customers.grade.${k}`) })}
                  min={0}
                  max={100}
                  {...form.getInputProps(`minScore.${k}`)}
                />
              ))}
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt={4}>
              {t('customers.settings.otherwise', { grade: t(`customers.grade.${GRADES[4]}`) })}
            </Text>
            <Switch
              mt="sm"
              label={t('customers.settings.designatedIsStrategic')}
              {...form.getInputProps('designatedIsStrategic', { type: 'checkbox' })}
            />
          </Paper>
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              {t('customers.settings.warnings')}
            </Title>
            <SimpleGrid cols={2} spacing="sm">
              <NumberInput
                clampBehavior="none"
                label={t('customers.settings.warnSpendDrop')}
                min={1}
                max={100}
                suffix="%"
                {...form.getInputProps('warnSpendDropPercent')}
              />
              <NumberInput
                clampBehavior="none"
                label={t('customers.settings.warnArrearsDays')}
                min={0}
                max={3650}
                {...form.getInputProps('warnArrearsDays')}
              />
            </SimpleGrid>
          </Paper>
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!settings.data}>
              {t('common.save')}
            </Button>
            {form.isDirty() && (
              <Button
                variant="subtle"
                color="gray"
                onClick={() => settings.data && form.setValues(toValues(settings.data))}
              >
                {t('common.revert')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
