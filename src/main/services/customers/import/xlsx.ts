import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../../../shared/errors';

/**
 * A small streaming reader for the first worksheet of an .xlsx (issue #3 import speed). exceljs's
 * whole-workbook model needed ~800 MB for 100,000 rows, and its streaming reader decodes each inflated
 * chunk on its own, garbling Chinese characters split across chunks. Here the sheet XML is inflated in
 * chunks and cut only after a complete `</row>` (an ASCII byte), so a multi-byte character is never
 * split; only the cell texts are kept. Cell texts follow exceljs's rules (shared and inline strings,
 * rich text joined, formula results, numbers as JavaScript prints them, date-formatted numbers as
 * YYYY-MM-DD) so the import behaves as before.
 */

interface ZipEntry {
  method: number;
  compressedSize: number;
  dataStart: number;
}

const unreadable = () => new AppError('VALIDATION', 'import.unreadable');

/** The entries of a zip archive by name, from its central directory. */
function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw unreadable();
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataStart + compressedSize > zip.length) throw unreadable();
    entries.set(name.replace(/^\/+/, ''), { method, compressedSize, dataStart });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The inflated bytes of an entry, chunk by chunk. */
async function* entryChunks(zip: Buffer, entry: ZipEntry, chunkSize: number): AsyncGenerator<Buffer> {
  const data = zip.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    yield data;
    return;
  }
  if (entry.method !== 8) throw unreadable();
  const inflater = createInflateRaw({ chunkSize });
  inflater.end(data);
  for await (const chunk of inflater) yield chunk as Buffer;
}

/**
 * Calls `onText` with the text of each run of complete `</tag>`-terminated elements. Cutting right
 * after the closing tag's '>' keeps UTF-8 sequences whole.
 */
async function eachElementRun(zip: Buffer, entry: ZipEntry, closing: string, chunkSize: number, onText: (text: string) => void): Promise<void> {
  const end = Buffer.from(closing);
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of entryChunks(zip, entry, chunkSize)) {
    const buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const last = buf.lastIndexOf(end);
    if (last < 0) {
      pending = buf;
      continue;
    }
    const cut = last + end.length;
    onText(buf.toString('utf8', 0, cut));
    // Copy the tail so the chunk it came from can be freed.
    pending = Buffer.from(buf.subarray(cut));
  }
  if (pending.length) onText(pending.toString('utf8'));
}

async function entryText(zip: Buffer, entry: ZipEntry | undefined): Promise<string> {
  if (!entry) return '';
  const parts: Buffer[] = [];
  for await (const chunk of entryChunks(zip, entry, 1 << 20)) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

const ENTITY = /&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e]!;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

// Element names may carry a namespace prefix (files written by the OpenXML SDK use `x:`).
const P = '(?:[A-Za-z_][\\w.-]*:)?';
const T_RE = new RegExp(`<${P}t(?:\\s[^>]*)?>([\\s\\S]*?)</${P}t>`, 'g');
const RPH_RE = new RegExp(`<${P}rPh\\b[\\s\\S]*?</${P}rPh>`, 'g');
const SI_RE = new RegExp(`<${P}si(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${P}si>)`, 'g');
const ROW_RE = new RegExp(`<${P}row\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}row>)`, 'g');
const CELL_RE = new RegExp(`<${P}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}c>)`, 'g');
const V_RE = new RegExp(`<${P}v(?:\\s[^>]*)?>([\\s\\S]*?)</${P}v>`);
const IS_RE = new RegExp(`<${P}is(?:\\s[^>]*)?>([\\s\\S]*?)</${P}is>`);
const F_RE = new RegExp(`<${P}f\\b`);

const ATTR_RES = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_RES.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_RES.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The visible text of a string item (<si> or <is>): its <t> runs joined, phonetic guides left out. */
function stringItemText(xml: string): string {
  let out = '';
  for (const m of xml.replace(RPH_RE, '').matchAll(T_RE)) out += m[1]!;
  return decodeXml(out);
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, incl. the zh-CN ones). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** exceljs's test: a format code is a date when, outside quotes and [..], it has a date/time letter. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style index (the `s` attribute), whether its number format shows a date. */
function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(new RegExp(`<${P}numFmt\\b([^>]*)>`, 'g'))) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    custom.set(id, decodeXml(attr(m[1]!, 'formatCode') ?? ''));
  }
  const xfs = new RegExp(`<${P}cellXfs\\b[^>]*>([\\s\\S]*?)</${P}cellXfs>`).exec(stylesXml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(new RegExp(`<${P}xf\\b([^>]*)>`, 'g'))) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

/**
 * A copy of `text` that does not keep the decoded XML it was cut from alive: V8 represents a long
 * substring as a view of its parent, and 100,000 rows of views pinned the whole sheet's text (~80 MB).
 */
