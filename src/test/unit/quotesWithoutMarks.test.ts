// detectQuotations returns at once for an article without quotation marks. That holds only if the
// full analysis finds neither quotations nor speakers in such an article, speech cues and all: checked
// here on the seed articles with their marks taken out.
import * as assert from 'node:assert/strict';
import { analyseArticle } from '../../core/quotes/articleAnalysis';
import { findQuotations } from '../../core/quotes/quoteDetector';
import { pairQuoteMarks } from '../../core/quotes/quoteMarks';
import { detectQuotations } from '../../core/quotes/quotations';
import { attributeSpeakers } from '../../core/quotes/speakers';
import { readSeed, seedNames } from './seedCorpus';

describe('quotations of articles without quotation marks', () => {
  it('the full analysis finds no quotation and no speaker in the seeds with their marks taken out', function () {
    const names = seedNames();
    if (names.length === 0) this.skip();
    let cues = 0;
    for (const name of names) {
      const text = readSeed(name);
      assert.ok(detectQuotations(text).quotations.length > 0 || pairQuoteMarks(text).length === 0, name);
      const bare = text.replace(/["“”„‟″«»]|''/g, ' ');
      assert.deepEqual(pairQuoteMarks(bare), [], name);
      const analysis = analyseArticle(bare);
      cues += analysis.cues.length;
      const candidates = findQuotations(analysis);
      assert.deepEqual(candidates, [], name);
      assert.deepEqual(attributeSpeakers(analysis, candidates).speakers, [], name);
      assert.deepEqual(detectQuotations(bare), { quotations: [], speakers: [] }, name);
    }
    // The seeds are reported speech: their cues stay when the marks go.
    assert.ok(cues > names.length, `only ${cues} speech cues in ${names.length} seeds`);
  });
});
