import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { defaultMigrationsFolder, openStore, type Store } from '../../src/main/db/open';
import * as schema from '../../src/main/db/schema';

const require = createRequire(import.meta.url);
// drizzle-kit's API is CommonJS; loading it this way keeps vitest from bundling it.
const kit = require('drizzle-kit/api') as typeof import('drizzle-kit/api');

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** The schema as SQLite reports it: every table, index, trigger and view with its SQL. */
function schemaOf(store: Store): string[] {
  return (
    store.sqlite
      .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all() as { type: string; name: string; sql: string | null }[]
  ).map((r) => `${r.type} ${r.name}: ${(r.sql ?? '').replace(/\s+/g, ' ')}`);
}

/** A copy of the migrations folder that stops after the first `count` migrations. */
function truncatedMigrations(count: number): string {
  const source = defaultMigrationsFolder();
  const dir = mkdtempSync(join(tmpdir(), 'kam-mig-'));
  cpSync(source, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migrations', () => {
  const journal = JSON.parse(readFileSync(join(defaultMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as Journal;

  /** A database file at the version just before the migration tagged `tag…`, for data to be put in. */
  function storeBefore(tag: string): { file: string; older: Store } {
    const file = join(mkdtempSync(join(tmpdir(), 'kam-mig-data-')), 'kam.db');
    const before = journal.entries.findIndex((e) => e.tag.startsWith(tag));
    expect(before).toBeGreaterThan(0);
    return { file, older: openStore({ file, migrationsFolder: truncatedMigrations(before) }) };
  }

  it('a fresh database and one upgraded through every migration step by step end with the same schema', () => {
    const fresh = openStore({ file: ':memory:' });
    const dir = mkdtempSync(join(tmpdir(), 'kam-upgrade-'));
    const file = join(dir, 'kam.db');
    for (let k = 1; k <= journal.entries.length; k++) {
      const step = openStore({ file, migrationsFolder: truncatedMigrations(k) });
      expect(step.schemaVersion).toBe(k);
      step.sqlite.close();
    }
    const upgraded = openStore({ file });
    expect(schemaOf(upgraded)).toEqual(schemaOf(fresh));
    expect(upgraded.schemaVersion).toBe(journal.entries.length);
  });

  it('an existing database is backed up before pending migrations run, and not when none are pending', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-backup-'));
    const file = join(dir, 'kam.db');
    // A database from an older version: it has data but lacks the newest migration.
    const older = openStore({ file, migrationsFolder: truncatedMigrations(journal.entries.length - 1) });
    older.sqlite.exec("CREATE TABLE IF NOT EXISTS old_marker (v TEXT); INSERT INTO old_marker VALUES ('kept')");
    older.sqlite.close();

    const upgraded = openStore({ file });
    expect(upgraded.preMigrationBackup).not.toBeNull();
    const backup = new Database(upgraded.preMigrationBackup!, { readonly: true });
    expect(backup.prepare('SELECT v FROM old_marker').get()).toEqual({ v: 'kept' });
    expect(upgraded.sqlite.prepare('SELECT v FROM old_marker').get()).toEqual({ v: 'kept' });
    upgraded.sqlite.close();

    const again = openStore({ file });
    expect(again.preMigrationBackup).toBeNull();
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
  });

  it('0016 carries the evaluation results of older versions into the local history table', () => {
    const { file, older } = storeBefore('0016_');
    const insert = older.sqlite.prepare(
      `INSERT INTO customer_evaluation_results (id, branch_id, created_at, updated_at, updated_hlc, deleted, run_id, customer_id, period,
         bill_count, billed_fen, paid_fen, on_time_ratio, revenue_share, growth, score, grade, previous_grade)
       VALUES (?, 'b', 't', 't', 'h', ?, ?, ?, '2026-09', 3, 900, 800, 0.5, 0.25, NULL, 61.5, 'key', ?)`,
    );
    insert.run('r1', 0, 'run-a', 'cust-1', null);
    insert.run('r2', 0, 'run-a', 'cust-2', 'vip');
    insert.run('r3', 1, 'run-a', 'cust-3', null); // a tombstone is not history
    older.sqlite.close();

    const upgraded = openStore({ file });
    const rows = upgraded.sqlite.prepare('SELECT * FROM customer_evaluation_scores ORDER BY customer_id').all();
    expect(rows).toEqual([
      { run_id: 'run-a', customer_id: 'cust-1', bill_count: 3, billed_fen: 900, paid_fen: 800, on_time_ratio: 0.5, revenue_share: 0.25, growth: null, score: 61.5, grade: 'key', previous_grade: null },
      { run_id: 'run-a', customer_id: 'cust-2', bill_count: 3, billed_fen: 900, paid_fen: 800, on_time_ratio: 0.5, revenue_share: 0.25, growth: null, score: 61.5, grade: 'key', previous_grade: 'vip' },
    ]);
    expect(upgraded.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'customer_evaluation_results'").get()).toEqual({ n: 0 });
    upgraded.sqlite.close();
  });

  it("0021–0022 split each customer's search row into its own text and its key people, the texts kept beside the map", () => {
    const { file, older } = storeBefore('0021_');
    const customer = older.sqlite.prepare(
      `INSERT INTO customers (id, branch_id, created_at, updated_at, updated_hlc, deleted, name, name_key, address)
       VALUES (?, 'b', 't', 't', 'h', ?, ?, ?, ?)`,
    );
    customer.run('c-1', 0, '呼和浩特金桥电力有限公司', 'k1', '赛罕区大学东街1号');
    customer.run('c-2', 0, '包头北辰物流有限公司', 'k2', '钢铁大街9号');
    customer.run('c-3', 1, '鄂尔多斯恒达煤业有限公司', 'k3', '东胜区');
    const contact = older.sqlite.prepare(
      `INSERT INTO customer_contacts (id, branch_id, created_at, updated_at, updated_hlc, deleted, customer_id, name, mobile)
       VALUES (?, 'b', 't', 't', 'h', ?, ?, ?, ?)`,
    );
    contact.run('p-1', 0, 'c-1', '欧阳建国', '13912345678');
    contact.run('p-2', 0, 'c-1', '王丽', '13800000000');
    contact.run('p-3', 1, 'c-2', '已删除', '13700000000');
    contact.run('p-4', 0, 'c-3', '赵强', '13600000000');
    older.sqlite.close();

    const upgraded = openStore({ file });
    const rows = upgraded.sqlite
      .prepare(
        `SELECT m.customer_id AS customer, f.rowid - m.seq * 2 AS part
         FROM customers_fts f JOIN customer_search_map m ON m.seq = f.rowid >> 1 ORDER BY m.customer_id, f.rowid`,
      )
      .all();
    expect(rows).toEqual([
      { customer: 'c-1', part: 0 },
      { customer: 'c-1', part: 1 },
      { customer: 'c-2', part: 0 },
    ]);
    const texts = upgraded.sqlite
      .prepare('SELECT m.customer_id AS c, x.own_text AS own, x.people_text AS people FROM customer_search_map m JOIN customer_search_text x ON x.seq = m.seq ORDER BY m.customer_id')
      .all() as {
      c: string;
      own: string | null;
      people: string | null;
    }[];
    expect(texts.map((t) => [t.c, t.own])).toEqual([
      ['c-1', '呼和浩特金桥电力有限公司   赛罕区大学东街1号'],
      ['c-2', '包头北辰物流有限公司   钢铁大街9号'],
      ['c-3', null],
    ]);
    expect(texts[0]!.people!.split(' ').sort()).toEqual(['13800000000', '13912345678', '欧阳建国', '王丽', '', ''].sort());
    expect(texts.slice(1).map((t) => t.people)).toEqual([null, null]);
    const match = (q: string) =>
      (upgraded.sqlite.prepare('SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rowid').all(q) as { rowid: number }[]).map((r) => r.rowid % 2);
    expect(match('"大学东街"')).toEqual([0]);
    expect(match('"欧阳建国"')).toEqual([1]);
    expect(match('"恒达煤业"')).toEqual([]);
    upgraded.sqlite.close();
  });

  it('the generated migrations are up to date with the Drizzle schema (run `npm run db:generate` if this fails)', async () => {
    const metaDir = join(defaultMigrationsFolder(), 'meta');
    const last = journal.entries[journal.entries.length - 1]!;
    const snapshot = JSON.parse(
      readFileSync(join(metaDir, `${String(last.idx).padStart(4, '0')}_snapshot.json`), 'utf8'),
    ) as Parameters<typeof kit.generateSQLiteMigration>[0];
    const current = await kit.generateSQLiteDrizzleJson(schema as Record<string, unknown>);
    const pending = await kit.generateSQLiteMigration(snapshot, current);
    expect(pending).toEqual([]);
  });

  it('every synced table carries the base columns of ARCHITECTURE.md', () => {
    const store = openStore({ file: ':memory:' });
    const tables = store.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%updated_hlc%'")
      .all() as { name: string }[];
    expect(tables.length).toBeGreaterThan(1);
    for (const { name } of tables) {
      const columns = (store.sqlite.prepare(`PRAGMA table_info('${name}')`).all() as { name: string; pk: number; type: string }[]);
      const byName = new Map(columns.map((c) => [c.name, c]));
      for (const base of ['id', 'branch_id', 'created_at', 'updated_at', 'updated_hlc', 'deleted']) {
        expect(byName.has(base), `${name}.${base}`).toBe(true);
      }
      expect(byName.get('id')?.pk, `${name}.id is the primary key`).toBe(1);
      expect(byName.get('id')?.type, `${name}.id is TEXT`).toBe('TEXT');
    }
  });
});
