import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { settings } from '../../src/main/db/schema';
import { defaultMigrationsFolder } from '../../src/main/db/open';
import { closeRuntime, DB_FILE_NAME, openRuntime } from '../../src/main/runtime';
import { createUserWithPassword } from '../../src/main/services/auth';
import { hashPassword } from '../../src/main/services/auth/password';
import { bulkUuidv7 } from '../../src/main/services/bulk';
import type { ServiceContext } from '../../src/main/services/context';
import { DemoRandom } from '../../src/main/services/demo/random';
import { DEFAULT_RETURN_REASONS, ORDERS_SETTING_KEY, orderCalendarId } from '../../src/main/services/orders/config';
import { addBusinessMinutes, businessMinutesBetween, compileCalendar, type CalendarDefinition, type CompiledCalendar } from '../../src/main/services/sla';
import { insertRow } from '../../src/main/services/write';
import { OWNER_DEPARTMENT, type BusinessType, type TemplateStage } from '../../src/shared/contract/orders';

/**
 * The green-channel benchmark's data set (issue #13): a branch with 1,000,000 work orders over four
 * years (about 5,000,000 stage attempts; the latest 50,000 orders open), 200,000 contracts and 300,000
 * request forms, written straight into SQLite with raw prepared statements (indexes built after the
 * load). Stage times come from the SLA engine on the branch's office calendar, so due, warning and
 * business minutes agree as the services would have written them. Cached under
 * .data/bench/orders-v<VERSION>/ (never committed); bump VERSION when the schema or the data's shape
 * changes. The green timeline (green_events) is written for the open orders only — the order page reads
 * one order's events through an index, so the archive's events would change its cost little.
 */

export const VERSION = 1;
export const BENCH_PASSWORD = 'Bench12345';
/** The data set's clock: Monday 2026-11-23 10:00 in Shanghai. */
export const BENCH_NOW = new Date('2026-11-23T02:00:00Z');
/** KAM_BENCH_ORDERS makes a smaller data set of the same shape (a quick trial of the benchmark). */
export const ORDERS = Number(process.env.KAM_BENCH_ORDERS ?? 1_000_000);
export const OPEN = ORDERS / 20;
export const CONTRACTS = ORDERS / 5;
const CUSTOMERS = 30_000;
const MANAGERS = 30;
const STAFF_PER_DEPT = 6;
const YEARS = 4;

/** The eight departments stages go to (besides 客户经理, the order's owner). */
export const DEPARTMENTS = ['客户响应中心', '资源管理中心', '网络运维部', '工程建设部', '线路维护中心', '数据业务中心', '计费账务中心', '政企支撑中心'];

const DAY = 450;
const st = (key: string, name: string, department: string, days: number, required = true): TemplateStage => ({ key, name, department, limitMinutes: Math.round(days * DAY), required });
const REQ = st('requirement', '需求确认', OWNER_DEPARTMENT, 1);
const ACC = st('acceptance', '业务受理', '客户响应中心', 0.5);
const SIGN = st('signoff', '客户签收', OWNER_DEPARTMENT, 2);
const CONTRACT = st('contract', '合同签订', OWNER_DEPARTMENT, 3, false);

/** The branch's business types, spread over the eight departments; weights give about five attempts per order. */
const TYPES: { type: BusinessType; weight: number }[] = [
  { weight: 15, type: bt('install', '新装', [REQ, ACC, st('resource', '资源确认', '资源管理中心', 2), CONTRACT, st('engineering', '工程实施', '工程建设部', 5), st('activation', '业务开通', '网络运维部', 2), SIGN]) },
  { weight: 15, type: bt('upgrade', '扩容/提速', [REQ, { ...ACC, department: '政企支撑中心' }, st('resource', '资源确认', '网络运维部', 2), CONTRACT, st('engineering', '工程实施', '工程建设部', 3, false), st('activation', '业务开通', '数据业务中心', 2), SIGN]) },
  { weight: 10, type: bt('relocate', '移机', [REQ, ACC, st('resource', '资源确认', '资源管理中心', 2), st('engineering', '工程实施', '线路维护中心', 5), st('activation', '业务开通', '网络运维部', 2), SIGN]) },
  { weight: 35, type: bt('change', '变更', [REQ, { ...ACC, department: '政企支撑中心' }, st('activation', '业务开通', '计费账务中心', 1), SIGN]) },
  { weight: 25, type: bt('terminate', '拆机', [REQ, ACC, st('teardown', '拆机停机', '线路维护中心', 2), SIGN]) },
];

