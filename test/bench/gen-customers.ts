import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { openRuntime, closeRuntime, DB_FILE_NAME } from '../../src/main/runtime';
import type { ServiceContext } from '../../src/main/services/context';
import { createUserWithPassword } from '../../src/main/services/auth';
import { hashPassword } from '../../src/main/services/auth/password';
import { bulkUuidv7 } from '../../src/main/services/bulk';
import { creditCodeCheckChar, CREDIT_CODE_ALPHABET } from '../../src/shared/credit-code';
import { companyNameKey } from '../../src/shared/normalize';
import { DemoRandom } from '../../src/main/services/demo/random';
import { defaultMigrationsFolder } from '../../src/main/db/open';

/**
 * The customer benchmark's data set (issue #3): 1,000,000 customers with 2 key people each and
 * 12 months of bills (12,000,000 rows), written straight into a SQLite file with raw prepared
 * statements. Cached under .data/bench/customers-v<VERSION>/ so reruns skip generation; bump VERSION
 * when the schema or the shape of the data changes.
 */

export const VERSION = 1;
export const BENCH_PASSWORD = 'Bench12345';
/** The 12 bill periods: 2025-11 … 2026-10. */
export const MONTHS = Array.from({ length: 12 }, (_, i) => (i < 2 ? `2025-${11 + i}` : `2026-${String(i - 1).padStart(2, '0')}`));

const PLACES = ['呼和浩特', '内蒙古', '包头', '鄂尔多斯', '赤峰', '通辽', '乌海', '巴彦淖尔', '锡林郭勒', '乌兰察布', '兴安', '阿拉善'];
const CHARS = '金桥恒达北辰草原华远瑞丰鸿运正元天骄祥泰宏图安泰众诚盛世万通嘉禾新源博远兴业德润广源聚力康明银河海峰建国志红伟芳敏静丽强磊军洋勇艳杰涛超秀霞平刚英玉兰萍鹏辉宇浩凯健俊帆鑫波斌宁琳晨欣怡婷雪梅'.split('');
const KINDS = ['乳业', '电力', '煤业', '物流', '运输', '银行', '保险', '医院', '中学', '制造', '机械', '网络科技', '商贸', '超市', '农牧', '文化旅游', '酒店', '建设'];
const SUFFIX = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司', '分公司', ''];
const INDUSTRIES = ['党政军', '金融', '教育', '医疗卫生', '交通物流', '能源', '制造业', '互联网', '商贸零售', '农牧业', '文旅', '乳业', '其他'];
const REGIONS = ['新城区', '回民区', '玉泉区', '赛罕区', '土默特左旗', '托克托县', '和林格尔县', '武川县', '清水河县'];
const STAGES = ['new', 'target', 'potential', 'intent', 'signed', 'signed', 'signed', 'churned'] as const;
const GRADES = ['strategic', 'key', 'vip', 'quality', 'quality', 'normal', 'normal', 'normal'] as const;
const TYPES = ['gov', 'group', 'enterprise', 'enterprise', 'enterprise', 'enterprise', 'enterprise', 'enterprise', 'enterprise', 'strategic'] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙'.split('');

export interface BenchDb {
  dataDir: string;
  file: string;
  customers: number;
  bills: number;
  generatedMs: number | null;
}

function pad(n: number, w: number) {
  return String(n).padStart(w, '0');
}

