// Pairs quotation marks in scraped Arabic news BY POSITION, not by glyph: writers and CMSs use
// “ ” the English way, reversed (” … “), the same glyph at both ends, ASCII " for both, « » or
// » «, „ ‟ and ''. A mark glued to the start of a word opens, one glued to the end of a word
// closes; only a mark with the same kind of neighbour on both sides needs the pairing stack.
// Offsets are UTF-16 code units, spans half-open.

/** Glyph families: a mark only pairs with a mark of its own family. */
export type MarkFamily = 'curly' | 'guillemet' | 'ascii' | 'apostrophes';

export interface QuoteMarkPair {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or null when the opening mark was never closed. */
  close: number | null;
  /** The opening and closing glyphs as written ('' counts as one two-unit mark). */
  openMark: string;
  closeMark: string | null;
  family: MarkFamily;
  /** Content between the marks (marks excluded, surrounding white space trimmed). */
  start: number;
  end: number;
  /** Pairs nested inside this one (a quotation inside a quotation, a name inside a quotation). */
  inner: QuoteMarkPair[];
}

type Role = 'open' | 'close' | 'either';

interface Mark {
  at: number;
  length: number;
  glyph: string;
  family: MarkFamily;
  role: Role;
}

const FAMILY: Record<string, MarkFamily> = {
  '\u201C': 'curly', '\u201D': 'curly', '\u201E': 'curly', '\u201F': 'curly',
  // Double prime: some CMSs type it for a closing ” (رقم ” 313″).
  '\u2033': 'curly',
  '\u00AB': 'guillemet', '\u00BB': 'guillemet',
  '"': 'ascii',
};

/** Characters after which a mark starts a quotation (white space is checked separately). */
const BEFORE_OPEN = new Set(['(', '[', '{', ':', '\u0640', '-', '\u2013', '\u2014', '/', '\u00AB', '\u201C', '\u201E']);
/** Characters before which a mark ends a quotation. */
const AFTER_CLOSE = new Set(['.', ',', '\u060C', ':', '\u061B', ';', '\u061F', '?', '!', ')', ']', '}', '-', '\u2013', '\u2014', '\u2026', '\u00BB', '\u201D', '\u201F', '\'', '/']);
/** One-letter prepositions and conjunctions written glued to the word they govern: ب”المهنية”, ل«رويترز». */
const GLUED_PROCLITIC = new Set(['\u0628', '\u0644', '\u0643', '\u0648', '\u0641']);

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

/** Code units that may begin a mark: FAMILY's and the apostrophe (of ''). */
const MARK_START = new Set([...Object.keys(FAMILY), '\''].map((c) => c.charCodeAt(0)));

function findMarks(text: string, from: number, to: number): Mark[] {
  const marks: Mark[] = [];
  for (let i = from; i < to; i++) {
    // Most characters are no mark: a number test skips them without making a string of each.
    if (!MARK_START.has(text.charCodeAt(i))) continue;
    const c = text[i];
    let family = FAMILY[c];
    let length = 1;
    if (!family && c === '\'' && text[i + 1] === '\'') { family = 'apostrophes'; length = 2; }
    if (!family) continue;
    const glyph = text.slice(i, i + length);
    marks.push({ at: i, length, glyph, family, role: roleOf(text, i, length) });
    i += length - 1;
  }
  return marks;
}

/** Opening, closing or undecided, from the characters on either side of the mark. */
function roleOf(text: string, at: number, length: number): Role {
  const before = at > 0 ? text[at - 1] : undefined;
  const after = text[at + length];
  const leftBoundary = isSpace(before) || BEFORE_OPEN.has(before as string) || gluedProclitic(text, at);
  const rightBoundary = isSpace(after) || AFTER_CLOSE.has(after as string) || FAMILY[after as string] !== undefined;
  if (leftBoundary && !rightBoundary) return 'open';
  if (!leftBoundary && rightBoundary) return 'close';
  // Both sides alike: a free-standing mark (« text ») or one squeezed between two words.
  return 'either';
}

/** A lone proclitic letter before the mark, itself after a space: ب"…", و«…». */
function gluedProclitic(text: string, at: number): boolean {
  return at >= 1 && GLUED_PROCLITIC.has(text[at - 1]) && (at < 2 || isSpace(text[at - 2]) || text[at - 2] === '(');
}