function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function excelDate(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

interface SheetContext {
  shared: string[];
  dates: boolean[];
  date1904: boolean;
}

function numberText(raw: string, style: number, ctx: SheetContext): string {
  if (raw.trim() === '') return '';
  const n = parseFloat(raw);
  if (ctx.dates[style]) return excelDate(n, ctx.date1904);
  return String(n);
}

function cellValue(attrs: string, body: string, ctx: SheetContext): string {
  const type = attr(attrs, 't') ?? 'n';
  const style = Number(attr(attrs, 's') ?? 0);
  const v = V_RE.exec(body)?.[1];
  if (F_RE.test(body)) {
    if (v === undefined) return '';
    if (type === 'str') return decodeXml(v);
    if (type === 'b') return String(parseInt(v, 10) !== 0);
    if (type === 'e') return '';
    return numberText(v, style, ctx);
  }
  switch (type) {
    case 'inlineStr': {
      const is = IS_RE.exec(body)?.[1];
      return is === undefined ? '' : stringItemText(is);
    }
    case 's':
      return v === undefined ? '' : (ctx.shared[parseInt(v, 10)] ?? '');
    case 'str':
      return v === undefined ? '' : decodeXml(v);
    case 'b':
      return v === undefined ? '' : String(parseInt(v, 10) !== 0);
    case 'e':
      return '';
    case 'd': {
      if (v === undefined) return '';
      const d = new Date(decodeXml(v));
      return Number.isNaN(d.getTime()) ? decodeXml(v) : d.toISOString().slice(0, 10);
    }
    default:
      return v === undefined ? '' : numberText(v, style, ctx);
  }
}

/** Where the first worksheet (in tab order) lives inside the archive. */
function firstSheetPath(workbookXml: string, relsXml: string): string | undefined {
  const sheet = new RegExp(`<${P}sheet\\b([^>]*)>`).exec(workbookXml);
  if (!sheet) return undefined;
  const rid = /(?:^|\s)[\w.-]*:id\s*=\s*"([^"]*)"/.exec(sheet[1]!)?.[1];
  for (const m of relsXml.matchAll(new RegExp(`<${P}Relationship\\b([^>]*)>`, 'g'))) {
    if (attr(m[1]!, 'Id') !== rid) continue;
    const target = attr(m[1]!, 'Target') ?? '';
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/');
  }
  return undefined;
}

/**
 * The cell texts of the first worksheet, row by row (index = row number - 1; missing rows are empty
 * arrays so row numbers in error messages stay right). More than `maxRows` data rows → VALIDATION.
 * `chunkSize` (bytes of inflated XML per step) is a parameter so tests can force many chunk boundaries.
 */
export async function readXlsxRows(bytes: Buffer, maxRows: number, chunkSize = 1 << 20): Promise<string[][]> {
  const entries = zipEntries(bytes);
  const workbookXml = await entryText(bytes, entries.get('xl/workbook.xml'));
  const path = firstSheetPath(workbookXml, await entryText(bytes, entries.get('xl/_rels/workbook.xml.rels')));
  const sheetEntry = path ? entries.get(path) : undefined;
  if (!sheetEntry) return [];
  const date1904 = /date1904\s*=\s*"(1|true)"/.test(/<(?:[\w.-]+:)?workbookPr\b[^>]*>/.exec(workbookXml)?.[0] ?? '');
  const shared: string[] = [];
  const sharedEntry = entries.get('xl/sharedStrings.xml');
  if (sharedEntry) {
    await eachElementRun(bytes, sharedEntry, '</si>', chunkSize, (text) => {
      for (const m of text.matchAll(SI_RE)) shared.push(m[1] === undefined ? '' : own(stringItemText(m[1])));
    });
  }
  const ctx: SheetContext = { shared, dates: dateStyles(await entryText(bytes, entries.get('xl/styles.xml'))), date1904 };

  const rows: string[][] = [];
  await eachElementRun(bytes, sheetEntry, '</row>', chunkSize, (text) => {
    for (const m of text.matchAll(ROW_RE)) {
      const r = Number(attr(m[1]!, 'r') ?? rows.length + 1);
      if (r > maxRows + 1) throw new AppError('VALIDATION', 'import.tooManyRows', { max: maxRows });
      while (rows.length < r - 1) rows.push([]);
      const cells: string[] = [];
      const body = m[2];
      if (body) {
        for (const c of body.matchAll(CELL_RE)) {
          const ref = attr(c[1]!, 'r');
          const at = ref ? columnIndex(ref) : cells.length;
          if (at < 0) continue;
          const value = own(cellValue(c[1]!, c[2] ?? '', ctx));
          while (cells.length < at) cells.push('');
          cells[at] = value;
        }
      }
      // Trailing empty cells carry no text; dropping them keeps rows the same as exceljs gave them.
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      rows[r - 1] = cells;
    }
  });
  return rows;
}