function bt(key: string, name: string, stages: TemplateStage[]): BusinessType {
  return { key, name, active: true, template: { version: 1, stages } };
}

export interface OrdersBenchDb {
  dataDir: string;
  file: string;
  generatedMs: number | null;
}

function pad(n: number, w: number) {
  return String(n).padStart(w, '0');
}

/** Builds (or reuses) the green-channel data set; returns its data directory. */
export function ensureOrdersBenchDb(log: (s: string) => void = console.log): OrdersBenchDb {
  const dataDir = join(process.cwd(), '.data', 'bench', `orders-v${VERSION}-${ORDERS}`);
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

  // Schema, users, calendars and the order settings through the app itself.
  const runtime = openRuntime({ dataDir: tmpDir, transport: 'test', now: () => BENCH_NOW });
  const ctx: ServiceContext = { ...runtime, db: runtime.store.db, actor: null, method: 'bench.seed', locale: 'zh-CN' };
  const hash = hashPassword(BENCH_PASSWORD);
  const managers: string[] = [];
  const staff = new Map<string, string[]>(DEPARTMENTS.map((d) => [d, []]));
  let calendar: CompiledCalendar | null = null;
  let calendarId: string | null = null;
  runtime.store.sqlite.transaction(() => {
    createUserWithPassword(ctx, { username: 'admin', displayName: '管理员', role: 'admin', password: BENCH_PASSWORD }, hash);
    // The leader heads no stage department: his queue views are the whole branch's.
    createUserWithPassword(ctx, { username: 'leader', displayName: '领导', role: 'leader', password: BENCH_PASSWORD }, hash);
    for (let i = 0; i < MANAGERS; i++) {
      managers.push(createUserWithPassword(ctx, { username: `am${i}`, displayName: `客户经理${i}`, role: 'account_manager', password: BENCH_PASSWORD, department: '政企客户部' }, hash).id);
    }
    DEPARTMENTS.forEach((dept, d) => {
      for (let i = 0; i < STAFF_PER_DEPT; i++) {
        // The response centre's people are the service desk; the other departments' are staff.
        const role = d === 0 ? 'service_desk' : 'staff';
        const u = createUserWithPassword(ctx, { username: `s${d}-${i}`, displayName: `${dept}${i}`, role, password: BENCH_PASSWORD, department: dept }, hash);
        staff.get(dept)!.push(u.id);
      }
    });
    calendarId = orderCalendarId(ctx);
    const def = runtime.store.sqlite.prepare('SELECT definition FROM sla_calendars WHERE id = ?').get(calendarId) as { definition: string };
    calendar = compileCalendar(JSON.parse(def.definition) as CalendarDefinition);
    insertRow(ctx, settings, {
      key: ORDERS_SETTING_KEY,
      value: JSON.stringify({ businessTypes: TYPES.map((t) => t.type), returnReasons: DEFAULT_RETURN_REASONS, calendarId, warnRatio: 0.8 }),
    });
  })();
  const branchId = runtime.branchId;
  closeRuntime(runtime);

  const db = new Database(join(tmpDir, DB_FILE_NAME));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  // Loaded without their secondary indexes, which are then built in one sorted pass each.
  const tables = ['work_orders', 'order_stages', 'request_forms', 'contracts', 'green_events'];
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);

  const gen = new Generator(db, branchId, calendar!, calendarId, managers, staff);
  gen.customers();
  log(`  customers (${Math.round((Date.now() - t0) / 1000)} s)`);
  gen.contracts();
  log(`  contracts (${Math.round((Date.now() - t0) / 1000)} s)`);
  gen.orders((n) => log(`  ${n} orders (${Math.round((Date.now() - t0) / 1000)} s)`));
  log(`  building ${indexes.length} indexes (${Math.round((Date.now() - t0) / 1000)} s)`);
  for (const ix of indexes) db.exec(ix.sql);
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

