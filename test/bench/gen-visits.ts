import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { defaultMigrationsFolder } from '../../src/main/db/open';
import { closeRuntime, DB_FILE_NAME, openRuntime } from '../../src/main/runtime';
import { createUserWithPassword } from '../../src/main/services/auth';
import { hashPassword } from '../../src/main/services/auth/password';
import { bulkUuidv7 } from '../../src/main/services/bulk';
import type { ServiceContext } from '../../src/main/services/context';
import { DemoRandom } from '../../src/main/services/demo/random';
import { deviceCode } from '../../src/main/services/numbering';
import { getBranchSettings } from '../../src/main/services/settings/branch';
import { companyNameKey } from '../../src/shared/normalize';

/**
 * The yellow-channel benchmark's data set (issue #14): a branch with 1,000,000 customers (50 account
 * managers), 2,000,000 key people with birthdays (about 15% of them lunar, some without one), founding
 * dates, and 3,000,000 visits over three years (2023-12 … 2026-11) simulated customer by customer from
 * the grade rules of migration 0030 — each visit's due date is the one the view would have given on
 * its day, mostly on time, some late, some dropped, phone calls between (they do not count), the
 * current month planned from today on — with each manager's monthly plan; stored in creation order,
 * as the app appends them. Written with raw prepared statements, secondary indexes and the per-row
 * triggers dropped during the load; then the local derived tables (customer_visit_due, contact_birthdays)
 * are filled from their views (the one definition of each, which the triggers use too), indexes and
 * triggers re-created, ANALYZE. Not built here (no case reads them): the customer search
 * texts and the search index (search_queue stays empty). Cached under .data/bench/visits-v<VERSION>-<n>/
 * (never committed); bump VERSION when the schema or the data's shape changes.
 */

