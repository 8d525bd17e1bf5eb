// Offline quotation detector: mark pairing by position, quotations versus names and terms, speaker
// attribution and grouping on the real seed dumps, and floors on the 15 dev gold articles and on
// the held-out gold, scored like shared/tools/score_quotes.py. Plain Node: no `vscode` import.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { normalizeArabic } from '../../core/arabicNormalize';
import { pairQuoteMarks, type QuoteMarkPair } from '../../core/quotes/quoteMarks';
import { detectQuotations, type QuotationDetection } from '../../core/quotes/quotations';
import { speechCue } from '../../core/quotes/speechCues';
import { repoRoot, sharedDir } from './seedCorpus';

const ROOT = repoRoot();
const SHARED = sharedDir();
const SEEDS = join(SHARED, 'corpus', 'seeds');
const GOLD = join(SHARED, 'gold', 'quotes-dev');

function readShared(path: string): string {
  assert.ok(existsSync(path), `${path} missing: set ANA_SHARED to the shared/ folder`);
  return readFileSync(path, 'utf8');
}

const seed = (prefix: string): string => {
  const name = readdirSync(SEEDS).find((n) => n.startsWith(prefix));
  assert.ok(name, `seed ${prefix}* missing in ${SEEDS}`);
  return readShared(join(SEEDS, name));
};

const contents = (text: string, pairs: QuoteMarkPair[]): string[] => pairs.map((p) => text.slice(p.start, p.end));

/** The detected quotation whose text starts with `start`, with its speaker's name. */
function quoteStarting(r: QuotationDetection, start: string): { kind: string; cue: string | null; speaker: string | null } {
  const q = r.quotations.find((x) => x.text.startsWith(start));
  assert.ok(q, `no quotation starting with «${start}»; found: ${r.quotations.map((x) => x.text.slice(0, 25)).join(' | ')}`);
  const speaker = r.speakers.find((s) => s.id === q.speaker);
  return { kind: q.kind, cue: q.cue, speaker: speaker ? speaker.name : null };
}

describe('quotation marks are paired by position', () => {
  it('pairs curly, reversed curly, ASCII, guillemets both ways, low-9 and double apostrophes', () => {
    const text = 'قال “أ ب”، وقال ”ج د“، وقال "ه و"، وقال «ز ح»، وقال »ط ي«، وقال „ك ل‟، وقال \'\'م ن\'\'.';
    assert.deepEqual(contents(text, pairQuoteMarks(text)), ['أ ب', 'ج د', 'ه و', 'ز ح', 'ط ي', 'ك ل', 'م ن']);
  });

  it('keeps a quotation nested in another inside the outer one (seed 002)', () => {
    const text = seed('002');
    const outer = pairQuoteMarks(text).find((p) => text.slice(p.start, p.end).startsWith('إن الإدارة'));
    assert.ok(outer, 'outer quotation of seed 002 not paired');
    assert.equal(text.slice(outer.start, outer.end), 'إن الإدارة “الأمريكية” ليست لديها خيار سوى الانخراط مع الروس فى هذه النقطة');
    assert.deepEqual(contents(text, outer.inner), ['الأمريكية']);
  });

  it('opens a mark glued to a proclitic letter (بـ”المهنية …” in seed 004)', () => {
    const text = seed('004');
    assert.ok(contents(text, pairQuoteMarks(text)).includes('المهنية والمركزة حصرا على تحقيق إجراءات أمنية محددة'));
  });

  it('runs an unclosed quotation to the end of its paragraph, or to the next full stop before another pair', () => {
    const a = 'وقال الوزير: «سنواصل العمل حتى النهاية\nفقرة أخرى.';
    const [p] = pairQuoteMarks(a);
    assert.equal(p.close, null);
    assert.equal(a.slice(p.start, p.end), 'سنواصل العمل حتى النهاية');
    const b = 'مضيفة: «أحب العيد كثيرا. فيما ذكرت سارة، مضيفة «نلتقي بالأهل».';
    assert.deepEqual(contents(b, pairQuoteMarks(b)), ['أحب العيد كثيرا.', 'نلتقي بالأهل']);
  });

  it('repairs a pair typed with flipped spacing (الأول» … «الذي)', () => {
    const text = 'افتتح الملتقى الأول» أمن المنشآت السياحية «الذي تنظمه الجامعة';
    assert.deepEqual(contents(text, pairQuoteMarks(text)), ['أمن المنشآت السياحية']);
  });

  it('pairs across a line break only a statement quoted over whole paragraphs', () => {
    const text = 'قال «نص بلا إغلاق\nثم «نص آخر» هنا';
    const pairs = pairQuoteMarks(text);
    assert.deepEqual(contents(text, pairs), ['نص بلا إغلاق', 'نص آخر']);
    assert.equal(pairs[0].close, null);
    // A colon, «, paragraphs without any mark, then » ending a paragraph: one statement.
    const statement = 'وقال الاتحاد في البيان: «أولا: الحفل كان في سفينة.\nثانيا: لم يحضر اللاعبون.\nثالثا: نرفض ذلك».\nوفي شأن آخر قال المدرب.';
    const [p] = pairQuoteMarks(statement);
    assert.equal(statement.slice(p.start, p.end), 'أولا: الحفل كان في سفينة.\nثانيا: لم يحضر اللاعبون.\nثالثا: نرفض ذلك');
    // Without the colon, or with a mark in a paragraph between, the quotation stays in its paragraph.
    for (const t of ['وقال الاتحاد «أولا: الحفل كان في سفينة.\nثانيا: نرفض ذلك».', 'وقال الاتحاد: «أولا: الحفل.\nوذكر «مصدر» أمرا.\nثالثا: نرفض ذلك».']) {
      assert.equal(pairQuoteMarks(t)[0].close, null, t);
    }
  });

  it('pairs two closing marks in a row: the first was glued to the cue before it', () => {
    const text = 'وقال الشاعر إن درويش أهم شاعر. وتابع" انا من عشاق درويش شعرا". مشيرا إلى الجائزة.';
    assert.deepEqual(contents(text, pairQuoteMarks(text)), ['انا من عشاق درويش شعرا']);
  });
});

