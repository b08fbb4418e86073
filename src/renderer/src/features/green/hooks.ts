import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../../shared/contract';
import type { OrderQueueView } from '../../../../shared/contract/orders';
import { call } from '../../api/client';

/** One page of orders.list with the list's filters; refreshed every 60 s so moved orders show. */
export function useOrderList(input: InputOf<'orders.list'>) {
  return useQuery({
    queryKey: ['orders.list', input],
    queryFn: () => call('orders.list', input),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** One page of a queue view; refreshed every 30 s so new stages and changed due times show up. */
export function useOrderQueue(view: OrderQueueView, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['orders.queue', view, page, pageSize],
    queryFn: () => call('orders.queue', { view, page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useOrderQueueCounts() {
  return useQuery({ queryKey: ['orders.queue.counts'], queryFn: () => call('orders.queue.counts', {}), refetchInterval: 30_000 });
}

export function useOrder(id: string) {
  const { i18n } = useTranslation();
  // Event titles and reason names come in the caller's language.
  return useQuery({ queryKey: ['orders.get', id, i18n.language], queryFn: () => call('orders.get', { id }), refetchInterval: 60_000 });
}

/** Business types with their templates, return reasons, departments (rarely change). */
export function useOrdersConfig() {
  const { i18n } = useTranslation();
  return useQuery({ queryKey: ['orders.config.get', i18n.language], queryFn: () => call('orders.config.get', {}), staleTime: 60_000 });
}

/** After any order write every order query may be stale (and the customer page shows orders too). */
export function useInvalidateOrders() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      predicate: (q) => typeof q.queryKey[0] === 'string' && (q.queryKey[0].startsWith('orders.') || q.queryKey[0].startsWith('customers.')),
    });
}

/**
 * Sends due stage warnings and escalations once a minute while a green-channel page is open (the server
 * makes it idempotent, so several open clients are harmless), as the red channel does.
 */
export function useOrderEscalationTick() {
  useEffect(() => {
    const run = () => void call('orders.runEscalation', {}).catch(() => undefined);
    run();
    const timer = window.setInterval(run, 60_000);
    return () => window.clearInterval(timer);
  }, []);
}
