import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { leaderDeputies } from '../../db/schema';
import { requireActor, type ServiceContext } from '../context';
import { shanghaiToday } from '../customers/dates';
import { deleteRow, getRow, insertRow } from '../write';
import { person } from './config';

/**
 * A leader's deputies (代审批人): while the leader is away, the deputy approves on his behalf on the
 * dates of the span (local dates, inclusive). The form, its event and the audit keep both people.
 */

interface DeputyRaw {
  id: string;
  leaderId: string;
  leaderName: string | null;
  deputyId: string;
  deputyName: string | null;
  fromDate: string;
  toDate: string;
  note: string;
}

const SELECT = `SELECT d.id, d.leader_id AS leaderId, l.display_name AS leaderName, d.deputy_id AS deputyId,
  u.display_name AS deputyName, d.from_date AS fromDate, d.to_date AS toDate, d.note
  FROM leader_deputies d LEFT JOIN users l ON l.id = d.leader_id LEFT JOIN users u ON u.id = d.deputy_id WHERE d.deleted = 0`;

const out = (r: DeputyRaw) => ({ ...r, leaderName: r.leaderName ?? '', deputyName: r.deputyName ?? '' });

/** The caller's deputies (every leader's for an admin), the leaders he stands in for from today on, and who may be named. */
export function listDeputies(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  const today = shanghaiToday(ctx.now());
  const all = actor.role === 'admin';
  const named = ctx.store.sqlite
    .prepare(`${SELECT} ${all ? '' : 'AND d.leader_id = ?'} ORDER BY d.from_date DESC`)
    .all(...(all ? [] : [actor.id])) as DeputyRaw[];
  const standingInFor = ctx.store.sqlite.prepare(`${SELECT} AND d.deputy_id = ? AND d.to_date >= ? ORDER BY d.from_date`).all(actor.id, today) as DeputyRaw[];
  const candidates = ctx.store.sqlite
    .prepare(
      `SELECT id, display_name AS displayName, department FROM users
       WHERE active = 1 AND deleted = 0 AND role <> 'admin' ORDER BY role <> 'leader', department, username`,
    )
    .all() as { id: string; displayName: string; department: string }[];
  return { named: named.map(out), standingInFor: standingInFor.map(out), candidates };
}

/** Names a deputy for a span; a leader names his own, an admin any leader's. */
export function setDeputy(ctx: ServiceContext, input: ParsedInputOf<'forms.deputies.set'>) {
  const actor = requireActor(ctx);
  const leaderId = actor.role === 'admin' ? (input.leaderId ?? actor.id) : actor.id;
  if (input.leaderId && input.leaderId !== leaderId) throw new AppError('FORBIDDEN', 'forms.deputyOwnOnly');
  const leader = person(ctx, leaderId);
  if (!leader || leader.role !== 'leader') throw new AppError('VALIDATION', 'forms.deputyNotLeader');
  const deputy = person(ctx, input.deputyId);
  if (!deputy || deputy.role === 'admin') throw new AppError('VALIDATION', 'forms.unknownDeputy');
  if (deputy.id === leaderId) throw new AppError('VALIDATION', 'forms.deputySelf');
  if (input.toDate < input.fromDate) throw new AppError('VALIDATION', 'forms.deputyDates');
  const row = insertRow(ctx, leaderDeputies, { leaderId, deputyId: deputy.id, fromDate: input.fromDate, toDate: input.toDate, note: input.note });
  return out({ ...row, leaderName: leader.displayName, deputyName: deputy.displayName });
}

/** Removes a span (its leader or an admin). */
export function removeDeputy(ctx: ServiceContext, input: ParsedInputOf<'forms.deputies.remove'>) {
  const actor = requireActor(ctx);
  const row = getRow(ctx, leaderDeputies, input.id);
  if (row.deleted || (actor.role !== 'admin' && row.leaderId !== actor.id)) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  deleteRow(ctx, leaderDeputies, row.id);
  return { ok: true as const };
}
