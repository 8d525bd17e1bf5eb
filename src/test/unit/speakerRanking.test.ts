import * as assert from 'node:assert/strict';
import { emptyAnnotationSet, type AnnotationSet, type Entity, type Quotation, type Speaker } from '../../core/model';
import { rankSpeakerChoices, typedSpeakerName, type SpeakerChoice } from '../../core/speakerRanking';
import { readSeed, seedNames, spanOf } from './seedCorpus';

const SEED = '000_4cb1cd4800d685dd.txt';

/** A builder of annotations on seed 000, found by their text (the n-th occurrence after `after`). */
function seedSet(text: string) {
  const set: AnnotationSet = emptyAnnotationSet();
  const entity = (needle: string, label = 'PER', after = 0): Entity => {
    const e: Entity = { id: `e${set.entities.length + 1}`, label, ...spanOf(text, needle, after), text: needle, anchor: 'ok', extra: {} };
    set.entities.push(e);
    return e;
  };
  const quotation = (needle: string, speaker: string | null = null): Quotation => {
    const q: Quotation = { id: `q${set.quotations.length + 1}`, ...spanOf(text, needle), text: needle, speaker, cue: null, anchor: 'ok', extra: {} };
    set.quotations.push(q);
    return q;
  };
  const speaker = (name: string, ...mentions: Entity[]): Speaker => {
    const s: Speaker = { id: `s${set.speakers.length + 1}`, name, aliases: [], mentions: mentions.map((m) => m.id), extra: {} };
    set.speakers.push(s);
    return s;
  };
  return { set, entity, quotation, speaker };
}

const show = (c: SpeakerChoice) => (c.kind === 'speaker' ? `speaker ${c.speaker.name}` : `new ${c.entity.text}`);

describe('speaker ranking on seed 000', () => {
  const text = seedNames().includes(SEED) ? readSeed(SEED) : '';
  beforeEach(function () {
    if (!text) this.skip();
  });

  it('offers the name before the cue first (مارك تونير), not the speaker of the quotation before; names after بين are no speakers', () => {
    // وقال المتحدث باسم الوزارة مارك تونير للصحفيين، تعليقا على المحادثات الهاتفية بين شويغو وكارتر: “نبذل جهدا …”
    const { set, entity, quotation, speaker } = seedSet(text);
    const sources = speaker('مصادر في البنتاغون');
    quotation('آليات وقف النزاع في سوريا', sources.id);
    const quote = quotation('نبذل جهدا من أجل الحصول على مزيد من المعلومات حول نوايا روسيا في سوريا');
    const toner = entity('مارك تونير');
    entity('شويغو', 'PER', toner.end);
    entity('كارتر', 'PER', toner.end);
    const ranked = rankSpeakerChoices(set, text, quote).map(show);
    assert.deepEqual(ranked.slice(0, 2), ['new مارك تونير', 'speaker مصادر في البنتاغون']);
  });

  it('prefers a speaker named in the attribution by family name (وأكد كيري) to the one before (زاخاروفا)', () => {
    const { set, entity, quotation, speaker } = seedSet(text);
    const kerry = speaker('جون كيري', entity('جون كيري'));
    const zakharova = speaker('ماريا زاخاروفا', entity('ماريا زاخاروفا'));
    quotation('لم نرفض أبدا إجراء الحوار مع الولايات المتحدة', zakharova.id);
    const quote = quotation('الرئيس الأمريكي باراك أوباما يعتبر إجراء مباحثات مع روسيا خطوة مهمة إلى الأمام');
    entity('كيري', 'PER', spanOf(text, 'وأكد كيري').start);
    entity('باراك أوباما'); // inside the quoted words: not who speaks them
    const ranked = rankSpeakerChoices(set, text, quote).map(show);
    assert.deepEqual(ranked, [`speaker ${kerry.name}`, `speaker ${zakharova.name}`]);
  });

  it('passes over a name in quote marks (لوكالة “نوفوستي”) to the subject of the cue (وقالت زاخاروفا)', () => {
    const { set, entity, quotation } = seedSet(text);
    const cue = spanOf(text, 'وقالت زاخاروفا').start;
    entity('زاخاروفا', 'PER', cue);
    entity('نوفوستي', 'ORG', cue);
    const quote = quotation('لم نرفض أبدا إجراء الحوار مع الولايات المتحدة');
    assert.deepEqual(rankSpeakerChoices(set, text, quote).map(show), ['new زاخاروفا', 'new نوفوستي']);
  });

  it('keeps the speaker in force first when the attribution names nobody (وأضاف: “…”, مضيفا أن ذلك “…”)', () => {
    const { set, entity, quotation, speaker } = seedSet(text);
    const toner = speaker('مارك تونير', entity('مارك تونير'));
    quotation('نبذل جهدا من أجل الحصول على مزيد من المعلومات', toner.id);
    const second = quotation('ضروري من أجل إقامة آليات احترازية');
    entity('موسكو', 'LOC', second.end); // after the quotation, and no person
    entity('كارتر', 'PER', spanOf(text, 'بين شويغو وكارتر').start);
    assert.deepEqual(rankSpeakerChoices(set, text, second).map(show), [`speaker ${toner.name}`, 'new كارتر']);
  });

  it('offers one new speaker per name, the nearest occurrence', () => {
    const { set, entity, quotation } = seedSet(text);
    entity('كيري', 'PER', spanOf(text, 'جون كيري').start);
    entity('كيري', 'PER', spanOf(text, 'وأكد كيري').start);
    const quote = quotation('الرئيس الأمريكي باراك أوباما يعتبر إجراء مباحثات مع روسيا خطوة مهمة إلى الأمام');
    const ranked = rankSpeakerChoices(set, text, quote);
    assert.equal(ranked.length, 1);
    assert.equal(ranked[0].kind === 'entity' && ranked[0].entity.id, 'e2');
  });
});

