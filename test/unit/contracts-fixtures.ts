import { eq } from 'drizzle-orm';
import { users } from '../../src/main/db/schema';
import type { InputOf } from '../../src/shared/contract';
import type { TestApp } from './helpers';

/** Test data for the contract tests: departments, and a signed contract's input in one line. */

export function setDepartment(app: TestApp, userId: string, department: string) {
  app.runtime.store.db.update(users).set({ department }).where(eq(users.id, userId)).run();
}

/** A signed contract for a customer: sign date, start and end as given. */
export function signedInput(customerId: string, term: { start: string; end: string; amountFen?: number; title?: string }): InputOf<'contracts.create'> {
  return {
    customerId,
    title: term.title ?? '互联网专线接入服务合同',
    amountFen: term.amountFen ?? 12_000_000,
    signed: true,
    signDate: term.start,
    startDate: term.start,
    endDate: term.end,
    paymentTerms: '按月付费',
    renewalTerms: '期满前60日协商续签',
  };
}

/** Moves the test clock to 00:00 (or a given time) of a Shanghai date. */
export function setShanghaiTime(app: TestApp, date: string, time = '00:00') {
  app.clock.ms = Date.parse(`${date}T${time}:00+08:00`);
}