describe('speech cues are recognised by morphology', () => {
  it('inflects verbs, participles and clitics', () => {
    for (const [form, kind, agreement] of [
      ['وقالت', 'verb', 'f'], ['وأضاف', 'verb', 'm'], ['يقولون', 'verb', 'pl'], ['مضيفة', 'participle', 'f'],
      ['ومؤكدا', 'participle', 'm'], ['قائلاً', 'participle', 'm'], ['وتابع', 'verb', 'm'], ['بحسب', 'preposition', 'any'],
      ['نقلا', 'preposition', 'any'], ['واستدركت', 'verb', 'f'], ['مشيرين', 'participle', 'pl'], ['ووصفها', 'verb', 'm'],
    ] as const) {
      const cue = speechCue(normalizeArabic(form));
      assert.ok(cue, `${form} is not a cue`);
      assert.equal(cue.kind, kind, form);
      assert.equal(cue.agreement, agreement, form);
    }
    // Nouns that look like inflected verbs after normalisation are no cues; أشاره / إشارة share a
    // key, so that form is flagged for the caller to check the final letter as written.
    for (const noun of ['مذكرة', 'قالب']) assert.equal(speechCue(normalizeArabic(noun)), undefined, noun);
    assert.equal(speechCue(normalizeArabic('إشارة'))?.objectHeh, true);
  });
});

