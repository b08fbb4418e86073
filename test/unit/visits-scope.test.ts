import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../src/shared/contract';
import { callError } from './tickets-fixtures';
import { customerFiledOn, record, visitsWorld, type VisitsWorld } from './visits-fixtures';

/**
 * Who sees and works which visit (issue #14) as a role × method matrix: account managers their own
 * visits and plans and their customers' visits (another manager's are NOT_FOUND), leaders and admins
 * the branch, the service desk reads, staff nothing; plus the overdue lists and calendars in scope.
 */

type Who = 'admin' | 'leader' | 'owner' | 'otherManager' | 'desk' | 'staff';
const WHO: Who[] = ['admin', 'leader', 'owner', 'otherManager', 'desk', 'staff'];
type Outcome = 'ok' | 'NOT_FOUND' | 'FORBIDDEN';

let w: VisitsWorld;
const tokens = {} as Record<Who, string>;
let customerId: string;
let doneId: string;
let attachmentId: string;

beforeAll(async () => {
  w = await visitsWorld();
  Object.assign(tokens, {
    admin: w.admin.token,
    leader: w.leader.token,
    owner: w.manager.token,
    otherManager: w.otherManager.token,
    desk: w.desk.token,
    staff: w.staff.token,
  });
  customerId = customerFiledOn(w.app, '2025-12-01', { ownerId: w.manager.userId, grade: 'strategic' }).id;
  doneId = (await record(w, w.manager.token, { customerId, visitDate: '2026-02-02' })).id;
  attachmentId = (await w.app.call('visits.attachments.add', { visitId: doneId, fileName: '纪要.txt', base64: Buffer.from('纪要').toString('base64') }, w.manager.token)).id;
});
afterAll(() => w.app.runtime.store.sqlite.close());

const READ: Record<Who, Outcome> = { admin: 'ok', leader: 'ok', owner: 'ok', otherManager: 'NOT_FOUND', desk: 'ok', staff: 'FORBIDDEN' };
const WRITE: Record<Who, Outcome> = { admin: 'ok', leader: 'ok', owner: 'ok', otherManager: 'NOT_FOUND', desk: 'FORBIDDEN', staff: 'FORBIDDEN' };
const LEADERS: Record<Who, Outcome> = { admin: 'ok', leader: 'ok', owner: 'FORBIDDEN', otherManager: 'FORBIDDEN', desk: 'FORBIDDEN', staff: 'FORBIDDEN' };
const LISTS: Record<Who, Outcome> = { admin: 'ok', leader: 'ok', owner: 'ok', otherManager: 'ok', desk: 'ok', staff: 'FORBIDDEN' };

let day = 10;
const fresh = async () => (await w.app.call('visits.plan.add', { customerId, visitDate: `2026-03-${day++}` }, w.manager.token)).id;

const matrix: { method: MethodName; input: () => Promise<unknown> | unknown; expected: Record<Who, Outcome> }[] = [
  { method: 'visits.get', input: () => ({ id: doneId }), expected: READ },
  { method: 'visits.customer', input: () => ({ customerId }), expected: READ },
  { method: 'visits.attachments.get', input: () => ({ id: attachmentId }), expected: READ },
  { method: 'visits.list', input: () => ({}), expected: LISTS },
  { method: 'visits.rules.get', input: () => ({}), expected: LISTS },
  { method: 'visits.record', input: () => ({ customerId, kind: 'phone', visitDate: '2026-03-01', purpose: '电话回访' }), expected: WRITE },
  { method: 'visits.plan.add', input: () => ({ customerId, visitDate: '2026-03-20' }), expected: WRITE },
  { method: 'visits.update', input: () => ({ id: doneId, outcome: `纪要${Math.random()}` }), expected: WRITE },
  { method: 'visits.move', input: async () => ({ id: await fresh(), visitDate: '2026-03-31' }), expected: WRITE },
  { method: 'visits.drop', input: async () => ({ id: await fresh(), reason: '改期' }), expected: WRITE },
  { method: 'visits.remove', input: async () => ({ id: await fresh() }), expected: WRITE },
  { method: 'visits.attachments.add', input: () => ({ visitId: doneId, fileName: 'a.txt', base64: 'YQ==' }), expected: WRITE },
  { method: 'visits.plan.get', input: () => ({ ownerId: w.manager.userId, month: '2026-03' }), expected: WRITE },
  { method: 'visits.overdue', input: () => ({ ownerId: w.manager.userId }), expected: WRITE },
  { method: 'visits.ics', input: () => ({ ownerId: w.manager.userId }), expected: WRITE },
  { method: 'visits.calendar', input: () => ({ from: '2026-03-01', to: '2026-03-31', ownerId: w.manager.userId }), expected: WRITE },
  { method: 'visits.calendar', input: () => ({ from: '2026-03-01', to: '2026-03-31', team: true }), expected: LEADERS },
  { method: 'visits.plan.generateAll', input: () => ({ month: '2026-03' }), expected: LEADERS },
  { method: 'visits.plans.list', input: () => ({ month: '2026-03' }), expected: LEADERS },
  { method: 'visits.rules.save', input: () => ({ rules: [{ grade: 'normal', months: null, kinds: ['onsite'] }] }), expected: LEADERS },
];