describe('speaker ranking across a line break', () => {
  it('reads the attribution on the line before when it ends with a colon (وقال كيري:⏎“…”), and stops at other paragraphs', () => {
    const text = 'قالت زاخاروفا: “لا”\nوقال كيري:\n“نبحث عن سبل”\nوأكد لافروف ذلك.';
    const { set, entity, quotation, speaker } = seedSet(text);
    const zakharova = speaker('زاخاروفا', entity('زاخاروفا'));
    quotation('لا', zakharova.id);
    entity('كيري');
    entity('لافروف');
    const quote = quotation('نبحث عن سبل');
    assert.deepEqual(rankSpeakerChoices(set, text, quote).map(show), ['new كيري', 'speaker زاخاروفا', 'new لافروف']);
  });
});

describe('a name typed into the speaker pick', () => {
  const set = emptyAnnotationSet();
  set.speakers.push({ id: 's1', name: 'جون كيري', aliases: ['وزير الخارجية الأمريكي'], mentions: [], extra: {} });
  const zakharova: Entity = { id: 'e1', label: 'PER', start: 0, end: 8, text: 'زاخاروفا', anchor: 'ok', extra: {} };
  const choices: SpeakerChoice[] = [{ kind: 'speaker', speaker: set.speakers[0] }, { kind: 'entity', entity: zakharova }];

  it('is offered as a new speaker, spaces tidied', () => {
    assert.equal(typedSpeakerName(set, choices, '  أحمد   الجديد '), 'أحمد الجديد');
  });

  it('is not offered when empty, or when a line for it is there already (speaker, family name, alias, entity; spelling folded)', () => {
    for (const typed of ['', '  ', 'جون كيرى', 'كيري', 'وزير الخارجية الامريكي', 'زاخاروفا']) {
      assert.equal(typedSpeakerName(set, choices, typed), undefined, `"${typed}"`);
    }
  });
});
