import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerFilter } from '../../../../shared/contract/customer-common';
import { call } from '../../api/client';

/** The list's input: filters + paging, exactly what customers.list takes. */
export type ListInput = CustomerFilter & { page: number; pageSize: number };

/** One page of the customer list; the previous page stays on screen while the next loads. */
export function useCustomerList(input: ListInput, enabled = true) {
  return useQuery({
    queryKey: ['customers.list', input],
    queryFn: () => call('customers.list', input),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 5_000,
    // While a big bills import's figures are refreshed in the background, the page follows them.
    refetchInterval: (query) => (query.state.data?.cachesRefreshing ? 3_000 : false),
  });
}

/** The 360 view of one customer. */
export function useCustomer360(id: string) {
  return useQuery({
    queryKey: ['customers.get', id],
    queryFn: () => call('customers.get', { id }),
    staleTime: 5_000,
  });
}

/** Active account managers for owner filters and transfer targets. */
export function useAccountManagers() {
  return useQuery({
    queryKey: ['users.options', 'account_manager'],
    queryFn: () => call('users.options', { role: 'account_manager' }),
    staleTime: 60_000,
  });
}

/** Regions and industries configured for the branch (filter and form choices). */
export function useBranchSettings() {
  return useQuery({
    queryKey: ['settings.getBranch'],
    queryFn: () => call('settings.getBranch', {}),
    staleTime: 60_000,
  });
}

export function useCustomerSettings() {
  return useQuery({
    queryKey: ['customers.settings.get'],
    queryFn: () => call('customers.settings.get', {}),
    staleTime: 60_000,
  });
}

/** After any customer write: lists, 360 views, warnings and logs may all have changed. */
export function useInvalidateCustomers() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('customers.'),
    });
}
