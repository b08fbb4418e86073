/** Error codes every transport answers with (issue #2). */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

/** What a failed call carries over the wire: a code and a message already in the caller's language. */
export interface WireError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type RpcResult<T> = { ok: true; data: T } | { ok: false; error: WireError };

/**
 * An error raised inside the main process. `key` names a message in src/shared/messages.ts so the
 * API server can render it in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${key}`);
    this.name = 'AppError';
  }
}
