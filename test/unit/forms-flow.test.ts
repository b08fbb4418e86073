import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/main/db/schema';
import { runBackgroundJobsOnce } from '../../src/main/jobs';
import { writeSettings } from '../../src/main/services/settings/branch';
import { makeTestApp, tableCounts, type TestApp } from './helpers';
import { addCustomer, callError, local, type TestCustomer } from './tickets-fixtures';

/** Request forms (资源确认单 / 业务联系单): approval, routing, answer, confirmation, deputies and escalation. */

let app: TestApp;
type Who = { token: string; userId: string };
let am: Who;
let otherAm: Who;
let leader: Who;
let leader2: Who;
let desk: Who;
let engineer: Who;
let billing: Who;
let customer: TestCustomer;

function setDepartment(userId: string, department: string) {
  app.runtime.store.db.update(users).set({ department }).where(eq(users.id, userId)).run();
}

beforeEach(async () => {
  // Monday 2026-03-02 09:30 Asia/Shanghai (the TestClock's start); office hours 08:30–12:00, 13:30–17:30.
  app = makeTestApp();
  am = await app.signIn('account_manager', 'amwang');
  otherAm = await app.signIn('account_manager', 'amli');
  leader = await app.signIn('leader', 'leadera');
  leader2 = await app.signIn('leader', 'leaderb');
  desk = await app.signIn('service_desk', 'deskhu');
  engineer = await app.signIn('staff', 'staffzheng');
  billing = await app.signIn('staff', 'staffhan');
  for (const u of [am, otherAm, leader, leader2]) setDepartment(u.userId, '大客户发展中心');
  setDepartment(desk.userId, '客户响应中心');
  setDepartment(engineer.userId, '网络运维部');
  setDepartment(billing.userId, '计费账务中心');
  customer = addCustomer(app, { ownerId: am.userId });
  // The tests move the clock by days: sessions must outlast it.
  app.runtime.store.sqlite.transaction(() => writeSettings(app.ctx(), { sessionIdleMinutes: 60 * 24 * 30 }))();
});

async function draftImportant(extra: Record<string, unknown> = {}) {
  return app.call(
    'forms.create',
    { kind: 'resource', customerId: customer.id, title: '新装 100M 专线资源确认', content: '客户新园区需新装 100M 互联网专线，请确认光缆及端口资源。', important: true, submit: true, ...extra },
    am.token,
  );
}