describe('quotations versus names and terms on the seeds', () => {
  it('finds the eight quotations of seed 000 and not “داعش” or “نوفوستي”', () => {
    const r = detectQuotations(seed('000'));
    assert.equal(r.quotations.length, 8);
    for (const q of r.quotations) assert.ok(!['داعش', 'نوفوستي'].includes(q.text), `${q.text} taken for a quotation`);
  });

  it('attributes seed 000 with title phrases, organisations, participles and pronouns', () => {
    const r = detectQuotations(seed('000'));
    assert.deepEqual(quoteStarting(r, 'نبذل جهدا'), { kind: 'direct', cue: 'وقال', speaker: 'مارك تونير' });
    assert.deepEqual(quoteStarting(r, 'ضروري من أجل'), { kind: 'partial', cue: 'مضيفا', speaker: 'مارك تونير' });
    assert.equal(quoteStarting(r, 'آليات وقف النزاع').speaker, 'مصادر في وزارة الدفاع الأمريكية');
    assert.equal(quoteStarting(r, 'لم نرفض أبدا').speaker, 'ماريا زاخاروفا');
    // وأضاف: “…” with no name: the speaker in force, the American diplomat Kerry.
    assert.deepEqual(quoteStarting(r, 'نبحث عن سبل'), { kind: 'direct', cue: 'وأضاف', speaker: 'جون كيري' });
  });

  it('groups the mentions of one speaker under the fullest name (كيري → جون كيري)', () => {
    const text = seed('000');
    const r = detectQuotations(text);
    const kerry = r.speakers.find((s) => s.name === 'جون كيري');
    assert.ok(kerry, `no speaker جون كيري: ${r.speakers.map((s) => s.name).join(', ')}`);
    assert.ok(kerry.aliases.includes('كيري'));
    assert.equal(r.quotations.filter((q) => q.speaker === kerry.id).length, 3);
    for (const m of kerry.mentionSpans) assert.match(text.slice(m.start, m.end), /كيري|الدبلوماسي/);
  });

  it('reads Egyptian spelling and the nested quotation of seed 002', () => {
    const r = detectQuotations(seed('002'));
    assert.ok(!r.quotations.some((q) => q.text === 'البنتاجون' || q.text === 'الأمريكية' || q.text === 'السيسي وبوتين'));
    const kerry = quoteStarting(r, 'إن المحادثات العسكرية');
    assert.deepEqual(kerry, { kind: 'direct', cue: 'قوله', speaker: 'جون كيرى' });
    assert.equal(quoteStarting(r, 'صراحة إن تركيزنا').speaker, 'جون كيرى');
    assert.equal(quoteStarting(r, 'إن الإدارة “الأمريكية”').speaker, 'جوليان سميث');
    assert.equal(quoteStarting(r, 'التصعيد العسكرى الروسى').speaker, 'صحيفة واشنطن بوست الأمريكية');
  });

  it('tells the headline term from the quoted phrase in ASCII marks (seed 001)', () => {
    const text = seed('001');
    const r = detectQuotations(text);
    const clash = r.quotations.filter((q) => q.text === 'تفادي الصدام');
    assert.equal(clash.length, 1);
    assert.ok(clash[0].start > text.indexOf('\n'), 'the headline occurrence is a term, not a quotation');
    assert.equal(quoteStarting(r, 'لا يزال مستعدا').speaker, 'البيت الأبيض');
    assert.equal(quoteStarting(r, 'لهذا السبب').cue, 'مضيفا');
  });

  it('attributes the glued بـ”…” description and a quotation before its participle (seed 004)', () => {
    const r = detectQuotations(seed('004'));
    assert.ok(!r.quotations.some((q) => q.text === 'البنتاغون' || q.text === 'داعش'));
    assert.deepEqual(quoteStarting(r, 'المهنية والمركزة'), { kind: 'partial', cue: 'واصفا', speaker: 'جيف ديفيس' });
    assert.equal(quoteStarting(r, 'لكن حتى اللحظة').speaker, 'فلاديمير بوتين');
    assert.equal(quoteStarting(r, 'لا مصلحة لها').speaker, 'جوش إرنست');
  });

  it('resolves a pronoun to the latest speaker of the same gender', () => {
    const text = 'وقال أحمد العلي: «سنبدأ غدا». وقالت سارة الأحمد: «نحن جاهزون». وأضاف: «لن نتأخر».';
    const r = detectQuotations(text);
    assert.equal(quoteStarting(r, 'لن نتأخر').speaker, 'أحمد العلي');
    assert.equal(quoteStarting(r, 'نحن جاهزون').speaker, 'سارة الأحمد');
  });

  it('handles quotations after their cue, after a colon without a verb, and described words', () => {
    const after = detectQuotations('«سنواصل دعم الشعب اليمني حتى النهاية»، قال وزير الخارجية عادل الجبير.');
    assert.deepEqual(quoteStarting(after, 'سنواصل دعم'), { kind: 'direct', cue: 'قال', speaker: 'عادل الجبير' });
    const colon = detectQuotations('وزارة الخارجية: «لن نقبل بأي تدخل في شؤوننا»');
    assert.equal(quoteStarting(colon, 'لن نقبل').speaker, 'وزارة الخارجية');
    const described = detectQuotations('وانتقد الوزير خالد العلي ما وصفه بـ«التدخل» في شؤون بلاده، وقال إن الوضع لا يزال "غامضا".');
    assert.equal(quoteStarting(described, 'التدخل').speaker, 'خالد العلي');
    assert.equal(quoteStarting(described, 'غامضا').kind, 'partial');
  });

  it('does not take names, titles or amounts in marks for quotations', () => {
    const text = 'وقال المتحدث باسم الشركة إن برنامج «خادم الحرمين للابتعاث» وتطبيق "MySTC" ومبلغ "مليون ريال" '
      + 'وصحيفة «واشنطن بوست» ومنظمة "هيومن رايتس ووتش" ومدينة «سالزبورغ» و«إف بي آي» ليست أسماء يقولها أحد.';
    assert.deepEqual(detectQuotations(text).quotations.map((q) => q.text), []);
  });

  it('finds the subject after an addressee in marks, behind an honorific pronoun and after أما', () => {
    const a = detectQuotations('أوضح لـ«عكاظ» المشرف العام على الفريق الأول منصور البلوي أن «اللاعب تم الاتفاق معه مبدئيا على توقيع العقد بعد الفحص».');
    assert.equal(quoteStarting(a, 'اللاعب تم').speaker, 'منصور البلوي');
    const b = detectQuotations('ونقل الأمير محمد بن نايف تعازي خادم الحرمين الشريفين لأسر الشهداء.\nوقال سموه: ” إن هذه الحوادث لن تثني عزائمنا في المواجهة “.');
    assert.equal(quoteStarting(b, 'إن هذه الحوادث').speaker, 'محمد بن نايف');
    const c = detectQuotations('قال صالح إنه يأتي كل يوم. أما أمين العلي فقد أكد حرصه على الحضور،وقال « المكان يعكس الماضي الجميل لتاريخ الأحساء «، بينما شكر آخرون الهيئة.');
    assert.equal(quoteStarting(c, 'المكان يعكس').speaker, 'أمين العلي');
  });

  it('takes a bare title no name carries for the person who spoke last (SaudiNewsNet 2015-08-08_00244)', () => {
    const text = 'وقال بليجريني عبر موقع النادي الرسمي "أنا فخور لأنني أدرب نادي مانشستر سيتي".\n'
      + 'وقال المدرب "الموسم الجيد بالنسبة لفريق كبير يرتبط دوما بالفوز ببطولة".';
    assert.equal(quoteStarting(detectQuotations(text), 'الموسم الجيد').speaker, 'بليجريني');
    // A title of the other gender does not take him: وقالت المدربة is someone else.
    const she = detectQuotations(text.replace('وقال المدرب', 'وقالت المدربة'));
    assert.notEqual(quoteStarting(she, 'الموسم الجيد').speaker, 'بليجريني');
  });

  it('takes the name in apposition after a description and its relative clause (SaudiNewsNet 2015-08-10_01287)', () => {
    const text = 'وفي المقابل، تمسك أحد نواب التحالف الذين صوتوا ضد إجراء المفاوضات مع اليونان، كريستيان فون شتيتن، بموقفه، '
      + 'وقال في تصريحات لصحيفة "بيلد" الألمانية: "هذا التهديد لن يؤثر في إطلاقا".';
    assert.equal(quoteStarting(detectQuotations(text), 'هذا التهديد').speaker, 'كريستيان فون شتيتن');
    // Without the relative clause the words after the comma are no apposition of the description.
    const plain = detectQuotations(text.replace('الذين صوتوا ضد إجراء المفاوضات مع اليونان، كريستيان فون شتيتن،', ''));
    assert.equal(quoteStarting(plain, 'هذا التهديد').speaker, 'أحد نواب التحالف');
  });

  it('takes a body named by its kind for the body of that kind named before (SaudiNewsNet 2015-07-24_00990)', () => {
    const text = 'الصحافة الجزائرية من جهتها علقت على أقوال الرئيس الفرنسي السابق، إذ ذكر موقع «كل شيء عن الجزائر» أن تصريحات ساركوزي هدفها إزعاج الرئيس الحالي.\n'
      + 'وقال الموقع «إن تصريحات ساركوزي تهدف أيضاً إلى إرضاء بعض الفرنسيين».';
    assert.equal(quoteStarting(detectQuotations(text), 'إن تصريحات').speaker, 'موقع «كل شيء عن الجزائر»');
    // A kind followed by a common noun (شركة التدوين) is no name: الشركة stays itself.
    const kind = detectQuotations('وقالت شركة التدوين إنها تحقق في الأمر.\nوقالت الشركة: «نحن نراجع المحتوى الذي نشره المستخدم على المدونة».');
    assert.equal(quoteStarting(kind, 'نحن نراجع').speaker, 'الشركة');
  });

  it('gives a plural verb after a comma the plural subject of the clause before (SaudiNewsNet 2015-08-07_00192)', () => {
    const text = 'والهجوم هو «عملية احتجاز رهائن» بحسب المصدر الذي قال إن عسكريين ماليين طوقوا الفندق، أفادوا عن «قتيلين وثلاثة جرحى في صفوفهم» فيما قتل رجل.';
    assert.equal(quoteStarting(detectQuotations(text), 'قتيلين وثلاثة').speaker, 'عسكريين ماليين');
    // A full stop instead of the comma ends the clause: the next sentence's verb does not share its subject.
    const alone = detectQuotations(text.replace('الفندق، أفادوا', 'الفندق. أفادوا'));
    assert.notEqual(quoteStarting(alone, 'قتيلين وثلاثة').speaker, 'عسكريين ماليين');
  });

  it('gives a verse quoted as God\'s words the Quran the article names (SaudiNewsNet 2015-08-01_00019)', () => {
    const text = 'ومن هنا راعى القرآن هذه القضية، حيث قال جلّ وعزّ: “فلا تميلوا كل الميل”، وقال أيضاً: “ولن تعدلوا بين النساء ولو حرصتم”.';
    const r = detectQuotations(text);
    assert.equal(quoteStarting(r, 'فلا تميلوا').speaker, 'القرآن');
    assert.equal(quoteStarting(r, 'ولن تعدلوا').speaker, 'القرآن');
    // Written with a preposition, the mention is the word from its article on.
    assert.equal(quoteStarting(detectQuotations(text.replace('راعى القرآن', 'اهتم بالقرآن')), 'فلا تميلوا').speaker, 'القرآن');
  });

  it('does not take a proverb for anybody\'s words', () => {
    const r = detectQuotations('وأعلنوا أنهم سيردون على الموقع، فقلت في نفسي: جاءت على الطعمية، وحضرني المثل الشعبي القائل: «يضيع المستكى ويحافظ على الورق»!');
    assert.deepEqual(r.quotations.map((q) => q.text), []);
  });

  it('returns UTF-16 spans whose text is the content between the marks', () => {
    const text = seed('003');
    for (const q of detectQuotations(text).quotations) {
      assert.equal(text.slice(q.start, q.end), q.text);
      assert.ok(!/^[\s"“”«»]|[\s"“”«»]$/.test(q.text), `span of «${q.text.slice(0, 20)}» includes a mark or a space`);
    }
  });
});

