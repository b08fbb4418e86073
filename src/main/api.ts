import { ZodError } from 'zod';
import { contract, type MethodName } from '../shared/contract';
import { AppError, type FieldIssue, type RpcResult, type WireError } from '../shared/errors';
import { DEFAULT_LOCALE, type Locale } from '../shared/locale';
import type { CallMeta } from '../shared/bridge';

export type { CallMeta };
import { isMessageKey, translate } from '../shared/messages';
import { issueMessage } from '../shared/validation';
import type { Actor, Runtime, ServiceContext } from './services/context';
import { handlers, type Handler, type HandlerEntry } from './services';
import { resolveSession } from './services/auth/sessions';
import { idempotencySlot, isValidIdempotencyKey, recallResult, rememberResult } from './services/idempotency';

export interface Api {
  call(method: string, input: unknown, meta?: CallMeta): Promise<RpcResult<unknown>>;
  runtime: Runtime;
}


function entryOf(name: MethodName): HandlerEntry<MethodName> {
  const entry = handlers[name] as Handler<MethodName> | HandlerEntry<MethodName>;
  return typeof entry === 'function' ? { handler: entry } : entry;
}

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

/** Each zod issue in the user's words, as shown under its field (src/shared/validation.ts). */
function fieldIssues(error: ZodError, method: string, input: unknown, locale: Locale): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issueMessage(issue, method, input, locale, false),
  }));
}

/** Turns anything thrown into the wire error, in the caller's language. Unknown errors are logged. */
export function toWireError(error: unknown, locale: Locale, method: string, input?: unknown): WireError {
  if (error instanceof AppError) {
    const key = isMessageKey(error.key) ? error.key : `error.${error.code}`;
    return { code: error.code, message: translate(key, locale, error.params) };
  }
  if (error instanceof ZodError) {
    const issues = fieldIssues(error, method, input, locale);
    // The summary names each field, as the form labels it.
    const sentences = error.issues.map((issue) => issueMessage(issue, method, input, locale));
    const details = [...new Set(sentences)].join(locale === 'en' ? '; ' : '；');
    return { code: 'VALIDATION', message: translate('valid.summary', locale, { details }), issues };
  }
  console.error(`[api] ${method} failed`, error);
  return { code: 'INTERNAL', message: translate('error.INTERNAL', locale) };
}

/**
 * The transport-agnostic API server: resolves the session, checks the caller's role, validates the
 * input with the method's zod schema, runs the handler in one transaction and validates the output.
 */
export function createApi(runtime: Runtime): Api {
  const sqlite = runtime.store.sqlite;
  /** Guarded async calls under way, so a repeat that arrives meanwhile waits for the first one's answer. */
  const inFlight = new Map<string, Promise<RpcResult<unknown>>>();

  async function call(method: string, rawInput: unknown, meta: CallMeta = {}): Promise<RpcResult<unknown>> {
    const locale = meta.locale ?? DEFAULT_LOCALE;
    try {
      if (!isMethod(method)) throw new AppError('NOT_FOUND', 'error.unknownMethod', { method });
      const def = contract[method];

      let actor: Actor | null = null;
      if (meta.token) {
        try {
          actor = resolveSession(runtime, meta.token);
        } catch (error) {
          if (def.access !== 'public') throw error;
        }
      }
      if (def.access !== 'public') {
        if (!actor) throw new AppError('UNAUTHENTICATED', 'error.UNAUTHENTICATED');
        if (def.access !== 'authenticated' && !def.access.includes(actor.role)) {
          throw new AppError('FORBIDDEN', 'error.FORBIDDEN');
        }
      }

      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw parsed.error;

      if (meta.idempotencyKey !== undefined && !isValidIdempotencyKey(meta.idempotencyKey)) {
        throw new AppError('VALIDATION', 'error.idempotencyKey');
      }
      const { handler, ownTransaction } = entryOf(method);
      // One instant per call: a record's createdAt and every time computed from it (due times, clocks)
      // agree to the millisecond. Long-running calls with their own transactions keep the running clock.
      const callStart = runtime.now().getTime();
      const now = ownTransaction ? runtime.now : () => new Date(callStart);
      const ctx: ServiceContext = { ...runtime, now, db: runtime.store.db, actor, method, locale };
      const slot = idempotencySlot(runtime, {
        method,
        actorId: actor?.id ?? null,
        key: meta.idempotencyKey,
      });
      // The output is checked inside the transaction: a handler that breaks its contract commits nothing.
      const checked = (result: unknown) => {
        const output = def.output.safeParse(result);
        if (!output.success) {
          console.error(`[api] ${method} returned data that breaks its contract`, output.error.issues);
          throw new Error('output contract violated');
        }
        return output.data as unknown;
      };
      const recalled = () => {
        if (!slot) return undefined;
        const previous = recallResult(runtime, slot);
        if (!previous.found) return undefined;
        if (previous.method !== method) throw new AppError('CONFLICT', 'error.idempotencyKeyReused');
        return { data: previous.result };
      };

      let data: unknown;
      if (ownTransaction) {
        const flightKey = slot ? `${slot.actorId}\0${slot.key}` : null;
        const running = flightKey ? inFlight.get(flightKey) : undefined;
        if (running) return await running;
        const work = (async (): Promise<RpcResult<unknown>> => {
          const again = recalled();
          if (again) return { ok: true, data: again.data };
          const result = checked(await handler(ctx, parsed.data as never));
          if (slot) rememberResult(runtime, slot, result);
          return { ok: true, data: result };
        })();
        if (!flightKey) return await work;
        inFlight.set(flightKey, work);
        try {
          return await work;
        } finally {
          inFlight.delete(flightKey);
        }
      } else {
        data = sqlite.transaction(() => {
          const again = recalled();
          if (again) return again.data;
          const result = handler(ctx, parsed.data as never);
          if (result instanceof Promise) throw new Error(`${method}: async handlers must set ownTransaction`);
          const output = checked(result);
          if (slot) rememberResult(runtime, slot, output);
          return output;
        })();
      }
      return { ok: true, data };
    } catch (error) {
      return { ok: false, error: toWireError(error, locale, method, rawInput) };
    }
  }

  return { call, runtime };
}
