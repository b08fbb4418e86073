import { eq } from 'drizzle-orm';
import type { User } from '../../../shared/contract/auth';
import { userCredentials, users } from '../../db/schema';
import type { Db } from '../../db/open';

type UserRow = typeof users.$inferSelect;
type CredentialRow = typeof userCredentials.$inferSelect;

/** The public shape of a user (never the hash). */
export function toUser(row: UserRow, cred?: Pick<CredentialRow, 'lastLoginAt' | 'lockedUntil'> | null): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    employeeNo: row.employeeNo,
    department: row.department,
    phone: row.phone,
    region: row.region,
    role: row.role,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastLoginAt: cred?.lastLoginAt ?? null,
    lockedUntil: cred?.lockedUntil ?? null,
  };
}

/** Loads one user with its sign-in state. */
export function loadUser(db: Db, id: string): User | null {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  if (!row || row.deleted) return null;
  const cred = db.select().from(userCredentials).where(eq(userCredentials.userId, id)).get();
  return toUser(row, cred);
}
