import type { Database } from 'better-sqlite3';
import type { ReportContext } from '../types';
import { addMonths } from '../../customers/dates';
import { monthsBetween } from '../params';

/**
 * The green channel's KPIs (seed 004) over a range of Asia/Shanghai months, read from the monthly
 * rollup green_kpi_months (migration 0028, kept by triggers) with one grouped query per kind and summed
 * into each breakdown in JS:
 * - order execution, end to end: orders archived by 客户签收 in the month (closed_at), their business
 *   minutes from opening to sign-off and whether that stayed within the plan's total limit;
 * - per stage: attempts that left their stage in the month (done, or 异常返单 out of it — a breached
 *   first attempt stays counted after the redo), their business minutes and on-time flag;
 * - resource confirmation: 资源确认单 answered in the month, business minutes sent → answered;
 * - exception returns: of the orders archived in the month, those returned at least once, and the
 *   returns per 100 of them (returns are counted per order over its whole life);
 * - contracts expiring: signed contracts (renewed ones included) whose current term ends in the month.
 * Cancelled orders and skipped stages are left out of every figure.
 */

/** The additive inputs of every figure: a breakdown's row is a sum of these. */
export interface GreenSums {
  orders: number;
  orderMinutesSum: number;
  orderMinutesN: number;
  orderOk: number;
  orderOkN: number;
  ordersReturned: number;
  returns: number;
  attempts: number;
  attemptsReturned: number;
  stageMinutesSum: number;
  stageMinutesN: number;
  stageOk: number;
  stageOkN: number;
  stageLimitSum: number;
  forms: number;
  formMinutesSum: number;
  formMinutesN: number;
  formOk: number;
  formOkN: number;
}

export function emptySums(): GreenSums {
  return {
    orders: 0,
    orderMinutesSum: 0,
    orderMinutesN: 0,
    orderOk: 0,
    orderOkN: 0,
    ordersReturned: 0,
    returns: 0,
    attempts: 0,
    attemptsReturned: 0,
    stageMinutesSum: 0,
    stageMinutesN: 0,
    stageOk: 0,
    stageOkN: 0,
    stageLimitSum: 0,
    forms: 0,
    formMinutesSum: 0,
    formMinutesN: 0,
    formOk: 0,
    formOkN: 0,
  };
}

function addSums(a: GreenSums, b: Partial<GreenSums>): void {
  for (const k of Object.keys(b) as (keyof GreenSums)[]) a[k] += b[k] ?? 0;
}