export const VERSION = 3;
export const BENCH_PASSWORD = 'Bench12345';
/** The data set's clock: Monday 2026-11-23 10:00 in Shanghai. */
export const BENCH_NOW = new Date('2026-11-23T02:00:00Z');
/** KAM_BENCH_VISIT_CUSTOMERS makes a smaller data set of the same shape (the quick mode). */
export const CUSTOMERS = Number(process.env.KAM_BENCH_VISIT_CUSTOMERS ?? 1_000_000);
export const MANAGERS = 50;
/** The months of visit history: 2023-12 … 2026-11 (the current month). */
const FIRST_MONTH = '2023-12';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;
/** Days since 1970-01-01 of a yyyy-MM-dd. */
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** SQLite's date(d, '+n months'): the day of month kept, overflow rolled into the next month (as Date.UTC does). */
function addMonthsDay(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()) / DAY_MS;
}
/** UTC ms of a local (Shanghai) day at hh:mm. */
const localMs = (day: number, hh = 9, mm = 0) => day * DAY_MS + (hh * 60 + mm) * 60_000 - SHANGHAI_MS;
const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Grade shares (of all customers) and their intervals as migration 0030's default rules give them. */
const GRADES: { grade: string | null; share: number; months: number | null }[] = [
  { grade: 'strategic', share: 0.01, months: 1 },
  { grade: 'key', share: 0.03, months: 2 },
  { grade: 'vip', share: 0.06, months: 3 },
  { grade: 'quality', share: 0.14, months: 6 },
  { grade: 'normal', share: 0.66, months: null },
  { grade: null, share: 0.1, months: null },
];
const PLACES = ['呼和浩特', '包头', '鄂尔多斯', '赤峰', '通辽', '乌海', '巴彦淖尔', '锡林郭勒', '乌兰察布', '兴安', '阿拉善'];
const CHARS = '金桥恒达北辰草原华远瑞丰鸿运正元天骄祥泰宏图安泰众诚盛世万通嘉禾新源博远兴业德润广源聚力康明银河海峰'.split('');
const KINDS = ['乳业', '电力', '煤业', '物流', '银行', '保险', '医院', '中学', '制造', '网络科技', '商贸', '农牧', '酒店', '建设'];
const INDUSTRIES = ['党政军', '金融', '教育', '医疗卫生', '交通物流', '能源', '制造业', '互联网', '商贸零售', '农牧业', '文旅', '乳业', '其他'];
const REGIONS = ['新城区', '回民区', '玉泉区', '赛罕区', '土默特左旗', '托克托县', '和林格尔县', '武川县', '清水河县'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪'.split('');
const GIVEN = '建国志红伟芳敏静丽强磊军洋勇艳杰涛超秀霞平刚英玉兰萍鹏辉宇浩凯健俊帆鑫波斌宁琳晨欣怡婷雪梅'.split('');
const PURPOSES = ['例行走访', '了解需求', '续约沟通', '新业务推介', '满意度回访', '故障后回访', '节前拜访'];
const NEEDS = ['', '', '', '计划扩容专线带宽', '新办公点需要组网', '关注云专线报价', '希望增加物联网卡'];
const COMPETITOR = ['', '', '', '', '友商报价低 10%', '友商在推免费试用'];
const OUTCOMES = ['客户满意', '需求已记录', '已约下次面谈', '报价待确认', '问题已解决'];
const DROP_REASONS = ['客户临时有事', '客户负责人出差', '改为电话沟通', '天气原因'];
/** Counted kinds of a done visit: mostly on site, a quarter inbound, now and then a forum or an executive visit. */
const countedKind = (x: number) => (x < 0.7 ? 'onsite' : x < 0.97 ? 'inbound' : x < 0.985 ? 'forum' : 'executive');

export interface VisitsBenchDb {
  dataDir: string;
  file: string;
  generatedMs: number | null;
}

/** Builds (or reuses) the yellow-channel data set; returns its data directory. */
export function ensureVisitsBenchDb(log: (s: string) => void = console.log): VisitsBenchDb {
  const dataDir = join(process.cwd(), '.data', 'bench', `visits-v${VERSION}-${CUSTOMERS}`);
  const file = join(dataDir, DB_FILE_NAME);
  if (existsSync(join(dataDir, 'READY'))) {
    // Migrations added since the file was generated are applied here (new indexes: statistics refreshed).
    const cached = new Database(file);
    cached.pragma('busy_timeout = 600000');
    const before = (cached.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index'").get() as { n: number }).n;
    migrate(drizzle(cached), { migrationsFolder: defaultMigrationsFolder() });
    const after = (cached.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index'").get() as { n: number }).n;
    if (after !== before) cached.exec('ANALYZE');
    cached.close();
    return { dataDir, file, generatedMs: null };
  }
  const t0 = Date.now();
  const tmpDir = `${dataDir}.tmp`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });

  // Schema, users and the number prefix through the app itself, so the file is what the app would open.
  const runtime = openRuntime({ dataDir: tmpDir, transport: 'test', now: () => BENCH_NOW });
  const ctx: ServiceContext = { ...runtime, db: runtime.store.db, actor: null, method: 'bench.seed', locale: 'zh-CN' };
  const hash = hashPassword(BENCH_PASSWORD);
  const managers: string[] = [];
  let leaderId = '';
  let numbering = { branchCode: '', device: '' };
  runtime.store.sqlite.transaction(() => {
    createUserWithPassword(ctx, { username: 'admin', displayName: '管理员', role: 'admin', password: BENCH_PASSWORD }, hash);
    leaderId = createUserWithPassword(ctx, { username: 'leader', displayName: '领导', role: 'leader', password: BENCH_PASSWORD }, hash).id;
    createUserWithPassword(ctx, { username: 'desk', displayName: '坐席', role: 'service_desk', password: BENCH_PASSWORD }, hash);
    for (let i = 0; i < MANAGERS; i++) {
      managers.push(
        createUserWithPassword(ctx, { username: `am${i}`, displayName: `客户经理${i}`, role: 'account_manager', password: BENCH_PASSWORD, department: '政企客户部' }, hash).id,
      );
    }
    // Visit numbers as nextDocumentNumber writes them: <branch code>-ZF-<yyMM>-<device code>-<sequence>.
    numbering = { branchCode: getBranchSettings(ctx).branchCode, device: deviceCode(ctx) };
  })();
  const branchId = runtime.branchId;
  closeRuntime(runtime);

  const db = new Database(join(tmpDir, DB_FILE_NAME));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  db.pragma('temp_store = MEMORY');
  // Loaded without their secondary indexes (built afterwards in one sorted pass each) and without the
  // per-row search and visit-due triggers (their tables are filled set-based below); the report
  // triggers stay, as the app would have fired them.
  // The local derived tables kept by per-row triggers, each from its view <table>_v (migrations 0030, 0031).
  const derived = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('customer_visit_due', 'contact_birthdays')").pluck().all() as string[]);
  const tables = ['customers', 'customer_contacts', 'visits', 'visit_plans', ...derived];
  const list = (sql: string) => db.prepare(sql).all(...tables) as { name: string; sql: string }[];
  const inTables = `IN (${tables.map(() => '?').join(', ')})`;
  const indexes = list(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name ${inTables}`);
  const triggers = list(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name ${inTables} AND name NOT LIKE 'report%'`);
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);

  // Visits are simulated customer by customer but stored in the order the app would have written them
  // (by creation), so that a month's visits sit together in the table as they do in a branch's file:
  // first into a bare staging table, then copied over sorted.
  db.exec('CREATE TABLE visits_load AS SELECT * FROM visits WHERE 0');
  const gen = new Generator(db, branchId, managers, leaderId, numbering);
  gen.plans();
  gen.customers((n) => log(`  ${n} customers, ${gen.visitCount} visits (${Math.round((Date.now() - t0) / 1000)} s)`));
  log(`  visits in creation order (${Math.round((Date.now() - t0) / 1000)} s)`);
  db.exec('INSERT INTO visits SELECT * FROM visits_load ORDER BY created_at, id; DROP TABLE visits_load');
  log(`  building ${indexes.length} indexes (${Math.round((Date.now() - t0) / 1000)} s)`);
  const isDerived = (ix: { name: string }) => derived.some((t) => ix.name.startsWith(t));
  for (const ix of indexes.filter((i) => !isDerived(i))) db.exec(ix.sql);
  // The derived tables as the triggers would have left them: filled from their views in one statement each.
  for (const t of derived) {
    log(`  ${t} from ${t}_v (${Math.round((Date.now() - t0) / 1000)} s)`);
    const cols = (db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[]).join(', ');
    db.exec(`DELETE FROM ${t}; INSERT INTO ${t} (${cols}) SELECT ${cols} FROM ${t}_v`);
  }
  for (const ix of indexes.filter(isDerived)) db.exec(ix.sql);
  for (const t of triggers) db.exec(t.sql);
  log(`  ANALYZE (${Math.round((Date.now() - t0) / 1000)} s)`);
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(tmpDir, dataDir);
  const generatedMs = Date.now() - t0;
  // Marks a complete file: an interrupted generation leaves only the .tmp folder behind.
  writeFileSync(join(dataDir, 'READY'), `${generatedMs}\n`);
  log(`  generated in ${Math.round(generatedMs / 1000)} s`);
  return { dataDir, file, generatedMs };
}

