import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { VISIT_KINDS, type VisitKind } from '../../../../shared/contract/visit-common';
import type { VisitRule } from '../../../../shared/contract/visits';
import { call, errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { GradeBadge } from '../customers/badges';
import { CareSettingsCard } from '../care/CareSettingsCard';
import { useInvalidateVisits } from './hooks';
import { useVisitsT, type VisitsKey } from './i18n';
import { YellowTabs } from './YellowTabs';

/**
 * The yellow channel's settings (leaders): how often each grade is visited and which kinds of visit count,
 * then the courtesy-care settings (the care module's own card).
 */
export function VisitSettingsPage() {
  const t = useVisitsT();
  return (
    <Stack gap={0}>
      <PageHeader title={t('module.title')} description={t('module.description')} />
      <YellowTabs />
      <Stack gap="sm">
        <VisitRulesCard />
        <CareSettingsCard />
      </Stack>
    </Stack>
  );
}

/** The visit rule per grade: months between visits (blank: not tracked) and the kinds that count. */
function VisitRulesCard() {
  const t = useVisitsT();
  const client = useQueryClient();
  const invalidate = useInvalidateVisits();
  const rules = useQuery({ queryKey: ['visits.rules.get'], queryFn: () => call('visits.rules.get', {}) });
  const [values, setValues] = useState<VisitRule[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (rules.data) setValues(rules.data.rules);
  }, [rules.data]);
  const dirty = !!rules.data && JSON.stringify(values) !== JSON.stringify(rules.data.rules);
  useDirtyGuard(dirty);
  const save = useSubmitOnce({
    mutationFn: () => call('visits.rules.save', { rules: values }),
    onSuccess: (saved) => {
      client.setQueryData(['visits.rules.get'], saved);
      notifySuccess(t('settings.saved'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const patch = (grade: VisitRule['grade'], p: Partial<VisitRule>) => {
    setError(null);
    setValues((vs) => vs.map((r) => (r.grade === grade ? { ...r, ...p } : r)));
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label={t('settings.rules')}>
      <Title order={3} size="h5" mb={4}>
        {t('settings.rules')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('settings.rulesHint')}
      </Text>
      {rules.isError && <Alert color="red">{errorMessage(rules.error)}</Alert>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (values.some((r) => r.kinds.length === 0)) setError(t('settings.kindsNeeded'));
          else save.submit();
        }}
      >
        <Table verticalSpacing={4} fz="sm" aria-label={t('settings.rules')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={100}>{t('col.grade')}</Table.Th>
              <Table.Th w={170}>{t('settings.months')}</Table.Th>
              <Table.Th>{t('settings.kinds')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {values.map((r) => (
              <Table.Tr key={r.grade}>
                <Table.Td>
                  <GradeBadge grade={r.grade} />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    w={150}
                    min={1}
                    max={24}
                    allowDecimal={false}
                    allowNegative={false}
                    placeholder={t('settings.notTracked')}
                    suffix={t('settings.monthsSuffix')}
                    aria-label={`${t('settings.months')} ${r.grade}`}
                    value={r.months ?? ''}
                    onChange={(v) => patch(r.grade, { months: v === '' ? null : Number(v) })}
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox.Group value={r.kinds} onChange={(kinds) => patch(r.grade, { kinds: kinds as VisitKind[] })} aria-label={`${t('settings.kinds')} ${r.grade}`}>
                    <Group gap="sm">
                      {VISIT_KINDS.map((k) => (
                        <Checkbox key={k} size="xs" value={k} label={t(`kind.${k}` as VisitsKey)} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error && (
          <Text size="sm" c="red" mt={4}>
            {error}
          </Text>
        )}
        <Group justify="flex-end" mt="xs">
          <Button size="xs" variant="default" disabled={!dirty} onClick={() => rules.data && setValues(rules.data.rules)}>
            {t('settings.reset')}
          </Button>
          <Button type="submit" size="xs" color="yellow" autoContrast disabled={!dirty} loading={save.isPending}>
            {t('settings.save')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
