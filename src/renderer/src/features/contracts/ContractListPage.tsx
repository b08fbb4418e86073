import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, Button, CloseButton, Group, Select, Stack, Tabs, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import type { InputOf } from '../../../../shared/contract';
import { CONTRACT_SORTS } from '../../../../shared/contract/contracts';
import { CONTRACT_DISPLAY_STATUSES, type ContractDisplayStatus } from '../../../../shared/contract/order-common';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { parseMoney } from '../../components/forms/money';
import { useAccountManagers } from '../customers/hooks';
import { GreenTabs } from '../green/GreenTabs';
import { useContractList } from './hooks';
import { useContractsT, type ContractsKey } from './i18n';
import { useContractTable } from './ContractTable';

const PAGE_SIZE = 50;
type Sort = (typeof CONTRACT_SORTS)[number];

/** Tabs of the contracts section: the whole list and the expiring list. */
export function ContractsSectionTabs({ value }: { value: 'all' | 'expiring' }) {
  const t = useContractsT();
  const navigate = useNavigate();
  return (
    <Tabs value={value} onChange={(v) => navigate(v === 'expiring' ? '/green/contracts/expiring' : '/green/contracts')} mb="xs" variant="pills">
      <Tabs.List>
        <Tabs.Tab value="all" py={4} fz="sm" color="green">
          {t('tab.all')}
        </Tabs.Tab>
        <Tabs.Tab value="expiring" py={4} fz="sm" color="orange">
          {t('tab.expiring')}
        </Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}

/**
 * The contract list (合同台账): every contract in the caller's scope with server-side filters — shown status
 * (incl. 即将到期), owner, end-date range, amount range, a customer (from the 360 page) and a text search —
 * sort, paging and an export of the same list. Filters live in the address, so a link or Back keeps them.
 * N records a new contract, / jumps to the search box.
 */
export function ContractListPage() {
  const t = useContractsT();
  const navigate = useNavigate();
  const canCreate = useHasRole(['admin', 'leader', 'account_manager']);
  const isManager = useHasRole(['admin', 'leader', 'service_desk']);
  const managers = useAccountManagers();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('page');
    setParams(next, { replace: true });
  };
  const page = Number(get('page') ?? 1);
  const [search, setSearch] = useState(get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  useEffect(() => {
    if ((get('q') ?? '') !== debounced) set({ q: debounced || undefined });
    // Only when the typed search settles.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  const [minText, setMinText] = useState(() => (get('min') ? String(Number(get('min')) / 100) : ''));
  const [maxText, setMaxText] = useState(() => (get('max') ? String(Number(get('max')) / 100) : ''));
  const moneyParam = (text: string) => {
    const parsed = parseMoney(text);
    return parsed.problem || parsed.fen === null ? undefined : String(parsed.fen);
  };
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys([
    ['n', () => canCreate && navigate(get('customerId') ? `new?customerId=${get('customerId')}` : 'new')],
    ['/', () => searchRef.current?.focus()],
  ]);

  const status = (CONTRACT_DISPLAY_STATUSES as readonly string[]).includes(get('status') ?? '') ? (get('status') as ContractDisplayStatus) : undefined;
  const sort = (CONTRACT_SORTS as readonly string[]).includes(get('sort') ?? '') ? (get('sort') as Sort) : 'endDate';
  const filters: Omit<InputOf<'contracts.list'>, 'page' | 'pageSize'> = {
    query: get('q') ?? '',
    sort,
    ...(status && { displayStatus: status }),
    ...(get('customerId') && { customerId: get('customerId') }),
    ...(get('owner') && { ownerId: get('owner') }),
    ...(get('endFrom') && { endFrom: get('endFrom') }),
    ...(get('endTo') && { endTo: get('endTo') }),
    ...(get('min') && { amountMinFen: Number(get('min')) }),
    ...(get('max') && { amountMaxFen: Number(get('max')) }),
  };
  const list = useContractList({ ...filters, page, pageSize: PAGE_SIZE });
  const customer = useQuery({
    queryKey: ['customers.get', get('customerId')],
    queryFn: () => call('customers.get', { id: get('customerId')! }),
    enabled: !!get('customerId'),
    select: (d) => d.customer.name,
  });
  const filtered = [...params.keys()].some((k) => k !== 'page' && k !== 'sort');
  const { table, picker } = useContractTable({
    listKey: 'contracts.list',
    rows: list.data?.rows ?? [],
    total: list.data?.total ?? 0,
    page,
    pageSize: PAGE_SIZE,
    onPageChange: (p) => {
      const next = new URLSearchParams(params);
      next.set('page', String(p));
      setParams(next, { replace: true });
    },
    fetching: list.isFetching && !list.data,
    empty: t('list.empty'),
    reminderDays: list.data?.reminderDays ?? 60,
  });

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('module.title')}
        description={t('module.description')}
        actions={
          <>
            {picker}
            <ExportButton load={() => call('contracts.list.export', filters)} done={(count) => t('list.exported', { count })}>
              {t('list.export')}
            </ExportButton>
            {canCreate && (
              <Button
                size="xs"
                color="green"
                leftSection={<IconPlus size={14} />}
                onClick={() => navigate(get('customerId') ? `new?customerId=${get('customerId')}` : 'new')}
              >
                {t('list.new')}
              </Button>
            )}
          </>
        }
      />
      <GreenTabs />
      <ContractsSectionTabs value="all" />
      <Group gap={6} mb="xs" wrap="wrap" align="flex-end">
        <TextInput
          ref={searchRef}
          size="xs"
          w={200}
          leftSection={<IconSearch size={14} />}
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          maxLength={100}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Select
          size="xs"
          w={120}
          clearable
          placeholder={t('list.filter.status')}
          aria-label={t('list.filter.status')}
          data={CONTRACT_DISPLAY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as ContractsKey) }))}
          value={status ?? null}
          onChange={(v) => set({ status: v ?? undefined })}
        />
        {isManager && (
          <Select
            size="xs"
            w={110}
            clearable
            searchable
            placeholder={t('list.filter.owner')}
            aria-label={t('list.filter.owner')}
            data={(managers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            value={get('owner') ?? null}
            onChange={(v) => set({ owner: v ?? undefined })}
          />
        )}
        <TextInput
          size="xs"
          w={128}
          type="date"
          aria-label={t('list.filter.endFrom')}
          title={t('list.filter.endFrom')}
          value={get('endFrom') ?? ''}
          onChange={(e) => set({ endFrom: e.currentTarget.value || undefined })}
        />
        <TextInput
          size="xs"
          w={128}
          type="date"
          aria-label={t('list.filter.endTo')}
          title={t('list.filter.endTo')}
          value={get('endTo') ?? ''}
          onChange={(e) => set({ endTo: e.currentTarget.value || undefined })}
        />
        <TextInput
          size="xs"
          w={104}
          inputMode="decimal"
          placeholder={t('list.filter.amountMin')}
          aria-label={t('list.filter.amountMin')}
          value={minText}
          onChange={(e) => setMinText(e.currentTarget.value)}
          onBlur={() => set({ min: moneyParam(minText) })}
          onKeyDown={(e) => e.key === 'Enter' && set({ min: moneyParam(minText) })}
        />
        <TextInput
          size="xs"
          w={104}
          inputMode="decimal"
          placeholder={t('list.filter.amountMax')}
          aria-label={t('list.filter.amountMax')}
          value={maxText}
          onChange={(e) => setMaxText(e.currentTarget.value)}
          onBlur={() => set({ max: moneyParam(maxText) })}
          onKeyDown={(e) => e.key === 'Enter' && set({ max: moneyParam(maxText) })}
        />
        <Select
          size="xs"
          w={140}
          aria-label={t('list.sort')}
          data={CONTRACT_SORTS.map((s) => ({ value: s, label: t(`sort.${s}` as ContractsKey) }))}
          value={sort}
          onChange={(v) => set({ sort: v && v !== 'endDate' ? v : undefined })}
          allowDeselect={false}
        />
        {get('customerId') && (
          <Badge
            variant="light"
            color="green"
            size="lg"
            radius="sm"
            tt="none"
            fw={500}
            rightSection={<CloseButton size="xs" aria-label={t('list.filter.clear')} onClick={() => set({ customerId: undefined })} />}
          >
            <Link to={`/customers/${get('customerId')}`}>{t('list.filter.customer')}：{customer.data ?? '…'}</Link>
          </Badge>
        )}
        {filtered && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            onClick={() => {
              setSearch('');
              setMinText('');
              setMaxText('');
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            {t('list.filter.clear')}
          </Button>
        )}
      </Group>
      {table}
    </Stack>
  );
}
