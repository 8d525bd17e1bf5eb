// Public entry point of the offline quotation detector: quotations of an Arabic news article with
// their speakers, all offsets UTF-16 and half-open like src/core/model.ts. Pure rules, no I/O.

import { analyseArticle } from './articleAnalysis';
import { type QuoteKind, findQuotations } from './quoteDetector';
import { pairQuoteMarks } from './quoteMarks';
import { type Span, attributeSpeakers } from './speakers';

export type { QuoteKind } from './quoteDetector';
export type { Span } from './speakers';

export interface DetectedQuotation {
  /** Content between the marks (marks excluded), UTF-16, half-open. */
  start: number;
  end: number;
  text: string;
  kind: QuoteKind;
  /** The speech verb or attribution word as written (وقال, مضيفا, بحسب), or null. */
  cue: string | null;
  cueSpan: Span | null;
  /** Id of an entry of `speakers`, or null when the source is unknown. */
  speaker: string | null;
  /** The mention nearest to the quotation that names its source, as written, or null. */
  speakerMention: (Span & { text: string }) | null;
  /** 0..1: how sure the detector is that these marks hold someone's words. */
  confidence: number;
}

export interface DetectedSpeaker {
  id: string;
  /** Fullest name (جون كيري), or the body / role when no person is named (وزارة الدفاع الروسية). */
  name: string;
  aliases: string[];
  mentionSpans: Span[];
}

export interface QuotationDetection {
  quotations: DetectedQuotation[];
  speakers: DetectedSpeaker[];
}

/** Detects the quotations of `text` and attributes each to a speaker. */
export function detectQuotations(text: string): QuotationDetection {
  // Every quotation is a pair of marks and every speaker some quotation's: an article without marks
  // (a third of SaudiNewsNet) has neither, and needs no analysis.
  const pairs = pairQuoteMarks(text);
  if (pairs.length === 0) return { quotations: [], speakers: [] };
  const analysis = analyseArticle(text, pairs);
  const candidates = findQuotations(analysis);
  const { attributions, speakers } = attributeSpeakers(analysis, candidates);
  const quotations = candidates.map((q, i): DetectedQuotation => {
    const at = attributions[i];
    const m = at.mention;
    return {
      start: q.start,
      end: q.end,
      text: text.slice(q.start, q.end),
      kind: q.kind,
      cue: at.cue,
      cueSpan: at.cueSpan,
      speaker: at.speaker,
      speakerMention: m ? { start: m.start, end: m.end, text: text.slice(m.start, m.end) } : null,
      confidence: q.confidence,
    };
  });
  return { quotations, speakers };
}
