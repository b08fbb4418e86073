import type { KamBridge, CallMeta } from '../../../shared/bridge';
import type { InputOf, MethodName, OutputOf } from '../../../shared/contract';
import type { ErrorCode, FieldIssue, RpcResult } from '../../../shared/errors';
import { currentLocale, i18n } from '../i18n';
import { sessionStore } from './session';

/** A failed API call: the server's code, its message (already in the UI language) and field issues. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function fetchTransport(method: string, input: unknown, meta: CallMeta): Promise<RpcResult<unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (meta.token) headers.authorization = `Bearer ${meta.token}`;
  if (meta.locale) headers['x-kam-locale'] = meta.locale;
  if (meta.idempotencyKey) headers['idempotency-key'] = meta.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`/rpc/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: i18n.t('errors.network') } };
  }
  try {
    return (await response.json()) as RpcResult<unknown>;
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: i18n.t('errors.badResponse', { status: response.status }) },
    };
  }
}

function buildFetchBridge(): KamBridge {
  // One function per method, created on first use; the contract's types make it a KamBridge.
  return new Proxy({} as KamBridge, {
    get: (_target, name) =>
      typeof name === 'string'
        ? (input: unknown, meta?: CallMeta) => fetchTransport(name, input, meta ?? {})
        : undefined,
  });
}

/** The typed API: the desktop preload's `window.kam` when present, otherwise HTTP to the browser transport. */
export const api: KamBridge = window.kam ?? buildFetchBridge();

export interface CallOptions {
  /** One key per intent (a create form's submit): a repeated call with it returns the first result. */
  idempotencyKey?: string;
}

/**
 * Calls a method with the current session and language and unwraps the result. Throws ApiError; an
 * UNAUTHENTICATED answer to a signed-in call ends the session, and the login page shows why.
 */
export async function call<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  options: CallOptions = {},
): Promise<OutputOf<M>> {
  const token = sessionStore.token();
  const invoke = api[method] as (input: InputOf<M>, meta?: CallMeta) => Promise<RpcResult<OutputOf<M>>>;
  const meta: CallMeta = { token, locale: currentLocale() };
  if (options.idempotencyKey) meta.idempotencyKey = options.idempotencyKey;
  const result = await invoke(input, meta);
  if (result.ok) return result.data;
  const { code, message, issues } = result.error;
  if (code === 'UNAUTHENTICATED' && token && sessionStore.token() === token) sessionStore.end(message);
  throw new ApiError(code, message, issues ?? []);
}

/** The message to show for anything a call may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Field errors of a VALIDATION answer, keyed by the top-level field name, for a form's setErrors. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const issue of error.issues) {
    const field = issue.path.split('.')[0];
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}
