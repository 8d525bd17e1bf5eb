// Reading NER corpora in CoNLL form (`token TAG` per line, blank line between sentences), such as
// ANERcorp, into training sentences with this project's labels (ANERcorp's PERS is PER).

import type { TrainingSentence } from './training';

const LABEL_ALIASES: Record<string, string> = { PERS: 'PER', PERSON: 'PER', PER: 'PER', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };

export function parseConll(text: string): TrainingSentence[] {
  const sentences: TrainingSentence[] = [];
  let cur: TrainingSentence = { tokens: [], tags: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) {
      if (cur.tokens.length) sentences.push(cur);
      cur = { tokens: [], tags: [] };
      continue;
    }
    const cut = line.lastIndexOf(' ');
    cur.tokens.push(line.slice(0, cut));
    cur.tags.push(mapTag(line.slice(cut + 1)));
  }
  if (cur.tokens.length) sentences.push(cur);
  return sentences;
}

/** IOB2 tag with the label mapped to ours; unknown labels become O. */
export function mapTag(tag: string): string {
  const m = /^([BI])-(.+)$/.exec(tag);
  if (!m) return 'O';
  const label = LABEL_ALIASES[m[2].toUpperCase()];
  return label ? `${m[1]}-${label}` : 'O';
}

/**
 * The fixed development split: the last tenth of the sentences. Taking a contiguous tail (rather than
 * every tenth sentence) keeps whole articles out of training, like the official test split does.
 */
export function splitTrainDev<T>(sentences: readonly T[]): { train: T[]; dev: T[] } {
  const cut = Math.floor(sentences.length * 0.9);
  return { train: sentences.slice(0, cut), dev: sentences.slice(cut) };
}
