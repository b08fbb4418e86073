import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';

/** Picks the parent group customer (集团) by typing part of its name; the server does the search. */
export function ParentPicker({
  value,
  initialLabel,
  excludeId,
  error,
  onChange,
}: {
  value: string | null;
  initialLabel: string | null;
  excludeId?: string;
  error?: React.ReactNode;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const hits = useQuery({
    queryKey: ['customers.lookup', debounced],
    queryFn: () => call('customers.lookup', { query: debounced, limit: 20 }),
    enabled: debounced.length >= 1,
    staleTime: 10_000,
  });
  const options = (hits.data ?? [])
    .filter((h) => h.id !== excludeId)
    .map((h) => ({ value: h.id, label: h.name }));
  const current =
    picked && picked.value === value ? picked : value && initialLabel ? { value, label: initialLabel } : null;
  const data = current && !options.some((o) => o.value === current.value) ? [current, ...options] : options;
  return (
    <Select
      label={t('customers.fields.parent')}
      placeholder={t('customers.form.parentPlaceholder')}
      searchable
      clearable
      filter={({ options: o }) => o}
      data={data}
      value={value}
      error={error}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={debounced ? t('customers.form.nothingFound') : undefined}
      onChange={(v, option) => {
        setPicked(v && option ? { value: v, label: option.label } : null);
        onChange(v);
      }}
    />
  );
}
