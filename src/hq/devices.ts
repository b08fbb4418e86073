import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from '../shared/uuid';
import type { HqDb, Sql } from './db';
import { HqError } from './errors';

/** A registered branch device as HQ sees it after checking its token. */
export interface Device {
  id: string;
  branchCode: string;
  name: string;
  branchId: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Appends to HQ's access log: refused tokens, foreign writes and branch mismatches are kept here. */
export async function logAccess(
  db: Sql,
  entry: {
    outcome: string;
    detail: string;
    deviceId?: string | null;
    branchCode?: string | null;
    remote?: string | null;
  },
  now: Date = new Date(),
): Promise<void> {
  await db.query(
    'INSERT INTO access_log (at, outcome, device_id, branch_code, remote, detail) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      now.toISOString(),
      entry.outcome,
      entry.deviceId ?? null,
      entry.branchCode ?? null,
      entry.remote ?? null,
      entry.detail,
    ],
  );
}

/** Registers a device of a branch (creating the branch on first use); the token is returned once, stored hashed. */
export async function registerDevice(
  db: HqDb,
  input: { branchCode: string; deviceName: string; branchName?: string },
  now: Date = new Date(),
): Promise<{ deviceId: string; token: string }> {
  const code = input.branchCode.trim().toUpperCase();
  if (!/^[A-Z0-9]{2,10}$/.test(code))
    throw new HqError('BAD_REQUEST', 'branch code must be 2-10 capital letters or digits');
  const name = input.deviceName.trim();
  if (!name || name.length > 100) throw new HqError('BAD_REQUEST', 'device name must be 1-100 characters');
  const token = `kamd_${randomBytes(24).toString('base64url')}`;
  const deviceId = uuidv7(now.getTime());
  await db.serializable(async (tx) => {
    await tx.query(
      `INSERT INTO branches (code, name, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET name = CASE WHEN $2 = '' THEN branches.name ELSE $2 END`,
      [code, input.branchName?.trim() ?? '', now.toISOString()],
    );
    await tx.query(
      'INSERT INTO devices (id, branch_code, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
      [deviceId, code, name, hashToken(token), now.toISOString()],
    );
  });
  return { deviceId, token };
}

/** Revokes a device: its token stops working at once. Returns false when no such device exists. */
export async function revokeDevice(db: HqDb, deviceId: string, now: Date = new Date()): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [deviceId, now.toISOString()],
  );
  return rows.length === 1;
}

/** Devices with their branch, newest first, for the admin CLI and the status page. */
export async function listDevices(db: HqDb) {
  return db.query<{
    id: string;
    branch_code: string;
    name: string;
    created_at: string;
    revoked_at: string | null;
    last_contact_at: string | null;
    pending: number;
    pushed_count: string;
  }>(
    'SELECT id, branch_code, name, created_at, revoked_at, last_contact_at, pending, pushed_count::text AS pushed_count FROM devices ORDER BY branch_code, created_at',
  );
}

/**
 * Checks a bearer token and binds the branch to the branch id its first device presents (the branch
 * id stamped on every row it owns). A wrong or revoked token, or a device presenting another branch's
 * id, is refused and logged.
 */
export async function authenticate(
  db: HqDb,
  token: string | null,
  presentedBranchId: string | null,
  remote: string | null,
  now: Date = new Date(),
): Promise<Device> {
  if (!token) {
    await logAccess(db, { outcome: 'refused', detail: 'no token', remote }, now);
    throw new HqError('UNAUTHORIZED', 'device token missing');
  }
  const rows = await db.query<{
    id: string;
    branch_code: string;
    name: string;
    revoked_at: string | null;
    branch_id: string | null;
  }>(
    `SELECT d.id, d.branch_code, d.name, d.revoked_at, b.branch_id
     FROM devices d JOIN branches b ON b.code = d.branch_code WHERE d.token_hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) {
    await logAccess(db, { outcome: 'refused', detail: 'unknown token', remote }, now);
    throw new HqError('UNAUTHORIZED', 'unknown device token');
  }
  if (row.revoked_at) {
    await logAccess(
      db,
      { outcome: 'refused', detail: 'revoked token', deviceId: row.id, branchCode: row.branch_code, remote },
      now,
    );
    throw new HqError('UNAUTHORIZED', 'device token revoked');
  }
  let branchId = row.branch_id;
  if (presentedBranchId && branchId !== presentedBranchId) {
    if (branchId === null) {
      const bound = await db.query<{ code: string }>(
        `UPDATE branches SET branch_id = $1 WHERE code = $2 AND branch_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM branches WHERE branch_id = $1) RETURNING code`,
        [presentedBranchId, row.branch_code],
      );
      if (bound.length === 1) branchId = presentedBranchId;
    }
    if (branchId !== presentedBranchId) {
      await logAccess(
        db,
        {
          outcome: 'refused',
          detail: `branch id mismatch: presented ${presentedBranchId}`,
          deviceId: row.id,
          branchCode: row.branch_code,
          remote,
        },
        now,
      );
      throw new HqError(
        'BRANCH_MISMATCH',
        'this device belongs to another branch database than the one registered for its branch code',
      );
    }
  }
  return { id: row.id, branchCode: row.branch_code, name: row.name, branchId };
}