interface Attempt {
  id: string;
  seq: number;
  stage: TemplateStage;
  attempt: number;
  status: 'waiting' | 'accepted' | 'done' | 'returned' | 'skipped' | 'cancelled';
  entered: number;
  accepted: number | null;
  completed: number | null;
  holder: string | null;
  due: number;
  warn: number;
  minutes: number | null;
  returnReason: string | null;
  returnTo: number | null;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙'.split('');
const PLACES = ['呼和浩特', '包头', '鄂尔多斯', '赤峰', '通辽', '乌海', '巴彦淖尔', '锡林郭勒', '乌兰察布'];
const KINDS = ['乳业', '电力', '煤业', '物流', '银行', '保险', '医院', '中学', '制造', '网络科技', '商贸', '农牧', '酒店', '建设'];
const PRODUCTS = ['数字电路专线', '互联网专线', 'MPLS VPN', '云专线', 'IMS 固话', '物联网卡'];
const iso = (ms: number) => new Date(ms).toISOString();

/** Writes the data set with raw prepared statements, one transaction per batch. */
class Generator {
  private readonly rnd = new DemoRandom(13_013);
  private readonly now = BENCH_NOW.getTime();
  private readonly customerOwner: (string | null)[] = [];
  private readonly customerIds: string[] = [];
  private readonly weights: number[];
  private seq = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly branchId: string,
    private readonly cal: CompiledCalendar,
    private readonly calendarId: string | null,
    private readonly managers: string[],
    private readonly staff: Map<string, string[]>,
  ) {
    let sum = 0;
    this.weights = TYPES.map((t) => (sum += t.weight));
  }

  private hlc(ms: number) {
    return `${pad(ms, 15)}:${pad(this.seq++ % 100000, 5)}:bench`;
  }

  private type(): BusinessType {
    const x = this.rnd.next() * this.weights[this.weights.length - 1]!;
    return TYPES[this.weights.findIndex((w) => x < w)]!.type;
  }

  customers() {
    const ins = this.db.prepare(
      `INSERT INTO customers (id, branch_id, created_at, updated_at, updated_hlc, deleted, name, name_key, owner_id, grade, is_key)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 1)`,
    );
    const at = iso(this.now - YEARS * 366 * 86_400_000);
    this.db.transaction(() => {
      for (let i = 0; i < CUSTOMERS; i++) {
        const id = bulkUuidv7(Date.parse(at) + i);
        const name = `${this.rnd.pick(PLACES)}${this.rnd.pick(SURNAMES)}${this.rnd.pick(SURNAMES)}${this.rnd.pick(KINDS)}有限公司（${i}）`;
        const owner = this.rnd.chance(0.05) ? null : this.rnd.pick(this.managers);
        ins.run(id, this.branchId, at, at, this.hlc(Date.parse(at)), name, name, owner, this.rnd.pick(['strategic', 'key', 'vip', 'quality', 'normal']));
        this.customerIds.push(id);
        this.customerOwner.push(owner);
      }
    })();
  }

  contracts() {
    const ins = this.db.prepare(
      `INSERT INTO contracts (id, branch_id, created_at, updated_at, updated_hlc, deleted, number, customer_id, owner_id, title, amount_fen,
         sign_date, start_date, end_date, original_end_date, payment_terms, renewal_terms, status, predecessor_id, successor_id, reminded_end_date, notes)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, '按月支付', '到期前 60 天协商续签', ?, NULL, NULL, ?, '')`,
    );
    const span = 6 * 365 * 86_400_000;
    const first = this.now - 4.5 * 365 * 86_400_000;
    const BATCH = 50_000;
    for (let start = 0; start < CONTRACTS; start += BATCH) {
      this.db.transaction(() => {
        for (let i = start; i < Math.min(CONTRACTS, start + BATCH); i++) {
          // Signed in order over four and a half years; terms of one to three years.
          const signed = first + Math.floor((i / CONTRACTS) * span * 0.75);
          const years = this.rnd.pick([1, 1, 2, 3]);
          const startDate = iso(signed + 86_400_000).slice(0, 10);
          const end = iso(signed + years * 365 * 86_400_000).slice(0, 10);
          const past = Date.parse(`${end}T00:00:00Z`) < this.now;
          const r = this.rnd.next();
          const status = r < 0.03 ? 'draft' : r < 0.07 ? 'terminated' : past && r < 0.55 ? 'renewed' : 'signed';
          const c = this.rnd.int(0, CUSTOMERS - 1);
          ins.run(
            bulkUuidv7(signed),
            this.branchId,
            iso(signed),
            iso(signed),
            this.hlc(signed),
            `HT${iso(signed).slice(0, 7).replace('-', '')}-${pad(i, 6)}`,
            this.customerIds[c],
            this.customerOwner[c] ?? this.rnd.pick(this.managers),
            `${this.rnd.pick(PRODUCTS)}服务合同`,
            this.rnd.int(12, 3000) * 100_000,
            status === 'draft' ? null : iso(signed).slice(0, 10),
            startDate,
            end,
            end,
            status,
            status === 'signed' && Date.parse(`${end}T00:00:00Z`) - this.now < 60 * 86_400_000 ? end : null,
          );
        }
      })();
    }
  }

