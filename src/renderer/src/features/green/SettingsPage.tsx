import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Grid, Group, NavLink, NumberInput, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import type { OrdersConfig, TemplateStage } from '../../../../shared/contract/orders';
import { OWNER_DEPARTMENT } from '../../../../shared/contract/orders';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { formatMinutes } from '../../lib/format';
import { fieldErrorsDeep } from './fieldErrors';
import { GreenTabs } from './GreenTabs';
import { useInvalidateOrders, useOrdersConfig } from './hooks';
import { useGreenT } from './i18n';

interface EditType {
  key: string;
  name: string;
  active: boolean;
  version: number | null;
  stages: TemplateStage[];
}
interface EditReason {
  code: string;
  name: string;
  active: boolean;
  saved: boolean;
}
interface Draft {
  types: EditType[];
  reasons: EditReason[];
  calendarId: string | null;
  warnPercent: number;
}

function fromConfig(c: OrdersConfig): Draft {
  return {
    types: c.businessTypes.map((b) => ({ key: b.key, name: b.name, active: b.active, version: b.template.version, stages: b.template.stages })),
    reasons: c.returnReasons.map((r) => ({ code: r.code, name: r.name, active: r.active, saved: true })),
    calendarId: c.calendarId,
    warnPercent: Math.round(c.warnRatio * 100),
  };
}

