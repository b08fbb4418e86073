import { customerSearchSource } from '../customers/search-source';
import { ticketSearchSource } from '../tickets/search-source';
import { contractSearchSource } from '../contracts/search-source';
import { formSearchSource } from '../forms/search-source';
import { orderSearchSource } from '../orders/search-source';
import { visitSearchSource } from '../visits/search-source';
import { FIELD_SLOTS, type SearchSource } from './registry';

/** Every module registered with the search index; Ctrl+K shows their groups in this order. */
export const SEARCH_SOURCES: readonly SearchSource[] = [
  customerSearchSource,
  ticketSearchSource,
  orderSearchSource,
  contractSearchSource,
  formSearchSource,
  visitSearchSource,
];

for (const s of SEARCH_SOURCES) {
  if (s.fields.length > FIELD_SLOTS) throw new Error(`search source ${s.module}: more than ${FIELD_SLOTS} fields`);
}

/** The registered source of a module. */
export function searchSource(module: string): SearchSource {
  const s = SEARCH_SOURCES.find((x) => x.module === module);
  if (!s) throw new Error(`no search source ${module}`);
  return s;
}
