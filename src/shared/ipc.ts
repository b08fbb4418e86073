import type { CallMeta } from './bridge';

/**
 * IPC channel names shared by the main process (src/main/ipc.ts, src/main/shell/) and the preload.
 * Zod-free on purpose: the sandboxed preload bundles everything it imports.
 */
export const IPC_CHANNELS = {
  /** invoke: one contract call, `RpcRequest` in, `RpcResult` out. */
  rpc: 'kam:rpc',
  /** sendSync: the contract's method names, so the preload's bridge is derived from the contract. */
  methods: 'kam:methods',
  shellSetLocale: 'kam-shell:set-locale',
  shellPrint: 'kam-shell:print',
  shellPrintToPdf: 'kam-shell:print-to-pdf',
  shellAppInfo: 'kam-shell:app-info',
} as const;

/** What the preload sends on `IPC_CHANNELS.rpc` for one contract call. */
export interface RpcRequest {
  method: string;
  input: unknown;
  meta?: CallMeta;
}