/** The figures of one row, as printed. */
export interface GreenFigures {
  orders: number;
  orderAvgMinutes: number | null;
  orderOnTimeRate: number | null;
  returnRate: number | null;
  returnsPer100: number | null;
  attempts: number;
  attemptsReturned: number;
  attemptReturnRate: number | null;
  stageAvgMinutes: number | null;
  stageAvgLimitMinutes: number | null;
  stageOnTimeRate: number | null;
  forms: number;
  formAvgMinutes: number | null;
  formOnTimeRate: number | null;
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Averages and rates of a row's sums (minutes to one decimal, rates unrounded: the format rounds). */
export function figuresOf(s: GreenSums): GreenFigures {
  return {
    orders: s.orders,
    orderAvgMinutes: round1(ratio(s.orderMinutesSum, s.orderMinutesN)),
    orderOnTimeRate: ratio(s.orderOk, s.orderOkN),
    returnRate: ratio(s.ordersReturned, s.orders),
    returnsPer100: s.orders > 0 ? Math.round((s.returns / s.orders) * 100 * 100) / 100 : null,
    attempts: s.attempts,
    attemptsReturned: s.attemptsReturned,
    attemptReturnRate: ratio(s.attemptsReturned, s.attempts),
    stageAvgMinutes: round1(ratio(s.stageMinutesSum, s.stageMinutesN)),
    stageAvgLimitMinutes: round1(ratio(s.stageLimitSum, s.attempts)),
    stageOnTimeRate: ratio(s.stageOk, s.stageOkN),
    forms: s.forms,
    formAvgMinutes: round1(ratio(s.formMinutesSum, s.formMinutesN)),
    formOnTimeRate: ratio(s.formOk, s.formOkN),
  };
}

/** A group of a breakdown: its key, the label to print and its sums. */
export interface GreenGroup {
  key: string;
  label: string;
  sums: GreenSums;
}

export interface ContractMonth {
  month: string;
  expiring: number;
  renewed: number;
  amountFen: number;
}

export interface GreenKpis {
  months: string[];
  total: GreenSums;
  byMonth: Map<string, GreenSums>;
  byType: GreenGroup[];
  byDepartment: GreenGroup[];
  byStage: (GreenGroup & { department: string })[];
  contracts: ContractMonth[];
}

/** Whose orders: an account manager's id, 'pool' (no owner) or null (everyone the caller may see). */
export type OwnerFilter = string | null;

/** The owner condition on a column (after runReport put an account manager's own id into the filter). */
function ownerSql(column: string, owner: OwnerFilter): { sql: string; params: unknown[] } {
  if (owner === 'pool') return { sql: ` AND ${column} IS NULL`, params: [] };
  if (owner) return { sql: ` AND ${column} = ?`, params: [owner] };
  return { sql: '', params: [] };
}

/**
 * The rollup rows of one kind over months first..last, grouped by `groups` (month first). Groups whose
 * last row left keep a row of zeros: n > 0 leaves them out, as the base tables would.
 */
function rollupRows<T>(sqlite: Database, kind: 'order' | 'stage' | 'form', months: string[], owner: OwnerFilter, columns: string, groups: string): T[] {
  // The rollup's owner_id is the order's or attempt's account manager ('' for the pool) and a form's drafter.
  const o = owner === 'pool' ? { sql: " AND owner_id = ''", params: [] } : ownerSql('owner_id', owner);
  return sqlite
    .prepare(
      `SELECT month, ${columns} FROM green_kpi_months
       WHERE kind = ? AND month >= ? AND month <= ? AND n > 0${o.sql}
       GROUP BY month, ${groups}`,
    )
    .all(kind, months[0]!, months[months.length - 1]!, ...o.params) as T[];
}

interface OrderRow {
  month: string;
  type: string;
  orders: number;
  orderMinutesSum: number;
  orderMinutesN: number;
  orderOk: number;
  orderOkN: number;
  ordersReturned: number;
  returns: number;
}

interface StageRow {
  month: string;
  type: string;
  department: string;
  stageKey: string;
  attempts: number;
  attemptsReturned: number;
  stageMinutesSum: number;
  stageMinutesN: number;
  stageOk: number;
  stageOkN: number;
  stageLimitSum: number;
}

interface FormRow {
  month: string;
  type: string | null;
  department: string | null;
  forms: number;
  formMinutesSum: number;
  formMinutesN: number;
  formOk: number;
  formOkN: number;
}

/** How groups are named and ordered: the reader's language and the branch's business types. */
export interface GreenLabels {
  noOrder: string;
  noDepartment: string;
  /** A business type's name from its key (retired types stay in the settings, inactive). */
  type: (key: string) => string;
  /** A stage's name from its key (the branch's templates name them). */
  stage: (key: string) => string;
  /** A stage key's place in the templates (stages print in the order orders pass them). */
  stageRank: (key: string) => number;
}

const byText = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function orderSums(r: OrderRow): Partial<GreenSums> {
  const { orders, orderMinutesSum, orderMinutesN, orderOk, orderOkN, ordersReturned, returns } = r;
  return { orders, orderMinutesSum, orderMinutesN, orderOk, orderOkN, ordersReturned, returns };
}

/** Orders signed off in the months (YYYY-MM, consecutive), summed per month and business type. */
function closedOrderRows(sqlite: Database, months: string[], owner: OwnerFilter): OrderRow[] {
  return rollupRows<OrderRow>(
    sqlite,
    'order',
    months,
    owner,
    `business_type AS type, sum(n) AS orders, total(minutes_sum) AS orderMinutesSum, sum(minutes_n) AS orderMinutesN,
       sum(ok) AS orderOk, sum(ok_n) AS orderOkN, sum(returned) AS ordersReturned, sum(returns) AS returns`,
    'business_type',
  );
}

/** The end-to-end figures of the orders signed off in one month (the leader's dashboard tile). */
export function monthOrderFigures(sqlite: Database, month: string): GreenFigures {
  const sums = emptySums();
  for (const r of closedOrderRows(sqlite, [month], null)) addSums(sums, orderSums(r));
  return figuresOf(sums);
}

/** The KPIs of months from..to (YYYY-MM) for an owner filter, in every breakdown the report prints. */
export function greenKpis(rc: ReportContext, range: { from: string; to: string }, owner: OwnerFilter, labels: GreenLabels): GreenKpis {
  const months = monthsBetween(range.from, range.to);
  const { sqlite } = rc;

  const orders = closedOrderRows(sqlite, months, owner);
  const stages = rollupRows<StageRow>(
    sqlite,
    'stage',
    months,
    owner,
    `business_type AS type, department, stage_key AS stageKey, sum(n) AS attempts, sum(returned) AS attemptsReturned,
       total(minutes_sum) AS stageMinutesSum, sum(minutes_n) AS stageMinutesN, sum(ok) AS stageOk, sum(ok_n) AS stageOkN,
       sum(limit_sum) AS stageLimitSum`,
    'business_type, department, stage_key',
  );
  // A form's business type is its order's ('' in the rollup: drafted without one); '' department: not routed.
  const forms = rollupRows<FormRow>(
    sqlite,
    'form',
    months,
    owner,
    `nullif(business_type, '') AS type, department, sum(n) AS forms, total(minutes_sum) AS formMinutesSum,
       sum(minutes_n) AS formMinutesN, sum(ok) AS formOk, sum(ok_n) AS formOkN`,
    'business_type, department',
  );

  const cOwner = ownerSql('owner_id', owner);
  const contracts = sqlite
    .prepare(
      `SELECT substr(end_date, 1, 7) AS month, count(*) AS expiring, total(status = 'renewed') AS renewed, total(amount_fen) AS amountFen
       FROM contracts
       WHERE deleted = 0 AND status IN ('signed', 'renewed') AND end_date >= ? AND end_date < ?${cOwner.sql}
       GROUP BY 1`,
    )
    .all(`${range.from}-01`, `${addMonths(range.to, 1)}-01`, ...cOwner.params) as ContractMonth[];

  const total = emptySums();
  const byMonth = new Map(months.map((m) => [m, emptySums()]));
  const types = new Map<string, GreenGroup>();
  const depts = new Map<string, GreenGroup>();
  const stageGroups = new Map<string, GreenGroup & { department: string }>();
  const group = <G extends GreenGroup>(map: Map<string, G>, key: string, make: () => G): G => {
    let g = map.get(key);
    if (!g) map.set(key, (g = make()));
    return g;
  };
  const typeGroup = (key: string) => group(types, key, () => ({ key, label: labels.type(key), sums: emptySums() }));

  for (const r of orders) {
    const s = orderSums(r);
    addSums(total, s);
    addSums(byMonth.get(r.month)!, s);
    addSums(typeGroup(r.type).sums, s);
  }
  for (const r of stages) {
    const s: Partial<GreenSums> = {
      attempts: r.attempts,
      attemptsReturned: r.attemptsReturned,
      stageMinutesSum: r.stageMinutesSum,
      stageMinutesN: r.stageMinutesN,
      stageOk: r.stageOk,
      stageOkN: r.stageOkN,
      stageLimitSum: r.stageLimitSum,
    };
    addSums(total, s);
    addSums(byMonth.get(r.month)!, s);
    addSums(typeGroup(r.type).sums, s);
    addSums(group(depts, r.department, () => ({ key: r.department, label: r.department, sums: emptySums() })).sums, s);
    addSums(group(stageGroups, r.stageKey, () => ({ key: r.stageKey, label: labels.stage(r.stageKey), department: r.department, sums: emptySums() })).sums, s);
  }
  for (const r of forms) {
    const s: Partial<GreenSums> = {
      forms: r.forms,
      formMinutesSum: r.formMinutesSum,
      formMinutesN: r.formMinutesN,
      formOk: r.formOk,
      formOkN: r.formOkN,
    };
    addSums(total, s);
    addSums(byMonth.get(r.month)!, s);
    if (r.type === null) addSums(group(types, '', () => ({ key: '', label: labels.noOrder, sums: emptySums() })).sums, s);
    else addSums(typeGroup(r.type).sums, s);
    const dept = r.department ?? '';
    addSums(group(depts, dept, () => ({ key: dept, label: dept || labels.noDepartment, sums: emptySums() })).sums, s);
  }

  const contractsByMonth = new Map(contracts.map((c) => [c.month, c]));
  return {
    months,
    total,
    byMonth,
    byType: [...types.values()].sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : byText(a, b))),
    byDepartment: [...depts.values()].sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : byText(a, b))),
    byStage: [...stageGroups.values()].sort((a, b) => labels.stageRank(a.key) - labels.stageRank(b.key) || byText(a, b)),
    contracts: months.map((m) => contractsByMonth.get(m) ?? { month: m, expiring: 0, renewed: 0, amountFen: 0 }),
  };
}