interface Open { mark: Mark; pair: QuoteMarkPair; parent: QuoteMarkPair | null }

/**
 * Pairs the quotation marks of `text`. Returns the outermost pairs in document order; nested
 * pairs hang under `inner`. Pairs cross a line break only for a statement quoted over whole
 * paragraphs (see closingParagraph): otherwise a quotation "continued" into the next paragraph is
 * a lost closing mark swallowing narrative.
 * An opening mark that is never closed yields a pair with `close: null` whose content runs to
 * the end of its paragraph, or to the first complete pair after it (which stays a sibling);
 * the caller decides whether such a fragment is speech.
 */
export function pairQuoteMarks(text: string): QuoteMarkPair[] {
  const top: QuoteMarkPair[] = [];
  const paragraphs = paragraphRanges(text);
  for (let n = 0; n < paragraphs.length; n++) {
    const [from, to] = paragraphs[n];
    const found: QuoteMarkPair[] = [];
    const strays: Mark[] = [];
    const stack: Open[] = [];
    for (const m of findMarks(text, from, to)) {
      const openIdx = lastOpenOf(stack, m.family);
      // Undecided by position: it closes what its family has open, else it opens.
      const role = m.role === 'either' ? (openIdx >= 0 ? 'close' : 'open') : m.role;
      if (role === 'open') {
        const parent = stack.length > 0 ? stack[stack.length - 1].pair : null;
        const pair: QuoteMarkPair = {
          open: m.at, close: null, openMark: m.glyph, closeMark: null, family: m.family,
          start: m.at + m.length, end: m.at + m.length, inner: [],
        };
        stack.push({ mark: m, pair, parent });
        continue;
      }
      if (openIdx < 0) { strays.push(m); continue; } // nothing to close: a lost or flipped mark
      // Marks of other families opened after the one being closed stay unclosed inside it.
      while (stack.length - 1 > openIdx) finishUnclosed(text, stack.pop() as Open, found, m.at);
      const o = stack.pop() as Open;
      o.pair.close = m.at;
      o.pair.closeMark = m.glyph;
      setContent(text, o.pair, o.mark.at + o.mark.length, m.at);
      (o.parent ? o.parent.inner : found).push(o.pair);
    }
    const paragraphEnd = trimEnd(text, from, to);
    // A statement quoted over several paragraphs: one opening mark left open, paragraphs without
    // marks, then one closing mark that ends its paragraph.
    const multi = stack.length === 1 && strays.length === 0 ? closingParagraph(text, paragraphs, n, stack[0].mark) : null;
    if (multi) {
      const o = stack.pop() as Open;
      o.pair.close = multi.mark.at;
      o.pair.closeMark = multi.mark.glyph;
      setContent(text, o.pair, o.mark.at + o.mark.length, multi.mark.at);
      found.push(o.pair);
      n = multi.paragraph;
    }
    while (stack.length > 0) finishUnclosed(text, stack.pop() as Open, found, paragraphEnd);
    pairStrays(text, strays, found);
    for (const p of found) top.push(...repairUnclosed(text, p, strays));
  }
  sortPairs(top);
  return top;
}

/**
 * The paragraph (within the next six) whose only mark closes `open` at its very end, every
 * paragraph between having no mark at all; null otherwise. The opening mark must be the last mark
 * of its own paragraph and follow a colon, as statements are introduced (وقال في البيان: «…).
 */
function closingParagraph(text: string, paragraphs: ReadonlyArray<[number, number]>, n: number, open: Mark): { mark: Mark; paragraph: number } | null {
  if (!/:\s*$/.test(text.slice(Math.max(0, open.at - 3), open.at)) || findMarks(text, open.at + open.length, paragraphs[n][1]).length > 0) return null;
  for (let k = n + 1; k < paragraphs.length && k <= n + 6; k++) {
    const [from, to] = paragraphs[k];
    const marks = findMarks(text, from, to);
    if (marks.length === 0) continue;
    const m = marks[0];
    const closesParagraph = /^[\s.\u060C\u061B]*$/.test(text.slice(m.at + m.length, to));
    return marks.length === 1 && m.family === open.family && m.role !== 'open' && closesParagraph ? { mark: m, paragraph: k } : null;
  }
  return null;
}

