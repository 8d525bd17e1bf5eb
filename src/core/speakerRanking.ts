// Which speaker a quotation most likely has. News names the speaker in the attribution next to
// the quotation (وقال كيري: “…”, «…»، قال الوزير), so the nearest plausible name there wins,
// whether it already names a speaker or would be a new one; then the speaker of the quotation
// before (وأضاف: “…” names nobody: the speaker in force); then every other name by distance.
import { normalizeArabic } from './arabicNormalize';
import type { AnnotationSet, Entity, Quotation, Speaker } from './model';

/** Labels whose entities can be speakers: people, and organisations that issue statements. */
export const SPEAKER_LABELS: ReadonlySet<string> = new Set(['PER', 'ORG']);

/** A mention after the quotation counts as this much farther away than one before it. */
const AFTER_PENALTY = 1.5;

/** One line of the speaker quick pick: an existing speaker, or a new one named by an entity. */
export type SpeakerChoice = { kind: 'speaker'; speaker: Speaker } | { kind: 'entity'; entity: Entity };

/** How likely a name is the speaker: lower tiers first, then nearer first. */
interface Score { tier: number; distance: number }

const TIER = { attribution: 0, previousSpeaker: 1, elsewhere: 2 } as const;
const UNLIKELY: Score = { tier: TIER.elsewhere, distance: Number.MAX_SAFE_INTEGER };
const better = (a: Score, b: Score): boolean => a.tier < b.tier || a.tier === b.tier && a.distance < b.distance;

/** Prepositions (normalised): a name governed by one (مع كيري, بين شويغو وكارتر) is not who speaks. */
const PREPOSITIONS = new Set(['في', 'فى', 'مع', 'عن', 'على', 'إلى', 'من', 'لدى', 'حول', 'ضد', 'بين', 'عند', 'نحو', 'عبر', 'أمام', 'تجاه', 'بشأن', 'خلال', 'بعد', 'قبل', 'منذ', 'ضمن', 'دون']
  .map((w) => normalizeArabic(w)));
