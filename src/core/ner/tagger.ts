// Entity suggestions for an article: tokenise, tag every sentence with the first pass, tag again with
// the second pass (which sees the first pass's view of the whole article), and return spans in UTF-16
// offsets. Spans leave out the proclitics of their first word (وكارتر → كارتر) by the policy of
// snapping.ts, so that a suggestion accepted as is matches what a caret click would give.

import { procliticLength, tokenSet } from '../snapping';
import { marginals, tagSpans, TAG_COUNT, viterbi, type NerLabel } from './decode';
import { scorerFor } from './emissions';
import type { NerModel } from './nerModel';
import { foldForeign, normalizeWord } from './normalize';
import { sentenceRanges, tokenize } from './tokenize';

export interface EntitySuggestion {
  label: NerLabel;
  /** UTF-16 offset, inclusive. */
  start: number;
  /** UTF-16 offset, exclusive. */
  end: number;
  text: string;
  /** Model probability of the span's tags (lowest token marginal), 0–1. */
  confidence: number;
}

export interface TagOptions {
  /** Keep proclitics in the spans (whole tokens, as ANERcorp annotates). */
  keepProclitics?: boolean;
}

export interface TokenSpan {
  label: NerLabel;
  /** Index of the first token, in its sentence. */
  first: number;
  /** Index of the last token, inclusive. */
  last: number;
  confidence: number;
}

const WORD = /[\p{L}\p{Nd}]/u;

export function tagEntities(text: string, model: NerModel, options: TagOptions = {}): EntitySuggestion[] {
  const tokens = tokenize(text);
  const ranges = sentenceRanges(text, tokens);
  const sentences = ranges.map(([from, to]) => tokens.slice(from, to));
  const tagged = tagDocument(sentences.map((s) => s.map((t) => t.text)), model);
  const out: EntitySuggestion[] = [];
  // Built on first need: most entities are settled by the lexicon or the article ال first.
  let articleWords: Set<string> | undefined;
  const wordsOfArticle = (): ReadonlySet<string> => (articleWords ??= tokenSet(text));
  tagged.forEach((spans, s) => {
    const sentence = sentences[s];
    for (const span of spans) {
      // An entity starts and ends on a word, never on a quote mark or a comma.
      let first = span.first, last = span.last;
      while (first <= last && !WORD.test(sentence[first].text)) first++;
      while (last >= first && !WORD.test(sentence[last].text)) last--;
      if (first > last) continue;
      let start = sentence[first].start;
      const end = sentence[last].end;
      if (!options.keepProclitics) start += cliticCut(sentence[first].text, model, wordsOfArticle);
      out.push({ label: span.label, start, end, text: text.slice(start, end), confidence: span.confidence });
    }
  });
  return out;
}

/** Entity spans (by token index) of each sentence of one document, sentences given as token texts. */
export function tagDocument(sentences: ReadonlyArray<readonly string[]>, model: NerModel): TokenSpan[][] {
  const scorer = scorerFor(model);
  const scores = sentences.map((s) => scorer.sentence(s));
  let emissions = scores.map((s) => s.first);
  let transitions = model.first.transitions;
  let paths = emissions.map((e, s) => viterbi(e, sentences[s].length, transitions));
  if (model.second) {
    emissions = scorer.documentScores(scores, paths);
    transitions = model.second.transitions;
    paths = emissions.map((e, s) => viterbi(e, sentences[s].length, transitions));
  }
  return paths.map((path, s) => {
    const spans = tagSpans(path);
    if (spans.length === 0) return [];
    const marg = marginals(emissions[s], path.length, transitions, model.temperature);
    return spans.map((span) => {
      let confidence = 1;
      for (let j = span.first; j <= span.last; j++) confidence = Math.min(confidence, marg[j * TAG_COUNT + path[j]]);
      return { ...span, confidence: Math.round(confidence * 1000) / 1000 };
    });
  });
}

/**
 * Proclitics to cut from an entity's first token, by the policy of snapping.ts: the article stays and
 * what precedes it goes (وبالقاهرة → القاهرة); a name the lexicon knows as written is kept whole
 * (لبنان, وليد, بغداد); otherwise the shortest cut that leaves a known word (of the article, of the
 * lexicon, or frequent in the training data) is made. Shortest first, unlike a caret click, because
 * the lexicon knows many short names: وكارتر → كارتر, not ارتر (Arthur).
 */
function cliticCut(token: string, model: NerModel, articleWords: () => ReadonlySet<string>): number {
  // As written, not folded: folding merges the doubled و of وواشنطن into واشنطن.
  if (model.lexicon.words.has(normalizeWord(token))) return 0;
  const inLexicon = (w: string) => model.lexicon.folded.has(foldForeign(normalizeWord(w)));
  const article = procliticLength(token);
  if (article > 0) return article;
  const known = (rest: string) => articleWords().has(rest) || inLexicon(rest) || model.first.weights.has('n=' + normalizeWord(rest));
  const prefix = PROCLITICS.exec(token)?.[0] ?? '';
  for (let cut = 1; cut <= prefix.length; cut++) {
    const rest = token.slice(cut);
    if ((rest.match(/\p{L}/gu)?.length ?? 0) >= 3 && known(rest)) return cut;
  }
  return 0;
}

const PROCLITICS = /^[وف]?[بلك]?/;
