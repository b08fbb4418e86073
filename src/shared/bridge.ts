import type { InputOf, MethodName, OutputOf } from './contract';
import type { RpcResult } from './errors';
import type { Locale } from './locale';

/** Per-call facts a client sends with every method: the session token and the UI language. */
export interface CallMeta {
  token?: string | null;
  locale?: Locale;
  /**
   * One key per user intent (a form's submit), so a double submit or a retried call creates one record:
   * the API answers a repeated key with the first call's result (issue #21).
   */
  idempotencyKey?: string;
}

/**
 * The typed API the renderer sees as `window.kam` (desktop, via the preload) and builds over fetch in
 * browser mode: one function per contract method. Derived from the contract, never written by hand.
 */
export type KamBridge = {
  [M in MethodName]: (input: InputOf<M>, meta?: CallMeta) => Promise<RpcResult<OutputOf<M>>>;
};
