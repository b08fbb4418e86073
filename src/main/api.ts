import { ZodError, z } from 'zod';
import { contract, type MethodName } from '../shared/contract';
import { AppError, type FieldIssue, type RpcResult, type WireError } from '../shared/errors';
import { DEFAULT_LOCALE, type Locale } from '../shared/locale';
import type { CallMeta } from '../shared/bridge';

export type { CallMeta };
import { isMessageKey, translate } from '../shared/messages';
import type { Actor, Runtime, ServiceContext } from './services/context';
import { handlers, type Handler, type HandlerEntry } from './services';
import { resolveSession } from './services/auth/sessions';


export interface Api {
  call(method: string, input: unknown, meta?: CallMeta): Promise<RpcResult<unknown>>;
  runtime: Runtime;
}

const zodLocales = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError };

function entryOf(name: MethodName): HandlerEntry<MethodName> {
  const entry = handlers[name] as Handler<MethodName> | HandlerEntry<MethodName>;
  return typeof entry === 'function' ? { handler: entry } : entry;
}

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

function fieldIssues(error: ZodError, locale: Locale): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: isMessageKey(issue.message) ? translate(issue.message, locale) : issue.message,
  }));
}

/** Turns anything thrown into the wire error, in the caller's language. Unknown errors are logged. */
export function toWireError(error: unknown, locale: Locale, method: string): WireError {
  if (error instanceof AppError) {
    const key = isMessageKey(error.key) ? error.key : `error.${error.code}`;
    return { code: error.code, message: translate(key, locale, error.params) };
  }
  if (error instanceof ZodError) {
    const issues = fieldIssues(error, locale);
    const details = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return { code: 'VALIDATION', message: translate('error.VALIDATION', locale, { details }), issues };
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

      const parsed = def.input.safeParse(rawInput ?? {}, { error: zodLocales[locale] });
      if (!parsed.success) throw parsed.error;

      const ctx: ServiceContext = { ...runtime, db: runtime.store.db, actor, method, locale };
      const { handler, ownTransaction } = entryOf(method);
      // The output is checked inside the transaction: a handler that breaks its contract commits nothing.
      const checked = (result: unknown) => {
        const output = def.output.safeParse(result);
        if (!output.success) {
          console.error(`[api] ${method} returned data that breaks its contract`, output.error.issues);
          throw new Error('output contract violated');
        }
        return output.data as unknown;
      };
      const data = ownTransaction
        ? checked(await handler(ctx, parsed.data as never))
        : sqlite.transaction(() => {
            const result = handler(ctx, parsed.data as never);
            if (result instanceof Promise) throw new Error(`${method}: async handlers must set ownTransaction`);
            return checked(result);
          })();
      return { ok: true, data };
    } catch (error) {
      return { ok: false, error: toWireError(error, locale, method) };
    }
  }

  return { call, runtime };
}