describe('the role × method matrix of visits.*', () => {
  matrix.forEach((row, i) => {
    for (const who of WHO) {
      it(`#${i} ${row.method} as ${who} → ${row.expected[who]}`, async () => {
        const input = await row.input();
        const result = await w.app.api.call(row.method, input, { token: tokens[who] });
        if (row.expected[who] === 'ok') expect(result.ok, JSON.stringify(result)).toBe(true);
        else expect(result.ok ? 'ok' : result.error.code).toBe(row.expected[who]);
      });
    }
  });
});

describe('scope of lists', () => {
  it('another account manager lists none of the owner\'s visits; the desk and leaders list them', async () => {
    expect((await w.app.call('visits.list', {}, w.otherManager.token)).total).toBe(0);
    expect((await w.app.call('visits.list', { customerId }, w.desk.token)).total).toBeGreaterThan(0);
    expect((await w.app.call('visits.list.export', {}, w.otherManager.token)).rowCount).toBe(0);
    expect((await w.app.call('visits.list.export', {}, w.leader.token)).rowCount).toBeGreaterThan(0);
  });
});

describe('overdue lists', () => {
  it('most overdue first, with the next planned visit, by grade, in the caller\'s scope', async () => {
    const early = customerFiledOn(w.app, '2025-10-01', { ownerId: w.manager.userId, grade: 'key', name: '包头钢铁集团' }); // due 2025-12-01
    const late = customerFiledOn(w.app, '2026-01-15', { ownerId: w.manager.userId, grade: 'strategic', name: '鄂尔多斯能源' }); // due 2026-02-15
    const theirs = customerFiledOn(w.app, '2025-12-20', { ownerId: w.otherManager.userId, grade: 'strategic' });
    customerFiledOn(w.app, '2026-02-20', { ownerId: w.manager.userId, grade: 'key' }); // not yet due
    await w.app.call('visits.plan.add', { customerId: late.id, visitDate: '2026-03-05' }, w.manager.token);
    const mine = await w.app.call('visits.overdue', {}, w.manager.token);
    expect(mine.rows.map((r) => [r.customerId, r.dueDate, r.daysOverdue, r.plannedDate])).toEqual([
      [early.id, '2025-12-01', 91, null],
      [late.id, '2026-02-15', 15, '2026-03-05'],
    ]);
    expect(mine.total).toBe(2);
    expect((await w.app.call('visits.overdue', { grade: 'strategic' }, w.manager.token)).rows.map((r) => r.customerId)).toEqual([late.id]);
    const branch = await w.app.call('visits.overdue', {}, w.leader.token);
    expect(branch.rows.map((r) => r.customerId)).toEqual([early.id, theirs.id, late.id]);
    expect((await w.app.call('visits.overdue', { ownerId: w.otherManager.userId }, w.leader.token)).rows.map((r) => r.customerId)).toEqual([theirs.id]);
    expect((await callError(w.app, 'visits.overdue', { ownerId: w.otherManager.userId }, w.manager.token)).code).toBe('NOT_FOUND');
    expect((await w.app.call('visits.overdue.export', {}, w.manager.token)).rowCount).toBe(2);
  });
});

describe('calendars', () => {
  it('one person\'s visits between two days; the team\'s with counts per person and day', async () => {
    const c = customerFiledOn(w.app, '2026-02-01', { ownerId: w.otherManager.userId, grade: 'key' });
    await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-12', startTime: '09:00' }, w.otherManager.token);
    const own = await w.app.call('visits.calendar', { from: '2026-03-12', to: '2026-03-12' }, w.otherManager.token);
    expect(own.visits.map((v) => v.customerId)).toEqual([c.id]);
    expect(own.perPerson).toEqual([]);
    const team = await w.app.call('visits.calendar', { from: '2026-03-01', to: '2026-03-31', team: true }, w.leader.token);
    const other = team.perPerson.filter((p) => p.ownerId === w.otherManager.userId);
    expect(other).toEqual([{ ownerId: w.otherManager.userId, ownerName: expect.any(String), date: '2026-03-12', planned: 1, done: 0 }]);
    expect(team.truncated).toBe(false);
    expect(team.visits.length).toBe(team.perPerson.reduce((n, p) => n + p.planned + p.done, 0));
    expect((await callError(w.app, 'visits.calendar', { from: '2026-03-31', to: '2026-03-01' }, w.leader.token)).message).toContain('结束日期');
  });
});
