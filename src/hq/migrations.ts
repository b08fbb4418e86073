/**
 * HQ's schema, as numbered migrations applied in order (additive only once released). Rows are kept
 * generically as JSON columns + per-column HLCs, so a new synced table at the branches needs no
 * migration here.
 */
export interface HqMigration {
  version: number;
  statements: string[];
}

export const HQ_MIGRATIONS: HqMigration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE branches (
        code text PRIMARY KEY,
        name text NOT NULL DEFAULT '',
        branch_id text UNIQUE,
        created_at text NOT NULL
      )`,
      `CREATE TABLE devices (
        id text PRIMARY KEY,
        branch_code text NOT NULL REFERENCES branches(code),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at text NOT NULL,
        revoked_at text,
        last_contact_at text,
        client_id text,
        pending integer NOT NULL DEFAULT 0,
        pull_cursor bigint NOT NULL DEFAULT 0,
        schema_version integer,
        pushed_count bigint NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE hq_rows (
        table_name text NOT NULL,
        row_id text NOT NULL,
        branch_id text,
        shared boolean NOT NULL DEFAULT false,
        published boolean NOT NULL DEFAULT false,
        deleted boolean NOT NULL DEFAULT false,
        cols json NOT NULL,
        clocks json NOT NULL,
        changed_at text NOT NULL,
        PRIMARY KEY (table_name, row_id)
      )`,
      'CREATE INDEX hq_rows_branch ON hq_rows (table_name, branch_id, changed_at)',
      `CREATE TABLE change_log (
        seq bigserial PRIMARY KEY,
        table_name text NOT NULL,
        row_id text NOT NULL,
        branch_id text,
        shared boolean NOT NULL,
        published boolean NOT NULL,
        origin text,
        schema_version integer NOT NULL DEFAULT 0,
        cols json NOT NULL,
        clocks json NOT NULL,
        at text NOT NULL
      )`,
      'CREATE INDEX change_log_branch ON change_log (branch_id, seq)',
      `CREATE TABLE applied_mutations (
        id text PRIMARY KEY,
        device_id text NOT NULL,
        at text NOT NULL
      )`,
      `CREATE TABLE rejections (
        id bigserial PRIMARY KEY,
        mutation_id text NOT NULL UNIQUE,
        device_id text NOT NULL,
        branch_code text NOT NULL,
        table_name text NOT NULL,
        row_id text NOT NULL,
        code text NOT NULL,
        at text NOT NULL
      )`,
      `CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        at text NOT NULL,
        outcome text NOT NULL,
        device_id text,
        branch_code text,
        remote text,
        detail text NOT NULL
      )`,
    ],
  },
];