describe('an important 资源确认单 through the whole flow', () => {
  it('goes 待审批 → 响应中心受理 → 已转办 → 已答复 → 已确认关闭 with a clock at every step and the answer time measured', async () => {
    let f = await draftImportant();
    expect(f.number).toMatch(/^KAM-ZY-2603-[0-9A-F]{4}-0001$/);
    expect(f.status).toBe('pending_approval');
    expect(f.approverId).toBe(leader.userId); // the first leader of the drafter's department
    expect(f.step).toBe('approval');
    // Approval limit 450 business minutes from Mon 09:30 → Tue 09:30 (the lunch break and the night do not count).
    expect(local(f.dueAt)).toBe('2026-03-03 09:30');
    expect(f.actions).toEqual(['withdraw']);
    const asLeader = await app.call('forms.get', { id: f.id }, leader.token);
    expect(asLeader.actions).toEqual(['approve', 'reject', 'sendBack']);
    const approvals = await app.call('forms.queue', { view: 'approvals' }, leader.token);
    expect(approvals.rows.map((r) => r.id)).toEqual([f.id]);
    expect(approvals.counts.approvals).toBe(1);

    app.clock.advanceMinutes(30);
    f = await app.call('forms.approve', { id: f.id, comment: '同意，请尽快确认资源' }, leader.token);
    expect(f.status).toBe('at_centre');
    expect(f.approvedByName).toContain('leadera');
    expect(f.approvedForName).toBeNull();
    expect(local(f.sentAt)).toBe('2026-03-02 10:00');
    // The centre routes within 120 business minutes.
    expect(local(f.dueAt)).toBe('2026-03-02 12:00');
    expect((await app.call('forms.queue', { view: 'centre' }, desk.token)).rows.map((r) => r.id)).toEqual([f.id]);

    app.clock.advanceMinutes(60);
    f = await app.call('forms.route', { id: f.id, dept: '网络运维部', comment: '请核实光缆资源' }, desk.token);
    expect(f.status).toBe('routed');
    expect(f.routedDept).toBe('网络运维部');
    expect((await app.call('forms.queue', { view: 'department' }, engineer.token)).rows.map((r) => r.id)).toEqual([f.id]);
    expect(await callError(app, 'forms.answer', { id: f.id, answer: '有资源' }, billing.token)).toMatchObject({ code: 'NOT_FOUND' });

    // Answered Mon 15:00: 10:00–12:00 and 13:30–15:00 = 210 business minutes after sending, on time.
    app.clock.advanceMinutes(240);
    f = await app.call('forms.answer', { id: f.id, answer: '园区东侧光交箱有空余纤芯，端口资源充足，可以开通。' }, engineer.token);
    expect(f.status).toBe('answered');
    expect(f.businessMinutes).toBe(210);
    expect(f.onTime).toBe(true);
    expect((await app.call('forms.queue', { view: 'mine' }, am.token)).rows.map((r) => r.id)).toEqual([f.id]);
    const notes = await app.call('notifications.list', { unreadOnly: true }, am.token);
    expect(notes.rows.map((n) => n.kind)).toEqual(expect.arrayContaining(['form_answered', 'form_approval']));

    f = await app.call('forms.confirm', { id: f.id }, am.token);
    expect(f.status).toBe('closed');
    expect(f.step).toBeNull();
    expect(f.actions).toEqual([]);
    expect(f.events.map((e) => e.kind)).toEqual(['created', 'submitted', 'approved', 'sent', 'routed', 'answered', 'confirmed']);

    // Every step is on the customer's 360 timeline, linking to the form.
    const profile = await app.call('customers.get', { id: customer.id }, am.token);
    const formLines = profile.timeline.filter((e) => e.source === 'form');
    expect(formLines).toHaveLength(7);
    expect(formLines[0]!.route).toBe(`/green/forms/${f.id}`);
  });

  it('a form that is not important goes straight to the response centre', async () => {
    const f = await draftImportant({ important: false, kind: 'contact' });
    expect(f.number).toMatch(/^KAM-LX-2603-/);
    expect(f.status).toBe('at_centre');
    expect(f.approverId).toBeNull();
  });

  it('sent back for changes, edited and re-sent; then approved', async () => {
    let f = await draftImportant();
    f = await app.call('forms.sendBack', { id: f.id, comment: '请补充客户机房位置' }, leader.token);
    expect(f.status).toBe('sent_back');
    expect(f.approvalComment).toBe('请补充客户机房位置');
    expect(f.actions).toEqual([]);
    const mine = await app.call('forms.get', { id: f.id }, am.token);
    expect(mine.actions).toEqual(['update', 'submit', 'withdraw']);
    f = await app.call('forms.update', { id: f.id, title: f.title, content: `${f.content} 机房位于 3 号楼负一层。`, important: true }, am.token);
    f = await app.call('forms.submit', { id: f.id }, am.token);
    expect(f.status).toBe('pending_approval');
    f = await app.call('forms.approve', { id: f.id }, leader.token);
    expect(f.status).toBe('at_centre');
    expect(f.events.map((e) => e.kind)).toEqual(['created', 'submitted', 'sent_back', 'updated', 'submitted', 'approved', 'sent']);
  });

  it('rejected with a comment is closed; a second decision says what the status allows', async () => {
    let f = await draftImportant();
    f = await app.call('forms.reject', { id: f.id, comment: '该客户欠费未结清，暂缓' }, leader.token);
    expect(f.status).toBe('rejected');
    const err = await callError(app, 'forms.approve', { id: f.id }, leader.token);
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('已驳回');
    expect(err.message).toContain('无可用操作');
    expect((await app.call('forms.list', { openOnly: true }, am.token)).total).toBe(0);
  });

  it('re-opened with a reason goes back to the department that answered, then answered again and confirmed', async () => {
    let f = await draftImportant({ important: false });
    f = await app.call('forms.route', { id: f.id, dept: '网络运维部' }, desk.token);
    f = await app.call('forms.answer', { id: f.id, answer: '可以开通' }, engineer.token);
    f = await app.call('forms.reopen', { id: f.id, reason: '未说明预计开通时间' }, am.token);
    expect(f.status).toBe('routed');
    expect(f.reopenCount).toBe(1);
    expect(f.routedDept).toBe('网络运维部');
    const engineerNotes = await app.call('notifications.list', { unreadOnly: true }, engineer.token);
    expect(engineerNotes.rows.map((n) => n.message).join('\n')).toContain('未说明预计开通时间');
    f = await app.call('forms.answer', { id: f.id, answer: '可以开通，预计 3 个工作日' }, engineer.token);
    f = await app.call('forms.confirm', { id: f.id }, am.token);
    expect(f.status).toBe('closed');
    expect(f.answer).toBe('可以开通，预计 3 个工作日');
  });

  it('refuses a leader of another department and the drafter himself as approvers', async () => {
    const outsider = await app.signIn('leader', 'leaderc');
    setDepartment(outsider.userId, '客户响应中心');
    const f = await draftImportant();
    expect(await callError(app, 'forms.approve', { id: f.id }, outsider.token)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callError(app, 'forms.approve', { id: f.id }, am.token)).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('a deputy approves for an absent leader', () => {
  it('on a date in the span: the form, the timeline and the audit keep both the deputy and the leader; refused outside it', async () => {
    await app.call('forms.deputies.set', { deputyId: otherAm.userId, fromDate: '2026-03-02', toDate: '2026-03-03', note: '外出培训' }, leader.token);
    const first = await draftImportant();
    const second = await draftImportant({ title: '扩容资源确认' });
    expect((await app.call('forms.queue', { view: 'approvals' }, otherAm.token)).counts.approvals).toBe(2);
    const deputyNote = await app.call('notifications.list', { unreadOnly: true }, otherAm.token);
    expect(deputyNote.rows.some((n) => n.kind === 'form_approval')).toBe(true);

    const f = await app.call('forms.approve', { id: first.id, comment: '代为同意' }, otherAm.token);
    expect(f.status).toBe('at_centre');
    expect(f.approvedByName).toContain('amli');
    expect(f.approvedForName).toContain('leadera');
    const approved = f.events.find((e) => e.kind === 'approved')!;
    expect(approved.actorName).toContain('amli');
    expect(approved.onBehalfOfName).toContain('leadera');
    expect(approved.title).toContain('代');
    const row = app.runtime.store.sqlite.prepare('SELECT approved_by_id AS by, approved_for_id AS forId FROM request_forms WHERE id = ?').get(first.id);
    expect(row).toEqual({ by: otherAm.userId, forId: leader.userId });
    const audit = app.runtime.store.sqlite
      .prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'green_events' AND after LIKE ? AND after LIKE ?")
      .get(`%${otherAm.userId}%`, `%${leader.userId}%`) as { n: number };
    expect(audit.n).toBe(1);

    // Wednesday 2026-03-04: the span is over.
    app.clock.advanceMinutes(2 * 24 * 60);
    const err = await callError(app, 'forms.approve', { id: second.id }, otherAm.token);
    expect(err.code).toBe('NOT_FOUND');
    expect((await app.call('forms.queue', { view: 'approvals' }, otherAm.token)).counts.approvals).toBe(0);
  });

  it('a leader names deputies for himself only, and not himself', async () => {
    expect(await callError(app, 'forms.deputies.set', { deputyId: leader.userId, fromDate: '2026-03-02', toDate: '2026-03-03' }, leader.token)).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(app, 'forms.deputies.set', { leaderId: leader2.userId, deputyId: am.userId, fromDate: '2026-03-02', toDate: '2026-03-03' }, leader.token)).toMatchObject({ code: 'FORBIDDEN' });
    const err = await callError(app, 'forms.deputies.set', { deputyId: am.userId, fromDate: '2026-03-05', toDate: '2026-03-03' }, leader.token);
    expect(err.message).toContain('结束日期');
    const span = await app.call('forms.deputies.set', { deputyId: am.userId, fromDate: '2026-03-02', toDate: '2026-03-03' }, leader.token);
    expect((await app.call('forms.deputies.list', {}, leader.token)).named.map((d) => d.id)).toEqual([span.id]);
    await app.call('forms.deputies.remove', { id: span.id }, leader.token);
    expect((await app.call('forms.deputies.list', {}, leader.token)).named).toEqual([]);
  });
});

describe('a stalled approval escalates to the next leader', () => {
  it('after N business hours measured on the calendar (lunch excluded), once, with a notification and a timeline line', async () => {
    await app.call('forms.settings.save', { ...(await settings()), escalationHours: 4 }, leader.token);
    const f = await draftImportant();
    // 4 business hours from Mon 09:30: 09:30–12:00 (2.5 h) + 13:30–15:00 (1.5 h) = Mon 15:00.
    expect(local((await app.call('forms.get', { id: f.id }, am.token)).warnAt)).toBe('2026-03-02 15:00');
    app.clock.advanceMinutes(5 * 60 + 29); // 14:59
    runBackgroundJobsOnce(app.runtime);
    expect((await app.call('forms.get', { id: f.id }, am.token)).approverId).toBe(leader.userId);

    app.clock.advanceMinutes(1); // 15:00
    runBackgroundJobsOnce(app.runtime);
    const after = await app.call('forms.get', { id: f.id }, am.token);
    expect(after.approverId).toBe(leader2.userId);
    expect(after.escalationLevel).toBe(1);
    expect(after.events.filter((e) => e.kind === 'escalated')).toHaveLength(1);
    expect(after.events.at(-1)!.title).toContain('升级至');
    const notes = await app.call('notifications.list', { unreadOnly: true }, leader2.token);
    expect(notes.rows.filter((n) => n.kind === 'form_approval')).toHaveLength(1);
    expect(notes.rows[0]!.message).toContain('升级');

    // Running again at the same moment sends nothing twice.
    expect(await app.call('forms.runEscalation', {}, desk.token)).toEqual({ escalated: 0, warned: 0, breached: 0 });
    expect((await app.call('forms.get', { id: f.id }, am.token)).escalationLevel).toBe(1);
    expect((await app.call('forms.queue', { view: 'approvals' }, leader2.token)).counts.approvals).toBe(1);
    // The first leader may still decide.
    expect((await app.call('forms.approve', { id: f.id }, leader.token)).status).toBe('at_centre');
  });

  it('other steps warn and breach once, telling the holders and their department leader', async () => {
    const centreLeader = await app.signIn('leader', 'leaderz');
    setDepartment(centreLeader.userId, '客户响应中心');
    const f = await draftImportant({ important: false });
    app.clock.advanceMinutes(96); // 80 % of the centre's 120 minutes
    expect(await app.call('forms.runEscalation', {}, desk.token)).toEqual({ escalated: 0, warned: 1, breached: 0 });
    expect(await app.call('forms.runEscalation', {}, desk.token)).toEqual({ escalated: 0, warned: 0, breached: 0 });
    app.clock.advanceMinutes(24 + 90); // past 12:00 plus the lunch break: 120 business minutes used
    expect(await app.call('forms.runEscalation', {}, desk.token)).toEqual({ escalated: 0, warned: 0, breached: 1 });
    const leaderNotes = await app.call('notifications.list', {}, centreLeader.token);
    expect(leaderNotes.rows.map((n) => n.kind).sort()).toEqual(['sla_breach', 'sla_warning']);
    const deskNotes = await app.call('notifications.list', {}, desk.token);
    expect(deskNotes.rows.map((n) => n.kind).sort()).toEqual(['sla_breach', 'sla_warning']);
    expect((await app.call('forms.list', { overdue: true }, leader.token)).rows.map((r) => r.id)).toEqual([f.id]);
  });
});

async function settings() {
  const { leaders: _leaders, ...s } = await app.call('forms.settings.get', {}, leader.token);
  return s;
}

describe('scope', () => {
  it('an account manager sees his own forms only; departments see what was routed to them; the centre what was sent', async () => {
    const draft = await app.call('forms.create', { kind: 'contact', customerId: customer.id, title: '草稿', content: '尚未发送' }, am.token);
    const sent = await draftImportant({ important: false });
    await app.call('forms.route', { id: sent.id, dept: '网络运维部' }, desk.token);

    expect(await callError(app, 'forms.get', { id: sent.id }, otherAm.token)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await app.call('forms.list', {}, otherAm.token)).total).toBe(0);
    expect((await app.call('forms.list', {}, am.token)).total).toBe(2);
    expect((await app.call('forms.list', {}, engineer.token)).rows.map((r) => r.id)).toEqual([sent.id]);
    expect((await app.call('forms.list', {}, billing.token)).total).toBe(0);
    expect(await callError(app, 'forms.print', { id: sent.id }, billing.token)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await app.call('forms.list', {}, desk.token)).rows.map((r) => r.id)).toEqual([sent.id]);
    expect(await callError(app, 'forms.get', { id: draft.id }, desk.token)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await app.call('forms.list', {}, leader.token)).total).toBe(2);
    const exported = await app.call('forms.list.export', {}, otherAm.token);
    expect(exported.rowCount).toBe(0);
    expect((await app.call('forms.list.export', {}, am.token)).rowCount).toBe(2);
  });

  it('an account manager cannot draft for another manager\'s customer', async () => {
    const err = await callError(app, 'forms.create', { kind: 'resource', customerId: customer.id, title: 'x', content: 'y' }, otherAm.token);
    expect(err.code).toBe('NOT_FOUND');
  });
});

