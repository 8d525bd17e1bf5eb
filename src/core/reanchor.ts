// Re-finds annotations in an article that changed since their positions were recorded (edited
// outside VS Code, line endings converted, page re-scraped). Each annotation carries a copy of
// the text it covered; its old position is only a hint for which occurrence is meant.
//
// Stages, each only for the annotations the previous ones did not place:
// 1. in place: the text at the old position is still the annotation's text → untouched (unless
//    that contradicts where the other annotations went: a short text at its old offset by chance);
// 2. exact occurrences of the text. A text that occurs once, for one annotation, is placed
//    first: these and the annotations in place are the context, telling how the text around each
//    old position moved (interpolated between them), hence where an annotation is expected;
// 3. occurrences ignoring whitespace differences (CRLF vs LF, runs of spaces, NBSP): `text`
//    is updated to the new covered text, the anchor is not downgraded (line endings are not an
//    edit a reviewer needs to see);
// 4. occurrences in Arabic-normalised text (diacritics, alef forms, …, see arabicNormalize),
//    also ignoring whitespace: `text` updated, anchor `edited` so that a reviewer checks it.
// Not found → anchor `unanchored`, kept (never dropped), collapsed at its expected position.
// Within a stage, annotations with the same text are aligned with its occurrences in document
// order (a monotonic alignment that places as many as possible, then minimises the distance to
// the expected positions), so a name tagged four times lands on four distinct occurrences.
// An occurrence already taken by an annotation with the same text (same start, same normalised
// text: a match with or without trailing diacritics is one occurrence) is not given to another
// one; annotations that shared one span before (same old span and text) share it again.

import { normalizeArabic, normalizeWithMap, type ArabicNormalizeOptions } from './arabicNormalize';
import type { Anchored } from './model';

export interface ReanchorOptions {
  /** Length of the text the old positions refer to: its start and end then map to the new text's, and positions between scale along. */
  oldLength?: number;
  /** Normalisation used by the last stage; foldForeignG is off unless asked for. */
  normalize?: ArabicNormalizeOptions;
}

export interface ReanchorOutcome {
  /** Number of annotations placed at a new position (found elsewhere). */
  moved: number;
  /** Ids found only through normalisation: anchor `edited`, `text` updated to what they now cover. */
  edited: string[];
  /** Ids of annotations that could not be found: anchor `unanchored`, collapsed at the expected position. */
  unanchored: string[];
  /** True when any start, end, text or anchor changed. */
  changed: boolean;
}

/**
 * Re-finds every item in `text`, IN PLACE; each item's start/end are its OLD (UTF-16) positions,
 * used as hints. Items already covering their text where they are are left alone.
 */