/** Writes the data set with raw prepared statements, one transaction per batch of customers. */
class Generator {
  private readonly rnd = new DemoRandom(14_014);
  private readonly today = dayOf(new Date(BENCH_NOW.getTime() + SHANGHAI_MS).toISOString().slice(0, 10));
  private readonly windowStart = dayOf(`${FIRST_MONTH}-01`);
  /** The last day of the current month: planned visits reach no further (next month's plan is not generated yet). */
  private readonly monthEnd: number;
  private readonly months: string[] = [];
  /** Plan id per manager index and month index. */
  private readonly planIds: string[][] = [];
  /** Next number per yyMM of the visit's creation. */
  private readonly sequences = new Map<string, number>();
  private hlcSeq = 0;
  visitCount = 0;
  private readonly insVisit: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly branchId: string,
    private readonly managers: string[],
    private readonly leaderId: string,
    private readonly numbering: { branchCode: string; device: string },
  ) {
    const current = dateOf(this.today).slice(0, 7);
    for (let m = FIRST_MONTH; m <= current; m = this.nextMonth(m)) this.months.push(m);
    this.monthEnd = dayOf(`${this.nextMonth(current)}-01`) - 1;
    this.insVisit = db.prepare(
      `INSERT INTO visits_load (id, branch_id, created_at, updated_at, updated_hlc, deleted, number, customer_id, owner_id, plan_id, source, kind,
         status, visit_date, start_time, duration_minutes, due_date, on_time, participants, contacts_met, purpose, needs, competitor, complaints,
         outcome, next_step, next_step_date, next_step_reminded_at, drop_reason, recorded_at, late_entry, recorded_by_id, event_id)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
  }

  private nextMonth(m: string) {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    return mo === 12 ? `${y + 1}-01` : `${y}-${pad(mo + 1, 2)}`;
  }

  private hlc(ms: number) {
    return `${pad(ms, 15)}:${pad(this.hlcSeq++ % 100000, 5)}:bench`;
  }

  /** Each manager's plan for every month: reviewed by the leader, the current month's submitted. */
  plans() {
    const ins = this.db.prepare(
      `INSERT INTO visit_plans (id, branch_id, created_at, updated_at, updated_hlc, deleted, owner_id, month, status, submitted_at,
         reviewed_by_id, reviewed_at, review_note) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, '')`,
    );
    this.db.transaction(() => {
      this.managers.forEach((owner, a) => {
        this.planIds.push(
          this.months.map((month, mi) => {
            // Generated on the 25th of the month before, submitted the 27th, reviewed on the 1st.
            const created = localMs(dayOf(`${month}-01`) - 6, 9, a % 60);
            const submitted = created + 2 * DAY_MS;
            const reviewed = mi === this.months.length - 1 ? null : created + 7 * DAY_MS;
            const id = bulkUuidv7(created);
            ins.run(id, this.branchId, iso(created), iso(reviewed ?? submitted), this.hlc(reviewed ?? submitted), owner, month,
              reviewed ? 'reviewed' : 'submitted', iso(submitted), reviewed ? this.leaderId : null, reviewed ? iso(reviewed) : null);
            return id;
          }),
        );
      });
    })();
  }

  customers(progress: (n: number) => void) {
    const insCustomer = this.db.prepare(
      `INSERT INTO customers (id, branch_id, created_at, updated_at, updated_hlc, deleted, name, name_key, short_name, credit_code, industry,
         type, region, address, tags, notes, owner_id, stage, grade, grade_period, designated_strategic, monthly_spend_fen, arrears_fen,
         is_key, founded_on)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, '', ?, 'enterprise', ?, ?, '[]', '', ?, 'signed', ?, '2026-Q3', 0, 0, 0, ?, ?)`,
    );
    const insContact = this.db.prepare(
      `INSERT INTO customer_contacts (id, branch_id, created_at, updated_at, updated_hlc, deleted, customer_id, name, title, mobile,
         birthday, birthday_calendar, is_primary)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rnd = this.rnd;
    // Customers created in order from 2020-01 to a month before now: a third of them inside the visit window.
    const createdFirst = Date.parse('2020-01-01T01:00:00Z');
    const createdSpan = BENCH_NOW.getTime() - 30 * DAY_MS - createdFirst;
    let shares = 0;
    const cumulative = GRADES.map((g) => (shares += g.share));
    const BATCH = 20_000;
    for (let start = 0; start < CUSTOMERS; start += BATCH) {
      this.db.transaction(() => {
        for (let i = start; i < Math.min(CUSTOMERS, start + BATCH); i++) {
          const createdMs = createdFirst + Math.floor((i / CUSTOMERS) * createdSpan);
          const at = iso(createdMs);
          const id = bulkUuidv7(createdMs);
          const x = rnd.next();
          const g = GRADES[cumulative.findIndex((c) => x < c)] ?? GRADES[GRADES.length - 1]!;
          const ownerIndex = rnd.chance(0.08) ? -1 : rnd.int(0, this.managers.length - 1);
          const name = `${rnd.pick(PLACES)}${rnd.pick(CHARS)}${rnd.pick(CHARS)}${rnd.pick(KINDS)}有限公司（${i}）`;
          const region = rnd.pick(REGIONS);
          const founded = rnd.chance(0.8) ? `${rnd.int(1980, 2023)}-${pad(rnd.int(1, 12), 2)}-${pad(rnd.int(1, 28), 2)}` : null;
          insCustomer.run(
            id, this.branchId, at, at, this.hlc(createdMs), name, companyNameKey(name), name.slice(0, 8), rnd.pick(INDUSTRIES), region,
            `${region}${rnd.pick(CHARS)}${rnd.pick(CHARS)}路${rnd.int(1, 999)}号`, ownerIndex < 0 ? null : this.managers[ownerIndex],
            g.grade, g.months !== null ? 1 : 0, founded,
          );
          const contacts: string[] = [];
          for (let k = 0; k < 2; k++) {
            const contactId = bulkUuidv7(createdMs);
            contacts.push(contactId);
            // Most key people have a birthday on file, about one in seven of them on the lunar calendar.
            let birthday: string | null = null;
            let calendar = 'solar';
            if (rnd.chance(0.88)) {
              const year = rnd.int(1958, 1998);
              if (rnd.chance(0.15)) {
                calendar = 'lunar';
                birthday = `${year}-${pad(rnd.int(1, 12), 2)}-${pad(rnd.chance(0.04) ? 30 : rnd.int(1, 29), 2)}`;
              } else {
                birthday = dateOf(dayOf(`${year}-01-01`) + rnd.int(0, 364));
              }
            }
            const person = rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.5) ? rnd.pick(GIVEN) : '');
            const mobile = `1${rnd.pick(['33', '38', '39', '58', '86', '89'])}${pad(rnd.int(0, 99_999_999), 8)}`;
            insContact.run(contactId, this.branchId, at, at, this.hlc(createdMs), id, person, k === 0 ? '总经理' : '信息中心主任', mobile, birthday, calendar, k === 0 ? 1 : 0);
          }
          const owner = ownerIndex < 0 ? rnd.int(0, this.managers.length - 1) : ownerIndex;
          const createdDay = Math.floor((createdMs + SHANGHAI_MS) / DAY_MS);
          if (g.months !== null) this.gradedVisits(id, owner, contacts[0]!, createdDay, g.months);
          else this.occasionalVisits(id, owner, contacts[0]!, createdDay);
        }
      })();
      if ((start / BATCH) % 10 === 0) progress(start + BATCH);
    }
  }

  /**
   * A graded customer's visits: each due one interval after the last counted one (or after the
   * customer was created), mostly visited on time, some late, a few plan items dropped, phone calls
   * between. Visits from today to the month's end are planned; so are some of the month's past ones
   * not recorded yet. A customer whose next visit would fall after this month is left as it is: overdue
   * once its due date has passed.
   */
  private gradedVisits(customerId: string, owner: number, contactId: string, createdDay: number, months: number) {
    const rnd = this.rnd;
    const interval = months * 30;
    // Visits before the window are history this data set leaves out: the last one is only the base.
    let last = createdDay < this.windowStart ? Math.max(createdDay, this.windowStart - rnd.int(1, interval)) : createdDay;
    for (;;) {
      const due = addMonthsDay(last, months);
      const r = rnd.next();
      let day = r < 0.82 ? due - rnd.int(0, Math.min(25, Math.floor(interval / 2))) : r < 0.96 ? due + rnd.int(1, 30) : due + rnd.int(31, 120);
      if (day <= last) day = last + 1;
      if (day > this.monthEnd) return;
      // A phone call between visits now and then (phone does not count towards the interval).
      if (rnd.chance(0.38)) {
        const call = last + rnd.int(1, Math.max(1, day - last - 1));
        if (call >= this.windowStart && call < this.today) this.visit(customerId, owner, contactId, 'phone', 'done', call, due, 'recorded');
      }
      if (day < this.windowStart) {
        last = day;
        continue;
      }
      // A plan item dropped with a reason, the visit made later.
      if (rnd.chance(0.03) && day - 3 >= this.windowStart) this.visit(customerId, owner, contactId, 'onsite', 'dropped', day - 3, due, 'generated');
      const source = rnd.chance(0.8) ? 'generated' : 'recorded';
      const pending = day >= this.today || (dateOf(day).slice(0, 7) === dateOf(this.today).slice(0, 7) && rnd.chance(0.15));
      if (pending) {
        this.visit(customerId, owner, contactId, 'onsite', 'planned', day, due, 'generated');
        return;
      }
      this.visit(customerId, owner, contactId, countedKind(rnd.next()), 'done', day, due, source);
      last = day;
    }
  }

  /** A customer without a visit interval: now and then a visit or a call (no due date). */
  private occasionalVisits(customerId: string, owner: number, contactId: string, createdDay: number) {
    const rnd = this.rnd;
    const from = Math.max(createdDay + 1, this.windowStart);
    if (from >= this.today) return;
    const n = rnd.chance(0.2) ? rnd.int(1, 3) : 0;
    for (let k = 0; k < n; k++) {
      this.visit(customerId, owner, contactId, rnd.chance(0.5) ? 'phone' : 'onsite', 'done', rnd.int(from, this.today - 1), null, 'recorded');
    }
  }

  private visit(
    customerId: string,
    owner: number,
    contactId: string,
    kind: string,
    status: 'planned' | 'done' | 'dropped',
    day: number,
    due: number | null,
    source: 'generated' | 'recorded',
  ) {
    const rnd = this.rnd;
    const date = dateOf(day);
    const month = date.slice(0, 7);
    const monthIndex = this.months.indexOf(month);
    const ownerId = this.managers[owner]!;
    const planId = source === 'generated' && monthIndex >= 0 ? this.planIds[owner]![monthIndex]! : null;
    // A generated item was written with its month's plan; a recorded one when it was recorded.
    const delay = rnd.chance(0.85) ? rnd.int(0, 2) : rnd.chance(0.6) ? rnd.int(3, 7) : rnd.int(8, 20);
    const recorded = status === 'done' ? Math.min(localMs(day + delay, 17, rnd.int(0, 59)), BENCH_NOW.getTime() - 60_000) : null;
    const created = planId ? localMs(dayOf(`${month}-01`) - 6, 9, owner % 60) : (recorded ?? localMs(day, 8));
    const updated = recorded ?? (status === 'dropped' ? localMs(day - 1, 18) : created);
    const createdCode = iso(created + SHANGHAI_MS).slice(2, 7).replace('-', '');
    const seq = (this.sequences.get(createdCode) ?? 0) + 1;
    this.sequences.set(createdCode, seq);
    const number = `${this.numbering.branchCode}-ZF-${createdCode}-${this.numbering.device}-${pad(seq, 4)}`;
    const done = status === 'done';
    const nextStep = done && rnd.chance(0.2);
    const nextStepDay = nextStep ? day + rnd.int(3, 30) : null;
    const needs = done ? rnd.pick(NEEDS) : '';
    this.insVisit.run(
      bulkUuidv7(created),
      this.branchId,
      iso(created),
      iso(updated),
      this.hlc(updated),
      number,
      customerId,
      ownerId,
      planId,
      planId ? source : source === 'generated' ? 'added' : 'recorded',
      kind,
      status,
      date,
      kind === 'phone' ? null : `${pad(rnd.int(9, 16), 2)}:${rnd.pick(['00', '30'])}`,
      kind === 'phone' ? 15 : 60,
      due === null ? null : dateOf(due),
      done ? (due === null || day <= due ? 1 : 0) : null,
      done && kind !== 'phone' ? JSON.stringify([contactId]) : '[]',
      rnd.pick(PURPOSES),
      needs,
      done ? rnd.pick(COMPETITOR) : '',
      done ? rnd.pick(OUTCOMES) : '',
      nextStep ? (needs || '跟进报价') : '',
      nextStepDay === null ? null : dateOf(nextStepDay),
      nextStepDay !== null && nextStepDay <= this.today ? iso(localMs(nextStepDay, 8)) : null,
      status === 'dropped' ? rnd.pick(DROP_REASONS) : '',
      recorded === null ? null : iso(recorded),
      done && delay > 7 ? 1 : 0,
      done ? ownerId : null,
    );
    this.visitCount++;
  }
}

if (process.argv[1]?.endsWith('gen-visits.ts')) {
  console.log(ensureVisitsBenchDb());
}
