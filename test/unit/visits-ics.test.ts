import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeIcsText, foldIcsLine } from '../../src/main/services/visits/ics';
import { customerFiledOn, record, visitsWorld, type VisitsWorld } from './visits-fixtures';

/** A person's visits as an iCalendar file (issue #14), read back with ical.js as a calendar app would. */

let w: VisitsWorld;
beforeEach(async () => {
  w = await visitsWorld();
});
afterEach(() => w.app.runtime.store.sqlite.close());

function parse(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((c) => ({ event: new ICAL.Event(c), component: c }));
}

describe('the iCalendar export', () => {
  it('gives Asia/Shanghai times, all-day visits, stable UIDs, a rising SEQUENCE and CANCELLED for dropped visits', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key', name: '内蒙古电力（集团）有限责任公司' });
    w.app.runtime.store.sqlite.prepare("UPDATE customers SET address = '呼和浩特市赛罕区锡林南路 218 号；综合楼 5 层' WHERE id = ?").run(c.id);
    const timed = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-10', startTime: '14:30', purpose: '商谈专线扩容, 含 5G 专网' }, w.manager.token);
    const allDay = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-12', kind: 'executive' }, w.manager.token);
    const done = await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-02-26', startTime: '09:00', durationMinutes: 120, outcome: '客户同意试点\n下周报方案' });

    const first = await w.app.call('visits.ics', {}, w.manager.token);
    expect(first.fileName).toMatch(/^走访计划-.+\.ics$/);
    expect(first.events).toBe(3);
    expect(first.content).toContain('\r\n');
    expect(first.content.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const events = parse(first.content);
    const byUid = new Map(events.map((e) => [e.event.uid, e]));
    const t = byUid.get(`visit-${timed.id}@kam-desk`)!;
    expect(t.event.startDate.toJSDate().toISOString()).toBe('2026-03-10T06:30:00.000Z');
    expect(t.event.endDate.toJSDate().toISOString()).toBe('2026-03-10T07:30:00.000Z');
    expect(t.event.summary).toBe('客户走访 · 内蒙古电力（集团）有限责任公司');
    expect(t.event.location).toBe('呼和浩特市赛罕区锡林南路 218 号；综合楼 5 层');
    expect(t.event.description).toContain('商谈专线扩容, 含 5G 专网');
    expect(t.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const a = byUid.get(`visit-${allDay.id}@kam-desk`)!;
    expect(a.event.startDate.isDate).toBe(true);
    expect(a.event.startDate.toString()).toBe('2026-03-12');
    expect(a.event.endDate.toString()).toBe('2026-03-13');
    expect(a.event.summary).toContain('高层拜访');
    const d = byUid.get(`visit-${done.id}@kam-desk`)!;
    expect(d.event.endDate.toJSDate().toISOString()).toBe('2026-02-26T03:00:00.000Z');
    expect(d.event.description).toContain('客户同意试点\n下周报方案');

    await w.app.call('visits.move', { id: timed.id, visitDate: '2026-03-11', startTime: '16:00' }, w.manager.token);
    await w.app.call('visits.drop', { id: allDay.id, reason: '领导行程冲突' }, w.manager.token);
    const second = parse((await w.app.call('visits.ics', {}, w.manager.token)).content);
    expect(second.map((e) => e.event.uid).sort()).toEqual(events.map((e) => e.event.uid).sort());
    const seq = (list: typeof events, id: string) => list.find((e) => e.event.uid === `visit-${id}@kam-desk`)!.event.sequence;
    expect(seq(second, timed.id)).toBeGreaterThan(seq(events, timed.id));
    expect(seq(second, done.id)).toBe(seq(events, done.id));
    const moved = second.find((e) => e.event.uid === `visit-${timed.id}@kam-desk`)!;
    expect(moved.event.startDate.toJSDate().toISOString()).toBe('2026-03-11T08:00:00.000Z');
    expect(second.find((e) => e.event.uid === `visit-${allDay.id}@kam-desk`)!.component.getFirstPropertyValue('status')).toBe('CANCELLED');

    const en = await w.app.call('visits.ics', {}, w.manager.token, 'en');
    expect(en.fileName).toMatch(/^Visits-.+\.ics$/);
    expect(en.content).toContain('SUMMARY:On-site visit');
  });

  it('escapes TEXT values and folds long lines without splitting a character', () => {
    expect(escapeIcsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const line = `DESCRIPTION:${'走访'.repeat(40)}`;
    const folded = foldIcsLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });
});
