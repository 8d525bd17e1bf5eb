// Tokenisation of raw article text for NER, in the style of ANERcorp (the training data): words keep
// their clitics (وكارتر is one token), punctuation stands alone, numbers keep their decimal point.
// Every token carries its UTF-16 offsets into the article, half-open.

export interface NerToken {
  text: string;
  /** UTF-16 offset, inclusive. */
  start: number;
  /** UTF-16 offset, exclusive. */
  end: number;
}

// Numbers with separators first (18.5, 2,000, ٣٫٥), then runs of letters, marks, tatweel and digits,
// then any other single character that is neither space nor an invisible format mark (RLM, ZWNJ…).
const TOKEN = /\p{Nd}+(?:[.,٫٬]\p{Nd}+)+|[\p{L}\p{M}\p{Nd}\u0640]+|[^\s\p{Cf}]/gu;

export function tokenize(text: string): NerToken[] {
  const tokens: NerToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    tokens.push({ text: m[0], start, end: start + m[0].length });
  }
  return tokens;
}

/** Marks that end a sentence in ANERcorp, whose sentences were cut after period tokens. */
const SENTENCE_END = new Set(['.', '!', '?', '؟', '…']);

/**
 * Sentences as [first, last) token index ranges: a sentence ends after a sentence mark or at a line
 * break, as in the training data, so that context features never reach across paragraphs.
 */
export function sentenceRanges(text: string, tokens: readonly NerToken[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    const lineBreak = next !== undefined && hasLineBreak(text, tokens[i].end, next.start);
    if (SENTENCE_END.has(tokens[i].text) || lineBreak || next === undefined) {
      ranges.push([first, i + 1]);
      first = i + 1;
    }
  }
  return ranges;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
