import { useCallback, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { uuidv7 } from '../../../../shared/uuid';
import { allowLeaving } from './unsaved';

interface SubmitOnceOptions<TVars, TData> {
  /** The call; `idempotencyKey` is the key of this intent (pass it to `call` for create methods). */
  mutationFn: (vars: TVars, idempotencyKey: string) => Promise<TData>;
  onSuccess?: (data: TData, vars: TVars) => void;
  onError?: (error: unknown, vars: TVars) => void;
}

/**
 * A form's submit that happens once per intent: a second submit while the first is in flight (double
 * click, Enter pressed twice) is ignored, and every attempt of one intent carries the same idempotency
 * key, so a retry after a lost answer creates nothing twice. The key is renewed after a success or when
 * the form is reset for a new record (`renewKey`), or taken from a restored draft (`resumeKey`).
 */
export function useSubmitOnce<TVars = void, TData = unknown>(options: SubmitOnceOptions<TVars, TData>) {
  const [idempotencyKey, setKey] = useState(() => uuidv7());
  const keyRef = useRef(idempotencyKey);
  // A ref, not isPending: two submits in the same tick both see isPending false.
  const inFlight = useRef(false);
  const setKeyNow = useCallback((key: string) => {
    keyRef.current = key;
    setKey(key);
  }, []);
  const mutation = useMutation({
    mutationFn: (vars: TVars) => options.mutationFn(vars, keyRef.current),
    onSuccess: (data, vars) => {
      setKeyNow(uuidv7());
      allowLeaving();
      options.onSuccess?.(data, vars);
    },
    onError: (error, vars) => options.onError?.(error, vars),
    onSettled: () => {
      inFlight.current = false;
    },
  });
  const { mutate } = mutation;
  const submit = useCallback(
    (vars: TVars) => {
      if (inFlight.current) return;
      inFlight.current = true;
      mutate(vars);
    },
    [mutate],
  );
  return {
    submit,
    isPending: mutation.isPending,
    error: mutation.error,
    reset: mutation.reset,
    /** The key this intent's calls carry (kept in a draft so a restored form keeps its intent). */
    idempotencyKey,
    /** A new record: a new key. */
    renewKey: useCallback(() => setKeyNow(uuidv7()), [setKeyNow]),
    /** Continue an earlier intent (a restored draft) with its key. */
    resumeKey: setKeyNow,
  };
}
