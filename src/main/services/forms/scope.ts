import type { Row } from '../write';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { shanghaiToday } from '../customers/dates';
import { AppError } from '../../../shared/errors';
import { MANAGERS } from '../../../shared/roles';
import type { requestForms } from '../../db/schema';
import { CENTRE_DEPT, departmentOf, leadersOf } from './config';

/**
 * Who sees and works which request form: leaders and admins see every form; the response centre
 * (department 客户响应中心 or the service desk) every form sent to it; account managers the forms they
 * drafted; other staff the forms routed to their department. A deputy sees the approvals he stands in
 * for today. Out-of-scope forms are NOT_FOUND, as in the other modules.
 */

export type FormRowT = Row<typeof requestForms>;

export interface FormScope {
  actor: Actor;
  department: string;
  /** Sees every form (leaders, admins). */
  all: boolean;
  /** Routes forms: the response centre. */
  centre: boolean;
  /** Leaders this user stands in for today (leader_deputies spans covering today's date). */
  deputyFor: string[];
}

/** The caller's scope for request forms. */
export function formScope(ctx: ServiceContext): FormScope {
  const actor = requireActor(ctx);
  const department = departmentOf(ctx, actor.id);
  return {
    actor,
    department,
    all: MANAGERS.includes(actor.role),
    centre: department === CENTRE_DEPT || actor.role === 'service_desk',
    deputyFor: deputyLeadersOn(ctx, actor.id, shanghaiToday(ctx.now())),
  };
}

/** The leaders `userId` stands in for on a local date. */
export function deputyLeadersOn(ctx: ServiceContext, userId: string, date: string): string[] {
  const rows = ctx.store.sqlite
    .prepare('SELECT leader_id AS leaderId FROM leader_deputies WHERE deputy_id = ? AND deleted = 0 AND from_date <= ? AND to_date >= ?')
    .all(userId, date, date) as { leaderId: string }[];
  return [...new Set(rows.map((r) => r.leaderId))];
}

/**
 * Whom the caller approves for: himself when he is the awaited approver or a leader of the drafter's
 * department (the first approvers keep the right after an escalation), else the leader he stands in
 * for today. Null when he may not approve this form.
 */
export function approvingFor(ctx: ServiceContext, scope: FormScope, f: FormRowT): { self: true } | { leaderId: string } | null {
  const me = scope.actor.id;
  if (f.approverId === me) return { self: true };
  const deptLeaders = leadersOf(ctx, f.drafterDept).map((l) => l.id);
  if (scope.actor.role === 'leader' && deptLeaders.includes(me)) return { self: true };
  if (f.approverId && scope.deputyFor.includes(f.approverId)) return { leaderId: f.approverId };
  const standIn = deptLeaders.find((id) => scope.deputyFor.includes(id));
  return standIn ? { leaderId: standIn } : null;
}

/** True when the caller may see the form. */
export function canSeeForm(ctx: ServiceContext, scope: FormScope, f: FormRowT): boolean {
  if (scope.all || f.drafterId === scope.actor.id) return true;
  if (scope.centre && f.sentAt) return true;
  if (scope.department && f.routedDept === scope.department) return true;
  return f.status === 'pending_approval' && approvingFor(ctx, scope, f) !== null;
}

/** Hides forms out of scope as NOT_FOUND. */
export function assertCanSee(ctx: ServiceContext, scope: FormScope, f: FormRowT): void {
  if (!canSeeForm(ctx, scope, f)) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
}

/** SQL limiting `f` (request_forms) to the scope, with its parameters. */
export function scopeSql(scope: FormScope): { where: string; params: unknown[] } {
  if (scope.all) return { where: '1 = 1', params: [] };
  const parts = ['f.drafter_id = ?'];
  const params: unknown[] = [scope.actor.id];
  if (scope.centre) parts.push('f.sent_at IS NOT NULL');
  if (scope.department) {
    parts.push('f.routed_dept = ?');
    params.push(scope.department);
  }
  if (scope.deputyFor.length) {
    parts.push(`(f.status = 'pending_approval' AND f.approver_id IN (${scope.deputyFor.map(() => '?').join(', ')}))`);
    params.push(...scope.deputyFor);
  }
  return { where: `(${parts.join(' OR ')})`, params };
}