export function reanchor<T extends Anchored>(items: T[], text: string, options: ReanchorOptions = {}): ReanchorOutcome {
  const outcome: ReanchorOutcome = { moved: 0, edited: [], unanchored: [], changed: false };
  const matchKey = (t: string): string => collapseSpaces(normalizeArabic(t, options.normalize)).text;
  const clusters = new Map<string, Cluster>();
  const addToCluster = (item: Anchored): Cluster => {
    const key = `${item.start}\u0000${item.end}\u0000${item.text}`;
    let c = clusters.get(key);
    if (!c) {
      c = { items: [], text: item.text, key: matchKey(item.text), old: item.start, expected: item.start };
      clusters.set(key, c);
    }
    c.items.push(item);
    return c;
  };

  // Items whose old span still holds their text, grouped by span.
  const inPlace = new Map<string, { mark: Landmark; items: Anchored[]; taken: string }>();
  for (const item of items) {
    const { start, end } = item;
    if (item.text !== '' && start >= 0 && start <= end && end <= text.length && text.slice(start, end) === item.text && !splitsPair(text, start) && !splitsPair(text, end)) {
      const key = `${start}\u0000${end}\u0000${item.text}`;
      const g = inPlace.get(key);
      if (g) g.items.push(item);
      else inPlace.set(key, { mark: { old: start, now: start, inPlace: true }, items: [item], taken: occurrenceKey(start, matchKey(item.text)) });
    } else {
      addToCluster(item);
    }
  }
  const keep = (g: { items: Anchored[] }): void => {
    for (const item of g.items) if (item.anchor === 'unanchored') { item.anchor = 'ok'; outcome.changed = true; }
  };
  if (clusters.size === 0) {
    for (const g of inPlace.values()) keep(g);
    return outcome;
  }
  const taken = new Set([...inPlace.values()].map((g) => g.taken));
  const place = (stage: number) => (cluster: Cluster, start: number, end: number): void => {
    const covered = text.slice(start, end);
    for (const item of cluster.items) {
      const moved = item.start !== start || item.end !== end;
      if (moved) outcome.moved++;
      const anchor = stage === 2 ? 'edited' : item.anchor === 'edited' ? 'edited' : 'ok';
      if (stage === 2) outcome.edited.push(item.id);
      if (moved || covered !== item.text || anchor !== item.anchor) outcome.changed = true;
      item.anchor = anchor;
      item.start = start;
      item.end = end;
      item.text = covered;
    }
  };

  // Texts that occur once, for one annotation, place themselves; where they went, and the items
  // in place, tell how the text around them moved, which then guides the choice among repeated
  // occurrences.
  const marks: Landmark[] = [...inPlace.values()].map((g) => g.mark);
  let pending = [...clusters.values()].filter((c) => c.text !== '');
  pending = placeUnique(pending, text, taken, (c, start, end) => { marks.push({ old: c.old, now: start }); place(0)(c, start, end); });
  if (options.oldLength && options.oldLength > 0) marks.push({ old: 0, now: 0 }, { old: options.oldLength, now: text.length });
  const landmarks = consistent(marks);
  // A short text can sit at its old offset by chance after the text around it moved: an item in
  // place that contradicts the other landmarks is placed again like the rest.
  const agreed = new Set(landmarks);
  const again = new Set<Cluster>();
  for (const g of inPlace.values()) {
    if (agreed.has(g.mark)) { keep(g); continue; }
    taken.delete(g.taken);
    for (const item of g.items) again.add(addToCluster(item));
  }
  pending.push(...again);
  const expect = interpolator(landmarks);
  for (const c of clusters.values()) c.expected = expect(c.old);

  const views: Array<() => View> = [() => exactView(text), () => spaceView(text), () => normalizedView(text, options.normalize)];
  views.forEach((makeView, stage) => {
    if (pending.length > 0) pending = placeAll(pending, makeView(), text, taken, place(stage));
  });

  const unplaced = new Set(pending);
  for (const c of clusters.values()) {
    if (c.text !== '' && !unplaced.has(c)) continue;
    const at = pointAt(text, c.expected);
    for (const item of c.items) {
      if (item.anchor !== 'unanchored' || item.start !== at || item.end !== at) outcome.changed = true;
      item.anchor = 'unanchored';
      item.start = item.end = at;
      outcome.unanchored.push(item.id);
    }
  }
  return outcome;
}

/** An old position and where it is now. */
interface Landmark {
  old: number;
  now: number;
  /** An item found where it was, rather than found elsewhere. */
  inPlace?: boolean;
}

/**
 * Expected new position of an old one: interpolated between the nearest landmarks around it
 * (consistent ones, sorted), shifted like the nearest one outside their range; the old position
 * itself without landmarks.
 */
function interpolator(lm: Landmark[]): (old: number) => number {
  if (lm.length === 0) return (old) => old;
  return (old) => {
    let lo = 0, hi = lm.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (lm[mid].old <= old) lo = mid + 1; else hi = mid; }
    if (lo === 0) return old + lm[0].now - lm[0].old;
    const l = lm[lo - 1];
    if (lo === lm.length || l.old === old) return old + l.now - l.old;
    const r = lm[lo];
    return l.now + ((old - l.old) * (r.now - l.now)) / (r.old - l.old);
  };
}

/**
 * The largest subset of landmarks whose new positions keep the old order (longest non-decreasing
 * run), sorted: a landmark that contradicts the others (a text moved across them) is ignored.
 * Between equally large subsets, the one with more found-elsewhere landmarks wins over items
 * merely in place (which may sit there by chance).
 */
