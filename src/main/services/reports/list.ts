import { GRADES } from '../../../shared/contract/customer-common';
import type { OutputOf } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { getBranchSettings } from '../settings/branch';
import { reportContext } from './document';
import { REPORTS } from './registry';
import { GRADE_TEXT, NONE_TEXT, POOL_TEXT, tx } from './text';

/** reports.list: the reports the caller's role may run, their forms, and the choices for each field. */
export function listReports(ctx: ServiceContext): OutputOf<'reports.list'> {
  const rc = reportContext(ctx);
  const { t, actor } = rc;
  const branch = getBranchSettings(ctx);
  const managers =
    actor.role === 'account_manager'
      ? [{ value: actor.id, label: actor.displayName }]
      : [
          ...(
            rc.sqlite
              .prepare("SELECT id AS value, display_name AS label FROM users WHERE deleted = 0 AND role = 'account_manager' ORDER BY display_name")
              .all() as { value: string; label: string }[]
          ),
          { value: 'pool', label: t(POOL_TEXT) },
        ];
  const runs = rc.sqlite
    .prepare('SELECT id AS value, period, ran_at AS ranAt FROM customer_evaluation_runs WHERE deleted = 0 ORDER BY ran_at DESC LIMIT 50')
    .all() as { value: string; period: string; ranAt: string }[];
  return {
    reports: REPORTS.filter((r) => r.roles.includes(actor.role)).map((r) => ({
      id: r.id,
      title: t(r.title),
      description: t(r.description),
      group: r.group,
      orientation: r.orientation,
      params: r.params.map((p) => ({ key: p.key, kind: p.kind, label: t(p.label), required: p.required, defaultValue: p.defaultValue(rc.now) })),
    })),
    options: {
      regions: branch.regions.map((v) => ({ value: v, label: v })),
      industries: branch.industries.map((v) => ({ value: v, label: v })),
      grades: [...GRADES.map((g) => ({ value: g, label: t(GRADE_TEXT[g]) })), { value: 'none', label: t(NONE_TEXT) }],
      managers,
      evaluationRuns: runs.map((r) => ({
        value: r.value,
        label: t(tx(`${r.period}（${r.ranAt.slice(0, 10)}）`, `${r.period} (${r.ranAt.slice(0, 10)})`)),
      })),
    },
  };
}