/**
 * Two closing marks of one family in a row, with text and no other pair between them: the first
 * was typed glued to the word before it (وتابع" انا من عشاق درويش".) and opens the quotation.
 */
function pairStrays(text: string, strays: Mark[], found: QuoteMarkPair[]): void {
  for (let k = 0; k + 1 < strays.length; k++) {
    const a = strays[k], b = strays[k + 1];
    const between = text.slice(a.at + a.length, b.at);
    if (a.family !== b.family || between.trim().length === 0 || b.at - a.at > 600) continue;
    if (found.some((p) => p.open > a.at && p.open < b.at)) continue;
    const pair: QuoteMarkPair = { open: a.at, close: b.at, openMark: a.glyph, closeMark: b.glyph, family: a.family, start: 0, end: 0, inner: [] };
    setContent(text, pair, a.at + a.length, b.at);
    found.push(pair);
    strays.splice(k, 2);
    k--;
  }
}

/** An opening mark without its closing one: its content runs to `end` for now. */
function finishUnclosed(text: string, o: Open, found: QuoteMarkPair[], end: number): void {
  setContent(text, o.pair, o.mark.at + o.mark.length, Math.max(end, o.mark.at + o.mark.length));
  (o.parent ? o.parent.inner : found).push(o.pair);
}

/**
 * An unclosed pair stops where the first complete pair inside it starts, and those pairs become
 * its siblings: the missing mark most likely belonged before them. A stray closing mark just
 * before an unclosed opening one is a pair typed with flipped spacing (الأول» … «الذي): pair them.
 */
function repairUnclosed(text: string, pair: QuoteMarkPair, strays: Mark[]): QuoteMarkPair[] {
  if (pair.close !== null) return [pair];
  const flipped = strays.filter((s) => s.family === pair.family && s.at < pair.open && pair.open - s.at <= 200).pop();
  const between = flipped ? text.slice(flipped.at + flipped.length, pair.open) : '';
  if (flipped && !/[\n"\u00AB\u00BB\u201C-\u201F]/.test(between) && between.trim().length > 0) {
    const fixed: QuoteMarkPair = {
      open: flipped.at, close: pair.open, openMark: flipped.glyph, closeMark: pair.openMark, family: pair.family,
      start: 0, end: 0, inner: [],
    };
    setContent(text, fixed, flipped.at + flipped.length, pair.open);
    return [fixed];
  }
  if (pair.inner.length === 0) return [pair];
  const first = pair.inner.reduce((a, b) => (a.open < b.open ? a : b));
  // Cut back to the last full stop before that pair when there is one: what follows it is the
  // narrator introducing the next quotation (… فجأة. فيما ذكرت زارا …، مضيفةً «…»).
  const stop = Math.max(text.lastIndexOf('.', first.open), text.lastIndexOf('\u061F', first.open), text.lastIndexOf('!', first.open));
  setContent(text, pair, pair.start, stop > pair.start ? stop + 1 : first.open);
  const rest = pair.inner.flatMap((p) => repairUnclosed(text, p, strays));
  pair.inner = [];
  return pair.end > pair.start ? [pair, ...rest] : rest;
}

function setContent(text: string, pair: QuoteMarkPair, from: number, to: number): void {
  let s = from, e = to;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  pair.start = s;
  pair.end = e;
}

function lastOpenOf(stack: Open[], family: MarkFamily): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].mark.family === family) return i;
  return -1;
}

function sortPairs(pairs: QuoteMarkPair[]): void {
  pairs.sort((a, b) => a.open - b.open);
  for (const p of pairs) sortPairs(p.inner);
}

function trimEnd(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && /\s/.test(text[e - 1])) e--;
  return e;
}

/** Paragraph ranges [from, to): lines, since dumps separate paragraphs by line breaks. */
export function paragraphRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      const to = i > from && text[i - 1] === '\r' ? i - 1 : i;
      out.push([from, to]);
      from = i + 1;
    }
  }
  return out;
}
