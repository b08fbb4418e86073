import type { OutputOf } from '../../../../shared/contract';
import type { ReportInfo } from '../../../../shared/contract/reports';

export type ParamValues = Record<string, string | number | null>;
export type ReportOptions = OutputOf<'reports.list'>['options'];

/** The form's values: each field's default, overridden by what the URL says. */
export function valuesFromSearch(info: ReportInfo, search: URLSearchParams): ParamValues {
  const out: ParamValues = {};
  for (const p of info.params) {
    const raw = search.get(p.key);
    if (raw === null) out[p.key] = p.defaultValue;
    else if (raw === '') out[p.key] = null;
    else out[p.key] = p.kind === 'limit' ? Number(raw) : raw;
  }
  return out;
}

/** The URL form of the values: a printed report can be linked and re-opened as it was. */
export function searchFromValues(values: ParamValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v === null ? '' : String(v);
  return out;
}
