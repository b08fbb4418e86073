import type { TimelineEvent } from '../../../shared/contract/customers';
import { translate } from '../../../shared/messages';
import type { Actor, ServiceContext } from '../context';
import { canSeeFinance } from './scope';
import { userNames } from './records';

/**
 * The customer timeline (360 view): one list of everything that happened to a customer. Every module
 * contributes through a source; later modules (tickets, visits, orders) call registerTimelineSource
 * from their services index and their events appear without touching this module.
 */
export type TimelineSource = (ctx: ServiceContext, customerId: string, viewer: Actor, limit: number) => TimelineEvent[];

const sources = new Map<string, TimelineSource>();

/** Adds (or replaces) a named source of timeline events. */
export function registerTimelineSource(name: string, source: TimelineSource): void {
  sources.set(name, source);
}

/** All sources' events for a customer, newest first, at most `limit`. */
export function customerTimeline(ctx: ServiceContext, customerId: string, viewer: Actor, limit = 200): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const source of sources.values()) events.push(...source(ctx, customerId, viewer, limit));
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}

const FINANCE_ENTITIES = new Set(['customer_bills', 'customer_credit']);
const QUIET_FIELDS = new Set(['monthlySpendFen', 'arrearsFen', 'isKey', 'ownerId', 'stage', 'grade', 'gradePeriod', 'nameKey']);
const SECTION_ENTITIES = ['customer_contacts', 'service_instances', 'customer_bills', 'customer_credit', 'customer_projects', 'customer_resources'];

registerTimelineSource('ownership', (ctx, customerId, _viewer, limit) => {
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT kind, from_owner_id AS fromId, to_owner_id AS toId, by_name AS byName, reason, at FROM customer_ownership_log
       WHERE customer_id = ? AND deleted = 0 ORDER BY at DESC, rowid DESC LIMIT ?`,
    )
    .all(customerId, limit) as { kind: string; fromId: string | null; toId: string | null; byName: string | null; reason: string; at: string }[];
  const names = userNames(ctx, rows.flatMap((r) => [r.fromId, r.toId]));
  const pool = translate('customers.poolOwner', ctx.locale);
  return rows.map((r) => ({
    at: r.at,
    source: 'ownership',
    kind: r.kind,
    title: translate(`timeline.${r.kind}`, ctx.locale, {
      from: r.fromId ? (names.get(r.fromId) ?? '?') : pool,
      to: r.toId ? (names.get(r.toId) ?? '?') : pool,
    }),
    detail: r.reason,
    actorName: r.byName,
    route: null,
  }));
});

registerTimelineSource('stage', (ctx, customerId, _viewer, limit) => {
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT from_stage AS fromStage, to_stage AS toStage, by_name AS byName, note, at FROM customer_stage_history
       WHERE customer_id = ? AND deleted = 0 ORDER BY at DESC, rowid DESC LIMIT ?`,
    )
    .all(customerId, limit) as { fromStage: string | null; toStage: string; byName: string | null; note: string; at: string }[];
  return rows.map((r) => ({
    at: r.at,
    source: 'stage',
    kind: r.toStage,
    title: translate('timeline.stage', ctx.locale, {
      from: r.fromStage ? translate(`stage.${r.fromStage}`, ctx.locale) : '—',
      to: translate(`stage.${r.toStage}`, ctx.locale),
    }),
    detail: r.note,
    actorName: r.byName,
    route: null,
  }));
});

registerTimelineSource('evaluation', (ctx, customerId, viewer, limit) => {
  if (!canSeeFinance(viewer)) return [];
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT runs.period, r.score, r.grade, runs.ran_at AS at, runs.ran_by_name AS byName
       FROM customer_evaluation_runs runs CROSS JOIN customer_evaluation_scores r ON r.run_id = runs.id AND r.customer_id = ?
       WHERE runs.deleted = 0 ORDER BY runs.ran_at DESC, runs.id DESC LIMIT ?`,
    )
    .all(customerId, limit) as { period: string; score: number; grade: string; at: string; byName: string | null }[];
  return rows.map((r) => ({
    at: r.at,
    source: 'evaluation',
    kind: r.grade,
    title: translate('timeline.evaluation', ctx.locale, {
      period: r.period,
      score: r.score.toFixed(1),
      grade: translate(`grade.${r.grade}`, ctx.locale),
    }),
    detail: '',
    actorName: r.byName,
    route: null,
  }));
});

registerTimelineSource('audit', (ctx, customerId, viewer, limit) => {
  const entities = SECTION_ENTITIES.filter((e) => canSeeFinance(viewer) || !FINANCE_ENTITIES.has(e));
  // One indexed lookup per entity (UNION ALL), so a large audit log is never scanned.
  const parts = [
    `SELECT a.id, a.at, a.entity, a.action, a.actor_name AS actorName, a.after FROM audit_log a WHERE a.entity = 'customers' AND a.entity_id = ?`,
    ...entities.map(
      (e) =>
        `SELECT a.id, a.at, a.entity, a.action, a.actor_name AS actorName, a.after FROM ${e} s
         JOIN audit_log a ON a.entity = '${e}' AND a.entity_id = s.id WHERE s.customer_id = ?`,
    ),
  ];
  const rows = ctx.store.sqlite
    .prepare(`SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY id DESC LIMIT ?`)
    .all(customerId, ...entities.map(() => customerId), limit) as {
    at: string;
    entity: string;
    action: string;
    actorName: string | null;
    after: string | null;
  }[];
  return rows
    .map((r) => ({ ...r, fields: r.action === 'update' && r.after ? Object.keys(JSON.parse(r.after) as object).filter((f) => !QUIET_FIELDS.has(f)) : [] }))
    // Cache refreshes, owner and stage moves have their own sources; an update of only those is noise here.
    .filter((r) => r.action === 'create' || r.action === 'delete' || (r.action === 'update' && r.fields.length > 0))
    .map((r) => {
      const entity = translate(`entity.${r.entity}`, ctx.locale);
      const fields = r.fields.join(', ');
      const key = r.action === 'create' ? 'timeline.auditCreate' : r.action === 'update' ? 'timeline.auditUpdate' : 'timeline.auditDelete';
      return {
        at: r.at,
        source: 'audit',
        kind: `${r.entity}.${r.action}`,
        title: translate(key, ctx.locale, { entity, fields }),
        detail: '',
        actorName: r.actorName,
        route: null,
      };
    });
});
