import { Button, MultiSelect, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_STAGES,
  CUSTOMER_TYPES,
  GRADES,
  type CustomerFilter,
  type CustomerStage,
  type CustomerType,
  type Grade,
} from '../../../../../shared/contract/customer-common';
import { useHasRole } from '../../../app/auth/useSession';
import { useAccountManagers, useBranchSettings } from '../hooks';
import { activeFilterCount } from './filters';

type GradeFilter = Grade | 'none';

/** Tri-state select value for boolean filters. */
function boolValue(v: boolean | undefined): string | null {
  return v === undefined ? null : v ? 'yes' : 'no';
}
function toBool(v: string | null): boolean | undefined {
  return v === null ? undefined : v === 'yes';
}

/**
 * The server-side filters of the customer list. Every change goes straight to the server (the list
 * is never loaded whole); the owner filter is hidden in the pool view, where the owner is "nobody".
 */
export function FilterBar({
  filters,
  onChange,
  poolMode,
}: {
  filters: CustomerFilter;
  onChange: (next: CustomerFilter) => void;
  poolMode: boolean;
}) {
  const { t } = useTranslation();
  const branch = useBranchSettings();
  const seesBranch = useHasRole(['admin', 'leader', 'service_desk', 'staff']);
  const managers = useAccountManagers();
  const set = (patch: Partial<CustomerFilter>) => onChange({ ...filters, ...patch });

  const ownerOptions = [
    { value: 'me', label: t('customers.filters.ownerMe') },
    { value: 'pool', label: t('customers.filters.ownerPool') },
    ...(seesBranch ? (managers.data ?? []).map((u) => ({ value: u.id, label: u.displayName })) : []),
  ];
  const common = { size: 'xs' as const, clearable: true, comboboxProps: { withinPortal: true } };

  return (
    <>
      <MultiSelect
        {...common}
        w={128}
        aria-label={t('customers.fields.grade')}
        placeholder={filters.grade?.length ? undefined : t('customers.fields.grade')}
        data={[...GRADES, 'none'].map((g) => ({ value: g, label: t(`customers.grade.${g as GradeFilter}`) }))}
        value={filters.grade ?? []}
        onChange={(v) => set({ grade: v as GradeFilter[] })}
      />
      <MultiSelect
        {...common}
        w={128}
        aria-label={t('customers.fields.stage')}
        placeholder={filters.stage?.length ? undefined : t('customers.fields.stage')}
        data={CUSTOMER_STAGES.map((s) => ({ value: s, label: t(`customers.stage.${s}`) }))}
        value={filters.stage ?? []}
        onChange={(v) => set({ stage: v as CustomerStage[] })}
      />
      <MultiSelect
        {...common}
        w={128}
        aria-label={t('customers.fields.type')}
        placeholder={filters.type?.length ? undefined : t('customers.fields.type')}
        data={CUSTOMER_TYPES.map((s) => ({ value: s, label: t(`customers.type.${s}`) }))}
        value={filters.type ?? []}
        onChange={(v) => set({ type: v as CustomerType[] })}
      />
      <MultiSelect
        {...common}
        w={128}
        searchable
        aria-label={t('customers.fields.industry')}
        placeholder={filters.industry?.length ? undefined : t('customers.fields.industry')}
        data={branch.data?.industries ?? []}
        value={filters.industry ?? []}
        onChange={(v) => set({ industry: v })}
      />
      <MultiSelect
        {...common}
        w={128}
        searchable
        aria-label={t('customers.fields.region')}
        placeholder={filters.region?.length ? undefined : t('customers.fields.region')}
        data={branch.data?.regions ?? []}
        value={filters.region ?? []}
        onChange={(v) => set({ region: v })}
      />
      {!poolMode && (
        <Select
          {...common}
          w={130}
          searchable
          aria-label={t('customers.fields.owner')}
          placeholder={t('customers.fields.owner')}
          data={ownerOptions}
          value={filters.owner ?? null}
          onChange={(v) => set({ owner: v ?? undefined })}
        />
      )}
      <Select
        {...common}
        w={120}
        aria-label={t('customers.filters.key')}
        placeholder={t('customers.filters.key')}
        data={[
          { value: 'yes', label: t('customers.filters.keyYes') },
          { value: 'no', label: t('customers.filters.keyNo') },
        ]}
        value={boolValue(filters.isKey)}
        onChange={(v) => set({ isKey: toBool(v) })}
      />
      <Select
        {...common}
        w={120}
        aria-label={t('customers.filters.arrears')}
        placeholder={t('customers.filters.arrears')}
        data={[
          { value: 'yes', label: t('customers.filters.arrearsYes') },
          { value: 'no', label: t('customers.filters.arrearsNo') },
        ]}
        value={boolValue(filters.arrears)}
        onChange={(v) => set({ arrears: toBool(v) })}
      />
      {activeFilterCount(filters) > 0 && (
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={14} />}
          onClick={() => onChange({ query: filters.query, sort: filters.sort, dir: filters.dir })}
        >
          {t('customers.filters.clear')}
        </Button>
      )}
    </>
  );
}
