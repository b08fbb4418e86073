import { pinyin } from 'pinyin-pro';
import { normalizeTyped } from '../../../shared/normalize';

/**
 * How search text becomes index tokens (issue #18). The words table (search_fts, migration 0027) uses
 * SQLite's default unicode61 tokenizer, which keeps a run of Chinese characters as one token; the
 * tokens are therefore cut here, in TypeScript, and written space-separated (the approach of Lucene's
 * CJKAnalyzer), so no native tokenizer has to ship per OS.
 *
 * A field's text is cut into runs (letters/digits, a new run where Chinese meets Latin or digits):
 * - a Chinese run gives its overlapping bigrams in order, then its last character;
 * - a Latin/digit run gives its overlapping trigrams in order, then its last character (digit bigrams
 *   are too common to search by: every phone number holds most of the 100);
 * - after all runs, every distinct character (and, of Latin/digit runs, every distinct bigram).
 * A term of 1 character is then one unigram token, of 2 one bigram token (Latin/digits) or bigram
 * (Chinese), longer a phrase of consecutive bigrams (Chinese) or trigrams (Latin/digits): an exact
 * substring test, answered from the index for every length. The run's last character keeps phrases
 * from running on into the next run.
 *
 * Bump TOKENIZER_VERSION whenever the output of this file changes: the index is rebuilt (store.ts).
 */
export const TOKENIZER_VERSION = 2;

const HAN = /\p{Script=Han}/u;

/** Between the values of one field (a customer's key people, their numbers): digits never join across it. */
export const VALUE_SEPARATOR = '\n';
const RUN_BREAK = /[^\p{L}\p{N}]+/u;

/**
 * The form both the index and a plain scan compare: typed text folded (full-width → half-width,
 * odd spaces), lower case, and digits separated only by spaces or dashes joined ("139 0471 1234",
 * "0471-6661234" are one number). Line breaks separate values (VALUE_SEPARATOR) and are never joined.
 */
export function searchForm(text: string): string {
  return normalizeTyped(text)
    .toLowerCase()
    .replace(/(\d)[ \t\-\u2013\u2014\uff0d]+(?=\d)/g, '$1');
}

/** The runs of a text in search form: letters and digits, split where Chinese meets anything else. */
export function runsOf(form: string): string[] {
  const out: string[] = [];
  for (const part of form.split(RUN_BREAK)) {
    if (!part) continue;
    let run = '';
    let han: boolean | null = null;
    for (const ch of part) {
      const h = HAN.test(ch);
      if (han !== null && h !== han) {
        out.push(run);
        run = '';
      }
      run += ch;
      han = h;
    }
    if (run) out.push(run);
  }
  return out;
}

function grams(chars: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  return out;
}

/** The index tokens of one field's text (several values joined by spaces), space-separated. */
export function fieldTokens(text: string): string {
  const stream: string[] = [];
  const tail = new Set<string>();
  for (const run of runsOf(searchForm(text))) {
    const chars = [...run];
    const han = HAN.test(chars[0]!);
    stream.push(...grams(chars, han ? 2 : 3), chars[chars.length - 1]!);
    for (const c of chars) tail.add(c);
    if (!han) for (const b of grams(chars, 2)) tail.add(b);
  }
  return [...stream, ...tail].join(' ');
}

/** The FTS5 expression of one run of a search term (see the file comment). */
function runExpression(run: string): string {
  const chars = [...run];
  const n = HAN.test(chars[0]!) ? 2 : 3;
  if (chars.length <= n) return `"${run}"`;
  return `"${grams(chars, n).join(' ')}"`;
}

/** The terms of a search box: whitespace-separated, each in search form (digit groups joined first). */
export function searchTerms(query: string): string[] {
  return searchForm(query).split(/\s+/).filter((t) => runsOf(t).length > 0);
}

/** Pinyin prefixes are matched from this many letters on (one letter matches half the branch). */
export const PINYIN_MIN = 2;
/** Longest pinyin prefix indexed: enough for a long company name's initials and a short name in full. */
const PINYIN_MAX = 24;

/** Whether a term could be pinyin (letters only, long enough). */
export function isPinyinTerm(term: string): boolean {
  return term.length >= PINYIN_MIN && /^[a-z]+$/.test(term);
}

/**
 * An FTS5 expression matching `term` in the given columns (every run of the term in some column), or,
 * for a term of letters, as a pinyin prefix in `pinyinColumn` too.
 */
export function termExpression(term: string, columns: readonly string[], pinyinColumn?: string): string {
  const runs = runsOf(term).map(runExpression);
  const text = `{${columns.join(' ')}} : (${runs.join(' AND ')})`;
  if (pinyinColumn && isPinyinTerm(term)) return `(${text} OR ${pinyinColumn} : "${term.slice(0, PINYIN_MAX)}")`;
  return `(${text})`;
}

/** Every reading of a character, remembered: asking pinyin-pro per character was most of an index write. */
const readings = new Map<string, string[]>();
function readingsOf(c: string): string[] {
  let r = readings.get(c);
  if (!r) readings.set(c, (r = pinyin(c, { toneType: 'none', type: 'array', multiple: true, v: true })));
  return r;
}

/** Readings tried per polyphonic character beyond the one pinyin-pro picks from context. */
const MAX_VARIANTS = 4;

/**
 * The pinyin spellings of a name: pinyin-pro's reading in context (重庆 → chongqing), then, for up to
 * MAX_VARIANTS polyphonic characters, the same with that character's other readings (zhongqing), as
 * pinyin-pro's `multiple` lists them. Each spelling as syllables; digits and letters stay as typed.
 */
export function pinyinSpellings(name: string): string[][] {
  const chars = [...searchForm(name)].filter((c) => /[\p{L}\p{N}]/u.test(c));
  if (chars.length === 0 || !chars.some((c) => HAN.test(c))) return [];
  const text = chars.join('');
  const main = pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
  if (main.length !== chars.length) return [main];
  const out = [main];
  let variants = 0;
  chars.forEach((c, i) => {
    if (!HAN.test(c) || variants >= MAX_VARIANTS) return;
    const readings = readingsOf(c);
    for (const r of readings) {
      if (r === main[i] || variants >= MAX_VARIANTS) continue;
      out.push(main.map((s, k) => (k === i ? r.toLowerCase() : s)));
      variants++;
    }
  });
  return out;
}

/** The pinyin tokens of names: every prefix (2+ letters) of their initials and of their full pinyin. */
export function pinyinTokens(names: readonly string[]): string {
  const tokens = new Set<string>();
  const prefixes = (s: string) => {
    const clean = s.replace(/[^a-z0-9]/g, '').slice(0, PINYIN_MAX);
    for (let i = PINYIN_MIN; i <= clean.length; i++) tokens.add(clean.slice(0, i));
  };
  for (const name of names) {
    for (const syllables of pinyinSpellings(name)) {
      prefixes(syllables.map((s) => s[0] ?? '').join(''));
      prefixes(syllables.join(''));
    }
  }
  return [...tokens].join(' ');
}

/** An index token naming a scope (an owner, an assignee, a department): letters and digits only. */
export function scopeToken(kind: string, value: string): string {
  const plain = value.toLowerCase().replace(/[^0-9a-z]/g, '');
  if (plain.length === value.replace(/-/g, '').length && plain.length > 0) return `${kind}${plain}`;
  // Non-ASCII values (a department's name): a stable hash in hex.
  let h = 0x811c9dc5;
  for (const ch of value) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${kind}x${h.toString(16)}`;
}
