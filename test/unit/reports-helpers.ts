import type { Database } from 'better-sqlite3';
import type { ReportDocument, ReportTable } from '../../src/shared/contract/reports';
import { seedDemoBranch, DEMO_PASSWORD } from '../../src/main/services/demo/seed';
import { makeTestApp, type TestApp } from './helpers';

/** A test app on the demo branch (customers, bills, evaluation; tickets when that module seeds them). */
export function demoApp(): TestApp & { sqlite: Database } {
  const app = makeTestApp();
  app.runtime.store.sqlite.transaction(() => seedDemoBranch(app.ctx()))();
  return Object.assign(app, { sqlite: app.runtime.store.sqlite });
}

/** Signs a demo user in by user name; returns the token and id. */
export async function demoSignIn(app: TestApp, username: string): Promise<{ token: string; userId: string }> {
  const session = await app.call('auth.login', { username, password: DEMO_PASSWORD });
  return { token: session.token, userId: session.user.id };
}

/** Runs a report and returns the document (throws on an error answer). */
export function runReport(app: TestApp, token: string, reportId: string, params: Record<string, string | number | null> = {}): Promise<ReportDocument> {
  return app.call('reports.run', { reportId, params }, token);
}

export function table(doc: ReportDocument, id: string): ReportTable {
  const found = doc.tables.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id} in ${doc.reportId}`);
  return found;
}

/** A summary figure by its (zh-CN) label. */
export function figure(doc: ReportDocument, label: string): string | number | null {
  const found = doc.summary.find((s) => s.label === label);
  if (!found) throw new Error(`no figure ${label} in ${doc.reportId}: ${doc.summary.map((s) => s.label).join(', ')}`);
  return found.value;
}

export function one<T>(sqlite: Database, sql: string, ...params: unknown[]): T {
  return sqlite.prepare(sql).get(...params) as T;
}
export function all<T>(sqlite: Database, sql: string, ...params: unknown[]): T[] {
  return sqlite.prepare(sql).all(...params) as T[];
}
