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
 * - a Latin/digit run gives its overlapping trigrams in order, then its last two characters (digit
 *   bigrams are too common to search by: every phone number holds most of the 100);
 * - after all runs, every distinct character.
 * A term of 1 character is then one unigram token, of 2 a bigram (Chinese) or the prefix of a
 * trigram or of a run's last two characters (Latin/digits: an FTS5 prefix query over at most a few
 * dozen tokens; indexing every distinct Latin/digit bigram was a sixth of the index), longer a phrase
 * of consecutive bigrams (Chinese) or trigrams (Latin/digits): an exact substring test, answered from
 * the index for every length. The run's last characters keep phrases from running on into the next run.
 *
 * Bump TOKENIZER_VERSION whenever the output of this file changes: the index is rebuilt (store.ts).
 */
export const TOKENIZER_VERSION = 3;

const HAN = /\p{Script=Han}/u;

/** Whether a character is Chinese. */
export function isHan(c: string): boolean {
  return HAN.test(c);
}

/** Between the values of one field (a customer's key people, their numbers): digits never join across it. */
export const VALUE_SEPARATOR = '\n';

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

/**
 * A run: Chinese letters and digits (〇), or other letters and digits. One regular expression rather
 * than a test per character: cutting runs was a third of an index write.
 */
const RUN = /(?:(?=[\p{L}\p{N}])\p{Script=Han})+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** The runs of a text in search form: letters and digits, split where Chinese meets anything else. */
export function runsOf(form: string): string[] {
  return form.match(RUN) ?? [];
}

function grams(chars: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= chars.length; i++) out.push(n === 2 ? chars[i]! + chars[i + 1]! : chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return out;
}

/** The index tokens of one field's text (several values joined by spaces), space-separated. */
export function fieldTokens(text: string): string {
  const stream: string[] = [];
  const tail = new Set<string>();
  for (const run of runsOf(searchForm(text))) {
    const chars = [...run];
    const han = HAN.test(chars[0]!);
    for (const g of grams(chars, han ? 2 : 3)) stream.push(g);
    const last = chars.length - 1;
    stream.push(!han && last > 0 ? chars[last - 1]! + chars[last]! : chars[last]!);
    for (const c of chars) tail.add(c);
  }
  for (const t of tail) stream.push(t);
  return stream.join(' ');
}

/** The FTS5 expression of one run of a search term (see the file comment). */
function runExpression(run: string): string {
  const chars = [...run];
  const han = HAN.test(chars[0]!);
  if (!han && chars.length === 2) return `"${run}"*`;
  const n = han ? 2 : 3;
  if (chars.length <= n) return `"${run}"`;
  return `"${grams(chars, n).join(' ')}"`;
}

/** The terms of a search box: whitespace-separated, each in search form (digit groups joined first). */
export function searchTerms(query: string): string[] {
  return searchForm(query).split(/\s+/).filter((t) => runsOf(t).length > 0);
}

/** Pinyin prefixes are matched from this many letters on (one letter matches half the branch). */
export const PINYIN_MIN = 2;
/**
 * Longest pinyin prefix indexed as a token of its own: a name's initials and most short names in full.
 * A longer term is matched as an FTS5 prefix of the whole spellings, which are indexed too; a long
 * prefix has few tokens to gather, and indexing every prefix up to 24 letters was a third of the index.
 */
export const PINYIN_PREFIX_MAX = 12;

/** Whether a record's pinyin tokens (pinyinTokens) match a pinyin term as the index does. */
export function pinyinTokensMatch(tokens: ReadonlySet<string>, term: string): boolean {
  if (term.length <= PINYIN_PREFIX_MAX) return tokens.has(term);
  for (const t of tokens) if (t.startsWith(term)) return true;
  return false;
}

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
  if (pinyinColumn && isPinyinTerm(term)) {
    const prefix = term.length > PINYIN_PREFIX_MAX ? '*' : '';
    return `(${text} OR ${pinyinColumn} : "${term}"${prefix})`;
  }
  return `(${text})`;
}

/** Every reading of a character, remembered: asking pinyin-pro per character was most of an index write. */
const readings = new Map<string, string[]>();
export function readingsOf(c: string): string[] {
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
  // Without a polyphonic character the readings are the characters' own: pinyin-pro's reading in
  // context (a word segmentation, most of the time of a name) is only asked for the others.
  if (chars.every((c) => (HAN.test(c) ? readingsOf(c).length === 1 : /^[a-z0-9]$/.test(c)))) {
    return [chars.map((c) => (HAN.test(c) ? readingsOf(c)[0]!.toLowerCase() : c))];
  }
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

/**
 * The pinyin tokens of names: every prefix of 2 to PINYIN_PREFIX_MAX letters of their initials and of
 * their full pinyin, and each whole (for longer terms, matched as prefixes of it).
 */
export function pinyinTokens(names: readonly string[]): string {
  const tokens = new Set<string>();
  const prefixes = (s: string) => {
    const clean = s.replace(/[^a-z0-9]/g, '');
    const n = Math.min(clean.length, PINYIN_PREFIX_MAX);
    for (let i = PINYIN_MIN; i <= n; i++) tokens.add(clean.slice(0, i));
    if (clean.length > n) tokens.add(clean);
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
