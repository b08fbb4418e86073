import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeTestApp, type TestApp } from './helpers';

/** Files and people for the customer import tests: sheets as branches send them, the leader and an account manager. */

/** A CSV saved by Excel on a Chinese Windows PC (GBK, CRLF), as the import receives it (base64). */
export const gbkCsv = (lines: string[]) => iconv.encode(lines.join('\r\n') + '\r\n', 'gbk').toString('base64');

/** An .xlsx whose rows stand at the row numbers Excel shows (an empty array leaves that row blank), as base64. */
export async function xlsx(rows: (string | number | null)[][], sheetName = 'Sheet1'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  rows.forEach((r, i) => {
    if (r.length) sheet.getRow(i + 1).values = r;
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

/** A fresh app with the leader 高建国 and the account manager 王强 signed in. */
export async function importSetup() {
  const app = makeTestApp();
  const leader = await app.signIn('leader', 'gaojianguo');
  const am = await app.signIn('account_manager', 'wangqiang');
  return { app, leader, am };
}

/** Calls an import method expecting a refusal; returns the wire error. */
export async function refused(
  app: TestApp,
  method: 'customers.import.preview' | 'customers.import.commit',
  input: unknown,
  token: string,
) {
  const r = await app.api.call(method, input, { token });
  if (r.ok) throw new Error(`${method} was expected to fail`);
  return r.error;
}