// ---- floor on the dev gold, scored like shared/tools/score_quotes.py ---------------------------

interface GoldQuote { quote: string; occurrence?: number; speaker?: string | null; speaker_canonical?: string | null }

/** score_quotes.py norm(): no diacritics, one alef, ي, ه, Egyptian ج folded, no proclitic و/ف. */
function scorerNorm(s: string | null | undefined): string {
  let t = (s ?? '').replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, '');
  t = t.replace(/[إأآٱ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه').replace(/گ/g, 'ك').replace(/ج/g, 'غ');
  t = t.replace(/[^\p{L}\p{N}_\s]/gu, ' ');
  return t.split(/\s+/).filter(Boolean).map((w) => w.replace(/^[وف](?=ال|[^ا]{3,})/, '')).join(' ');
}

interface Score { f1: number; speaker: number; tp: number; exact: number }

/** Scores the detector on every gold file of `goldDirs`, reading each article with `article`. */
function scoreGold(goldDirs: string[], article: (name: string) => string): Score {
  let tp = 0, fp = 0, fn = 0, spOk = 0, spN = 0, exact = 0;
  const strip = (t: string) => t.replace(/^[\s.,،:؛"“”«»]+|[\s.,،:؛"“”«»]+$/g, '');
  const files = goldDirs.flatMap((dir) => readdirSync(dir).filter((n) => n.endsWith('.gold.yaml')).sort().map((n) => join(dir, n)));
  assert.ok(files.length > 0, `no gold files in ${goldDirs.join(', ')}`);
  for (const file of files) {
    const gold = parseYaml(readFileSync(file, 'utf8')) as { article: string; quotes: GoldQuote[] | null };
    const text = article(gold.article);
    const gs = (gold.quotes ?? []).map((q) => {
      let at = -1;
      for (let k = 0; k < (q.occurrence ?? 1); k++) at = text.indexOf(q.quote, at + 1);
      assert.ok(at >= 0, `gold quote not found: ${q.quote.slice(0, 40)}`);
      return { start: at, end: at + q.quote.length, q };
    });
    const r = detectQuotations(text);
    const names = new Map(r.speakers.map((s) => [s.id, s.name]));
    const ps = r.quotations.map((q) => ({ start: q.start, end: q.end, name: q.speaker ? names.get(q.speaker) ?? null : null }));
    const pairs: Array<[number, number, number]> = [];
    gs.forEach((x, gi) => ps.forEach((y, pi) => {
      const inter = Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
      const union = Math.max(x.end, y.end) - Math.min(x.start, y.start);
      if (union && inter / union >= 0.5) pairs.push([inter / union, gi, pi]);
    }));
    pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
    const ug = new Set<number>(), up = new Set<number>();
    for (const [, gi, pi] of pairs) {
      if (ug.has(gi) || up.has(pi)) continue;
      ug.add(gi); up.add(pi); tp++;
      if (strip(text.slice(gs[gi].start, gs[gi].end)) === strip(text.slice(ps[pi].start, ps[pi].end))) exact++;
      const gq = gs[gi].q;
      if (!gq.speaker_canonical) continue;
      spN++;
      const p = scorerNorm(ps[pi].name);
      const refs = [scorerNorm(gq.speaker), scorerNorm(gq.speaker_canonical)];
      if (p && refs.some((ref) => ref && (p.includes(ref) || ref.includes(p)))) spOk++;
    }
    fp += ps.length - up.size;
    fn += gs.length - ug.size;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0, recall = tp + fn ? tp / (tp + fn) : 0;
  return { f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, speaker: spN ? spOk / spN : 0, tp, exact };
}

const scoreDev = (): Score => scoreGold([join(GOLD, 'gold')], (name) => readShared(join(GOLD, 'articles', name)));

interface Floors { quotes: { f1: number; speaker: number }; quotesHeldout: { f1: number; speaker: number } }
const floors = (): Floors => JSON.parse(readFileSync(join(ROOT, 'test-floors.json'), 'utf8')) as Floors;

/**
 * Held-out SaudiNewsNet articles (src/test/fixtures/quotes-heldout): the gold is in the repository,
 * the texts in shared/ (sample_300, or articles.jsonl.gz rebuilt as title, blank line, content).
 */
function heldOutArticle(): (name: string) => string {
  const data = join(SHARED, 'data', 'saudinewsnet');
  let corpus: Map<string, string> | undefined;
  return (name) => {
    const sample = join(data, 'sample_300', name);
    if (existsSync(sample)) return readFileSync(sample, 'utf8');
    // Lines by id (the first field), parsed only when asked for: 30k JSON parses would dominate.
    corpus ??= new Map(gunzipSync(readFileSync(join(data, 'articles.jsonl.gz'))).toString('utf8').split('\n')
      .map((line): [string, string] => [/^\{"id": ?"([^"]+)"/.exec(line)?.[1] ?? '', line]));
    const line = corpus.get(name.replace(/\.txt$/, ''));
    assert.ok(line !== undefined, `${name} is neither in sample_300 nor in articles.jsonl.gz under ${data}`);
    const a = JSON.parse(line) as { title: string; content: string };
    return `${a.title}\n\n${a.content}\n`;
  };
}

describe('quotation detector on the dev gold', () => {
  it('keeps quotation F1 and speaker accuracy above the floors in test-floors.json', () => {
    const s = scoreDev();
    const f = floors().quotes;
    assert.ok(s.f1 >= f.f1, `quotation F1 ${s.f1.toFixed(3)} fell below the floor ${f.f1}`);
    assert.ok(s.speaker >= f.speaker, `speaker accuracy ${s.speaker.toFixed(3)} fell below the floor ${f.speaker}`);
    assert.equal(s.exact, s.tp, 'every matched quotation has exactly the gold boundaries');
  });
});

describe('quotation detector on the held-out gold (articles it was not tuned on)', () => {
  it('keeps quotation F1 and speaker accuracy above the held-out floors in test-floors.json', () => {
    const dir = join(ROOT, 'src', 'test', 'fixtures', 'quotes-heldout');
    const s = scoreGold([join(dir, 'sample300'), join(dir, 'unseen')], heldOutArticle());
    const f = floors().quotesHeldout;
    assert.ok(s.f1 >= f.f1, `held-out quotation F1 ${s.f1.toFixed(3)} fell below the floor ${f.f1}`);
    assert.ok(s.speaker >= f.speaker, `held-out speaker accuracy ${s.speaker.toFixed(3)} fell below the floor ${f.speaker}`);
  });
});
