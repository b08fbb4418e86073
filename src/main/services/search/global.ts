import { inArray } from 'drizzle-orm';
import { requestForms } from '../../db/schema';
import { LIST_COUNT_CAP } from '../../../shared/contract/customers';
import type { SearchHit } from '../../../shared/contract/system';
import { translate } from '../../../shared/messages';
import { requireActor, type ServiceContext } from '../context';
import { customerSearchSource, ownerScopeToken } from '../customers/search-source';
import { ticketScope } from '../tickets/scope';
import { countMatches, describeMatch, exactness, topMatches } from './query';
import type { SearchSource } from './registry';
import { catchUpSearch } from './store';
import { scopeToken } from './tokens';
import { ticketSearchSource } from '../tickets/search-source';
import { contractSearchScope, contractSearchSource } from '../contracts/search-source';
import { canSeeCustomerContracts, contractScope } from '../contracts/scope';
import { formSearchScope, formSearchSource } from '../forms/search-source';
import { canSeeForm, formScope, type FormRowT } from '../forms/scope';
import { visitSearchSource } from '../visits/search-source';
import { canSeeVisit, visitScope } from '../visits/scope';
import { orderSearchScope, orderSearchSource } from '../orders/search-source';
import { canSeeOrder, orderScope } from '../orders/scope';

/** Hits per module in Ctrl+K. */
export const HITS_PER_MODULE = 6;
/** Best index matches re-ranked per module (exact and prefix hits first). */
const CANDIDATES = 40;

/** A module in Ctrl+K: its source, the caller's scope tokens (undefined: all) and how a hit reads. */
interface GlobalModule {
  source: SearchSource;
  kind: SearchHit['kind'];
  /** Scope tokens of what the caller may see; null: nothing of this module. */
  scope(ctx: ServiceContext): string[] | undefined | null;
  hits(ctx: ServiceContext, ids: string[]): Map<string, Pick<SearchHit, 'title' | 'subtitle' | 'route'>>;
}

const MODULES: GlobalModule[] = [
  {
    source: customerSearchSource,
    kind: 'customer',
    scope: (ctx) => {
      const actor = requireActor(ctx);
      return actor.role === 'account_manager' ? [ownerScopeToken(actor.id), ownerScopeToken(null)] : undefined;
    },
    hits: (ctx, ids) => {
      const rows = ctx.store.sqlite
        .prepare(
          `SELECT c.id, c.name, c.credit_code AS creditCode, c.region, u.display_name AS owner FROM json_each(?) j
           CROSS JOIN customers c ON c.id = j.value LEFT JOIN users u ON u.id = c.owner_id`,
        )
        .all(JSON.stringify(ids)) as { id: string; name: string; creditCode: string; region: string; owner: string | null }[];
      return new Map(
        rows.map((r) => [
          r.id,
          { title: r.name, subtitle: [r.creditCode, r.region, r.owner].filter(Boolean).join(' · '), route: `/customers/${r.id}` },
        ]),
      );
    },
  },
  {
    source: ticketSearchSource,
    kind: 'ticket',
    scope: (ctx) => {
      const scope = ticketScope(ctx);
      if (scope.all) return undefined;
      if (scope.actor.role === 'account_manager') return [scopeToken('o', scope.actor.id)];
      if (scope.actor.role === 'staff') {
        return [scopeToken('a', scope.actor.id), ...(scope.department ? [scopeToken('d', scope.department)] : [])];
      }
      return null;
    },
    hits: (ctx, ids) => {
      const rows = ctx.store.sqlite
        .prepare(
          `SELECT t.id, t.number, t.title, c.name AS customer FROM json_each(?) j CROSS JOIN tickets t ON t.id = j.value
           LEFT JOIN customers c ON c.id = t.customer_id`,
        )
        .all(JSON.stringify(ids)) as { id: string; number: string; title: string; customer: string | null }[];
      return new Map(
        rows.map((r) => [r.id, { title: r.title, subtitle: [r.number, r.customer].filter(Boolean).join(' · '), route: `/red/${r.id}` }]),
      );
    },
  },
  // The green channel: the index narrows by scope tokens, and each hit is checked once more by the
  // module's own scope test, so Ctrl+K never shows a record whose page would answer NOT_FOUND.
  {
    source: orderSearchSource,
    kind: 'order',
    scope: (ctx) => orderSearchScope(orderScope(ctx)),
    hits: (ctx, ids) => {
      const scope = orderScope(ctx);
      const rows = ctx.store.sqlite
        .prepare(
          `SELECT o.id, o.number, o.customer_id AS customerId, o.owner_id AS ownerId, o.current_dept AS currentDept,
             o.business_type_name AS businessType, o.current_stage_name AS stage, c.name AS customer
           FROM json_each(?) j CROSS JOIN work_orders o ON o.id = j.value LEFT JOIN customers c ON c.id = o.customer_id`,
        )
        .all(JSON.stringify(ids)) as {
        id: string;
        number: string;
        customerId: string;
        ownerId: string | null;
        currentDept: string | null;
        businessType: string;
        stage: string | null;
        customer: string | null;
      }[];
      return new Map(
        rows
          .filter((r) => canSeeOrder(ctx, scope, r))
          .map((r) => [
            r.id,
            {
              // The customer as the title, so a match on its name is highlighted in place.
              title: r.customer ?? r.number,
              subtitle: [r.businessType, r.number, r.stage].filter(Boolean).join(' · '),
              route: `/green/orders/${r.id}`,
            },
          ]),
      );
    },
  },
  {
    source: contractSearchSource,
    kind: 'contract',
    scope: (ctx) => contractSearchScope(contractScope(ctx)),
    hits: (ctx, ids) => {
      const scope = contractScope(ctx);
      const rows = ctx.store.sqlite
        .prepare(
          `SELECT k.id, k.number, k.title, k.customer_id AS customerId, c.name AS customer FROM json_each(?) j
           CROSS JOIN contracts k ON k.id = j.value LEFT JOIN customers c ON c.id = k.customer_id`,
        )
        .all(JSON.stringify(ids)) as { id: string; number: string; title: string; customerId: string; customer: string | null }[];
      return new Map(
        rows
          .filter((r) => canSeeCustomerContracts(ctx, scope, r.customerId))
          .map((r) => [
            r.id,
            { title: r.title, subtitle: [r.number, r.customer].filter(Boolean).join(' · '), route: `/green/contracts/${r.id}` },
          ]),
      );
    },
  },
  {
    source: formSearchSource,
    kind: 'form',
    scope: (ctx) => formSearchScope(ctx, formScope(ctx)),
    hits: (ctx, ids) => {
      const scope = formScope(ctx);
      const forms = new Map(
        ctx.db
          .select()
          .from(requestForms)
          .where(inArray(requestForms.id, ids))
          .all()
          .map((f) => [f.id, f] as [string, FormRowT]),
      );
      const customers = customerNames(ctx, [...forms.values()].map((f) => f.customerId));
      const out = new Map<string, Pick<SearchHit, 'title' | 'subtitle' | 'route'>>();
      for (const f of forms.values()) {
        if (f.deleted || !canSeeForm(ctx, scope, f)) continue;
        out.set(f.id, {
          title: f.title,
          subtitle: [f.number, customers.get(f.customerId)].filter(Boolean).join(' · '),
          route: `/green/forms/${f.id}`,
        });
      }
      return out;
    },
  },
  // The yellow channel: visits by their owner's and their customer's owner's token (account managers).
  {
    source: visitSearchSource,
    kind: 'visit',
    scope: (ctx) => {
      const scope = visitScope(ctx);
      if (scope.all) return undefined;
      return scope.actor.role === 'account_manager' ? [scopeToken('o', scope.actor.id)] : null;
    },
    hits: (ctx, ids) => {
      const scope = visitScope(ctx);
      const rows = ctx.store.sqlite
        .prepare(
          `SELECT v.id, v.number, v.kind, v.visit_date AS visitDate, v.owner_id AS ownerId, v.customer_id AS customerId, c.name AS customer
           FROM json_each(?) j CROSS JOIN visits v ON v.id = j.value LEFT JOIN customers c ON c.id = v.customer_id WHERE v.deleted = 0`,
        )
        .all(JSON.stringify(ids)) as { id: string; number: string; kind: string; visitDate: string; ownerId: string; customerId: string; customer: string | null }[];
      return new Map(
        rows
          .filter((r) => canSeeVisit(ctx, scope, r))
          .map((r) => [
            r.id,
            {
              title: r.customer ?? r.number,
              subtitle: [translate(`visits.kind.${r.kind}`, ctx.locale), r.visitDate, r.number].join(' · '),
              route: `/yellow/visits/${r.id}`,
            },
          ]),
      );
    },
  },
];

