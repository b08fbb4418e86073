import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { QueueView } from '../../../../shared/contract/ticket-common';
import { call } from '../../api/client';

/** One page of a queue view; refreshed every 30 s so new tickets and changed due times show up. */
export function useQueue(view: QueueView, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['tickets.queue', view, page, pageSize],
    queryFn: () => call('tickets.queue', { view, page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useQueueCounts() {
  return useQuery({ queryKey: ['tickets.queueCounts'], queryFn: () => call('tickets.queueCounts', {}), refetchInterval: 30_000 });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: ['tickets.get', id], queryFn: () => call('tickets.get', { id }), refetchInterval: 60_000 });
}

/** Categories, departments, assignees and the priority matrix (rarely change). */
export function useTicketConfig() {
  return useQuery({ queryKey: ['tickets.config'], queryFn: () => call('tickets.config', {}), staleTime: 60_000 });
}

/** After any ticket write every ticket query may be stale. */
export function useInvalidateTickets() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('tickets.') });
}

/**
 * Sends due SLA warnings and escalations once a minute while a red-channel page is open (the server
 * makes it idempotent, so several open clients are harmless).
 */
export function useEscalationTick() {
  useEffect(() => {
    const run = () => void call('tickets.runEscalation', {}).catch(() => undefined);
    run();
    const timer = window.setInterval(run, 60_000);
    return () => window.clearInterval(timer);
  }, []);
}