function consistent(marks: Landmark[]): Landmark[] {
  const n = marks.length;
  if (n === 0) return [];
  const sorted = [...marks].sort((x, y) => x.old - y.old || x.now - y.now);
  const nows = [...new Set(sorted.map((m) => m.now))].sort((x, y) => x - y);
  const rank = new Map(nows.map((v, i) => [v, i + 1]));
  // Fenwick tree of prefix maxima over new positions: best chain ending at or below a position.
  const treeScore = new Float64Array(nows.length + 1);
  const treeAt = new Int32Array(nows.length + 1).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const score = new Float64Array(n);
  const unit = n + 1; // one landmark more always beats any number of tie-breaks
  let bestEnd = -1;
  sorted.forEach((m, i) => {
    const r = rank.get(m.now)!;
    let s = 0, from = -1;
    for (let k = r; k > 0; k -= k & -k) if (treeScore[k] > s) { s = treeScore[k]; from = treeAt[k]; }
    score[i] = s + unit + (m.inPlace ? 0 : 1);
    prev[i] = from;
    for (let k = r; k <= nows.length; k += k & -k) if (score[i] > treeScore[k]) { treeScore[k] = score[i]; treeAt[k] = i; }
    if (bestEnd < 0 || score[i] > score[bestEnd]) bestEnd = i;
  });
  const out: Landmark[] = [];
  for (let i = bestEnd; i >= 0; i = prev[i]) out.push(sorted[i]);
  return out.reverse();
}

/** Places each cluster that is alone with its text, when that text occurs exactly once and is free. */
function placeUnique(clusters: Cluster[], text: string, taken: Set<string>, place: (c: Cluster, start: number, end: number) => void): Cluster[] {
  const perText = new Map<string, number>();
  for (const c of clusters) perText.set(c.text, (perText.get(c.text) ?? 0) + 1);
  return clusters.filter((c) => {
    if (perText.get(c.text) !== 1) return true;
    const at = text.indexOf(c.text);
    if (at < 0 || text.indexOf(c.text, at + 1) >= 0) return true;
    const end = at + c.text.length;
    if (taken.has(occurrenceKey(at, c.key)) || splitsPair(text, at) || splitsPair(text, end)) return true;
    taken.add(occurrenceKey(at, c.key));
    place(c, at, end);
    return false;
  });
}

interface Cluster {
  items: Anchored[];
  text: string;
  /** Normalised, whitespace-collapsed text: which occurrences count as the same. */
  key: string;
  /** Old start. */
  old: number;
  /** Where the old start is expected in the new text. */
  expected: number;
}

/** A searchable form of the text and the way back to original offsets. */
interface View {
  haystack: string;
  needle(text: string): string;
  /** Original offset where view character i starts. */
  startOf(i: number): number;
  /** Original offset just after view character i. */
  endOf(i: number): number;
}

/** Places the clusters it can; returns the others. */
function placeAll(
  clusters: Cluster[], view: View, text: string, taken: Set<string>,
  place: (c: Cluster, start: number, end: number) => void,
): Cluster[] {
  const byNeedle = new Map<string, Cluster[]>();
  const rest: Cluster[] = [];
  for (const c of clusters) {
    const needle = view.needle(c.text);
    if (needle === '') { rest.push(c); continue; }
    const list = byNeedle.get(needle);
    if (list) list.push(c); else byNeedle.set(needle, [c]);
  }
  for (const [needle, group] of byNeedle) {
    const spans = occurrences(view, needle, text, (start) => taken.has(occurrenceKey(start, group[0].key)));
    group.sort((x, y) => x.expected - y.expected);
    const choice = align(group.map((c) => c.expected), spans.map((s) => s.start));
    group.forEach((c, i) => {
      const j = choice[i];
      if (j < 0) { rest.push(c); return; }
      const { start, end } = spans[j];
      taken.add(occurrenceKey(start, c.key));
      place(c, start, end);
    });
  }
  return rest;
}

/** Free occurrences of `needle`, as original spans in document order (overlapping ones included). */
function occurrences(view: View, needle: string, text: string, isTaken: (start: number) => boolean): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  for (let i = view.haystack.indexOf(needle); i >= 0; i = view.haystack.indexOf(needle, i + 1)) {
    const start = view.startOf(i), end = view.endOf(i + needle.length - 1);
    if (end <= start || isTaken(start) || splitsPair(text, start) || splitsPair(text, end)) continue;
    found.push({ start, end });
  }
  return found;
}

const DP_LIMIT = 4_000_000;

/**
 * For clusters at ascending expected positions and occurrences at ascending positions: the
 * occurrence index of each cluster (or -1), strictly increasing, placing as many clusters as
 * possible and then minimising the total distance.
 */
