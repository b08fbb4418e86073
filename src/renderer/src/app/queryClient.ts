import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { sessionStore } from '../api/session';

/** Server state lives here. The server's answers are definitive, so only network trouble is retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => !(error instanceof ApiError && error.code !== 'INTERNAL') && failures < 1,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});

// A different user must never see the previous user's cached data.
let lastToken = sessionStore.token();
sessionStore.subscribe(() => {
  const token = sessionStore.token();
  if (token !== lastToken) {
    lastToken = token;
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth.status' });
  }
});
