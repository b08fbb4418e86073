import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { customerFilterSchema, type CustomerFilter } from '../../../../../shared/contract/customer-common';

/** Drops empty arrays and undefined keys so saved views and URLs stay short. */
export function compactFilters(f: CustomerFilter): CustomerFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as CustomerFilter;
}

/**
 * The list's filters live in the URL (?f=…), so "back" from a customer returns to the same list and
 * a filtered list can be bookmarked; anything unparsable is ignored rather than breaking the page.
 */
export function useUrlFilters(): [CustomerFilter, (next: CustomerFilter) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('f');
  const filters = useMemo<CustomerFilter>(() => {
    if (!raw) return {};
    try {
      const parsed = customerFilterSchema.safeParse(JSON.parse(raw));
      return parsed.success ? compactFilters(parsed.data) : {};
    } catch {
      return {};
    }
  }, [raw]);
  const setFilters = useCallback(
    (next: CustomerFilter) => {
      const compact = compactFilters(next);
      setParams(Object.keys(compact).length ? { f: JSON.stringify(compact) } : {}, { replace: true });
    },
    [setParams],
  );
  return [filters, setFilters];
}

/** How many filters (not sort) are set, for the "clear filters" button. */
export function activeFilterCount(f: CustomerFilter): number {
  const { sort: _s, dir: _d, query: _q, ...rest } = compactFilters(f);
  return Object.keys(rest).length;
}
