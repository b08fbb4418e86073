import { z } from 'zod';

/**
 * The wire format between a branch and headquarters (ARCHITECTURE.md, sync protocol). Both sides parse
 * every message with these schemas; a change here that is not backwards compatible bumps
 * PROTOCOL_VERSION so that old peers are told to update instead of misreading data.
 */
export const PROTOCOL_VERSION = 1;

/** How far ahead of HQ's clock a mutation's HLC may be before HQ holds it back (CLOCK_AHEAD). */
export const MAX_CLOCK_AHEAD_MS = 60 * 60_000;

/** Tables HQ publishes to every branch; branches may read them but never push changes to them. */
export const HQ_PUBLISHED_TABLES = [
  'hq_branches',
  'industries',
  'products',
  'market_info',
  'policies',
  'targets',
] as const;

/**
 * Rows every branch may write and receive: group customers (集团客户) are shared across branches.
 * A row is shared when its column `column` holds `value` (after the push is merged).
 */
export const SHARED_ROW_RULES: Record<string, { column: string; value: string }> = {
  customers: { column: 'type', value: 'group' },
};

/** A column value as SQLite stores it (driver value): text, number, or null. */
export const wireValue = z.union([z.string(), z.number(), z.null()]);
export type WireValue = z.infer<typeof wireValue>;

const tableName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const columnName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const hlcText = z.string().regex(/^\d{15}:[0-9a-z]{5}:.{1,64}$/);
/** Column clocks, packed: the key '' holds the clock of every column not listed by name. */
const clockMap = z.record(z.string().regex(/^([a-z][a-z0-9_]{0,62})?$/), hlcText);

/** Packs per-column clocks: the most common clock becomes the default under ''. */
export function packClocks(clocks: Record<string, string>): Record<string, string> {
  const counts = new Map<string, number>();
  for (const hlc of Object.values(clocks)) counts.set(hlc, (counts.get(hlc) ?? 0) + 1);
  let common: string | null = null;
  for (const [hlc, n] of counts) if (common === null || n > counts.get(common)!) common = hlc;
  if (common === null) return {};
  const packed: Record<string, string> = { '': common };
  for (const [col, hlc] of Object.entries(clocks)) if (hlc !== common) packed[col] = hlc;
  return packed;
}

/** The clock of each of `columns` from a packed (or plain) clock map. */
export function unpackClocks(
  packed: Record<string, string>,
  columns: Iterable<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const fallback = packed[''];
  for (const col of columns) {
    const hlc = packed[col] ?? fallback;
    if (hlc !== undefined) out[col] = hlc;
  }
  return out;
}

export const wireMutation = z.object({
  id: z.string().min(1).max(64),
  table: tableName,
  rowId: z.string().min(1).max(64),
  cols: z.record(columnName, wireValue),
  hlc: hlcText,
});
export type WireMutation = z.infer<typeof wireMutation>;

export const pushRequest = z.object({
  clientId: z.string().min(1).max(64),
  protocolVersion: z.number().int(),
  schemaVersion: z.number().int().min(0),
  /** How many outbox entries the branch still holds (shown on HQ's status page). */
  pending: z.number().int().min(0).default(0),
  mutations: z.array(wireMutation).max(5000),
});
export type PushRequest = z.infer<typeof pushRequest>;

export const REJECTION_CODES = ['CLOCK_AHEAD', 'NOT_OWNER', 'READ_ONLY_TABLE', 'UNKNOWN_ROW'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** HQ's current version of a row: the branch adopts it when its own change was refused. */
export const wireRow = z.object({
  table: tableName,
  rowId: z.string(),
  cols: z.record(columnName, wireValue),
  clocks: clockMap,
});
export type WireRow = z.infer<typeof wireRow>;

export const pushResponse = z.object({
  /** Every mutation id HQ now holds from this request: newly applied or applied before. */
  accepted: z.array(z.string()),
  /** Refused for good: the branch records them and moves on (they never block the queue). */
  rejected: z.array(z.object({ id: z.string(), code: z.enum(REJECTION_CODES), current: wireRow.nullable() })),
  /** Held back (clock too far ahead): the branch keeps them and offers them again later. */
  held: z.array(z.object({ id: z.string(), code: z.literal('CLOCK_AHEAD') })),
  lastAppliedId: z.string().nullable(),
  serverTime: z.string(),
});
export type PushResponse = z.infer<typeof pushResponse>;

export const wireChange = z.object({
  seq: z.number().int(),
  table: tableName,
  rowId: z.string(),
  cols: z.record(columnName, wireValue),
  clocks: clockMap,
});
export type WireChange = z.infer<typeof wireChange>;

export const pullResponse = z.object({
  changes: z.array(wireChange),
  /** The cursor to send next time (the last sequence this branch has been given or skipped). */
  cursor: z.number().int(),
  hasMore: z.boolean(),
  /** Set when the next change needs a newer app (written by a branch with a newer schema). */
  updateRequired: z.boolean(),
  serverTime: z.string(),
});
export type PullResponse = z.infer<typeof pullResponse>;

export const helloResponse = z.object({
  branchCode: z.string(),
  deviceName: z.string(),
  protocolVersion: z.number().int(),
  serverTime: z.string(),
});

export const HQ_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'UPDATE_REQUIRED',
  'BRANCH_MISMATCH',
  'NOT_FOUND',
  'INTERNAL',
] as const;
export type HqErrorCode = (typeof HQ_ERROR_CODES)[number];

export const hqErrorBody = z.object({
  error: z.object({ code: z.enum(HQ_ERROR_CODES), message: z.string() }),
});
export type HqErrorBody = z.infer<typeof hqErrorBody>;

/** Request headers a branch sends with every call. */
export const SYNC_HEADERS = {
  protocol: 'x-kam-protocol',
  schema: 'x-kam-schema',
  client: 'x-kam-client',
  branch: 'x-kam-branch',
} as const;
