// Name keys: the form in which two spellings of one speaker's name compare equal. Used to group
// speakers across articles (speakerIndex.ts) and to match the names in .annotator/speakers.yaml.
// Keys are for matching only; what is shown and written is always a name as someone typed it.
import { normalizeArabic } from './arabicNormalize';

// Options shared by every key: news transliterates a foreign "g" as غ, ج, ق or ك depending on the
// desk (شويغو / شويجو), and speaker names are mostly such transliterations. The price (جمال and
// كمال meet) is paid with a split decision; see docs/speakers.md.
const KEY_OPTIONS = { foldForeignG: true } as const;

const norm = (s: string): string => normalizeArabic(s, KEY_OPTIONS).toLowerCase();

/** Leading titles that say what someone is, not who: "الرئيس أوباما" is keyed as "أوباما". */
const TITLES = new Set([
  'السيد', 'السيدة', 'الرئيس', 'الرئيسة', 'الشيخ', 'الشيخة', 'الدكتور', 'الدكتورة', 'د', 'الأمير', 'الأميرة',
  'الملك', 'الملكة', 'الوزير', 'الوزيرة', 'الجنرال', 'المشير', 'اللواء', 'العقيد', 'الإمام', 'السفير', 'السفيرة',
].map(norm));

/** First parts of compound given names, written both joined and apart (عبد الله / عبدالله): joined in the key. */
const JOINED_PREFIXES = new Set(['عبد', 'أبو'].map(norm));

/** Words after which the rest is not a name on its own (بن سلمان is a name, سلمان alone is not the same person). */
const BOUND_BEFORE = new Set(['بن', 'ابن', 'بنت', 'آل', 'أبو', 'عبد'].map(norm));

/**
 * The key of a speaker name: Arabic spelling variants folded (diacritics, tatweel, alef/yeh/teh
 * marbuta forms, foreign g), Latin lower-cased, punctuation dropped, leading titles removed
 * (unless nothing else is left), and compound given names joined. '' for a name without letters.
 */
export function speakerNameKey(name: string): string {
  let key = memo.get(name);
  if (key === undefined) {
    // Bounded: names repeat across thousands of sidecars, but a runaway workspace must not grow it forever.
    if (memo.size >= MEMO_LIMIT) memo.clear();
    key = computeKey(name);
    memo.set(name, key);
  }
  return key;
}

const memo = new Map<string, string>();
const MEMO_LIMIT = 100_000;

function computeKey(name: string): string {
  const tokens = norm(name).split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
  let first = 0;
  while (first < tokens.length - 1 && TITLES.has(tokens[first])) first++;
  const out: string[] = [];
  for (let i = first; i < tokens.length; i++) {
    if (JOINED_PREFIXES.has(tokens[i]) && i + 1 < tokens.length) {
      out.push(tokens[i] + tokens[i + 1]);
      i++;
    } else {
      out.push(tokens[i]);
    }
  }
  return out.join(' ');
}

/**
 * The shorter names a full key may be cut to and still name the same person: every proper tail at
 * a word boundary that does not start right after a binding word. `جون فوربس كيري` → `فوربس كيري`,
 * `كيري`; `محمد بن سلمان` → `بن سلمان` (not `سلمان`).
 */
export function shortKeysOf(key: string): string[] {
  const tokens = key === '' ? [] : key.split(' ');
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (!BOUND_BEFORE.has(tokens[i - 1])) out.push(tokens.slice(i).join(' '));
  }
  return out;
}

/**
 * True for a key that different people share, so that it never joins two full names on its own
 * authority: one word (a given name, a family name, a title or role alone: محمد، الكلباني، الشيخ),
 * a name starting with a binding word (بن سلمان، آل سعود), which brothers and cousins share, or
 * one cut off after it (محمد بن).
 */
export function isAmbiguousKey(key: string): boolean {
  const tokens = key.split(' ');
  return tokens.length === 1 || BOUND_BEFORE.has(tokens[0]) || BOUND_BEFORE.has(tokens[tokens.length - 1]);
}

/** Number of words in a key (0 for ''). */
export function keyWordCount(key: string): number {
  return key === '' ? 0 : key.split(' ').length;
}

/** True when `text` (normalised like a key, without titles removed) contains `filter`: the views' filter. */
export function nameMatchesFilter(text: string, filter: string): boolean {
  const f = norm(filter).replace(/\s+/g, ' ').trim();
  return f === '' || norm(text).replace(/\s+/g, ' ').includes(f);
}