/** Builds (or reuses) the benchmark database; returns its data directory. */
export function ensureBenchDb(customers = 1_000_000, log: (s: string) => void = console.log): BenchDb {
  const root = join(process.cwd(), '.data', 'bench');
  const dataDir = join(root, `customers-v${VERSION}-${customers}`);
  const file = join(dataDir, DB_FILE_NAME);
  if (existsSync(join(dataDir, 'READY'))) {
    // Other modules add migrations after the file was generated: apply them here, without the app's
    // pre-migration backup (a 7 GB copy per new migration is no use for generated data).
    const cached = new Database(file);
    cached.pragma('busy_timeout = 600000');
    migrate(drizzle(cached), { migrationsFolder: defaultMigrationsFolder() });
    cached.close();
    return { dataDir, file, customers, bills: customers * 12, generatedMs: null };
  }
  const t0 = Date.now();
  const tmpDir = `${dataDir}.tmp`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });

  // Schema and users through the app itself, so the file is exactly what the app would open.
  const runtime = openRuntime({ dataDir: tmpDir, transport: 'test', now: () => new Date('2026-11-23T02:00:00Z') });
  const ctx: ServiceContext = { ...runtime, db: runtime.store.db, actor: null, method: 'bench.seed', locale: 'zh-CN' };
  const hash = hashPassword(BENCH_PASSWORD);
  const managerIds: string[] = [];
  runtime.store.sqlite.transaction(() => {
    createUserWithPassword(ctx, { username: 'admin', displayName: '管理员', role: 'admin', password: BENCH_PASSWORD }, hash);
    createUserWithPassword(ctx, { username: 'leader', displayName: '领导', role: 'leader', password: BENCH_PASSWORD }, hash);
    createUserWithPassword(ctx, { username: 'desk', displayName: '坐席', role: 'service_desk', password: BENCH_PASSWORD }, hash);
    for (let i = 0; i < 200; i++) {
      const u = createUserWithPassword(ctx, { username: `am${i}`, displayName: `客户经理${i}`, role: 'account_manager', password: BENCH_PASSWORD }, hash);
      managerIds.push(u.id);
    }
  })();
  const branchId = runtime.branchId;
  closeRuntime(runtime);

  const db = new Database(join(tmpDir, DB_FILE_NAME));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  // Load without the FTS triggers and bill indexes, then build them in one pass each (much faster).
  // The search triggers as the migrations left them, re-created after the bulk build below.
  const ftsTriggers = ['customers_fts_insert', 'customers_fts_update', 'customer_contacts_fts_insert', 'customer_contacts_fts_update'];
  const fts = (
    db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${ftsTriggers.map(() => '?').join(', ')})`).all(...ftsTriggers) as {
      sql: string;
    }[]
  ).map((t) => t.sql);
  for (const t of ftsTriggers) db.exec(`DROP TRIGGER ${t}`);
  const billIndexes = db
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customer_bills' AND sql IS NOT NULL`)
    .all() as { sql: string }[];
  for (const ix of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customer_bills' AND sql IS NOT NULL`).all() as { name: string }[]) {
    db.exec(`DROP INDEX ${ix.name}`);
  }

  const insCustomer = db.prepare(
    `INSERT INTO customers (id, branch_id, created_at, updated_at, updated_hlc, deleted, name, name_key, short_name, credit_code,
      industry, type, region, address, size, parent_id, sensitivity, tags, notes, owner_id, stage, grade, grade_period,
      designated_strategic, monthly_spend_fen, arrears_fen, is_key)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, '[]', '', ?, ?, ?, '2026-Q3', 0, ?, ?, ?)`,
  );
  const insContact = db.prepare(
    `INSERT INTO customer_contacts (id, branch_id, created_at, updated_at, updated_hlc, deleted, customer_id, name, title, mobile, is_primary)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
  );
  const insBill = db.prepare(
    `INSERT INTO customer_bills (id, branch_id, created_at, updated_at, updated_hlc, deleted, customer_id, period, billed_fen, paid_fen, paid_date, due_date)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
  );
  const random = new DemoRandom(1_000_003);
  const baseMs = Date.parse('2024-01-01T00:00:00Z');
  const usedKeys = new Set<string>();
  const batch = 20_000;
  for (let start = 0; start < customers; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(customers, start + batch); i++) {
        const ms = baseMs + i * 30_000;
        const at = new Date(ms).toISOString();
        const hlc = `${pad(ms, 15)}:0000:bench`;
        const id = bulkUuidv7(ms);
        let name = `${random.pick(PLACES)}${random.pick(CHARS)}${random.pick(CHARS)}${random.pick(KINDS)}${random.pick(SUFFIX)}`;
        let key = companyNameKey(name);
        for (let n = 2; usedKeys.has(key); n++) {
          name = `${name.replace(/（\d+）$/, '')}（${n}）`;
          key = companyNameKey(name);
        }
        usedKeys.add(key);
        const type = random.pick(TYPES);
        const owner = random.chance(0.1) ? null : random.pick(managerIds);
        let body = type === 'gov' ? '11' : '91';
        body += `15${pad(random.int(0, 9999), 4)}`;
        for (let k = 0; k < 9; k++) body += random.pick(CREDIT_CODE_ALPHABET.split(''));
        const credit = body + creditCodeCheckChar(body)!;
        const base = random.chance(0.6) ? random.int(20_000, 300_000) : random.int(300_000, 5_000_000);
        let arrears = 0;
        let last3 = 0;
        const badPayer = random.chance(0.05);
        for (let m = 0; m < 12; m++) {
          const period = MONTHS[m]!;
          const billed = Math.round(base * (0.8 + random.next() * 0.4));
          const open = badPayer && m >= 9;
          const paid = open ? 0 : billed;
          if (open) arrears += billed;
          if (m >= 9) last3 += billed;
          const [y, mo] = period.split('-').map(Number) as [number, number];
          const next = mo === 12 ? `${y + 1}-01` : `${y}-${pad(mo + 1, 2)}`;
          insBill.run(bulkUuidv7(ms), branchId, at, at, hlc, id, period, billed, paid, open ? null : `${next}-${pad(random.int(1, 25), 2)}`, `${next}-20`);
        }
        const spend = Math.round(last3 / 3);
        const isKey = spend >= 300_000 || type === 'gov' || type === 'group' || type === 'strategic' ? 1 : 0;
        const region = random.pick(REGIONS);
        insCustomer.run(
          id, branchId, at, at, hlc, name, key, name.slice(PLACES.find((p) => name.startsWith(p))?.length ?? 0).slice(0, 6), credit,
          random.pick(INDUSTRIES), type, region, `${region}${random.pick(CHARS)}${random.pick(CHARS)}路${random.int(1, 999)}号`,
          owner, random.pick(STAGES), random.pick(GRADES), spend, arrears, isKey,
        );
        for (let k = 0; k < 2; k++) {
          const person = random.pick(SURNAMES) + random.pick(CHARS) + (random.chance(0.5) ? random.pick(CHARS) : '');
          const mobile = `1${random.pick(['33', '38', '39', '58', '86', '89'])}${pad(random.int(0, 99_999_999), 8)}`;
          insContact.run(bulkUuidv7(ms), branchId, at, at, hlc, id, person, k === 0 ? '总经理' : '信息中心主任', mobile, k === 0 ? 1 : 0);
        }
      }
    })();
    if ((start / batch) % 10 === 0) log(`  generated ${start + batch} customers (${Math.round((Date.now() - t0) / 1000)} s)`);
  }
  log('  building bill indexes');
  for (const ix of billIndexes) db.exec(ix.sql);
  log(`  building search index (${Math.round((Date.now() - t0) / 1000)} s)`);
  db.exec('INSERT INTO customer_search_map (customer_id, owner_id) SELECT id, owner_id FROM customers ORDER BY rowid');
  // As migrations 0021–0022 build it: the search texts beside the map, each customer's own text at
  // seq * 2 and its key people at seq * 2 + 1.
  db.exec(`INSERT INTO customer_search_text (seq, own_text, people_text)
    SELECT m.seq, c.name || ' ' || c.short_name || ' ' || c.credit_code || ' ' || c.address,
      (SELECT group_concat(p.name || ' ' || p.mobile || ' ' || p.phone, ' ') FROM customer_contacts p WHERE p.customer_id = c.id AND p.deleted = 0)
    FROM customer_search_map m JOIN customers c ON c.id = m.customer_id WHERE c.deleted = 0 ORDER BY m.seq`);
  db.exec(`INSERT INTO customers_fts (rowid, name, short_name, credit_code, address)
    SELECT m.seq * 2, c.name, c.short_name, c.credit_code, c.address FROM customers c JOIN customer_search_map m ON m.customer_id = c.id
    WHERE c.deleted = 0 ORDER BY m.seq`);
  db.exec(`INSERT INTO customers_fts (rowid, people)
    SELECT seq * 2 + 1, people_text FROM customer_search_text WHERE people_text IS NOT NULL ORDER BY seq`);
  for (const t of fts) db.exec(t);
  db.pragma('journal_mode = WAL');
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(tmpDir, dataDir);
  const generatedMs = Date.now() - t0;
  writeReady(dataDir, generatedMs);
  log(`  generated in ${Math.round(generatedMs / 1000)} s`);
  return { dataDir, file, customers, bills: customers * 12, generatedMs };
}

function writeReady(dir: string, ms: number) {
  // Marks a complete file: an interrupted generation leaves only the .tmp folder behind.
  writeFileSync(join(dir, 'READY'), `${ms}\n`);
}

if (process.argv[1]?.endsWith('gen-customers.ts')) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const r = ensureBenchDb(n);
  console.log(r);
}
