import type { User } from '../../../shared/contract/auth';

/**
 * The signed-in session, kept outside React so the API client can end it (on UNAUTHENTICATED) and
 * every component sees the change. The token lives in sessionStorage: a reload keeps you signed in,
 * closing the window does not.
 */
export interface Session {
  token: string;
  user: User;
}

export interface SessionState {
  session: Session | null;
  /** Why the last session ended (the server's message), shown once on the login page. */
  notice: string | null;
}

const STORAGE_KEY = 'kam.session';
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    return typeof parsed.token === 'string' && parsed.user ? (parsed as Session) : null;
  } catch {
    return null;
  }
}

let state: SessionState = { session: load(), notice: null };

function emit(next: SessionState) {
  state = next;
  try {
    if (next.session) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next.session));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be unavailable (private mode); the session then lasts until reload.
  }
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get: (): SessionState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  token: (): string | null => state.session?.token ?? null,
  signIn(session: Session) {
    emit({ session, notice: null });
  },
  updateUser(user: User) {
    if (state.session) emit({ ...state, session: { ...state.session, user } });
  },
  /** Ends the session; `notice` explains why on the login page (e.g. expired after inactivity). */
  end(notice: string | null = null) {
    emit({ session: null, notice });
  },
  clearNotice() {
    if (state.notice) emit({ ...state, notice: null });
  },
};
