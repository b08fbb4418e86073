import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../../shared/contract';
import { call } from '../../api/client';

/** The care settings (days ahead, approval limit, holidays): rarely change. */
export function useCareSettings() {
  return useQuery({ queryKey: ['care.settings.get'], queryFn: () => call('care.settings.get', {}), staleTime: 60_000 });
}

/** One page of upcoming occasions with the page's filters. */
export function useUpcoming(input: InputOf<'care.upcoming'>, enabled = true) {
  // The lunar dates and holiday names come in the caller's language: one cache entry per language.
  const { i18n } = useTranslation();
  return useQuery({ queryKey: ['care.upcoming', input, i18n.language], queryFn: () => call('care.upcoming', input), placeholderData: keepPreviousData, enabled });
}

/** One page of care records; refreshed every minute so a leader's decision shows. */
export function useCareRecords(input: InputOf<'care.records.list'>, enabled = true) {
  return useQuery({
    queryKey: ['care.records.list', input],
    queryFn: () => call('care.records.list', input),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}

export function useCareEvent(id: string) {
  return useQuery({ queryKey: ['care.events.get', id], queryFn: () => call('care.events.get', { id }), enabled: !!id });
}

/** After any care write every care query may be stale (and the customer page shows care too). */
export function useInvalidateCare() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      predicate: (q) => typeof q.queryKey[0] === 'string' && (q.queryKey[0].startsWith('care.') || q.queryKey[0].startsWith('customers.get')),
    });
}
