import { useState } from 'react';
import { Alert, Badge, Button, Group, Progress, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../shared/contract';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { MoneyInput } from '../../components/forms/MoneyInput';
import { fenToYuanText, parseMoney } from '../../components/forms/money';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { todayShanghai } from '../contracts/ContractActionModal';
import { Money } from '../customers/Money';
import { useAccountManagers } from '../customers/hooks';
import { CarePage } from './CareNav';
import { useInvalidateCare } from './hooks';
import { useCareT } from './i18n';

type BudgetRow = OutputOf<'care.budgets.list'>['rows'][number];

/**
 * 礼品预算: each account manager's yearly gift budget with what approved and recorded care has spent, what
 * waits for approval and what is left, as a bar; over budget is said in words, not only in red. A leader
 * sets the budgets (an account manager sees his own).
 */
export function BudgetsPage() {
  const t = useCareT();
  const isLeader = useHasRole(['admin', 'leader']);
  const managers = useAccountManagers();
  const thisYear = Number(todayShanghai().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<BudgetRow | null>(null);
  const budgets = useQuery({ queryKey: ['care.budgets.list', year], queryFn: () => call('care.budgets.list', { year }) });

  // A leader sees every account manager, also those without a budget yet, so one can be set.
  const given = budgets.data?.rows ?? [];
  const rows: BudgetRow[] = isLeader
    ? [
        ...given,
        ...(managers.data ?? [])
          .filter((m) => !given.some((r) => r.ownerId === m.id))
          .map((m) => ({ ownerId: m.id, ownerName: m.displayName, year, budgetFen: 0, spentFen: 0, pendingFen: 0, remainingFen: 0 })),
      ]
    : given;
  const sum = (f: (r: BudgetRow) => number) => rows.reduce((s, r) => s + f(r), 0);

  return (
    <CarePage
      actions={
        <Select
          size="xs"
          w={110}
          allowDeselect={false}
          aria-label={t('budgets.year')}
          data={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: String(y) }))}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
        />
      }
    >
      {budgets.isError && <Alert color="red">{t('budgets.loadFailed')}</Alert>}
      {budgets.data && rows.length === 0 && (
        <Alert color="gray" variant="light">
          {t('budgets.empty', { year })}
        </Alert>
      )}
      {rows.length > 0 && (
        <Table withTableBorder striped highlightOnHover verticalSpacing={6} fz="sm" aria-label={t('nav.budgets')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>{t('budgets.col.owner')}</Table.Th>
              <Table.Th ta="right">{t('budgets.col.budget')}</Table.Th>
              <Table.Th ta="right">{t('budgets.col.spent')}</Table.Th>
              <Table.Th ta="right">{t('budgets.col.pending')}</Table.Th>
              <Table.Th ta="right">{t('budgets.col.remaining')}</Table.Th>
              <Table.Th w="30%">{t('budgets.col.usage')}</Table.Th>
              {isLeader && <Table.Th w={100} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <BudgetLine key={r.ownerId} row={r} onEdit={isLeader ? () => setEditing(r) : undefined} />
            ))}
          </Table.Tbody>
          {rows.length > 1 && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('budgets.total')}</Table.Th>
                <Table.Th ta="right">
                  <Money fen={sum((r) => r.budgetFen)} fw={600} />
                </Table.Th>
                <Table.Th ta="right">
                  <Money fen={sum((r) => r.spentFen)} fw={600} />
                </Table.Th>
                <Table.Th ta="right">
                  <Money fen={sum((r) => r.pendingFen)} fw={600} />
                </Table.Th>
                <Table.Th ta="right">
                  <Money fen={sum((r) => r.remainingFen)} fw={600} />
                </Table.Th>
                <Table.Th />
                {isLeader && <Table.Th />}
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      )}
      <BudgetModal row={editing} year={year} onClose={() => setEditing(null)} />
    </CarePage>
  );
}