/** A code for a new entry that no other entry has (codes are internal; people see names). */
function freshCode(prefix: string, taken: string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}_${n}`)) n++;
  return `${prefix}_${n}`;
}

/**
 * The leader's settings of the green channel: business types, each with its ordered stage template
 * (name, department, time limit in business time, required or skippable), the 异常返单 reasons, the
 * calendar the clocks run on and when a stage warns. A changed template applies to new orders only.
 */
export function SettingsPage() {
  const t = useGreenT();
  const config = useOrdersConfig();
  const invalidate = useInvalidateOrders();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [selected, setSelected] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (config.data && !draft) setDraft(fromConfig(config.data));
  }, [config.data, draft]);
  const dirty = !!draft && !!config.data && JSON.stringify(draft) !== JSON.stringify(fromConfig(config.data));
  useDirtyGuard(dirty);

  const save = useSubmitOnce({
    mutationFn: () =>
      call('orders.config.save', {
        businessTypes: draft!.types.map((b) => ({ key: b.key, name: b.name, active: b.active, stages: b.stages })),
        returnReasons: draft!.reasons.map((r) => ({ code: r.code, name: r.name, active: r.active })),
        calendarId: draft!.calendarId,
        warnRatio: draft!.warnPercent / 100,
      }),
    onSuccess: (next) => {
      setDraft(fromConfig(next));
      setErrors({});
      notifySuccess(t('settings.saved'));
      void invalidate();
    },
    onError: (e) => {
      setErrors(fieldErrorsDeep(e));
      notifyError(e);
    },
  });

  if (!draft || !config.data) return null;
  const type = draft.types[selected];
  const setType = (p: Partial<EditType>) => setDraft({ ...draft, types: draft.types.map((b, i) => (i === selected ? { ...b, ...p } : b)) });
  const setStage = (i: number, p: Partial<TemplateStage>) => type && setType({ stages: type.stages.map((s, j) => (j === i ? { ...s, ...p } : s)) });
  const move = (i: number, by: -1 | 1) => {
    if (!type) return;
    const stages = [...type.stages];
    const [s] = stages.splice(i, 1);
    stages.splice(i + by, 0, s!);
    setType({ stages });
  };
  const setReason = (i: number, p: Partial<EditReason>) => setDraft({ ...draft, reasons: draft.reasons.map((r, j) => (j === i ? { ...r, ...p } : r)) });
  const departments = config.data.departments;
  const err = (path: string) => errors[path];
  const typeIndex = selected;

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('module.title')}
        description={t('module.description')}
        actions={
          <Button size="xs" color="green" disabled={!dirty} loading={save.isPending} onClick={() => save.submit()}>
            {t('settings.save')}
          </Button>
        }
      />
      <GreenTabs />
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={16} />} py={6} mb="sm">
        {t('settings.appliesNew')}
      </Alert>
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Card withBorder padding="xs">
            <Text fw={600} size="sm" mb={4}>
              {t('settings.types')}
            </Text>
            {draft.types.map((b, i) => (
              <NavLink
                key={b.key}
                active={i === selected}
                color="green"
                onClick={() => setSelected(i)}
                label={b.name || '—'}
                description={b.version ? t('settings.type.version', { version: b.version }) : t('settings.type.new')}
                rightSection={!b.active ? <Badge size="xs" color="gray" variant="outline">{t('settings.type.inactive')}</Badge> : undefined}
                py={4}
              />
            ))}
            <Button
              size="compact-xs"
              variant="subtle"
              mt={4}
              leftSection={<IconPlus size={12} />}
              onClick={() => {
                const key = freshCode('type', draft.types.map((b) => b.key));
                setDraft({
                  ...draft,
                  types: [...draft.types, { key, name: '', active: true, version: null, stages: [{ key: 'requirement', name: '', department: OWNER_DEPARTMENT, limitMinutes: 450, required: true }] }],
                });
                setSelected(draft.types.length);
              }}
            >
              {t('settings.type.add')}
            </Button>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {type && (
            <Card withBorder padding="sm">
              <Group align="flex-end" mb="sm">
                <TextInput
                  label={t('settings.type.name')}
                  required
                  w={220}
                  maxLength={40}
                  value={type.name}
                  onChange={(e) => setType({ name: e.currentTarget.value })}
                  error={err(`businessTypes.${typeIndex}.name`)}
                />
                <Switch label={t('settings.type.active')} checked={type.active} onChange={(e) => setType({ active: e.currentTarget.checked })} mb={8} />
                {type.version === null && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={12} />}
                    mb={4}
                    onClick={() => {
                      setDraft({ ...draft, types: draft.types.filter((_, i) => i !== selected) });
                      setSelected(0);
                    }}
                  >
                    {t('settings.remove')}
                  </Button>
                )}
                <Text size="sm" c="dimmed" ml="auto" mb={8}>
                  {t('settings.total', { time: formatMinutes(type.stages.reduce((s, x) => s + x.limitMinutes, 0)) })}
                </Text>
              </Group>
              <Text fw={600} size="sm" mb={4}>
                {t('settings.type.stages')}
              </Text>
              <Table withTableBorder verticalSpacing={4} horizontalSpacing={6} aria-label={t('settings.type.stages')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={28}>#</Table.Th>
                    <Table.Th>{t('settings.stage.name')}</Table.Th>
                    <Table.Th w={170}>{t('settings.stage.department')}</Table.Th>
                    <Table.Th w={200}>{t('settings.stage.limit')}</Table.Th>
                    <Table.Th w={96}>{t('settings.stage.shown')}</Table.Th>
                    <Table.Th w={60}>{t('settings.stage.required')}</Table.Th>
                    <Table.Th w={96} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {type.stages.map((s, i) => (
                    <Table.Tr key={s.key}>
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Td>
                        <TextInput size="xs" aria-label={`${t('settings.stage.name')} ${i + 1}`} maxLength={40} value={s.name} onChange={(e) => setStage(i, { name: e.currentTarget.value })} error={err(`businessTypes.${typeIndex}.stages.${i}.name`)} />
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          aria-label={`${t('settings.stage.department')} ${i + 1}`}
                          data={departments.includes(s.department) ? departments : [s.department, ...departments]}
                          value={s.department}
                          onChange={(v) => v && setStage(i, { department: v })}
                          allowDeselect={false}
                          searchable
                          comboboxProps={{ withinPortal: true }}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <NumberInput
                            size="xs"
                            w={80}
                            aria-label={`${t('settings.stage.limit')} ${i + 1} ${t('settings.stage.hours')}`}
                            min={0}
                            max={8760}
                            allowDecimal={false}
                            value={Math.floor(s.limitMinutes / 60)}
                            onChange={(v) => setStage(i, { limitMinutes: Math.max(1, Number(v || 0) * 60 + (s.limitMinutes % 60)) })}
                            rightSection={<Text size="xs" c="dimmed">{t('settings.stage.hours')}</Text>}
                            rightSectionWidth={40}
                          />
                          <NumberInput
                            size="xs"
                            w={80}
                            aria-label={`${t('settings.stage.limit')} ${i + 1} ${t('settings.stage.minutes')}`}
                            min={0}
                            max={59}
                            allowDecimal={false}
                            value={s.limitMinutes % 60}
                            onChange={(v) => setStage(i, { limitMinutes: Math.max(1, Math.floor(s.limitMinutes / 60) * 60 + Math.min(59, Number(v || 0))) })}
                            rightSection={<Text size="xs" c="dimmed">{t('settings.stage.minutes')}</Text>}
                            rightSectionWidth={40}
                          />
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {formatMinutes(s.limitMinutes)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Checkbox aria-label={`${t('settings.stage.required')} ${i + 1}`} checked={s.required} onChange={(e) => setStage(i, { required: e.currentTarget.checked })} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('settings.stage.up')} disabled={i === 0} onClick={() => move(i, -1)}>
                            <IconArrowUp size={14} />
                          </ActionIcon>
                          <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('settings.stage.down')} disabled={i === type.stages.length - 1} onClick={() => move(i, 1)}>
                            <IconArrowDown size={14} />
                          </ActionIcon>
                          <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('settings.stage.remove')} disabled={type.stages.length <= 1} onClick={() => setType({ stages: type.stages.filter((_, j) => j !== i) })}>
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Button
                size="compact-xs"
                variant="subtle"
                mt={4}
                leftSection={<IconPlus size={12} />}
                disabled={type.stages.length >= 20}
                onClick={() => setType({ stages: [...type.stages, { key: freshCode('stage', type.stages.map((s) => s.key)), name: '', department: departments[0] ?? OWNER_DEPARTMENT, limitMinutes: 450, required: true }] })}
              >
                {t('settings.stage.add')}
              </Button>
            </Card>
          )}
          <Grid mt="sm">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Card withBorder padding="sm">
                <Text fw={600} size="sm" mb={4}>
                  {t('settings.reasons')}
                </Text>
                <Table verticalSpacing={2} horizontalSpacing={6} aria-label={t('settings.reasons')}>
                  <Table.Tbody>
                    {draft.reasons.map((r, i) => (
                      <Table.Tr key={r.code}>
                        <Table.Td>
                          <TextInput size="xs" aria-label={`${t('settings.reasons')} ${i + 1}`} maxLength={40} value={r.name} onChange={(e) => setReason(i, { name: e.currentTarget.value })} error={err(`returnReasons.${i}.name`)} />
                        </Table.Td>
                        <Table.Td w={90}>
                          <Switch size="xs" label={t('settings.type.active')} checked={r.active} onChange={(e) => setReason(i, { active: e.currentTarget.checked })} />
                        </Table.Td>
                        <Table.Td w={36}>
                          {!r.saved && (
                            <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('settings.reason.remove')} onClick={() => setDraft({ ...draft, reasons: draft.reasons.filter((_, j) => j !== i) })}>
                              <IconTrash size={14} />
                            </ActionIcon>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  mt={4}
                  leftSection={<IconPlus size={12} />}
                  onClick={() => setDraft({ ...draft, reasons: [...draft.reasons, { code: freshCode('reason', draft.reasons.map((r) => r.code)), name: '', active: true, saved: false }] })}
                >
                  {t('settings.reason.add')}
                </Button>
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Card withBorder padding="sm">
                <Stack gap="xs">
                  <Select
                    label={t('settings.calendar')}
                    data={config.data.calendars.map((c) => ({ value: c.id, label: c.name }))}
                    value={draft.calendarId}
                    onChange={(v) => setDraft({ ...draft, calendarId: v })}
                    allowDeselect={false}
                    comboboxProps={{ withinPortal: true }}
                  />
                  <NumberInput
                    label={t('settings.warnAt')}
                    description={t('settings.warnAtHint')}
                    min={10}
                    max={99}
                    allowDecimal={false}
                    suffix="%"
                    value={draft.warnPercent}
                    onChange={(v) => setDraft({ ...draft, warnPercent: Math.min(99, Math.max(10, Number(v || 80))) })}
                  />
                </Stack>
              </Card>
            </Grid.Col>
          </Grid>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
