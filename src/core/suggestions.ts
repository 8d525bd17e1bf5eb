// Suggestions (pre-annotations) for one article: quotations with their speakers from the rule-based
// detector, entities from the statistical tagger. They are merged into an annotation set as items
// marked `suggested`, never over confirmed work and never where the team rejected the same thing.
import { ID_PREFIX, nextId, type AnnotationSet, type Entity, type Quotation, type Rejection, type Speaker } from './model';
import type { NerModel } from './ner/nerModel';
import { tagEntities } from './ner/tagger';
import { detectQuotations } from './quotes/quotations';
import { speakerKey, speakerNamed } from './speakerRanking';
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

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function rejected(rejections: readonly Rejection[], kind: Rejection['kind'], label: string | null, span: { start: number; end: number; text: string }): boolean {
  return rejections.some((r) => r.kind === kind && r.label === label && r.text === span.text && overlaps(r, span));
}

/**
 * Adds the suggestions for `text` to `set` (mutating it): entities and quotations that overlap no
 * annotation of theirs (confirmed or suggested) and no rejection, and the speakers they need —
 * an existing speaker of the same name (spelling variants folded) is reused, not duplicated.
 */
export function mergeSuggestions(set: AnnotationSet, text: string, options: SuggestOptions = {}): MergeOutcome {
  const outcome: MergeOutcome = { entities: 0, quotations: 0, speakers: 0 };
  const addedEntities: Entity[] = [];
  if (options.ner) {
    for (const s of tagEntities(text, options.ner)) {
      if (set.entities.some((e) => overlaps(e, s) && e.anchor !== 'unanchored')) continue;
      if (rejected(set.rejected, 'entity', s.label, s)) continue;
      const entity: Entity = { id: nextId(ID_PREFIX.entity, set.entities), label: s.label, start: s.start, end: s.end, text: s.text, anchor: 'ok', suggested: s.confidence, extra: {} };
      set.entities.push(entity);
      addedEntities.push(entity);
      outcome.entities++;
    }
  }
  const detection = detectQuotations(text);
  const speakerIds = new Map<string, string>();
  const speakerFor = (detectedId: string, confidence: number): string => {
    const known = speakerIds.get(detectedId);
    if (known) return known;
    const detected = detection.speakers.find((d) => d.id === detectedId)!;
    let speaker: Speaker | undefined = speakerNamed(set, detected.name) ?? detected.aliases.map((a) => speakerNamed(set, a)).find(Boolean);
    if (!speaker) {
      speaker = { id: nextId(ID_PREFIX.speaker, set.speakers), name: detected.name, aliases: [...new Set(detected.aliases.filter((a) => speakerKey(a) !== speakerKey(detected.name)))], mentions: [], suggested: confidence, extra: {} };
      set.speakers.push(speaker);
      outcome.speakers++;
    }
    // Entities inside the phrases that name the speaker become its mentions.
    for (const m of detected.mentionSpans) {
      for (const e of set.entities) {
        if (e.start >= m.start && e.end <= m.end && !speaker.mentions.includes(e.id)) speaker.mentions.push(e.id);
      }
    }
    speakerIds.set(detectedId, speaker.id);
    return speaker.id;
  };
  for (const q of detection.quotations) {
    if (set.quotations.some((x) => overlaps(x, q) && x.anchor !== 'unanchored')) continue;
    if (rejected(set.rejected, 'quotation', null, q)) continue;
    const quotation: Quotation = {
      id: nextId(ID_PREFIX.quotation, set.quotations), start: q.start, end: q.end, text: q.text,
      speaker: q.speaker ? speakerFor(q.speaker, q.confidence) : null, cue: q.cue, anchor: 'ok', suggested: q.confidence, extra: {},
    };
    set.quotations.push(quotation);
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