function BudgetLine({ row, onEdit }: { row: BudgetRow; onEdit?: () => void }) {
  const t = useCareT();
  const used = row.spentFen + row.pendingFen;
  // Over budget: what is spent passed the budget (the remainder below zero says the same for the server).
  const over = row.remainingFen < 0 || (row.budgetFen > 0 && row.spentFen > row.budgetFen);
  const spentPct = row.budgetFen > 0 ? Math.min(100, (row.spentFen / row.budgetFen) * 100) : 0;
  const pendingPct = row.budgetFen > 0 ? Math.min(100 - spentPct, (row.pendingFen / row.budgetFen) * 100) : 0;
  return (
    <Table.Tr>
      <Table.Td>{row.ownerName ?? '—'}</Table.Td>
      <Table.Td ta="right">{row.budgetFen > 0 ? <Money fen={row.budgetFen} /> : <Text size="sm" c="dimmed">{t('budgets.noBudget')}</Text>}</Table.Td>
      <Table.Td ta="right">
        <Money fen={row.spentFen} />
      </Table.Td>
      <Table.Td ta="right">
        <Money fen={row.pendingFen} />
      </Table.Td>
      <Table.Td ta="right">
        <Money fen={row.remainingFen} danger={row.remainingFen < 0} fw={row.remainingFen < 0 ? 600 : undefined} />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Progress.Root size="lg" style={{ flex: 1 }} aria-label={`${t('budgets.col.usage')} ${row.ownerName ?? ''}`}>
            <Progress.Section value={spentPct} color={over ? 'red' : 'yellow'} />
            <Progress.Section value={pendingPct} color="orange.2" />
          </Progress.Root>
          <Text size="xs" c="dimmed" w={44} ta="right" className="kam-num">
            {row.budgetFen > 0 ? `${Math.round((used / row.budgetFen) * 100)}%` : '—'}
          </Text>
          {over && (
            <Badge color="red" variant="filled" radius="sm">
              {t('budgets.over')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      {onEdit && (
        <Table.Td ta="right">
          <Button size="compact-xs" variant="light" color="yellow" onClick={onEdit} aria-label={`${t('budgets.set')} ${row.ownerName ?? ''}`}>
            {t('budgets.set')}
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** A leader sets one account manager's budget for the year shown. */
function BudgetModal({ row, year, onClose }: { row: BudgetRow | null; year: number; onClose: () => void }) {
  const t = useCareT();
  const { t: tApp } = useTranslation();
  const invalidate = useInvalidateCare();
  const [amount, setAmount] = useState('');
  const [shownFor, setShownFor] = useState<BudgetRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Each opening starts from that person's current budget.
  if (row !== shownFor) {
    setShownFor(row);
    setAmount(row && row.budgetFen > 0 ? fenToYuanText(row.budgetFen) : '');
    setError(null);
  }
  const save = useSubmitOnce({
    mutationFn: () => call('care.budgets.set', { ownerId: row!.ownerId, year, budgetFen: parseMoney(amount).fen ?? 0 }),
    onSuccess: () => {
      notifySuccess(t('budgets.saved'));
      void invalidate();
      onClose();
    },
    onError: (e) => setError(fieldErrors(e).budgetFen ?? errorMessage(e)),
  });
  const go = () => {
    const parsed = parseMoney(amount);
    if (parsed.problem) setError(tApp(parsed.problem));
    else if (parsed.fen === null) setError(t('form.required'));
    else save.submit();
  };
  const dirty = !!row && amount !== (row.budgetFen > 0 ? fenToYuanText(row.budgetFen) : '');
  return (
    <GuardedModal opened={!!row} dirty={dirty} onClose={onClose} title={row ? t('budgets.setTitle', { name: row.ownerName ?? '', year }) : ''} size={420}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <Stack gap="sm">
          <MoneyInput label={t('budgets.amount')} required data-autofocus value={amount} onChange={setAmount} error={error} />
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color="yellow" loading={save.isPending}>
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
