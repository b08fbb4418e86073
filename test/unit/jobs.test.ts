import { describe, expect, it } from 'vitest';
import { runBackgroundJobsOnce } from '../../src/main/jobs';
import { makeTestApp, TEST_PASSWORD } from './helpers';
import { addCustomer } from './tickets-fixtures';

describe('background jobs of the main process', () => {
  it('escalate a breached ticket with nobody on the red-channel page, once', async () => {
    const app = makeTestApp();
    const desk = await app.signIn('service_desk');
    await app.signIn('leader', 'branchlead');
    const customer = addCustomer(app);
    expect(runBackgroundJobsOnce(app.runtime)).toEqual({ warned: 0, breached: 0 });
    const t = await app.call(
      'tickets.create',
      { kind: 'fault', customerId: customer.id, title: '专线中断', impact: 'minor' },
      desk.token,
    );
    const detail = await app.call('tickets.get', { id: t.id }, desk.token);
    const due = Math.max(...detail.clocks.map((c) => (c.dueAt ? Date.parse(c.dueAt) : 0)));
    app.clock.ms = due + 60_000;
    const pass = runBackgroundJobsOnce(app.runtime);
    expect(pass.breached).toBe(1);
    // Signed in again now: the earlier session has idled out while the clock ran.
    const leader = await app.call('auth.login', { username: 'branchlead', password: TEST_PASSWORD });
    const notes = await app.call('notifications.list', {}, leader.token);
    expect(notes.rows.some((n) => n.message.includes(t.number))).toBe(true);
    expect(runBackgroundJobsOnce(app.runtime).breached).toBe(0);
  });
});
