import { useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../../../shared/roles';
import { call } from '../../api/client';
import { sessionStore, type Session, type SessionState } from '../../api/session';

/** The session state (re-renders when it changes). */
export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/** The signed-in session; only valid under RequireSession. */
export function useSession(): Session {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession used outside a signed-in route');
  return session;
}

/** Whether the signed-in user has one of the roles (for showing or hiding actions; the server decides). */
export function useHasRole(roles: readonly Role[]): boolean {
  const { session } = useSessionState();
  return !!session && roles.includes(session.user.role);
}

/** First-run flag and branch name, public. */
export function useAuthStatus() {
  return useQuery({ queryKey: ['auth.status'], queryFn: () => call('auth.status', {}), staleTime: 60_000 });
}
