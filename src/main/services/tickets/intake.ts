import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { parsePhone } from '../../../shared/normalize';
import type { ServiceContext } from '../context';
import { matchSeqs, searchPending } from '../customers/search-index';
import { customerTickets } from './queue';
import { prepared } from './read';
import { ticketScope } from './scope';

/**
 * Phone intake: one box finds the caller's customer by name, service number, circuit id, credit code
 * or a contact's phone, then shows that customer's services, open and recent tickets, and flags an open
 * ticket on the same service as a likely duplicate.
 */

type MatchedBy = 'name' | 'serviceNo' | 'circuit' | 'creditCode' | 'contact';

interface Hit {
  customerId: string;
  matchedBy: MatchedBy;
  matchedText: string;
  serviceInstanceId: string | null;
}

const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What the intake shows of a customer: name, grade, owner (with name), tombstone. */
function customerRow(ctx: ServiceContext, id: string) {
  return prepared(
    ctx,
    `SELECT c.id, c.name, c.grade, c.owner_id AS ownerId, c.deleted, u.display_name AS ownerName
     FROM customers c LEFT JOIN users u ON u.id = c.owner_id WHERE c.id = ?`,
  ).get(id) as
    | {
        id: string;
        name: string;
        grade: string | null;
        ownerId: string | null;
        deleted: number;
        ownerName: string | null;
      }
    | undefined;
}

/** Finds customers for the intake box, exact identifiers first, limited to the caller's scope. */
export function intakeLookup(ctx: ServiceContext, input: ParsedInputOf<'tickets.intakeLookup'>) {
  const scope = ticketScope(ctx);
  const q = input.query.trim();
  const prefix = `${like(q)}%`;
  const limit = input.limit;
  const hits: Hit[] = [];

  if (/^[0-9A-Za-z]{18}$/.test(q)) {
    for (const r of prepared(
      ctx,
      'SELECT id FROM customers WHERE credit_code = ? AND deleted = 0 LIMIT ?',
    ).all(q.toUpperCase(), limit) as { id: string }[]) {
      hits.push({
        customerId: r.id,
        matchedBy: 'creditCode',
        matchedText: q.toUpperCase(),
        serviceInstanceId: null,
      });
    }
  }
  const services = prepared(
    ctx,
    `SELECT id, customer_id AS customerId, service_no AS serviceNo FROM service_instances
     WHERE deleted = 0 AND (service_no = ? OR service_no LIKE ? ESCAPE '\\') ORDER BY service_no = ? DESC LIMIT ?`,
  ).all(q, prefix, q, limit) as { id: string; customerId: string; serviceNo: string }[];
  for (const s of services)
    hits.push({
      customerId: s.customerId,
      matchedBy: 'serviceNo',
      matchedText: s.serviceNo,
      serviceInstanceId: s.id,
    });
  const circuits = prepared(
    ctx,
    `SELECT customer_id AS customerId, identifier, service_id AS serviceId FROM customer_resources
     WHERE deleted = 0 AND (identifier = ? OR identifier LIKE ? ESCAPE '\\') ORDER BY identifier = ? DESC LIMIT ?`,
  ).all(q, prefix, q, limit) as { customerId: string; identifier: string; serviceId: string | null }[];
  for (const c of circuits)
    hits.push({
      customerId: c.customerId,
      matchedBy: 'circuit',
      matchedText: c.identifier,
      serviceInstanceId: c.serviceId,
    });
  const phone = parsePhone(q);
  if (phone) {
    // Stored canonical since issue #21 ("0471-6661234"); rows saved before keep their digits only.
    const digits = phone.value.replace(/-/g, '');
    const contacts = prepared(
      ctx,
      `SELECT customer_id AS customerId, name, mobile FROM customer_contacts
       WHERE deleted = 0 AND (mobile IN (?, ?) OR phone IN (?, ?)) LIMIT ?`,
    ).all(phone.value, digits, phone.value, digits, limit) as { customerId: string; name: string; mobile: string }[];
    for (const c of contacts)
      hits.push({
        customerId: c.customerId,
        matchedBy: 'contact',
        matchedText: `${c.name} ${c.mobile}`,
        serviceInstanceId: null,
      });
  }
  // Names: the FTS5 trigram index for 3+ characters (customers still queued for it by an import are
  // tested on their text), LIKE for 1–2 (trigram cannot match shorter).
  const seqs = matchSeqs([q], searchPending(ctx.store.sqlite));
  const names = (
    [...q].length >= 3
      ? prepared(
          ctx,
          `SELECT DISTINCT c.id, c.name FROM (${seqs.sql}) h JOIN customer_search_map m ON m.seq = h.seq
           JOIN customers c ON c.id = m.customer_id WHERE c.deleted = 0 LIMIT ?`,
        ).all(...seqs.params, limit * 3)
      : prepared(
          ctx,
          `SELECT id, name FROM customers WHERE deleted = 0 AND (name LIKE ? ESCAPE '\\' OR short_name LIKE ? ESCAPE '\\') LIMIT ?`,
        ).all(`%${like(q)}%`, `%${like(q)}%`, limit * 3)
  ) as { id: string; name: string }[];
  for (const n of names)
    hits.push({ customerId: n.id, matchedBy: 'name', matchedText: n.name, serviceInstanceId: null });

  const seen = new Set<string>();
  const out = [];
  for (const h of hits) {
    if (seen.has(h.customerId)) continue;
    const c = customerRow(ctx, h.customerId);
    if (!c || c.deleted) continue;
    if (scope.actor.role === 'account_manager' && c.ownerId !== scope.actor.id) continue;
    seen.add(h.customerId);
    out.push({ ...h, customerName: c.name, grade: c.grade, ownerName: c.ownerName });
    if (out.length >= limit) break;
  }
  return out;
}

