import type { z } from 'zod';
import { hqErrorBody, PROTOCOL_VERSION, SYNC_HEADERS, type HqErrorCode } from '../../../shared/sync-wire';

/** Why a sync run failed, as a code the status view explains in the user's language. */
export type SyncErrorCode = HqErrorCode | 'NOT_CONFIGURED' | 'NETWORK' | 'BAD_RESPONSE';

export class SyncFailure extends Error {
  constructor(
    readonly code: SyncErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'SyncFailure';
  }
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HqEndpoint {
  url: string;
  token: string;
  clientId: string;
  branchId: string;
  schemaVersion: number;
  fetch: FetchLike;
  timeoutMs?: number;
}

function errorCodeFor(status: number): HqErrorCode {
  if (status === 401 || status === 403) return 'UNAUTHORIZED';
  if (status === 426) return 'UPDATE_REQUIRED';
  if (status === 409) return 'BRANCH_MISMATCH';
  if (status === 404) return 'NOT_FOUND';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_REQUEST';
}

/** One HTTP call to HQ, outside any database transaction; every failure becomes a SyncFailure. */
export async function callHq<S extends z.ZodType>(
  hq: HqEndpoint,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>> {
  const url = `${hq.url.replace(/\/+$/, '')}${path}`;
  let status: number;
  let text: string;
  try {
    const response = await hq.fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${hq.token}`,
        'content-type': 'application/json',
        [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION),
        [SYNC_HEADERS.schema]: String(hq.schemaVersion),
        [SYNC_HEADERS.client]: hq.clientId,
        [SYNC_HEADERS.branch]: hq.branchId,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(hq.timeoutMs ?? 120_000),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw new SyncFailure('NETWORK', error instanceof Error ? error.message : String(error));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncFailure(status >= 400 ? errorCodeFor(status) : 'BAD_RESPONSE', `HTTP ${status}, not JSON`);
  }
  if (status >= 400) {
    const parsed = hqErrorBody.safeParse(json);
    throw new SyncFailure(
      parsed.success ? parsed.data.error.code : errorCodeFor(status),
      parsed.success ? parsed.data.error.message : `HTTP ${status}`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SyncFailure('BAD_RESPONSE', parsed.error.message);
  return parsed.data;
}