  /** Attempts of one order from `created`: closed orders run to sign-off, open ones stop in a stage at `now`. */
  private simulate(type: BusinessType, owner: string | null, created: number, fate: 'closed' | 'cancelled' | 'open' | 'returned'): Attempt[] {
    const stages = type.template.stages;
    const out: Attempt[] = [];
    const attempts = new Map<number, number>();
    const rnd = this.rnd;
    let at = created;
    let seq = 0;
    const stopAt = fate === 'open' || fate === 'returned' || fate === 'cancelled' ? rnd.int(0, stages.length - 1) : stages.length;
    let returns = 0;
    const slow = rnd.chance(0.15) ? 2 : 1;
    while (seq < stages.length) {
      const stage = stages[seq]!;
      const n = (attempts.get(seq) ?? 0) + 1;
      attempts.set(seq, n);
      const holder = stage.department === OWNER_DEPARTMENT ? owner : rnd.pick(this.staff.get(stage.department)!);
      const a: Attempt = {
        id: bulkUuidv7(at),
        seq,
        stage,
        attempt: n,
        status: 'done',
        entered: at,
        accepted: null,
        completed: null,
        holder,
        due: addBusinessMinutes(this.cal, at, stage.limitMinutes),
        warn: addBusinessMinutes(this.cal, at, stage.limitMinutes * 0.8),
        minutes: null,
        returnReason: null,
        returnTo: null,
      };
      out.push(a);
      if (seq === stopAt && fate !== 'closed') {
        // The stage the order is in now (or was in when it was cancelled or handed back).
        if (fate === 'returned') {
          a.status = 'returned';
          a.returnTo = -1;
          a.returnReason = rnd.pick(DEFAULT_RETURN_REASONS).code;
          a.minutes = 60;
          a.completed = addBusinessMinutes(this.cal, at, 60);
        } else if (fate === 'cancelled') {
          a.status = 'cancelled';
          a.minutes = 120;
          a.completed = addBusinessMinutes(this.cal, at, 120);
        } else {
          a.status = rnd.chance(0.6) ? 'accepted' : 'waiting';
          if (a.status === 'waiting' && stage.department !== OWNER_DEPARTMENT) a.holder = null;
          a.accepted = a.status === 'accepted' ? addBusinessMinutes(this.cal, at, 20) : null;
        }
        return out;
      }
      // Most stages finish well inside their limit, about one in six runs over, slow orders more often.
      const factor = (0.1 + rnd.next() ** 2 * 1.15) * slow;
      const skip = !stage.required && rnd.chance(0.4);
      a.minutes = skip ? 5 : Math.max(5, Math.round(stage.limitMinutes * factor));
      a.completed = addBusinessMinutes(this.cal, at, a.minutes);
      a.accepted = skip ? null : addBusinessMinutes(this.cal, at, Math.min(a.minutes, 20));
      if (skip) a.status = 'skipped';
      at = a.completed;
      // 异常返单: about one order in twelve, back to the stage before or to the account manager.
      if (!skip && seq > 0 && seq < stages.length - 1 && returns < 2 && rnd.chance(0.018)) {
        returns++;
        a.status = 'returned';
        a.returnReason = rnd.pick(DEFAULT_RETURN_REASONS).code;
        if (rnd.chance(0.2)) {
          a.returnTo = -1;
          // The account manager fixes it within a day and resubmits to the same stage.
          at = addBusinessMinutes(this.cal, at, rnd.int(30, 450));
        } else {
          a.returnTo = seq - 1;
          seq -= 1;
        }
        continue;
      }
      seq++;
    }
    return out;
  }