export function align(expected: readonly number[], positions: readonly number[]): Int32Array {
  const m = expected.length, k = positions.length;
  const choice = new Int32Array(m).fill(-1);
  if (m === 0 || k === 0) return choice;
  if ((m + 1) * (k + 1) > DP_LIMIT) return alignGreedy(expected, positions);
  const w = k + 1;
  const count = new Int32Array((m + 1) * w);
  const cost = new Float64Array((m + 1) * w);
  const step = new Uint8Array((m + 1) * w); // 1: skip cluster, 2: skip occurrence, 3: match
  const better = (c1: number, d1: number, c2: number, d2: number): boolean => c1 > c2 || (c1 === c2 && d1 < d2);
  for (let i = 0; i <= m; i++) {
    for (let j = 0; j <= k; j++) {
      const at = i * w + j;
      if (i === 0 && j === 0) continue;
      let bc = -1, bd = 0, bs = 0;
      if (i > 0) { bc = count[at - w]; bd = cost[at - w]; bs = 1; }
      if (j > 0 && better(count[at - 1], cost[at - 1], bc, bd)) { bc = count[at - 1]; bd = cost[at - 1]; bs = 2; }
      if (i > 0 && j > 0) {
        const c = count[at - w - 1] + 1, d = cost[at - w - 1] + Math.abs(positions[j - 1] - expected[i - 1]);
        if (better(c, d, bc, bd)) { bc = c; bd = d; bs = 3; }
      }
      count[at] = bc; cost[at] = bd; step[at] = bs;
    }
  }
  for (let i = m, j = k; i > 0 && j > 0;) {
    const s = step[i * w + j];
    if (s === 3) { choice[i - 1] = j - 1; i--; j--; }
    else if (s === 1) i--;
    else j--;
  }
  return choice;
}

/** Fallback for huge groups (a one-letter text in a long article): nearest free occurrence, in order. */
function alignGreedy(expected: readonly number[], positions: readonly number[]): Int32Array {
  const choice = new Int32Array(expected.length).fill(-1);
  const used = new Uint8Array(positions.length);
  expected.forEach((e, i) => {
    let lo = 0, hi = positions.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (positions[mid] < e) lo = mid + 1; else hi = mid; }
    let l = lo - 1, r = lo;
    while (l >= 0 && used[l]) l--;
    while (r < positions.length && used[r]) r++;
    const j = l < 0 ? r : r >= positions.length ? l : e - positions[l] <= positions[r] - e ? l : r;
    if (j >= 0 && j < positions.length) { used[j] = 1; choice[i] = j; }
  });
  return choice;
}

function exactView(text: string): View {
  return { haystack: text, needle: (t) => t, startOf: (i) => i, endOf: (i) => i + 1 };
}

function spaceView(text: string): View {
  const c = collapseSpaces(text);
  return { haystack: c.text, needle: (t) => collapseSpaces(t).text, startOf: (i) => c.starts[i], endOf: (i) => c.ends[i] };
}

function normalizedView(text: string, options: ArabicNormalizeOptions | undefined): View {
  const n = normalizeWithMap(text, options);
  const c = collapseSpaces(n.normalized);
  return {
    haystack: c.text,
    needle: (t) => collapseSpaces(normalizeArabic(t, options)).text,
    startOf: (i) => n.toOriginal(c.starts[i]),
    // Includes diacritics that trail the last letter (see NormalizedText.toOriginal).
    endOf: (i) => n.toOriginal(c.ends[i]),
  };
}

/** `text` with every run of whitespace as one space, and where each resulting character came from. */
function collapseSpaces(text: string): { text: string; starts: Int32Array; ends: Int32Array } {
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  const out: string[] = [];
  let n = 0, from = 0;
  for (let i = 0; i < text.length;) {
    if (!isSpace(text.charCodeAt(i))) { i++; continue; }
    let j = i + 1;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    for (let p = from; p < i; p++, n++) { starts[n] = p; ends[n] = p + 1; }
    out.push(text.slice(from, i), ' ');
    starts[n] = i; ends[n] = j; n++;
    from = i = j;
  }
  for (let p = from; p < text.length; p++, n++) { starts[n] = p; ends[n] = p + 1; }
  out.push(text.slice(from));
  return { text: out.join(''), starts, ends };
}

/** The characters JavaScript's \s matches (NBSP and Unicode spaces included). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** One occurrence: its start and the matching form of its text (all texts in one group share it). */
function occurrenceKey(start: number, key: string): string {
  return `${start}\u0000${key}`;
}

function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800 && (text.charCodeAt(i) & 0xfc00) === 0xdc00;
}

/** A valid collapsed position near `expected`: in range, not inside a surrogate pair. */
function pointAt(text: string, expected: number): number {
  let p = Math.max(0, Math.min(text.length, Math.round(expected)));
  if (splitsPair(text, p)) p--;
  return p;
}
