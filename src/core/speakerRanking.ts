// Which speaker a quotation most likely has: the one named closest before it (news names the
// speaker first: وقال كيري: “…”), else closest after it, else the speaker of the quotation before.
import { normalizeArabic } from './arabicNormalize';
import type { AnnotationSet, Entity, Quotation, Speaker } from './model';

/** Labels whose entities can be speakers: people, and organisations that issue statements. */
export const SPEAKER_LABELS: ReadonlySet<string> = new Set(['PER', 'ORG']);

/** A mention after the quotation counts as this much farther away than one before it. */
const AFTER_PENALTY = 1.5;

function distance(entity: Entity, quotation: Quotation): number {
  if (entity.end <= quotation.start) return quotation.start - entity.end;
  if (entity.start >= quotation.end) return (entity.start - quotation.end) * AFTER_PENALTY;
  return Number.MAX_SAFE_INTEGER; // a name inside the quoted words is not who speaks them
}

/** The article's speakers, most likely speaker of `quotation` first. */
export function rankSpeakers(set: AnnotationSet, quotation: Quotation): Speaker[] {
  const entities = new Map(set.entities.map((e) => [e.id, e]));
  const previous = set.quotations
    .filter((q) => q.id !== quotation.id && q.end <= quotation.start && q.speaker)
    .sort((a, b) => b.end - a.end)[0];
  const score = (s: Speaker) => {
    let best = Number.MAX_SAFE_INTEGER;
    for (const id of s.mentions) {
      const e = entities.get(id);
      if (e && e.anchor !== 'unanchored') best = Math.min(best, distance(e, quotation));
    }
    // The speaker in force (وأضاف: “…” names nobody) is as likely as a name in the previous sentence.
    if (previous?.speaker === s.id) best = Math.min(best, quotation.start - previous.end);
    return best;
  };
  return set.speakers.map((s) => ({ s, d: score(s) })).sort((a, b) => a.d - b.d || a.s.id.localeCompare(b.s.id)).map((x) => x.s);
}

/** Person and organisation entities near a quotation that name no speaker yet: candidates for a new one. */
export function speakerCandidates(set: AnnotationSet, quotation: Quotation, limit = 5): Entity[] {
  const named = new Set(set.speakers.flatMap((s) => s.mentions));
  return set.entities
    .filter((e) => SPEAKER_LABELS.has(e.label) && !named.has(e.id) && e.anchor !== 'unanchored')
    .map((e) => ({ e, d: distance(e, quotation) }))
    .filter((x) => x.d < Number.MAX_SAFE_INTEGER)
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map((x) => x.e);
}

/** An existing speaker whose name or alias is the same as `name` once spelling variants are folded. */
export function speakerNamed(set: AnnotationSet, name: string): Speaker | undefined {
  const key = speakerKey(name);
  return set.speakers.find((s) => [s.name, ...s.aliases].some((n) => speakerKey(n) === key));
}

/** Matching key of a speaker name: Arabic normalisation with the foreign g folded (شويغو = شويجو). */
export function speakerKey(name: string): string {
  return normalizeArabic(name, { foldForeignG: true }).replace(/\s+/g, ' ').trim();
}