/** Names of customers by id. */
function customerNames(ctx: ServiceContext, ids: string[]): Map<string, string> {
  const rows = ctx.store.sqlite
    .prepare('SELECT c.id, c.name FROM json_each(?) j CROSS JOIN customers c ON c.id = j.value')
    .all(JSON.stringify([...new Set(ids)])) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Ctrl+K over every registered module the caller may see: per module the best hits (a name-like field
 * equal to the query first, then one starting with it, then by bm25), what each matched, and the
 * module's total (capped at LIST_COUNT_CAP, "1,000+").
 */
export function globalSearchHits(ctx: ServiceContext, query: string): SearchHit[] {
  const sqlite = ctx.store.sqlite;
  const out: SearchHit[] = [];
  const waiting = catchUpSearch(sqlite);
  for (const m of MODULES) {
    const scope = m.scope(ctx);
    if (scope === null) continue;
    const ids = topMatches(sqlite, m.source, query, scope, CANDIDATES);
    if (ids.length === 0) continue;
    const records = m.source.read(sqlite, ids);
    const nameFields = m.source.pinyinFields.length ? m.source.pinyinFields : [0];
    const ranked = ids
      .filter((id) => records.has(id))
      .map((id, order) => ({ id, order, exact: exactness(records.get(id)!, query, nameFields) }))
      .sort((a, b) => a.exact - b.exact || a.order - b.order)
      .slice(0, HITS_PER_MODULE);
    // Fewer candidates than asked for are every match (the index holds only live records in scope,
    // and the rank window is larger): the count is already known.
    const total =
      ids.length < CANDIDATES && !waiting ? ids.length : countMatches(sqlite, m.source, query, scope, LIST_COUNT_CAP + 1);
    const shown = m.hits(ctx, ranked.map((r) => r.id));
    for (const r of ranked) {
      const hit = shown.get(r.id);
      if (!hit) continue;
      out.push({
        kind: m.kind,
        id: r.id,
        ...hit,
        match: describeMatch(m.source, records.get(r.id)!, query),
        groupTotal: Math.min(total, LIST_COUNT_CAP),
        groupTotalCapped: total > LIST_COUNT_CAP,
      });
    }
  }
  return out;
}
