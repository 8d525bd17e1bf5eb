// Speaker records the suggester writes for one article ({name, aliases}): which mentions are one
// person, and which aliases say who the person is. Sentences from SaudiNewsNet articles (2015).
import * as assert from 'node:assert/strict';
import { detectQuotations } from '../../core/quotes/quotations';

/** The speaker record of the quotation starting with `start`. */
function speakerOf(text: string, start: string): { name: string; aliases: string[] } {
  const r = detectQuotations(text);
  const q = r.quotations.find((x) => x.text.startsWith(start));
  assert.ok(q, `no quotation starting with «${start}»`);
  const s = r.speakers.find((x) => x.id === q.speaker);
  assert.ok(s, `no speaker for «${start}»`);
  return { name: s.name, aliases: s.aliases };
}

describe('speaker records of one article', () => {
  it('keeps two persons with one family name apart (سارة أوباما is not باراك أوباما)', () => {
    const text = 'سيزور الرئيس الأمريكي باراك أوباما كينيا، لكن كوغيلو التي ولد فيها والده لا تقع في برنامج الزيارة.\n'
      + 'وعن ما ذا ستقدم الجدة لحفيدها إذا زارها، قالت السيدة سارة أوباما: "سأقدم له ما يشاء من طعام".';
    const s = speakerOf(text, 'سأقدم له');
    assert.equal(s.name, 'سارة أوباما');
    assert.ok(!s.aliases.some((x) => x.includes('باراك')), s.aliases.join(' | '));
  });

  it('joins a family name to the only full name that ends with it (كيري → جون كيري)', () => {
    const text = 'وقال وزير الخارجية الأمريكي جون كيري إن بلاده تدعم الحل.\nوقال كيري: "نبحث عن سبل لوقف النزاع".';
    const s = speakerOf(text, 'نبحث عن سبل');
    assert.equal(s.name, 'جون كيري');
    assert.ok(s.aliases.includes('كيري'));
  });

  it('joins a bare family name to neither of two full names that end with it', () => {
    const text = 'وقال الأمير سعود الفيصل: "أستميحكم عذرا".\nوقال الأمير تركي الفيصل: "كان لقاء مؤثرا".\nوقال الفيصل: "الصورة واضحة".';
    const turki = speakerOf(text, 'كان لقاء');
    assert.equal(turki.name, 'تركي الفيصل');
    assert.ok(!turki.aliases.some((x) => x.includes('سعود')), turki.aliases.join(' | '));
    assert.ok(!turki.aliases.includes('الفيصل'), turki.aliases.join(' | '));
    assert.equal(speakerOf(text, 'أستميحكم').name, 'سعود الفيصل');
    assert.ok(!['تركي الفيصل', 'سعود الفيصل'].includes(speakerOf(text, 'الصورة واضحة').name));
  });

  it('writes no bare title, role or part of a compound name as an alias', () => {
    const text = 'أكد القائد العسكري اللواء عبد الله أن الوضع مستقر.\nوقال اللواء عبد الله: "لن نتراجع".';
    const s = speakerOf(text, 'لن نتراجع');
    assert.equal(s.name, 'عبد الله');
    for (const bad of ['الله', 'اللواء', 'القائد العسكري']) assert.ok(!s.aliases.includes(bad), s.aliases.join(' | '));
    assert.ok(s.aliases.includes('اللواء عبد الله'), s.aliases.join(' | '));
  });

  it('writes no alias with a title after the name, which names whoever holds the title', () => {
    const text = 'قال وزير الخارجية الأمريكي جون كيري إن بلاده تدعم الحل. وقال جون كيري وزير الخارجية الأمريكي إن الحل قريب. وأضاف كيري: "نبحث عن سبل".';
    const s = speakerOf(text, 'نبحث عن سبل');
    assert.equal(s.name, 'جون كيري');
    assert.ok(s.aliases.includes('وزير الخارجية الأمريكي جون كيري'), s.aliases.join(' | '));
    assert.ok(!s.aliases.includes('جون كيري وزير الخارجية الأمريكي'), s.aliases.join(' | '));
  });

  it('writes a family name that is also a given name (مبارك) only with the rest of the name', () => {
    const text = 'قال الرئيس الأسبق حسني مبارك إن الوضع صعب. وأضاف مبارك: "لا حل قريبا".';
    const s = speakerOf(text, 'لا حل قريبا');
    assert.equal(s.name, 'حسني مبارك');
    assert.deepEqual(s.aliases, ['الرئيس الأسبق حسني مبارك']);
  });

  it('names a record by its fullest personal name, not by a given name alone', () => {
    const text = 'وقال الشيخ محمد أمين: "الصلح خير".';
    const s = speakerOf(text, 'الصلح خير');
    assert.equal(s.name, 'محمد أمين');
    assert.ok(!s.aliases.includes('محمد'), s.aliases.join(' | '));
  });

  it('takes no common noun before a name into it (حلفاء أوباما, بقدوم كيري)', () => {
    const text = 'وقال الرئيس الأمريكي باراك أوباما: "الاتفاق جيد".\nوقال حلفاء أوباما: "نحن قلقون".';
    const s = speakerOf(text, 'الاتفاق جيد');
    assert.equal(s.name, 'باراك أوباما');
    assert.ok(!s.aliases.some((x) => x.includes('حلفاء')), s.aliases.join(' | '));
  });

  it('opens no name with a noun after ل in construct (لكرة القدم)', () => {
    const text = 'قال المتحدث باسم الاتحاد البوليفي لكرة القدم إن الفريق جاهز. وأضاف: "لن ننسحب".';
    const s = speakerOf(text, 'لن ننسحب');
    assert.match(s.name, /^المتحدث باسم الاتحاد البوليفي/);
    assert.ok(![s.name, ...s.aliases].includes('لكرة القدم'), [s.name, ...s.aliases].join(' | '));
  });

  it('gives a name after ل + title to that title, not to the role before it', () => {
    const text = 'وقالت مستشارة الأمن القومي للرئيس أوباما: "سنواصل الضغط".\nوقال الرئيس الأمريكي باراك أوباما: "الاتفاق جيد".';
    const obama = speakerOf(text, 'الاتفاق جيد');
    assert.ok(!obama.aliases.some((x) => x.includes('مستشارة')), obama.aliases.join(' | '));
    assert.notEqual(speakerOf(text, 'سنواصل').name, 'أوباما');
  });
});
