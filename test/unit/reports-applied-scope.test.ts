import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/shared/contract/reports';
import { demoApp, demoSignIn, figure, one, runReport, table } from './reports-helpers';

/**
 * A report says what it shows (issue #21, class 12): the parameters it returns and prints are the ones
 * the caller's scope let it run with, and the document says when the scope replaced a choice.
 */

const app = demoApp();
const { sqlite } = app;
let am: { token: string; userId: string };
let leader: string;
let lina: string;

beforeAll(async () => {
  am = await demoSignIn(app, 'wangqiang');
  leader = (await demoSignIn(app, 'gaojianguo')).token;
  lina = one<{ id: string }>(sqlite, "SELECT id FROM users WHERE username = 'lina'").id;
}, 120_000);

const keyCustomersOf = (ownerId: string) =>
  one<{ n: number }>(
    sqlite,
    'SELECT count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1 AND owner_id = ?',
    ownerId,
  ).n;

function printed(doc: ReportDocument, label: string): string | undefined {
  return doc.params.find((p) => p.label === label)?.value;
}

describe('applied report parameters', () => {
  it("an account manager asking for another manager's roster gets his own name and his own figures, and is told why", async () => {
    const doc = await runReport(app, am.token, 'customer-roster', { manager: lina, limit: 5000 });
    expect(doc.applied.manager).toBe(am.userId);
    expect(printed(doc, '客户经理')).toBe('王强');
    expect(figure(doc, '大客户数')).toBe(keyCustomersOf(am.userId));
    expect(keyCustomersOf(am.userId)).toBeGreaterThan(0);
    expect(new Set(table(doc, 'roster').rows.map((r) => r.owner))).toEqual(new Set(['王强']));
    expect(doc.scopeNote).toBe('按您的权限范围显示：王强');
  });

  it('the note is in the reader’s language', async () => {
    const result = await app.api.call(
      'reports.run',
      { reportId: 'customer-roster', params: { manager: 'pool' } },
      { token: am.token, locale: 'en' },
    );
    if (!result.ok) throw new Error(result.error.message);
    const doc = result.data as ReportDocument;
    expect(doc.applied.manager).toBe(am.userId);
    expect(printed(doc, 'Account manager')).toBe('王强');
    expect(doc.scopeNote).toBe('Shown within your access: 王强');
  });

  it("an account manager's revenue ranking for another manager sums his own bills", async () => {
    const doc = await runReport(app, am.token, 'revenue-ranking', {
      from: '2025-09',
      to: '2026-02',
      manager: lina,
    });
    const mine = one<{ s: number }>(
      sqlite,
      `SELECT sum(b.billed_fen) AS s FROM customer_bills b JOIN customers c ON c.id = b.customer_id
       WHERE b.deleted = 0 AND c.deleted = 0 AND c.owner_id = ? AND b.period BETWEEN '2025-09' AND '2026-02'`,
      am.userId,
    ).s;
    expect(mine).toBeGreaterThan(0);
    expect(figure(doc, '本期收入（元）')).toBe(mine);
    expect(printed(doc, '客户经理')).toBe('王强');
  });

  it('an account manager who leaves the manager empty gets his own name without a note; defaults are echoed', async () => {
    const doc = await runReport(app, am.token, 'arrears', {});
    expect(doc.applied).toMatchObject({ manager: am.userId, region: null, limit: 200 });
    expect(doc.applied.from).toMatch(/^\d{4}-\d{2}$/);
    expect(doc.scopeNote).toBeNull();
  });

  it("a leader asking for a manager gets that manager's figures and no note", async () => {
    const doc = await runReport(app, leader, 'customer-roster', { manager: lina, limit: 5000 });
    expect(doc.applied.manager).toBe(lina);
    expect(figure(doc, '大客户数')).toBe(keyCustomersOf(lina));
    expect(doc.scopeNote).toBeNull();
  });

  it("the Excel export of an account manager's request for another manager carries his name, the note and his rows", async () => {
    const result = await app.api.call(
      'reports.export',
      { reportId: 'customer-roster', params: { manager: lina, limit: 5000 } },
      { token: am.token },
    );
    if (!result.ok) throw new Error(result.error.message);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      Buffer.from((result.data as { base64: string }).base64, 'base64') as unknown as ArrayBuffer,
    );
    const sheet = book.getWorksheet('大客户明细')!;
    const header = [1, 2, 3, 4, 5].map((r) => String(sheet.getCell(r, 1).value ?? ''));
    expect(header.some((line) => line.includes('客户经理：王强'))).toBe(true);
    expect(header).toContain('按您的权限范围显示：王强');
    let headerRow = 1;
    while (headerRow < 12 && !(sheet.getRow(headerRow).values as unknown[]).includes('客户经理')) headerRow++;
    const ownerColumn = (sheet.getRow(headerRow).values as unknown[]).indexOf('客户经理');
    expect(ownerColumn).toBeGreaterThan(0);
    const owners = new Set<string>();
    for (let r = headerRow + 1; r <= sheet.rowCount; r++)
      owners.add(String(sheet.getCell(r, ownerColumn).value));
    expect(owners).toEqual(new Set(['王强']));
  });
});
