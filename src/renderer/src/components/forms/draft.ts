import { useCallback, useMemo } from 'react';
import { useSessionState } from '../../app/auth/useSession';

/** A form's saved draft: what was typed, when, and the intent's idempotency key. */
export interface Draft<T> {
  values: T;
  savedAt: string;
  idempotencyKey?: string;
}

const PREFIX = 'kam.draft';

/**
 * The local draft of a long form (ticket intake, customer profile), so typed work survives a reload
 * or a crash: kept in localStorage per user, form and record ('new' for a record not yet created).
 * `enabled` false switches it off (a closed dialog). The form reads it when it opens, writes it while it
 * has changes, and clears it on save or discard.
 */
export function useFormDraft<T>(form: string, recordId: string | null | undefined, enabled = true) {
  const { session } = useSessionState();
  const storageKey = enabled && session ? `${PREFIX}.${session.user.id}.${form}.${recordId ?? 'new'}` : null;
  const read = useCallback((): Draft<T> | null => {
    if (!storageKey) return null;
    try {
      const raw = window.localStorage.getItem(storageKey);
      const draft = raw ? (JSON.parse(raw) as Draft<T>) : null;
      return draft && typeof draft.savedAt === 'string' && draft.values ? draft : null;
    } catch {
      return null;
    }
  }, [storageKey]);
  const write = useCallback(
    (values: T, idempotencyKey?: string) => {
      if (!storageKey) return;
      try {
        const draft: Draft<T> = { values, savedAt: new Date().toISOString(), idempotencyKey };
        window.localStorage.setItem(storageKey, JSON.stringify(draft));
      } catch {
        // Storage full or unavailable: the unsaved-changes guard still asks before leaving.
      }
    },
    [storageKey],
  );
  const clear = useCallback(() => {
    if (!storageKey) return;
    try {
      window.localStorage.removeItem(storageKey);
    } catch {
      // Nothing stored.
    }
  }, [storageKey]);
  return useMemo(() => ({ read, write, clear, enabled: !!storageKey }), [read, write, clear, storageKey]);
}