describe('input and double submits', () => {
  it('bad input names the field in the user\'s words and writes nothing', async () => {
    const before = tableCounts(app.runtime);
    const err = await callError(app, 'forms.create', { kind: 'resource', customerId: customer.id, title: '', content: '内容' }, am.token);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('标题');
    const en = await callError(app, 'forms.create', { kind: 'resource', customerId: customer.id, title: '标题', content: '' }, am.token, 'en');
    expect(en.message).toContain('Request');
    const sent = await draftImportant({ important: false });
    const route = await callError(app, 'forms.route', { id: sent.id, dept: '' }, desk.token);
    expect(route.message).toContain('答复部门');
    const unknown = await callError(app, 'forms.route', { id: sent.id, dept: '不存在的部门' }, desk.token);
    expect(unknown.message).toContain('不存在的部门');
    const after = tableCounts(app.runtime);
    expect(after.request_forms).toBe(before.request_forms! + 1);
  });

  it('the same idempotency key creates one form', async () => {
    const meta = { token: am.token, locale: 'zh-CN' as const, idempotencyKey: 'form-draft-0000000001' };
    const input = { kind: 'resource', customerId: customer.id, title: '资源确认', content: '请确认' };
    const a = await app.api.call('forms.create', input, meta);
    const b = await app.api.call('forms.create', input, meta);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect((b.data as { id: string }).id).toBe((a.data as { id: string }).id);
    expect(tableCounts(app.runtime).request_forms).toBe(1);
  });
});

