import { useState } from 'react';
import { Button, Group, NumberInput, Paper, Select, TextInput } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ParamSpec, ReportInfo } from '../../../../shared/contract/reports';
import type { ParamValues, ReportOptions } from './params';

function optionsFor(spec: ParamSpec, options: ReportOptions) {
  switch (spec.kind) {
    case 'region':
      return options.regions;
    case 'industry':
      return options.industries;
    case 'grade':
      return options.grades;
    case 'manager':
      return options.managers;
    case 'evaluationRun':
      return options.evaluationRuns;
    default:
      return [];
  }
}

/** The report's conditions, one widget per parameter kind; Enter or the button runs the report. */
export function ParamForm({
  info,
  options,
  values,
  busy,
  onRun,
}: {
  info: ReportInfo;
  options: ReportOptions;
  values: ParamValues;
  busy: boolean;
  onRun: (values: ParamValues) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ParamValues>(values);
  const set = (key: string, value: string | number | null) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <Paper withBorder p="sm" radius="sm" className="kam-no-print">
      <form
        aria-label={t('reports.conditions')}
        onSubmit={(e) => {
          e.preventDefault();
          onRun(draft);
        }}
      >
        <Group align="flex-end" gap="sm">
          {info.params.map((spec) => {
            const value = draft[spec.key] ?? null;
            if (spec.kind === 'month') {
              return (
                <TextInput
                  key={spec.key}
                  type="month"
                  label={spec.label}
                  required={spec.required}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => set(spec.key, e.currentTarget.value || null)}
                  w={150}
                />
              );
            }
            if (spec.kind === 'limit') {
              return (
                <NumberInput
                  key={spec.key}
                  label={spec.label}
                  min={10}
                  max={5000}
                  step={50}
                  value={typeof value === 'number' ? value : 200}
                  onChange={(v) => set(spec.key, typeof v === 'number' ? v : Number(v) || null)}
                  w={110}
                />
              );
            }
            return (
              <Select
                key={spec.key}
                label={spec.label}
                placeholder={t('reports.all')}
                data={optionsFor(spec, options)}
                value={typeof value === 'string' ? value : null}
                onChange={(v) => set(spec.key, v)}
                clearable
                searchable
                w={spec.kind === 'evaluationRun' ? 200 : 150}
              />
            );
          })}
          <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={busy}>
            {t('reports.run')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
