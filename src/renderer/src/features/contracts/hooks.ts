import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../../shared/contract';
import { call } from '../../api/client';

/** One page of the contract list with its filters. */
export function useContractList(input: InputOf<'contracts.list'>) {
  return useQuery({ queryKey: ['contracts.list', input], queryFn: () => call('contracts.list', input), placeholderData: keepPreviousData });
}

/** One page of the expiring list (signed contracts ending within `days`). */
export function useExpiring(input: InputOf<'contracts.expiring'>) {
  return useQuery({ queryKey: ['contracts.expiring', input], queryFn: () => call('contracts.expiring', input), placeholderData: keepPreviousData });
}

export function useContract(id: string) {
  // The timeline's lines come in the caller's language: one cache entry per language.
  const { i18n } = useTranslation();
  // Refreshed every minute: the background pass may have sent the renewal reminder meanwhile.
  return useQuery({ queryKey: ['contracts.get', id, i18n.language], queryFn: () => call('contracts.get', { id }), enabled: !!id, refetchInterval: 60_000 });
}

/** A customer's contract value and contracts, for the 360 page. */
export function useContractSummary(customerId: string, enabled = true) {
  return useQuery({ queryKey: ['contracts.summary', customerId], queryFn: () => call('contracts.summary', { customerId }), enabled });
}

/** After any contract write every contract query may be stale (and the home tile, and the 360 card). */
export function useInvalidateContracts() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('contracts.') });
}