const WORD = /[\p{L}\p{M}\u0640]+/gu;
const QUOTE_MARK = /["“”«»„‟]/;
const SENTENCE_END = /[.!?؟\n]/;

/** The words (normalised) before `offset` on its line, nearest first, up to punctuation. */
function wordsBefore(text: string, offset: number, count: number): string[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const clause = text.slice(Math.max(lineStart, offset - 80), offset).split(/[،,:;؛.!?؟()]/).pop() ?? '';
  return [...clause.matchAll(WORD)].map((m) => normalizeArabic(m[0])).reverse().slice(0, count);
}

/**
 * A name that cannot be the subject of a speech verb: in quote marks (لوكالة “نوفوستي”), after
 * a preposition written on it (لشويغو) or standing before it (مع كيري), or joined by و to a name
 * that is (بين شويغو وكارتر).
 */
function governed(text: string, entity: Entity): boolean {
  if (QUOTE_MARK.test(text[entity.start - 1] ?? '') && QUOTE_MARK.test(text[entity.end] ?? '')) return true;
  const glued = /[وفبلك]*$/.exec(text.slice(Math.max(0, entity.start - 2), entity.start))?.[0] ?? '';
  if (/^[وف]?[بلك]$/.test(glued)) return true;
  const before = wordsBefore(text, entity.start - glued.length, 3);
  if (PREPOSITIONS.has(before[0] ?? '')) return true;
  return /^[وف]$/.test(glued) && before.some((w) => PREPOSITIONS.has(w));
}

/** The paragraph (line) of a quotation, where its attribution is; the text is only read there. */
interface Line { start: number; end: number }

function lineOf(text: string, quotation: Quotation): Line {
  const endAt = text.indexOf('\n', quotation.end);
  const end = endAt < 0 ? text.length : endAt;
  const start = text.lastIndexOf('\n', quotation.start - 1) + 1;
  // A colon may end the attribution's line (وقال كيري:⏎“…”): that line counts then.
  const colonLine = start > 0 && /^\W?$/.test(text.slice(start, quotation.start).trim()) && /:\s*$/.test(text.slice(Math.max(0, start - 8), start));
  return { start: colonLine ? text.lastIndexOf('\n', start - 2) + 1 : start, end };
}

/** How likely `entity`, as a mention, names the speaker of `quotation` (on `line`). */
function mentionScore(text: string, set: AnnotationSet, quotation: Quotation, line: Line, entity: Entity): Score {
  if (entity.anchor === 'unanchored' || entity.start < quotation.end && quotation.start < entity.end) return UNLIKELY;
  const before = entity.end <= quotation.start;
  const distance = before ? quotation.start - entity.end : (entity.start - quotation.end) * AFTER_PENALTY;
  if (entity.start < line.start || entity.end > line.end) return { tier: TIER.elsewhere, distance };
  // The attribution: the name and the quotation in one sentence (a colon may end its line:
  // وقال كيري:⏎“…”), with no other quotation around the name or between them.
  const [from, to] = before ? [entity.start, quotation.start] : [quotation.end, entity.end];
  const between = (before ? text.slice(entity.end, quotation.start).replace(/:\s*\n\s*\W?$/, ':') : text.slice(quotation.end, entity.start));
  const inAttribution = !SENTENCE_END.test(between)
    && !set.quotations.some((q) => q !== quotation && q.anchor !== 'unanchored' && q.start < to && from < q.end)
    && !governed(text, entity);
  return { tier: inAttribution ? TIER.attribution : TIER.elsewhere, distance };
}

/** Folded forms that name a speaker: its name, its aliases, and a person's family name alone (كيري). */
function namesOf(speaker: Speaker): Set<string> {
  const keys = new Set([speaker.name, ...speaker.aliases].map(speakerKey));
  const words = speakerKey(speaker.name).split(' ');
  if (words.length > 1) keys.add(words[words.length - 1]);
  return keys;
}

/**
 * The choices for the speaker of `quotation`, most likely first: every speaker of the article,
 * and up to `newLimit` person or organisation entities that name no speaker yet (one per name).
 * An entity counts for a speaker when it is one of its mentions or is written as its name.
 */
export function rankSpeakerChoices(set: AnnotationSet, text: string, quotation: Quotation, newLimit = 5): SpeakerChoice[] {
  const line = lineOf(text, quotation);
  const previous = set.quotations
    .filter((q) => q.id !== quotation.id && q.anchor !== 'unanchored' && q.end <= quotation.start && q.speaker)
    .sort((a, b) => b.end - a.end)[0];
  const scores = new Map<Speaker, Score>(set.speakers.map((s) => [s, s.id === previous?.speaker ? { tier: TIER.previousSpeaker, distance: 0 } : UNLIKELY]));
  const owner = new Map<string, Speaker>();
  for (const s of set.speakers) for (const id of s.mentions) if (!owner.has(id)) owner.set(id, s);
  const named = new Map<string, Speaker>(); // folded name → the first speaker it names
  for (const s of set.speakers) for (const key of namesOf(s)) if (!named.has(key)) named.set(key, s);
  const candidates = new Map<string, { entity: Entity; score: Score }>();
  for (const e of set.entities) {
    if (e.anchor === 'unanchored') continue;
    const speaker = owner.get(e.id) ?? named.get(speakerKey(e.text));
    if (!speaker && !SPEAKER_LABELS.has(e.label)) continue;
    const score = mentionScore(text, set, quotation, line, e);
    if (speaker) {
      if (better(score, scores.get(speaker)!)) scores.set(speaker, score);
      continue;
    }
    if (score.distance === Number.MAX_SAFE_INTEGER) continue; // a name inside the quoted words
    const key = speakerKey(e.text);
    const known = candidates.get(key);
    if (!known || better(score, known.score)) candidates.set(key, { entity: e, score });
  }
  const fresh = [...candidates.values()].sort((a, b) => (better(a.score, b.score) ? -1 : better(b.score, a.score) ? 1 : a.entity.start - b.entity.start)).slice(0, newLimit);
  const ranked: Array<{ choice: SpeakerChoice; score: Score; order: string }> = [
    ...set.speakers.map((speaker) => ({ choice: { kind: 'speaker' as const, speaker }, score: scores.get(speaker)!, order: `0${speaker.id}` })),
    ...fresh.map(({ entity, score }) => ({ choice: { kind: 'entity' as const, entity }, score, order: `1${String(entity.start).padStart(12, '0')}` })),
  ];
  return ranked.sort((a, b) => (better(a.score, b.score) ? -1 : better(b.score, a.score) ? 1 : a.order.localeCompare(b.order))).map((r) => r.choice);
}

/** An existing speaker whose name or alias is the same as `name` once spelling variants are folded. */
export function speakerNamed(set: AnnotationSet, name: string): Speaker | undefined {
  const key = speakerKey(name);
  return set.speakers.find((s) => [s.name, ...s.aliases].some((n) => speakerKey(n) === key));
}

/**
 * The name a "New speaker: …" line offers for what was typed into the speaker pick, or undefined
 * when it would repeat a line already there: nothing typed, a speaker of that name or family
 * name (the typed words find it), or a new speaker from an entity written the same way.
 */
export function typedSpeakerName(set: AnnotationSet, choices: readonly SpeakerChoice[], typed: string): string | undefined {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (!name) return undefined;
  const key = speakerKey(name);
  if (set.speakers.some((s) => namesOf(s).has(key))) return undefined;
  if (choices.some((c) => c.kind === 'entity' && speakerKey(c.entity.text) === key)) return undefined;
  return name;
}

/** Matching key of a speaker name: Arabic normalisation with the foreign g folded (شويغو = شويجو). */
export function speakerKey(name: string): string {
  return normalizeArabic(name, { foldForeignG: true }).replace(/\s+/g, ' ').trim();
}
