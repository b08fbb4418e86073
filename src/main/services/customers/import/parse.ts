import iconv from 'iconv-lite';
import chardet from 'chardet';
import { AppError } from '../../../../shared/errors';
import { readXlsxRows } from './xlsx';

/** A spreadsheet as header texts and data rows of cell texts (index = column). */
export interface Sheet {
  /** 'xlsx', 'utf-8' or 'gb18030' (GBK files read as its superset). */
  encoding: string;
  headers: string[];
  rows: string[][];
}

/**
 * Text of a CSV file: UTF-8 (with or without BOM) when it decodes cleanly, otherwise what chardet
 * guesses; any Chinese single-byte-family guess is read as GB18030, which covers GBK and GB2312.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through to detection
  }
  const guess = (chardet.detect(bytes.subarray(0, 65536)) ?? '').toLowerCase();
  const encoding = !guess || /gb|big5|euc|iso-8859|windows/.test(guess) ? 'gb18030' : guess;
  if (!iconv.encodingExists(encoding)) return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  return { text: iconv.decode(bytes, encoding), encoding };
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF/LF, commas inside quotes); also accepts tab-separated. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** Reads an uploaded .xlsx or .csv into header + rows. */
export async function readSheet(fileName: string, bytes: Buffer, maxRows: number): Promise<Sheet> {
  let encoding = 'xlsx';
  let table: string[][];
  try {
    if (/\.csv$/i.test(fileName)) {
      const decoded = decodeCsv(bytes);
      encoding = decoded.encoding;
      table = parseCsv(decoded.text);
      if (table.length > maxRows + 1) throw new AppError('VALIDATION', 'import.tooManyRows', { max: maxRows });
    } else {
      table = await readXlsxRows(bytes, maxRows);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', 'import.unreadable');
  }
  const [header = [], ...rows] = table;
  const headers = header.map((h) => h.trim());
  if (headers.length === 0 || rows.every((r) => r.every((c) => c.trim() === ''))) throw new AppError('VALIDATION', 'import.empty');
  return { encoding, headers, rows };
}
