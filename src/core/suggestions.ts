// Suggestions (pre-annotations) for one article: quotations with their speakers from the rule-based
// detector, entities from the statistical tagger. They are merged into an annotation set as items
// marked `suggested`, never over confirmed work and never where the team rejected the same thing.
import { ID_PREFIX, idSequence, type AnnotationSet, type Entity, type Quotation, type Rejection, type Speaker } from './model';
import type { NerModel } from './ner/nerModel';
import { tagEntities } from './ner/tagger';
import { detectQuotations } from './quotes/quotations';
import { partitionPoint } from './sortedSearch';
import { speakerKey } from './speakerRanking';
import type { TextEdit } from './spanEdits';

export interface SuggestOptions {
  /** The entity model; without it only quotations and speakers are suggested. */
  ner?: NerModel;
}

export interface MergeOutcome {
  entities: number;
  quotations: number;
  speakers: number;
}

interface Span { start: number; end: number }

/**
 * Spans to test new ones against for overlap in logarithmic time: kept sorted by start with the
 * largest end so far, so that a span overlaps one of them iff some span starting before its end
 * ends after its start. Spans added in order of start (as the detectors give them) cost O(1).
 */
class SpanIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly maxEnd: number[] = [];

  constructor(spans: Iterable<Span>) {
    for (const s of [...spans].sort((a, b) => a.start - b.start)) this.add(s);
  }

  overlaps(span: Span): boolean {
    const k = partitionPoint(this.starts, (start) => start < span.end);
    return k > 0 && this.maxEnd[k - 1] > span.start;
  }

  add(span: Span): void {
    const k = partitionPoint(this.starts, (start) => start <= span.start);
    this.starts.splice(k, 0, span.start);
    this.ends.splice(k, 0, span.end);
    this.maxEnd.splice(k, 0, 0);
    for (let i = k; i < this.starts.length; i++) this.maxEnd[i] = Math.max(i > 0 ? this.maxEnd[i - 1] : -Infinity, this.ends[i]);
  }
}

/** The team's rejections by their text, so that each suggestion looks up only its own. */
class Rejections {
  private readonly byText = new Map<string, Rejection[]>();

  constructor(rejections: readonly Rejection[]) {
    for (const r of rejections) {
      const list = this.byText.get(r.text);
      if (list) list.push(r); else this.byText.set(r.text, [r]);
    }
  }

  has(kind: Rejection['kind'], label: string | null, span: Span & { text: string }): boolean {
    return this.byText.get(span.text)?.some((r) => r.kind === kind && r.label === label && r.start < span.end && span.start < r.end) ?? false;
  }
}

/**
 * Adds the suggestions for `text` to `set` (mutating it): entities and quotations that overlap no
 * annotation of theirs (confirmed or suggested) and no rejection, and the speakers they need —
 * an existing speaker of the same name (spelling variants folded) is reused, not duplicated.
 * Linear in the article and its annotations (up to sorting): a 1 MB dump is suggested in seconds.
 */
