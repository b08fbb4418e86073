import type { ParsedInputOf } from '../../../shared/contract';
import type { EvaluationResult, GradeRules } from '../../../shared/contract/customer-evaluation';
import type { Grade } from '../../../shared/contract/customer-common';
import { AppError } from '../../../shared/errors';
import { customerEvaluationResults, customerEvaluationRuns, customers } from '../../db/schema';
import { isoNow, requireActor, type ServiceContext } from '../context';
import { bulkInsert, bulkUpdate } from '../bulk';
import { insertRow, type NewRow } from '../write';
import { uuidv7 } from '../../../shared/uuid';
import { addMonths, shanghaiToday } from './dates';
import { readScopeSql } from './scope';
import { getCustomerSettings } from './settings';
import { refreshWarnings } from './warnings';

/** The months (YYYY-MM) of a period '2026-10', '2026-Q3' or '2026'. */
export function periodMonths(periodType: 'month' | 'quarter' | 'year', period: string): { first: string; last: string; months: number } {
  if (periodType === 'month') return { first: period, last: period, months: 1 };
  const year = period.slice(0, 4);
  if (periodType === 'year') return { first: `${year}-01`, last: `${year}-12`, months: 12 };
  const q = Number(period.slice(6));
  const first = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}`;
  return { first, last: addMonths(first, 2), months: 3 };
}

export interface Metrics {
  billCount: number;
  billedFen: number;
  paidFen: number;
  onTimeRatio: number | null;
  revenueShare: number;
  growth: number | null;
  months: number;
  designatedStrategic: boolean;
}

const clamp = (x: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, x));

/** Score 0..100 from the metrics by the rules (formula documented on gradeRulesSchema). */
export function scoreOf(m: Metrics, rules: GradeRules): number {
  const w = rules.weights;
  const amount = clamp(m.billedFen / m.months / rules.amountTargetFen);
  const payment = m.billedFen > 0 ? clamp(m.paidFen / m.billedFen) : 1;
  const onTime = m.onTimeRatio ?? 1;
  const share = clamp(m.revenueShare / rules.shareTarget);
  const growth = m.growth === null ? 0.5 : clamp(0.5 + m.growth);
  const score = w.amount * amount + w.payment * payment + w.onTime * onTime + w.share * share + w.growth * growth;
  return Math.round(score * 10) / 10;
}

/** The grade a score earns (designated strategic customers are strategic when the rule says so). */
export function gradeOf(score: number, designatedStrategic: boolean, rules: GradeRules): Grade {
  if (designatedStrategic && rules.designatedIsStrategic) return 'strategic';
  if (score >= rules.minScore.strategic) return 'strategic';
  if (score >= rules.minScore.key) return 'key';
  if (score >= rules.minScore.vip) return 'vip';
  if (score >= rules.minScore.quality) return 'quality';
  return 'normal';
}

interface Aggregate {
  customerId: string;
  n: number;
  billed: number;
  paid: number;
  onTime: number;
  judged: number;
  prev: number | null;
  grade: Grade | null;
  designated: number;
}

/** customers.evaluate: metrics → score → grade for every customer billed in the period, stored with history. */
export function runEvaluation(ctx: ServiceContext, input: ParsedInputOf<'customers.evaluate'>) {
  // The demo seed runs it without a signed-in user.
  const actor = ctx.actor;
  const rules = getCustomerSettings(ctx).gradeRules;
  const { first, last, months } = periodMonths(input.periodType, input.period);
  const prevFirst = addMonths(first, -months);
  const prevLast = addMonths(first, -1);
  const today = shanghaiToday(ctx.now());
  const rows = ctx.store.sqlite
    .prepare(
      `WITH cur AS (
         SELECT customer_id, count(*) AS n, sum(billed_fen) AS billed, sum(paid_fen) AS paid,
           sum(CASE WHEN paid_fen >= billed_fen AND (paid_date IS NULL OR paid_date <= due_date) THEN 1 ELSE 0 END) AS onTime,
           sum(CASE WHEN paid_fen >= billed_fen OR due_date < ? THEN 1 ELSE 0 END) AS judged
         FROM customer_bills WHERE deleted = 0 AND period BETWEEN ? AND ? GROUP BY customer_id),
       prev AS (
         SELECT customer_id, sum(billed_fen) AS billed FROM customer_bills
         WHERE deleted = 0 AND period BETWEEN ? AND ? GROUP BY customer_id)
       SELECT cur.customer_id AS customerId, cur.n, cur.billed, cur.paid, cur.onTime, cur.judged, prev.billed AS prev,
         c.grade, c.designated_strategic AS designated
       FROM cur JOIN customers c ON c.id = cur.customer_id AND c.deleted = 0
       LEFT JOIN prev ON prev.customer_id = cur.customer_id`,
    )
    .all(today, first, last, prevFirst, prevLast) as Aggregate[];
  if (rows.length === 0) throw new AppError('CONFLICT', 'customers.noBills');
  const total = rows.reduce((a, r) => a + r.billed, 0);

  const gradeCounts: Record<string, number> = {};
  const runId = uuidv7(ctx.now().getTime());
  const results: NewRow<typeof customerEvaluationResults>[] = [];
  const gradeChanges: { id: string; patch: { grade: Grade; gradePeriod: string } }[] = [];
  for (const r of rows) {
    const metrics: Metrics = {
      billCount: r.n,
      billedFen: r.billed,
      paidFen: r.paid,
      onTimeRatio: r.judged > 0 ? r.onTime / r.judged : null,
      revenueShare: total > 0 ? r.billed / total : 0,
      growth: r.prev ? (r.billed - r.prev) / r.prev : null,
      months,
      designatedStrategic: r.designated === 1,
    };
    const score = scoreOf(metrics, rules);
    const grade = gradeOf(score, metrics.designatedStrategic, rules);
    gradeCounts[grade] = (gradeCounts[grade] ?? 0) + 1;
    results.push({
      runId,
      customerId: r.customerId,
      period: input.period,
      billCount: r.n,
      billedFen: r.billed,
      paidFen: r.paid,
      onTimeRatio: metrics.onTimeRatio,
      revenueShare: metrics.revenueShare,
      growth: metrics.growth,
      score,
      grade,
      previousGrade: r.grade,
    });
    // Only a changed grade touches the customer row (most grades hold from one run to the next, and
    // each customer write also fans out to its list indexes and the outbox).
    if (grade !== r.grade) gradeChanges.push({ id: r.customerId, patch: { grade, gradePeriod: input.period } });
  }
  const run = insertRow(ctx, customerEvaluationRuns, {
    id: runId,
    periodType: input.periodType,
    period: input.period,
    ranAt: isoNow(ctx),
    ranById: actor?.id ?? null,
    ranByName: actor?.displayName ?? null,
    customerCount: rows.length,
    gradeCounts: JSON.stringify(gradeCounts),
    branchBilledFen: total,
    rules: JSON.stringify(rules),
  });
  bulkInsert(ctx, customerEvaluationResults, results, { summary: { runId, period: input.period } });
  bulkUpdate(ctx, customers, gradeChanges, { summary: { runId, period: input.period } });
  refreshWarnings(ctx);
  return toRun(run);
}

function toRun(r: typeof customerEvaluationRuns.$inferSelect) {
  return {
    id: r.id,
    periodType: r.periodType,
    period: r.period,
    ranAt: r.ranAt,
    ranByName: r.ranByName,
    customerCount: r.customerCount,
    gradeCounts: JSON.parse(r.gradeCounts) as Record<string, number>,
    branchBilledFen: r.branchBilledFen,
  };
}

/** customers.evaluations.runs */
export function listRuns(ctx: ServiceContext, input: ParsedInputOf<'customers.evaluations.runs'>) {
  const total = (ctx.store.sqlite.prepare('SELECT count(*) AS n FROM customer_evaluation_runs WHERE deleted = 0').get() as { n: number }).n;
  const rows = ctx.db
    .select()
    .from(customerEvaluationRuns)
    .all()
    .filter((r) => !r.deleted)
    .sort((a, b) => (a.ranAt < b.ranAt ? 1 : -1))
    .slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
  return { rows: rows.map(toRun), total, page: input.page, pageSize: input.pageSize };
}

const RESULT_SELECT = `r.id, r.run_id AS runId, r.customer_id AS customerId, c.name AS customerName, r.period, r.bill_count AS billCount,
  r.billed_fen AS billedFen, r.paid_fen AS paidFen, r.on_time_ratio AS onTimeRatio, r.revenue_share AS revenueShare,
  r.growth, r.score, r.grade, r.previous_grade AS previousGrade`;

/** customers.evaluations.results: one run's results for customers in the caller's scope. */
export function listResults(ctx: ServiceContext, input: ParsedInputOf<'customers.evaluations.results'>) {
  const actor = requireActor(ctx);
  const scope = readScopeSql(actor);
  const gradeSql = input.grade ? 'AND r.grade = ?' : '';
  const params = [input.runId, ...(input.grade ? [input.grade] : []), ...scope.params];
  const base = `FROM customer_evaluation_results r JOIN customers c ON c.id = r.customer_id
    WHERE r.run_id = ? AND r.deleted = 0 ${gradeSql} AND ${scope.sql}`;
  const total = (ctx.store.sqlite.prepare(`SELECT count(*) AS n ${base}`).get(...params) as { n: number }).n;
  const rows = ctx.store.sqlite
    .prepare(`SELECT ${RESULT_SELECT} ${base} ORDER BY r.score DESC, r.id LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as EvaluationResult[];
  return { rows, total, page: input.page, pageSize: input.pageSize };
}

/** The evaluation history of one customer, newest first (360 view). */
export function evaluationsOf(ctx: ServiceContext, customerId: string): EvaluationResult[] {
  return ctx.store.sqlite
    .prepare(
      `SELECT ${RESULT_SELECT} FROM customer_evaluation_results r JOIN customers c ON c.id = r.customer_id
       WHERE r.customer_id = ? AND r.deleted = 0 ORDER BY r.created_at DESC LIMIT 50`,
    )
    .all(customerId) as EvaluationResult[];
}
