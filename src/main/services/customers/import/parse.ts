import iconv from 'iconv-lite';
import chardet from 'chardet';
import { AppError } from '../../../../shared/errors';
import { readXlsxRows } from './xlsx';

/** A spreadsheet as header texts and data rows of cell texts (index = column). */
export interface Sheet {
  /** 'xlsx', 'utf-8' or 'gb18030' (GBK files read as its superset). */
  encoding: string;
  headers: string[];
  /** The header's row number as Excel shows it (1 unless title rows stand above it). */
  headerRow: number;
  /**
   * The rows below the header, blank ones included (as empty arrays), so that `rows[i]` is the row Excel
   * numbers `headerRow + 1 + i`.
   */
  rows: string[][];
}

/** Rows searched for the header: a title or a note or two above it is how many branches keep their sheets. */
const HEADER_SEARCH_ROWS = 10;

/** The Excel row number of data row `index` (0-based, below the header) of a sheet. */
export function excelRowNumber(sheet: Pick<Sheet, 'headerRow'>, index: number): number {
  return sheet.headerRow + 1 + index;
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
  // Blank lines stay (as empty rows): Excel shows them, and row numbers in messages must match its own.
  return rows.map((r) => (r.some((cell) => cell.trim() !== '') ? r : []));
}

const CJK = /[\u4e00-\u9fff]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `text` decoded again as UTF-8 from the bytes `encode` gives it, or null when those bytes are not UTF-8. */
function redecoded(text: string, encode: (text: string) => Buffer): string | null {
  try {
    return utf8.decode(encode(text));
  } catch {
    return null;
  }
}

/** Bytes of text that was UTF-8 read as Windows-1252 (or Latin-1 for the five bytes 1252 leaves out). */
function latinBytes(text: string): Buffer {
  return Buffer.from([...text].flatMap((ch) => (ch.codePointAt(0)! <= 0xff ? [ch.codePointAt(0)!] : [...iconv.encode(ch, 'win1252')])));
}

/**
 * Whether header or cell texts are mojibake: replacement characters (bytes that decoded to nothing),
 * private-use or Japanese kana characters in a Chinese sheet (bytes read in the wrong Asian encoding),
 * or Chinese that was once read in the wrong encoding and saved again — UTF-8 read as Windows-1252
 * ('å®¢', even twice: 'Ã¥Â®Â¢') or as GBK ('瀹㈡埛'): re-encoded that way, such text is valid UTF-8
 * with Chinese in it, which real Chinese or accented text practically never is.
 */
export function looksGarbled(texts: string[]): boolean {
  const joined = texts.join('\t');
  if (/[\ufffd\ue000-\uf8ff\u3041-\u30fa\u30fc-\u30ff\uff66-\uff9f]/.test(joined)) return true;
  if (/[\u00c0-\u00ff]/.test(joined)) {
    let text = joined;
    for (let pass = 0; pass < 3 && /[\u0080-\u00ff]/.test(text); pass++) {
      const again = redecoded(text, latinBytes);
      if (again === null) break;
      if (CJK.test(again)) return true;
      text = again;
    }
  }
  if (CJK.test(joined)) {
    const again = redecoded(joined, (t) => iconv.encode(t, 'gb18030'));
    if (again !== null && CJK.test(again)) return true;
  }
  return false;
}

/**
 * Reads an uploaded .xlsx or .csv into header + rows. The header is the row among the first ten that
 * `headerScore` rates highest (the first of equals; the first non-blank row when none scores), so title
 * rows above it are passed over. Garbled text (a wrong encoding) → VALIDATION saying so.
 */
export async function readSheet(fileName: string, bytes: Buffer, maxRows: number, headerScore: (cells: string[]) => number = () => 0): Promise<Sheet> {
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
  let at = -1;
  let best = 0;
  for (let i = 0; i < table.length && i < HEADER_SEARCH_ROWS; i++) {
    const cells = table[i]!.map((h) => h.trim());
    if (!cells.some(Boolean)) continue;
    if (at < 0) at = i;
    const score = headerScore(cells);
    if (score > best) {
      best = score;
      at = i;
    }
  }
  const headers = at < 0 ? [] : table[at]!.map((h) => h.trim());
  const rows = table.slice(at + 1);
  if (headers.length === 0 || rows.every((r) => r.every((c) => c.trim() === ''))) throw new AppError('VALIDATION', 'import.empty');
  // Headers are the test (their words are known); in data a private-use character may be a rare name.
  if (looksGarbled(headers) || rows.slice(0, 20).some((r) => r.some((c) => c.includes('\ufffd')))) {
    throw new AppError('VALIDATION', 'import.garbled');
  }
  return { encoding, headers, headerRow: at + 1, rows };
}