export function mergeSuggestions(set: AnnotationSet, text: string, options: SuggestOptions = {}): MergeOutcome {
  const outcome: MergeOutcome = { entities: 0, quotations: 0, speakers: 0 };
  const rejections = new Rejections(set.rejected);
  if (options.ner) {
    const taken = new SpanIndex(set.entities.filter((e) => e.anchor !== 'unanchored'));
    const entityId = idSequence(ID_PREFIX.entity, set.entities);
    for (const s of tagEntities(text, options.ner)) {
      if (taken.overlaps(s)) continue;
      if (rejections.has('entity', s.label, s)) continue;
      const entity: Entity = { id: entityId(), label: s.label, start: s.start, end: s.end, text: s.text, anchor: 'ok', suggested: s.confidence, extra: {} };
      set.entities.push(entity);
      taken.add(entity);
      outcome.entities++;
    }
  }
  const detection = detectQuotations(text);
  const detectedSpeakers = new Map(detection.speakers.map((d) => [d.id, d]));
  const speakerIds = new Map<string, string>();
  const speakerId = idSequence(ID_PREFIX.speaker, set.speakers);
  // The first speaker (in the set's order) of each folded name or alias, as speakerNamed finds it.
  const named = new Map<string, Speaker>();
  const addNames = (s: Speaker): void => {
    for (const n of [s.name, ...s.aliases]) if (!named.has(speakerKey(n))) named.set(speakerKey(n), s);
  };
  set.speakers.forEach(addNames);
  // Entities by start (ties in set order), to find those inside a mention without a scan.
  const byStart = set.entities.map((e, order) => ({ e, order })).sort((x, y) => x.e.start - y.e.start || x.order - y.order);
  const mentionsOf = new Map<Speaker, Set<string>>();
  const speakerFor = (detectedId: string, confidence: number): string => {
    const known = speakerIds.get(detectedId);
    if (known) return known;
    const detected = detectedSpeakers.get(detectedId)!;
    let speaker: Speaker | undefined = named.get(speakerKey(detected.name)) ?? detected.aliases.map((a) => named.get(speakerKey(a))).find(Boolean);
    if (!speaker) {
      speaker = { id: speakerId(), name: detected.name, aliases: [...new Set(detected.aliases.filter((a) => speakerKey(a) !== speakerKey(detected.name)))], mentions: [], suggested: confidence, extra: {} };
      set.speakers.push(speaker);
      addNames(speaker);
      outcome.speakers++;
    }
    // Entities inside the phrases that name the speaker become its mentions (in the set's order).
    let mentions = mentionsOf.get(speaker);
    if (!mentions) mentionsOf.set(speaker, mentions = new Set(speaker.mentions));
    for (const m of detected.mentionSpans) {
      const inside: Array<{ e: Entity; order: number }> = [];
      for (let k = partitionPoint(byStart, (x) => x.e.start < m.start); k < byStart.length && byStart[k].e.start <= m.end; k++) {
        if (byStart[k].e.end <= m.end) inside.push(byStart[k]);
      }
      inside.sort((x, y) => x.order - y.order);
      for (const { e } of inside) {
        if (!mentions.has(e.id)) { speaker.mentions.push(e.id); mentions.add(e.id); }
      }
    }
    speakerIds.set(detectedId, speaker.id);
    return speaker.id;
  };
  const quoted = new SpanIndex(set.quotations.filter((x) => x.anchor !== 'unanchored'));
  const quotationId = idSequence(ID_PREFIX.quotation, set.quotations);
  for (const q of detection.quotations) {
    if (quoted.overlaps(q)) continue;
    if (rejections.has('quotation', null, q)) continue;
    const quotation: Quotation = {
      id: quotationId(), start: q.start, end: q.end, text: q.text,
      speaker: q.speaker ? speakerFor(q.speaker, q.confidence) : null, cue: q.cue, anchor: 'ok', suggested: q.confidence, extra: {},
    };
    set.quotations.push(quotation);
    quoted.add(quotation);
    outcome.quotations++;
  }
  return outcome;
}

/** Confirms a suggestion: it becomes an ordinary annotation (its suggested speaker too). */
export function acceptSuggestion(set: AnnotationSet, id: string): boolean {
  const item = [...set.entities, ...set.quotations].find((x) => x.id === id);
  if (!item || item.suggested === undefined) return false;
  delete item.suggested;
  const speakerId = (item as Quotation).speaker;
  const speaker = speakerId ? set.speakers.find((s) => s.id === speakerId) : undefined;
  if (speaker) delete speaker.suggested;
  return true;
}

/**
 * Rejects a suggestion: it is removed and remembered so that it never comes back for this article.
 * A suggested speaker that no quotation uses any more goes with it.
 */
export function rejectSuggestion(set: AnnotationSet, id: string): boolean {
  const entity = set.entities.find((e) => e.id === id && e.suggested !== undefined);
  const quotation = set.quotations.find((q) => q.id === id && q.suggested !== undefined);
  const item = entity ?? quotation;
  if (!item) return false;
  set.rejected.push({ kind: entity ? 'entity' : 'quotation', label: entity ? entity.label : null, start: item.start, end: item.end, text: item.text });
  set.entities = set.entities.filter((e) => e.id !== id);
  set.quotations = set.quotations.filter((q) => q.id !== id);
  for (const s of set.speakers) s.mentions = s.mentions.filter((m) => m !== id);
  const used = new Set(set.quotations.map((q) => q.speaker));
  set.speakers = set.speakers.filter((s) => s.suggested === undefined || used.has(s.id));
  return true;
}

/** Moves rejection hints with the text; one overlapped by an edit stays where it was (its text still matches). */
export function shiftRejections(rejections: Rejection[], edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  for (const r of rejections) {
    for (const e of sorted) {
      if (e.end <= r.start) {
        const delta = e.text.length - (e.end - e.start);
        r.start += delta;
        r.end += delta;
      }
    }
  }
}