  orders(progress: (n: number) => void) {
    const insOrder = this.db.prepare(
      `INSERT INTO work_orders (id, branch_id, created_at, updated_at, updated_hlc, deleted, number, customer_id, owner_id, created_by_id,
         business_type, business_type_name, template_version, stage_plan, products, site_address, expected_date, contract_id, visit_id, notes,
         calendar_id, status, is_open, current_stage_id, current_seq, current_stage_name, current_dept, current_holder_id, stage_due_at,
         stage_warn_at, due_sort, return_count, breach_count, plan_minutes, business_minutes, on_time, activated_at, closed_at, cancelled_at, cancel_reason)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, NULL, NULL, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insStage = this.db.prepare(
      `INSERT INTO order_stages (id, branch_id, created_at, updated_at, updated_hlc, deleted, order_id, customer_id, business_type, owner_id,
         seq, stage_key, name, department, limit_minutes, required, attempt, status, is_open, entered_at, accepted_at, holder_id, completed_at,
         result, due_at, warn_at, sla_level, on_time, business_minutes, return_reason, return_note, return_to_seq)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insForm = this.db.prepare(
      `INSERT INTO request_forms (id, branch_id, created_at, updated_at, updated_hlc, deleted, number, kind, customer_id, order_id, title, content,
         important, drafter_id, drafter_dept, status, is_open, approver_id, routed_dept, answer, answered_by_id, answered_at, closed_at, sent_at,
         business_minutes, on_time, calendar_id, step_started_at, step_limit_minutes, due_at, warn_at, due_sort)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, '', ?, ?, '政企客户部', ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insEvent = this.db.prepare(
      `INSERT INTO green_events (id, branch_id, created_at, updated_at, updated_hlc, deleted, entity, entity_id, customer_id, at, kind, actor_id, actor_name, note, data)
       VALUES (?, ?, ?, ?, ?, 0, 'order', ?, ?, ?, ?, ?, NULL, '', ?)`,
    );
    const rnd = this.rnd;
    const closedSpanEnd = this.now - 75 * 86_400_000;
    const first = this.now - YEARS * 365 * 86_400_000;
    const BATCH = 20_000;
    for (let start = 0; start < ORDERS; start += BATCH) {
      this.db.transaction(() => {
        for (let i = start; i < Math.min(ORDERS, start + BATCH); i++) {
          const open = i >= ORDERS - OPEN;
          // Closed orders opened evenly over four years up to 75 days ago, open ones over the last 75 days.
          const opened = open
            ? closedSpanEnd + Math.floor(((i - (ORDERS - OPEN)) / OPEN) * 74 * 86_400_000)
            : first + Math.floor((i / (ORDERS - OPEN)) * (closedSpanEnd - first - 30 * 86_400_000));
          const fate = open ? (rnd.chance(0.03) ? 'returned' : 'open') : rnd.chance(0.02) ? 'cancelled' : 'closed';
          const type = this.type();
          const c = rnd.int(0, CUSTOMERS - 1);
          const owner = this.customerOwner[c] ?? this.rnd.pick(this.managers);
          let attempts = this.simulate(type, owner, opened, fate);
          if (fate === 'open') attempts = this.placeAtNow(attempts, owner);
          else attempts = this.beforeNow(attempts);
          const created = attempts[0]!.entered;
          const last = attempts[attempts.length - 1]!;
          const id = bulkUuidv7(created);
          const plan = type.template.stages.reduce((s, x) => s + x.limitMinutes, 0);
          const closed = fate === 'closed' ? last.completed! : null;
          const minutes = closed ? Math.round(businessMinutesBetween(this.cal, created, closed) * 10) / 10 : null;
          const current = fate === 'open' ? last : null;
          const updated = current ? (current.accepted ?? current.entered) : (last.completed ?? last.entered);
          const breaches = attempts.filter((a) => a.completed !== null && a.completed > a.due).length;
          insOrder.run(
            id,
            this.branchId,
            iso(created),
            iso(updated),
            this.hlc(updated),
            `GD${iso(created).slice(0, 7).replace('-', '')}-${pad(i, 7)}`,
            this.customerIds[c],
            owner,
            owner,
            type.key,
            type.name,
            JSON.stringify(type.template.stages),
            JSON.stringify([{ product: rnd.pick(PRODUCTS), quantity: rnd.int(1, 4), note: '' }]),
            `${rnd.pick(PLACES)}${rnd.pick(KINDS)}园区${rnd.int(1, 99)}号`,
            iso(created + 30 * 86_400_000).slice(0, 10),
            this.calendarId,
            fate === 'open' ? 'in_progress' : fate,
            open ? 1 : 0,
            current?.id ?? null,
            current?.seq ?? null,
            current?.stage.name ?? null,
            current?.stage.department ?? null,
            current ? current.holder : fate === 'returned' ? owner : null,
            current ? iso(current.due) : null,
            current ? iso(current.warn) : null,
            current ? iso(current.due) : `~${iso(updated)}`,
            attempts.filter((a) => a.status === 'returned').length,
            breaches,
            plan,
            minutes,
            minutes === null ? null : minutes <= plan ? 1 : 0,
            fate === 'closed' ? iso(last.entered) : null,
            closed ? iso(closed) : null,
            fate === 'cancelled' ? iso(last.completed!) : null,
            fate === 'cancelled' ? '客户取消需求' : null,
          );
          for (const a of attempts) {
            const isOpen = a.status === 'waiting' || a.status === 'accepted';
            insStage.run(
              a.id,
              this.branchId,
              iso(a.entered),
              iso(a.completed ?? a.entered),
              this.hlc(a.completed ?? a.entered),
              id,
              this.customerIds[c],
              type.key,
              owner,
              a.seq,
              a.stage.key,
              a.stage.name,
              a.stage.department,
              a.stage.limitMinutes,
              a.stage.required ? 1 : 0,
              a.attempt,
              a.status,
              isOpen ? 1 : 0,
              iso(a.entered),
              a.accepted === null ? null : iso(a.accepted),
              a.holder,
              a.completed === null ? null : iso(a.completed),
              a.status === 'done' ? '已完成' : '',
              iso(a.due),
              iso(a.warn),
              isOpen && a.due <= this.now ? 2 : isOpen && a.warn <= this.now ? 1 : a.completed !== null && a.completed > a.due ? 2 : 0,
              a.minutes === null || a.status === 'cancelled' ? null : a.minutes <= a.stage.limitMinutes ? 1 : 0,
              a.minutes,
              a.returnReason,
              a.returnReason ? '现场核实后返单' : null,
              a.returnTo,
            );
            if (open) {
              insEvent.run(bulkUuidv7(a.entered), this.branchId, iso(a.entered), iso(a.entered), this.hlc(a.entered), id, this.customerIds[c], iso(a.entered), 'stage_entered', null, JSON.stringify({ stage: a.stage.name, dept: a.stage.department, attempt: a.attempt }));
              if (a.completed !== null) {
                insEvent.run(bulkUuidv7(a.completed), this.branchId, iso(a.completed), iso(a.completed), this.hlc(a.completed), id, this.customerIds[c], iso(a.completed), a.status === 'returned' ? 'returned' : 'completed', a.holder, JSON.stringify({ stage: a.stage.name }));
              }
            }
          }
          // A 资源确认单 for most orders that need resources, a 业务联系单 now and then.
          const needsResource = type.template.stages.some((s) => s.key === 'resource');
          if ((needsResource && rnd.chance(0.7)) || rnd.chance(0.06)) this.form(insForm, needsResource ? 'resource' : 'contact', i, id, c, owner, created);
        }
      })();
      if ((start / BATCH) % 10 === 0) progress(start + BATCH);
    }
  }

  /**
   * An open order's attempts moved so its open attempt stands at `now`: it entered a random share of
   * its limit ago (some beyond it: breached), the finished attempts before it keep their lengths.
   */
  private placeAtNow(attempts: Attempt[], owner: string | null): Attempt[] {
    const open = attempts[attempts.length - 1]!;
    const elapsed = open.stage.limitMinutes * this.rnd.next() * 1.12;
    // The instant `elapsed` business minutes before now, by bisection (a week of wall time holds 2,250 of them).
    let lo = this.now - (elapsed / 2250 + 2) * 7 * 86_400_000;
    let hi = this.now;
    while (hi - lo > 60_000) {
      const mid = (lo + hi) / 2;
      if (businessMinutesBetween(this.cal, mid, this.now) > elapsed) lo = mid;
      else hi = mid;
    }
    const entered = hi;
    return this.shifted(attempts, Math.floor(entered - open.entered), { owner, elapsed });
  }

  /**
   * Attempts moved by `shift` ms, keeping their wall-clock lengths; clocks and business minutes re-read on
   * the calendar from the new starts. `open` places the last attempt, which runs at `now`.
   */
  private shifted(attempts: Attempt[], shift: number, open: { owner: string | null; elapsed: number } | null): Attempt[] {
    const last = attempts[attempts.length - 1]!;
    return attempts.map((a) => {
      const e = a.entered + shift;
      const moved: Attempt = { ...a, entered: e, due: addBusinessMinutes(this.cal, e, a.stage.limitMinutes), warn: addBusinessMinutes(this.cal, e, a.stage.limitMinutes * 0.8) };
      if (a.completed !== null) {
        moved.completed = a.completed + shift;
        moved.minutes = Math.round(businessMinutesBetween(this.cal, e, moved.completed) * 10) / 10;
      }
      if (a.accepted !== null) moved.accepted = open && a === last ? Math.min(this.now, addBusinessMinutes(this.cal, e, Math.min(20, open.elapsed))) : a.accepted + shift;
      if (open && a === last && open.owner && a.stage.department === OWNER_DEPARTMENT) moved.holder = open.owner;
      return moved;
    });
  }

  /** Attempts moved back so that none ends after `now` (an order handed back to its manager lately). */
  private beforeNow(attempts: Attempt[]): Attempt[] {
    const end = Math.max(...attempts.map((a) => a.completed ?? a.entered));
    if (end < this.now) return attempts;
    const shift = end - this.now + this.rnd.int(1, 48) * 3_600_000;
    return this.shifted(attempts, -shift, null);
  }

  private form(ins: Database.Statement, kind: 'resource' | 'contact', i: number, orderId: string, c: number, owner: string, created: number) {
    const rnd = this.rnd;
    const sent = addBusinessMinutes(this.cal, created, rnd.int(60, 900));
    const limit = 960;
    const minutes = Math.round(limit * (0.1 + rnd.next() ** 2 * 1.1));
    const answered = addBusinessMinutes(this.cal, sent, minutes);
    const done = answered < this.now;
    const due = addBusinessMinutes(this.cal, sent, limit);
    ins.run(
      bulkUuidv7(created),
      this.branchId,
      iso(created),
      iso(done ? answered : sent),
      this.hlc(done ? answered : sent),
      `${kind === 'resource' ? 'ZY' : 'LX'}${iso(created).slice(0, 7).replace('-', '')}-${pad(i, 7)}`,
      kind,
      this.customerIds[c],
      orderId,
      kind === 'resource' ? '资源确认' : '业务联系',
      rnd.chance(0.2) ? 1 : 0,
      owner,
      done ? 'closed' : 'routed',
      done ? 0 : 1,
      kind === 'resource' ? rnd.pick(['资源管理中心', '网络运维部']) : rnd.pick(DEPARTMENTS),
      done ? '资源具备，可以开通' : '',
      done ? rnd.pick(this.staff.get('资源管理中心')!) : null,
      done ? iso(answered) : null,
      done ? iso(answered) : null,
      iso(sent),
      done ? minutes : null,
      done ? (minutes <= limit ? 1 : 0) : null,
      this.calendarId,
      iso(sent),
      limit,
      done ? null : iso(due),
      done ? null : iso(addBusinessMinutes(this.cal, sent, limit * 0.8)),
      done ? `~${iso(answered)}` : iso(due),
    );
  }
}

if (process.argv[1]?.endsWith('gen-orders.ts')) {
  console.log(ensureOrdersBenchDb());
}
