import type { HqErrorCode } from '../shared/sync-wire';

const STATUS: Record<HqErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  UPDATE_REQUIRED: 426,
  BRANCH_MISMATCH: 409,
  NOT_FOUND: 404,
  INTERNAL: 500,
};

/** An error HQ answers with: a wire code (the branch shows its own message for it) and an HTTP status. */
export class HqError extends Error {
  readonly status: number;
  constructor(
    readonly code: HqErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HqError';
    this.status = STATUS[code];
  }
}
