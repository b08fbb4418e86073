import type { ParsedInputOf } from '../../../shared/contract';
import { GRADES, type Grade } from '../../../shared/contract/customer-common';
import { requireActor, type ServiceContext } from '../context';
import { addMonths, shanghaiToday } from '../customers/dates';
import { ensureVisitRules } from './rules';

/**
 * Visit compliance (走访达标率) for a month M — the one computation behind visits.compliance, the
 * compliance report and the home tile. A customer is due in M when it has a visit row whose due_date
 * is in M (planned, done or dropped), or when its customer_visit_due date is in M, already past, and it
 * has no such row (overdue without even a plan). Per due customer: on time when a done visit with
 * on_time = 1 carries a due date in M, late when only a done visit with on_time = 0 does, otherwise
 * still open. Each customer is counted once, under the owner of the visit row that decides its state
 * (the account manager responsible when it was planned or recorded, so a later handover does not
 * rewrite a past month) or, without a row, its current owner; grade is the customer's current grade.
 */

export interface ComplianceFigures {
  due: number;
  onTime: number;
  late: number;
  /** onTime / due in percent with one decimal; null when nothing was due. */
  rate: number | null;
}

export interface ComplianceRow extends ComplianceFigures {
  ownerId: string | null;
  ownerName: string | null;
  grade: Grade | null;
}

export interface Compliance {
  month: string;
  byOwner: ComplianceRow[];
  byGrade: ComplianceRow[];
  byOwnerGrade: ComplianceRow[];
  total: ComplianceRow;
}

interface Cell {
  ownerId: string | null;
  ownerName: string | null;
  grade: Grade | null;
  due: number;
  onTime: number;
  late: number;
}

/** onTime / due as a percent with one decimal, null when nothing was due. */
export function complianceRate(onTime: number, due: number): number | null {
  return due > 0 ? Math.round((onTime * 1000) / due) / 10 : null;
}

// visits has no index on due_date, so a month's rows are a scan of visits (seconds at 3,000,000 visits);
// a covering index visits (due_date, customer_id, owner_id, status, on_time) WHERE deleted = 0 would
// make it a range read — asked for with the yellow channel's reports.
// Per customer: 2 = on time, 1 = late, 0 = open. With a single max() aggregate SQLite takes the bare
// owner_id from the row holding the maximum, i.e. the visit that decides the customer's state.
const CELLS_SQL = `
WITH rowed AS (
  SELECT v.customer_id,
    max(CASE WHEN v.status = 'done' AND v.on_time = 1 THEN 2 WHEN v.status = 'done' THEN 1 ELSE 0 END) AS state,
    v.owner_id
  FROM visits v
  WHERE v.deleted = 0 AND v.due_date >= @start AND v.due_date < @end
  GROUP BY v.customer_id
),
missed AS (
  SELECT d.customer_id, 0 AS state, d.owner_id
  FROM customer_visit_due d
  WHERE d.due_date >= @start AND d.due_date < @end AND d.due_date < @today
    AND NOT EXISTS (
      SELECT 1 FROM visits v
      WHERE v.customer_id = d.customer_id AND v.deleted = 0 AND v.due_date >= @start AND v.due_date < @end)
),
due AS (SELECT * FROM rowed UNION ALL SELECT * FROM missed)
SELECT g.ownerId, u.display_name AS ownerName, g.grade, g.due, g.onTime, g.late
FROM (
  SELECT x.owner_id AS ownerId, c.grade AS grade, count(*) AS due, sum(x.state = 2) AS onTime, sum(x.state = 1) AS late
  FROM due x
  JOIN customers c ON c.id = x.customer_id AND c.deleted = 0
  WHERE @owner IS NULL OR x.owner_id = @owner OR (@owner = 'pool' AND x.owner_id IS NULL)
  GROUP BY x.owner_id, c.grade
) g
LEFT JOIN users u ON u.id = g.ownerId`;

const gradeRank = (g: Grade | null) => (g === null ? GRADES.length : GRADES.indexOf(g));

/** Owners by name (pinyin order), the unowned pool last; then grades strategic → normal, ungraded last. */
function compareRows(a: ComplianceRow, b: ComplianceRow): number {
  if (a.ownerId !== b.ownerId) {
    if (a.ownerId === null) return 1;
    if (b.ownerId === null) return -1;
    const byName = (a.ownerName ?? '').localeCompare(b.ownerName ?? '', 'zh-CN');
    if (byName !== 0) return byName;
    return a.ownerId < b.ownerId ? -1 : 1;
  }
  return gradeRank(a.grade) - gradeRank(b.grade);
}

function rollUp(
  cells: Cell[],
  key: (c: Cell) => Pick<Cell, 'ownerId' | 'ownerName' | 'grade'>,
): ComplianceRow[] {
  const groups = new Map<string, Cell>();
  for (const cell of cells) {
    const k = key(cell);
    const id = `${k.ownerId ?? ''}\u0000${k.grade ?? ''}`;
    const g = groups.get(id) ?? { ...k, due: 0, onTime: 0, late: 0 };
    g.due += cell.due;
    g.onTime += cell.onTime;
    g.late += cell.late;
    groups.set(id, g);
  }
  return [...groups.values()].map((g) => ({ ...g, rate: complianceRate(g.onTime, g.due) })).sort(compareRows);
}

/**
 * Visit compliance for month M (yyyy-MM) by account manager, grade and both, with the total, within the
 * caller's scope: an account manager gets only his own figures; a leader or admin the branch, or one
 * manager's when ownerId is given ('pool': the customers nobody owns, as the reports' manager choice says).
 */
export function visitCompliance(
  ctx: ServiceContext,
  month: string,
  opts: { ownerId?: string | null } = {},
): Compliance {
  const actor = requireActor(ctx);
  const owner = actor.role === 'account_manager' ? actor.id : (opts.ownerId ?? null);
  // Due dates follow rules synced from elsewhere before they are read.
  ensureVisitRules(ctx);
  const cells = ctx.store.sqlite
    .prepare(CELLS_SQL)
    .all({
      start: `${month}-01`,
      end: `${addMonths(month, 1)}-01`,
      today: shanghaiToday(ctx.now()),
      owner,
    }) as Cell[];
  const total = rollUp(cells, () => ({ ownerId: null, ownerName: null, grade: null }))[0] ?? {
    ownerId: null,
    ownerName: null,
    grade: null,
    due: 0,
    onTime: 0,
    late: 0,
    rate: null,
  };
  return {
    month,
    byOwner: rollUp(cells, (c) => ({ ownerId: c.ownerId, ownerName: c.ownerName, grade: null })),
    byGrade: rollUp(cells, (c) => ({ ownerId: null, ownerName: null, grade: c.grade })),
    byOwnerGrade: rollUp(cells, (c) => c),
    total,
  };
}

/** visits.compliance: one month's figures in the grouping asked for, with the total. */
export function complianceHandler(ctx: ServiceContext, input: ParsedInputOf<'visits.compliance'>) {
  const c = visitCompliance(ctx, input.month);
  const rows = input.by === 'grade' ? c.byGrade : input.by === 'ownerGrade' ? c.byOwnerGrade : c.byOwner;
  return { month: c.month, rows, total: c.total };
}
