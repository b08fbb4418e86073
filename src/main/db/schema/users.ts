import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './base';
import { ROLES } from '../../../shared/roles';

/** Branch staff who sign in: account managers, leaders, service desk, support staff, admins. */
export const users = sqliteTable(
  'users',
  {
    ...syncColumns(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    employeeNo: text('employee_no').notNull().default(''),
    department: text('department').notNull().default(''),
    phone: text('phone').notNull().default(''),
    region: text('region').notNull().default(''),
    role: text('role', { enum: ROLES }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('users_username').on(t.username), index('users_role').on(t.role, t.active)],
);

/** Password hashes and lockout state; local to this device and never synced or audited in full. */
export const userCredentials = sqliteTable('user_credentials', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  passwordHash: text('password_hash').notNull(),
  failedCount: integer('failed_count').notNull().default(0),
  lockedUntil: text('locked_until'),
  lastLoginAt: text('last_login_at'),
  passwordChangedAt: text('password_changed_at').notNull(),
});

/** Signed-in sessions; the token itself is never stored, only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);