/** The intake panel for one customer: contacts, services, open/recent tickets and a likely duplicate. */
export function customerContext(ctx: ServiceContext, input: ParsedInputOf<'tickets.customerContext'>) {
  const scope = ticketScope(ctx);
  const c = customerRow(ctx, input.customerId);
  if (!c || c.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  if (scope.actor.role === 'account_manager' && c.ownerId !== scope.actor.id)
    throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  const contacts = prepared(
    ctx,
    `SELECT id, name, mobile, title FROM customer_contacts WHERE customer_id = ? AND deleted = 0 ORDER BY is_primary DESC, name`,
  ).all(c.id) as { id: string; name: string; mobile: string; title: string }[];
  const services = prepared(
    ctx,
    `SELECT s.id, s.product, s.service_no AS serviceNo, s.status,
       (SELECT t.number FROM tickets t WHERE t.service_instance_id = s.id AND t.is_open = 1 ORDER BY t.created_at DESC LIMIT 1) AS openTicketNumber
     FROM service_instances s WHERE s.customer_id = ? AND s.deleted = 0 ORDER BY s.service_no`,
  ).all(c.id) as {
    id: string;
    product: string;
    serviceNo: string;
    status: string;
    openTicketNumber: string | null;
  }[];
  const openTickets = customerTickets(ctx, c.id, { openOnly: true, limit: 20 });
  const recentTickets = customerTickets(ctx, c.id, { limit: 10 });
  const duplicate = input.serviceInstanceId
    ? (openTickets.find((t) => serviceOf(ctx, t.id) === input.serviceInstanceId) ?? null)
    : null;
  return {
    customerId: c.id,
    customerName: c.name,
    grade: c.grade,
    ownerName: c.ownerName,
    contacts,
    services,
    openTickets,
    recentTickets,
    duplicate,
  };
}

function serviceOf(ctx: ServiceContext, ticketId: string): string | null {
  return (
    prepared(ctx, 'SELECT service_instance_id AS s FROM tickets WHERE id = ?').get(ticketId) as {
      s: string | null;
    }
  ).s;
}

export const intakeHandlers = {
  'tickets.intakeLookup': (ctx: ServiceContext, input: ParsedInputOf<'tickets.intakeLookup'>) =>
    intakeLookup(ctx, input),
  'tickets.customerContext': (ctx: ServiceContext, input: ParsedInputOf<'tickets.customerContext'>) =>
    customerContext(ctx, input),
};