describe('the printed form', () => {
  it('is an A4 document with number, parties, content, approvals (with the deputy) and the answer', async () => {
    await app.call('forms.deputies.set', { deputyId: otherAm.userId, fromDate: '2026-03-02', toDate: '2026-03-02' }, leader.token);
    let f = await draftImportant();
    f = await app.call('forms.approve', { id: f.id, comment: '同意' }, otherAm.token);
    f = await app.call('forms.route', { id: f.id, dept: '网络运维部' }, desk.token);
    f = await app.call('forms.answer', { id: f.id, answer: '资源充足' }, engineer.token);
    const doc = await app.call('forms.print', { id: f.id }, am.token);
    expect(doc.title).toBe('资源确认单');
    expect(doc.orientation).toBe('portrait');
    expect(doc.params[0]).toEqual({ label: '编号', value: f.number });
    const table = (id: string) => doc.tables.find((t) => t.id === id)!;
    expect(table('parties').rows[0]).toMatchObject({ b: customer.id ? expect.any(String) : '' });
    expect(table('content').rows[0]).toEqual({ title: f.title, content: f.content });
    const approval = table('approvals').rows.find((r) => r.step === '审批同意')!;
    expect(approval.who).toMatch(/amli.*（代 测试leadera 审批）/);
    expect(approval.at).toBe('2026-03-02 09:30');
    expect(table('routing').rows.map((r) => r.step)).toEqual(['送客户响应中心', '转办至 网络运维部', '网络运维部 答复']);
    expect(table('signatures').columns).toHaveLength(4);
    const en = await app.call('forms.print', { id: f.id }, am.token, 'en');
    expect(en.title).toBe('Resource confirmation form');
  });
});
