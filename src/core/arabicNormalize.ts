// Arabic normalisation FOR MATCHING ONLY: it makes spelling variants of one word compare equal
// (diacritics, tatweel, alef/yeh/teh-marbuta forms, digits). Stored offsets always refer to the
// original text; `normalizeWithMap` maps a match in the normalised text back to them.
//
// Every rule either replaces one UTF-16 unit by one unit or deletes one unit, so the map is
// "original offset = normalised offset + units deleted before it", kept sparse (one entry per
// run of deletions): news text has few diacritics, and the map stays small even for long texts.

export interface ArabicNormalizeOptions {
  /**
   * Fold the letters used for a foreign "g" (ج غ ق ك) to one letter (غ), so that Egyptian and
   * Levantine transliterations meet (شويجو/شويغو, البنتاجون/البنتاغون). Off by default: it
   * also merges native words that differ only in those letters.
   */
  foldForeignG?: boolean;
  /** Arabic-Indic (٠-٩) and Persian (۰-۹) digits become 0-9. On by default. */
  foldDigits?: boolean;
}

export interface NormalizedText {
  normalized: string;
  /**
   * Original UTF-16 offset of a normalised offset (0..normalized.length). Deleted characters
   * (diacritics, tatweel, invisible marks) belong to the character before them, so an END offset
   * includes the marks that trail the last matched letter, and a START offset skips those of the
   * letter before. `toOriginal(normalized.length) === text.length`.
   */
  toOriginal(i: number): number;
}

const DELETE = -1;

/** Replacement of every UTF-16 unit (DELETE or a unit), one table per option combination, built on first use. */
const tables = new Map<number, Int32Array>();

function tableFor(options: ArabicNormalizeOptions | undefined): Int32Array {
  const foldG = options?.foldForeignG === true;
  const digits = options?.foldDigits !== false;
  const key = (foldG ? 1 : 0) | (digits ? 2 : 0);
  let t = tables.get(key);
  if (!t) {
    t = buildTable(foldG, digits);
    tables.set(key, t);
  }
  return t;
}

function buildTable(foldG: boolean, digits: boolean): Int32Array {
  const t = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;
  const del = (from: number, to = from): void => { for (let c = from; c <= to; c++) t[c] = DELETE; };
  const map = (chars: string, to: string): void => { for (const ch of chars) t[ch.charCodeAt(0)] = to.charCodeAt(0); };
  // Harakat, Quranic marks and small letters: they decorate a letter, never change which word it is.
  del(0x0610, 0x061a);
  del(0x064b, 0x065f);
  del(0x0670);
  del(0x06d6, 0x06ed);
  del(0x0640); // tatweel: typographic stretching only
  // Invisible format characters that scraped pages sprinkle between letters (bidi marks, ZW(N)J,
  // BOM, soft hyphen): they are not part of any word a reader sees.
  del(0x061c);
  del(0x00ad);
  del(0x200b, 0x200f);
  del(0x202a, 0x202e);
  del(0x2066, 0x2069);
  del(0xfeff);
  map('أإآٱ', 'ا');
  map('ى', 'ي');
  map('ة', 'ه');
  // Persian keyboard letters that look identical to the Arabic ones.
  map('ی', 'ي');
  map('ک', 'ك');
  if (foldG) map('جغقك', 'غ');
  if (digits) {
    for (let d = 0; d < 10; d++) {
      t[0x0660 + d] = 0x30 + d;
      t[0x06f0 + d] = 0x30 + d;
    }
  }
  return t;
}

/** The normalised form of `text`, for comparing words; never store offsets computed on it. */
export function normalizeArabic(text: string, options?: ArabicNormalizeOptions): string {
  return run(text, tableFor(options), false).normalized;
}

/** Normalises `text` and maps normalised offsets back to exact offsets in `text`. */
export function normalizeWithMap(text: string, options?: ArabicNormalizeOptions): NormalizedText {
  const r = run(text, tableFor(options), true);
  const { normalized, at, shift } = r;
  if (at.length === 0) return { normalized, toOriginal: identity(normalized.length) };
  return {
    normalized,
    toOriginal(i: number): number {
      checkOffset(i, normalized.length);
      // Last run of deletions that lies before normalised offset i.
      let lo = 0, hi = at.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (at[mid] <= i) lo = mid + 1; else hi = mid;
      }
      return lo === 0 ? i : i + shift[lo - 1];
    },
  };
}

function identity(length: number): (i: number) => number {
  return (i) => { checkOffset(i, length); return i; };
}

function checkOffset(i: number, length: number): void {
  if (!(Number.isInteger(i) && i >= 0 && i <= length)) throw new RangeError(`normalised offset ${i} is outside 0..${length}`);
}

interface RunResult {
  normalized: string;
  /** Normalised offsets at which a run of deleted units was seen, ascending. */
  at: number[];
  /** shift[k]: units deleted in total up to and including run k. */
  shift: number[];
}

const CHUNK = 8192; // String.fromCharCode.apply argument limit stays far below engine maxima

function run(text: string, table: Int32Array, withMap: boolean): RunResult {
  const n = text.length;
  const at: number[] = [];
  const shift: number[] = [];
  // Fast path: scan until the first unit that changes; most non-Arabic text never changes.
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (table[c] !== c) break;
  }
  if (i === n) return { normalized: text, at, shift };

  const parts: string[] = [text.slice(0, i)];
  // Sized to the text: a full chunk per call cost 16 KB of zeroed memory for every short name.
  const buf = new Uint16Array(Math.min(CHUNK, n - i));
  let len = 0;
  let out = i; // normalised length so far
  let deleted = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const r = table[c];
    if (r === DELETE) {
      deleted++;
      if (withMap) {
        if (at.length > 0 && at[at.length - 1] === out) shift[shift.length - 1] = deleted;
        else { at.push(out); shift.push(deleted); }
      }
      continue;
    }
    buf[len++] = r;
    out++;
    if (len === CHUNK) {
      parts.push(String.fromCharCode.apply(null, buf as unknown as number[]));
      len = 0;
    }
  }
  if (len > 0) parts.push(String.fromCharCode.apply(null, buf.subarray(0, len) as unknown as number[]));
  return { normalized: parts.join(''), at, shift };
}
