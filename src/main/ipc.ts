import { ipcMain } from 'electron';
import { z } from 'zod';
import { METHOD_NAMES } from '../shared/contract';
import type { RpcResult } from '../shared/errors';
import { IPC_CHANNELS } from '../shared/ipc';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../shared/locale';
import { translate } from '../shared/messages';
import type { Api } from './api';
import type { AppLocation } from './shell/security';
import { isTrustedSender, type SenderEvent } from './shell/sender';

/**
 * The Electron transport (ARCHITECTURE.md): one invoke channel for every contract method. It checks
 * the sender frame and the envelope, then hands the call to the same API server as the browser
 * transport, which validates the input and the caller's role.
 */

const rpcRequestSchema = z.object({
  method: z.string().min(1).max(200),
  input: z.unknown(),
  meta: z
    .object({
      token: z.string().max(500).nullish(),
      locale: z.enum(LOCALES).optional(),
      idempotencyKey: z.string().max(100).optional(),
    })
    .optional(),
});

export interface IpcOptions {
  api: Api;
  location: AppLocation;
  log?: (message: string) => void;
}

function localeOf(raw: unknown): Locale {
  const parsed = z.object({ meta: z.object({ locale: z.enum(LOCALES) }) }).safeParse(raw);
  return parsed.success ? parsed.data.meta.locale : DEFAULT_LOCALE;
}

/** Answers one `kam:rpc` message: refuses foreign senders and malformed envelopes, else calls the API. */
export async function handleRpc(
  options: IpcOptions,
  event: SenderEvent,
  raw: unknown,
): Promise<RpcResult<unknown>> {
  const locale = localeOf(raw);
  if (!isTrustedSender(event, options.location)) {
    options.log?.(`[ipc] refused a call from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
    return { ok: false, error: { code: 'FORBIDDEN', message: translate('error.FORBIDDEN', locale) } };
  }
  const request = rpcRequestSchema.safeParse(raw);
  if (!request.success) {
    const details = request.error.issues
      .map((issue) => `${issue.path.join('.') || '-'}: ${issue.message}`)
      .join('; ');
    return {
      ok: false,
      error: { code: 'VALIDATION', message: translate('error.VALIDATION', locale, { details }) },
    };
  }
  const { method, input, meta } = request.data;
  return options.api.call(method, input, {
    token: meta?.token ?? null,
    locale: meta?.locale ?? DEFAULT_LOCALE,
    idempotencyKey: meta?.idempotencyKey,
  });
}

/**
 * Registers the IPC transport on ipcMain: `kam:rpc` for every contract method and `kam:methods`, from
 * which the preload builds `window.kam`. Returns a function that removes both.
 */
export function registerIpc(options: IpcOptions): () => void {
  ipcMain.handle(IPC_CHANNELS.rpc, (event, raw: unknown) => handleRpc(options, event, raw));
  ipcMain.on(IPC_CHANNELS.methods, (event) => {
    // A foreign page gets an empty bridge rather than the API surface.
    event.returnValue = isTrustedSender(event, options.location) ? [...METHOD_NAMES] : [];
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.rpc);
    ipcMain.removeAllListeners(IPC_CHANNELS.methods);
  };
}
