// Entity scoring the way /shared/tools/score_ner.py does it, so tests and scripts can measure F1
// without Python: sentences are laid out as articles (25 sentences each, tokens joined by spaces, one
// sentence a line); a predicted span covers every token it overlaps; a hit is an exact match of
// (label, first token, last token).

import type { TrainingSentence } from './training';

export const SENTENCES_PER_FILE = 25;

export interface ScoringFile {
  name: string;
  text: string;
  /** Token offsets (UTF-16) and gold tags; null marks a sentence end. */
  tokens: Array<{ start: number; end: number; tag: string } | null>;
}

export function layoutForScoring(sentences: readonly TrainingSentence[]): ScoringFile[] {
  const files: ScoringFile[] = [];
  for (let k = 0; k < sentences.length; k += SENTENCES_PER_FILE) {
    let text = '';
    const tokens: ScoringFile['tokens'] = [];
    for (const s of sentences.slice(k, k + SENTENCES_PER_FILE)) {
      s.tokens.forEach((tok, j) => {
        if (j) text += ' ';
        tokens.push({ start: text.length, end: text.length + tok.length, tag: s.tags[j] });
        text += tok;
      });
      tokens.push(null);
      text += '\n';
    }
    files.push({ name: `anercorp-${String(k / SENTENCES_PER_FILE).padStart(3, '0')}.txt`, text, tokens });
  }
  return files;
}

export interface LabelScore { tp: number; fp: number; fn: number; f1: number }
export interface NerScore { micro: LabelScore; precision: number; recall: number; labels: Record<string, LabelScore> }

/** Scores predicted spans (UTF-16 offsets into each file's text) against the gold tags. */
export function scoreEntities(files: readonly ScoringFile[], predicted: ReadonlyArray<ReadonlyArray<{ label: string; start: number; end: number }>>): NerScore {
  const labels: Record<string, LabelScore> = {};
  for (const l of ['PER', 'LOC', 'ORG', 'MISC']) labels[l] = { tp: 0, fp: 0, fn: 0, f1: 0 };
  files.forEach((file, k) => {
    const gold = goldSpans(file);
    const pred = new Set<string>();
    for (const e of predicted[k] ?? []) {
      if (!labels[e.label]) continue;
      let first = -1, last = -1;
      file.tokens.forEach((t, i) => {
        if (t && t.start < e.end && t.end > e.start) { if (first < 0) first = i; last = i; }
      });
      if (first >= 0) pred.add(`${e.label} ${first} ${last}`);
    }
    for (const g of gold) {
      if (pred.has(g)) labels[g.split(' ')[0]].tp++;
      else labels[g.split(' ')[0]].fn++;
    }
    for (const p of pred) if (!gold.has(p)) labels[p.split(' ')[0]].fp++;
  });
  const f1 = (s: { tp: number; fp: number; fn: number }) => (s.tp ? (2 * s.tp) / (2 * s.tp + s.fp + s.fn) : 0);
  const micro = { tp: 0, fp: 0, fn: 0, f1: 0 };
  for (const s of Object.values(labels)) {
    s.f1 = f1(s);
    micro.tp += s.tp; micro.fp += s.fp; micro.fn += s.fn;
  }
  micro.f1 = f1(micro);
  return { micro, precision: micro.tp / Math.max(1, micro.tp + micro.fp), recall: micro.tp / Math.max(1, micro.tp + micro.fn), labels };
}

/** Gold spans as "LABEL first last", read like the scorer: an I- after another label starts a span. */
function goldSpans(file: ScoringFile): Set<string> {
  const out = new Set<string>();
  let cur: { label: string; first: number } | undefined;
  const close = (i: number) => { if (cur) out.add(`${cur.label} ${cur.first} ${i - 1}`); cur = undefined; };
  file.tokens.forEach((t, i) => {
    const tag = t ? t.tag : 'O';
    if (tag === 'O') return close(i);
    const [bi, label] = [tag[0], tag.slice(2)];
    if (bi === 'B' || !cur || cur.label !== label) {
      close(i);
      cur = { label, first: i };
    }
  });
  close(file.tokens.length);
  return out;
}
