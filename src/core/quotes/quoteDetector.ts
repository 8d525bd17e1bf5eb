// Decides which quotation-mark pairs are quotations (someone's words) and which are names,
// titles, terms or scare quotes, following shared/gold/quotes-dev/GUIDELINES.md: "if you cannot
// name whose words they are, it is not a quotation". A pair is a quotation when a speech cue or a
// colon introduces it, a cue follows it, or it sits inside reported speech (قال … إن … «…»)
// without looking like a name (a naming noun before it, a known name, a name repeated elsewhere).

import { normalizeArabic } from '../arabicNormalize';
import { partitionPoint } from '../sortedSearch';
import { type ArticleAnalysis, type Cue, phraseEndingAt } from './articleAnalysis';
import type { QuoteMarkPair } from './quoteMarks';
import { type Token, hasArticle, isClausePunct, isSentenceEnd, stemVariants, tokenAt, withoutConjunction } from './quoteTokens';
import { givenNameGender } from './givenNames';
import { isBodyHead, isFunctionWord, isPersonTitle, isTimeWord, sourcePhraseAt } from './sourcePhrase';
import { speechCue } from './speechCues';

export type QuoteKind = 'direct' | 'partial';

/** What stands right before the opening mark. */
export type QuoteIntro = 'colon' | 'cue' | 'complementizer' | 'comma' | 'embedded';

export interface QuoteCandidate {
  pair: QuoteMarkPair;
  /** Content span (marks excluded), UTF-16. */
  start: number;
  end: number;
  kind: QuoteKind;
  intro: QuoteIntro;
  /** The cue this quotation hangs on: the nearest before it in its sentence, else one right after it. */
  cue: Cue | null;
  /** The quotation continues the reported speech of the previous sentence (وأن «…»). */
  continuation: boolean;
  /** Token index of the colon of a "Source: «…»" introduction without a verb, else -1. */
  colon: number;
  confidence: number;
}

/** Nouns after which a quoted phrase is the name of the thing: تنظيم “داعش”, فيلمها الجديد «النبي». */
const NAME_HEADS = new Set(`
  تنظيم وكاله صحيفه جريده مجله قناه موقع اذاعه شبكه فيلم افلام مسلسل برنامج برامج كتاب روايه ديوان
  قصيده اغنيه البوم مسرحيه عرض مهرجان مؤتمر ملتقي ندوه منتدي معرض مسابقه جائزه بطوله دوري كاس
  حمله مبادره مشروع مشروعات مشاريع خطه استراتيجيه عمليه مناورات قانون نظام لائحه وثيقه اتفاقيه
  معاهده سياسه شعار عنوان لقب اسم مصطلح عباره وسم هاشتاغ هاشتاق تطبيق حساب صفحه حزب حركه جماعه
  جبهه كتيبه ميليشيا ميليشيات مليشيا فصيل فريق نادي منتخب شركه مصنع مستشفي مدرسه جامعه مركز مدينه
  قريه بلده حي منطقه محافظه ولايه مطار ميناء سفينه طائره طائرات صاروخ صواريخ منظومه دبابه مركبه
  سياره منصه جهاز نظير نظيره ماركه علامه منتج دواء لقاح فيروس مفهوم مبدا فتوي تيار ائتلاف تحالف
  كتله قائمه صندوق مؤسسه جمعيه هيئه مجلس مؤشر عمله وزاره مجموعه بعثه عمليات مخيم سجن معتقل شارع
  تنظيمات منظمات احزاب حركات جماعات فرق اندية مدن قري مناطق شركات مؤسسات هيئات جمعيات مراكز قنوات مواقع صحف
  ميدان ساحه برج فندق سوق مجمع مول قصر جسر نفق مسجد كنيسه جامع كليه معهد اكاديميه اسطول وحده
  وحدات قوه قوات فرقه لواء كتائب سرايا عصائب الويه ماركات شعارات الحشد لجنه عيد يوم موسم صيغه
  عمل اعمال خليه ناديه رياضه لعبه خدمه خدمات باقه منتجات فعاليه فعاليات مسرح استاد ملعب غناء اغاني
  مطعم مقهي محل متجر قاعده مقوله حكمه
`.trim().split(/\s+/));

/** Naming heads that mark a title whatever its length: تحت شعار "…", فيلم «…», كتاب "…". */
const STRONG_NAME_HEADS = new Set('شعار عنوان فيلم مسلسل برنامج كتاب روايه ديوان قصيده اغنيه البوم مسرحيه وسم هاشتاغ هاشتاق لقب مصطلح مهرجان مؤتمر ملتقي ندوه منتدي معرض مسابقه جائزه حمله مبادره'.split(' '));

/** Kinds of titles and legal texts that open a quoted name: «قانون …», «برنامج …», «اللوائح …». */
const STRONG_TITLE_STARTS = new Set('قانون نظام لائحه لوائح اتفاقيه مشروع برنامج مبادره حمله جائزه مهرجان مؤتمر ملتقي معرض مسابقه بطوله كاس دوري ندوه منتدي شعار اعلان ميثاق معاهده استراتيجيه رؤيه'.split(' '));

const AMOUNT_WORDS = /^[وب]?(مليون|ملايين|مليار|مليارات|الف|الاف|ريال|ريالات|دولار|دولارات|يورو|درهم|دينار|جنيه|مائه|مئه|مائتي|مئات)$/;
const NUMBER_WORDS = /^[و]?(واحد|اثنين|اثنان|ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه|ست|سته|سبع|سبعه|ثماني|ثمانيه|تسع|تسعه|عشر|عشره|عشرين|ثلاثين|اربعين|خمسين|نصف|ربع)$|^[0-9]/;

/** Words that name what follows: ما يسمى بـ«…», المعروف بـ"…", تحت اسم "…". */
const NAMING_WORDS = new Set('يسمي تسمي سمي سميت يعرف تعرف المعروف المعروفه الملقب الملقبه بعنوان عنوان باسم اسم تدعي يدعي يطلق تطلق اطلق اطلقت عليه عليها شعار مسمي بمسمي تسميه عنونته عنونتها عنون بعنوانه وسمه مثل ومثل'.split(' '));

/** Names that writers put in quotation marks and that are nobody's words. */
const KNOWN_NAMES = new Set([
  'داعش', 'القاعده', 'النصره', 'حزب الله', 'حماس', 'فتح', 'طالبان', 'الحوثي', 'الحوثيين', 'الحوثيون', 'بوكو حرام',
  'الاخوان', 'الاخوان المسلمين', 'الدوله الاسلاميه', 'رويترز', 'نوفوستي', 'تاس', 'ايتار تاس', 'سانا', 'واس', 'الاناضول',
  'فرانس برس', 'اسوشيتد برس', 'اسوشييتد برس', 'سبوتنيك', 'انترفاكس', 'بلومبرغ', 'بلومبيرغ', 'سي ان ان', 'بي بي سي',
  'الجزيره', 'العربيه', 'سكاي نيوز', 'تويتر', 'فيسبوك', 'فيس بوك', 'يوتيوب', 'انستغرام', 'انستجرام', 'واتساب', 'واتس اب',
  'سناب شات', 'جوجل', 'غوغل', 'ابل', 'امازون', 'ناسا', 'الناتو', 'اوبك', 'البنتاغون', 'البنتاجون', 'الكرملين',
  'الكونغرس', 'الكونجرس', 'الموساد', 'اليونسكو', 'اليونيسف', 'الفيفا', 'الشاباك', 'حزب العمال الكردستاني', 'اسرائيل',
].map((s) => normalizeArabic(s)));

const COMPLEMENTIZERS = new Set('ان انه انها انهم انهما اننا انني بان بانه بانها بانهم بانهما باننا لان لانه لانها كان'.split(' '));
/** أن / إن / بأن / وأن …, with or without the conjunction written on it. */
function isComplementizer(norm: string): boolean {
  return COMPLEMENTIZERS.has(norm) || /^[وف]./.test(norm) && COMPLEMENTIZERS.has(norm.slice(1));
}

const PRONOUN_COMPLEMENTIZERS = new Set('انه انها انهم انهما بانه بانها بانهم بانهما لانه لانها'.split(' '));
const PREPOSITIONS = new Set('علي حول الي في فى عن من ب ل ك بغرض بهدف لاجل اجل مثل ضد نحو تجاه بين عبر مع دون بشان بخصوص حتي منذ خلال'.split(' '));
/** كان and its sisters: what follows them is a predicate, where a quoted word is someone's word. */
const COPULAS = new Set('كان كانت يكون تكون اصبح اصبحت يصبح تصبح بات باتت ظل ظلت يزال تزال زال زالت ليس ليست يعد تعد'.split(' '));

/** Words that open the continuation of the previous sentence's reported speech. */
const CONTINUATION_OPENERS = new Set('وان وانه وانها وبان وبانه كما واضاف'.split(' '));

/** How far back (in tokens) a cue keeps a quotation inside reported speech. */
const SCOPE = 45;

/** Why a pair was judged not to be a quotation (for tests and tuning). */
export type RejectReason = 'empty' | 'name-head' | 'known-name' | 'latin-or-digits' | 'addressee' | 'speaker-slot' | 'apposition'
  | 'source-name' | 'unclosed' | 'colon-without-source' | 'repeated-term' | 'lone-word' | 'no-source';

const NAME_REASONS = new Set<RejectReason>(['name-head', 'known-name', 'latin-or-digits', 'apposition', 'repeated-term']);

export function findQuotations(a: ArticleAnalysis, onReject?: (pair: QuoteMarkPair, reason: RejectReason) => void): QuoteCandidate[] {
  const out: QuoteCandidate[] = [];
  const names = new Set<number>(); // token index of the closing mark of pairs judged names
  const visit = (pair: QuoteMarkPair): void => {
    let q = classify(a, pair);
    // «الأسد الملك» أو «لايون كينغ»: a pair joined by أو / و to a name is another name.
    const o = tokenAt(a.tokens, pair.open);
    if (typeof q !== 'string' && /^(او|و)$/.test(a.tokens[o - 1]?.norm ?? '') && names.has(o - 2)) q = 'name-head';
    if (typeof q !== 'string') { out.push(q); return; }
    if (NAME_REASONS.has(q) && pair.close !== null) names.add(tokenAt(a.tokens, pair.close));
    onReject?.(pair, q);
    // A rejected outer pair (an unclosed stray) leaves its inner pairs to be judged on their own.
    for (const inner of pair.inner) visit(inner);
  };
  for (const p of a.pairs) visit(p);
  out.sort((x, y) => x.start - y.start);
  return out;
}

function classify(a: ArticleAnalysis, pair: QuoteMarkPair): QuoteCandidate | RejectReason {
  const { tokens } = a;
  if (pair.end <= pair.start) return 'empty';
  const o = tokenAt(tokens, pair.open);
  const c = pair.close === null ? -1 : tokenAt(tokens, pair.close);
  const contentEnd = c >= 0 ? c : tokenAt(tokens, pair.end);
  const content = tokens.slice(o + 1, contentEnd).filter((t) => t.kind === 'word' || t.kind === 'number');
  const words = content.length;
  if (words === 0) return 'empty';
  const contentText = a.text.slice(pair.start, pair.end);
  const contentKey = content.map((t) => t.norm).join(' ');
  const before = prevToken(tokens, o);
  const after = c >= 0 ? tokens[c + 1] : undefined;

  const cueBefore = nearestCueBefore(a, o);
  const cueAfter = c >= 0 ? cueRightAfter(a, c) : null;
  const continuation = !cueBefore && !cueAfter && continuesReportedSpeech(a, o);
  const scopeCue = cueBefore ?? (continuation ? previousSentenceCue(a, o) : null);

  const intro = introOf(a, o, before, cueBefore);
  const colon = intro === 'colon' && !cueBefore ? (before ? before.index : -1) : -1;

  // Names, titles and terms.
  if (proverbBefore(tokens, o)) return 'name-head';
  const strongHead = nameHead(tokens, o, true);
  const head = strongHead || nameHead(tokens, o, false);
  if (strongHead && words <= 12) return 'name-head';
  if (head && words <= 4) return 'name-head';
  if (words <= 4 && KNOWN_NAMES.has(stripProclitic(contentKey))) return 'known-name';
  // «عماد خليلي», «فهد المفرج»: a known given name and a family name are a person, not words.
  if (words >= 2 && words <= 4 && givenNameGender(content[0].norm) !== undefined && content.every((t) => t.kind === 'word' && !isFunctionWord(t.norm))) return 'known-name';
  if (words <= 4 && /[A-Za-z0-9\u0660-\u0669]/.test(contentText)) return 'latin-or-digits';
  // وليس "قد" يسبب: a particle in marks is a word mentioned, not said.
  if (words === 1 && isFunctionWord(content[0].norm)) return 'lone-word';
  // «إف بي آي», "د ب أ": spelled-out letters are an acronym.
  if (words >= 2 && words <= 4 && content.every((t) => t.kind === 'word' && t.norm.length <= 2)) return 'latin-or-digits';
  // "مليون ومائتي ألف ريال": an amount, nobody's words.
  if (words <= 6 && content.some((t) => AMOUNT_WORDS.test(t.norm)) && content.every((t) => AMOUNT_WORDS.test(t.norm) || NUMBER_WORDS.test(t.norm))) return 'latin-or-digits';
  // الأدميرال "معظم إلياس": a short phrase right after a person's title is the person's name.
  if (words <= 3 && intro !== 'cue' && intro !== 'colon' && before && before.kind === 'word' && isPersonTitle(before.norm) && !isFunctionWord(before.norm)) return 'apposition';
  // لـ«رويترز»: the addressee of the words, not the words. كـ"…": a comparison, no source.
  if (before && (before.norm === 'ل' || before.norm === 'ك') && words <= 4) return 'addressee';
  if (inSpeakerSlot(a, o, c, cueBefore, words)) return 'speaker-slot';
  // أعلنت "خلية الإعلام الحربي" …: a body or title in marks right after the verb is its subject;
  // elsewhere a short body or role in marks (تفكيك "خلية ارهابية") is a term. Nobody says a name.
  if (c >= 0 && words <= 5 && namesSource(a, o + 1, c)) return cueBefore && cueBefore.index === o - 1 ? 'speaker-slot' : 'name-head';
  // وأوضحت "الغذاء والدواء" في تصريح …: short marks right after a verb, with the clause going on,
  // hold its subject; a statement right after the verb closes the clause (وقالت “عاملونا كاعداء”.).
  if (cueBefore && cueBefore.index === o - 1 && cueBefore.info.kind === 'verb' && words <= 3 && after && after.kind === 'word'
    && !isFunctionWord(content[0].norm)) return 'speaker-slot';
  // «اللوائح الفيدرالية …», "قانون تنمية …": marks that open with the kind of a title hold that title.
  if (words <= 6 && stemVariants(content[0].norm).some((v) => STRONG_TITLE_STARTS.has(v))) return 'name-head';
  // عن طريق "الدجاج الانتحاري", بوفنتوس "السيدة العجوز": a short definite phrase in apposition to a noun.
  if (words <= 3 && before && before.kind === 'word' && !hasArticle(before.norm) && hasArticle(content[0].norm)
    && !isFunctionWord(before.norm) && !isComplementizer(before.norm) && !PREPOSITIONS.has(before.norm) && !speechCue(before.norm)
    && !/^[بلك]$/.test(before.norm)) return 'apposition';
  // رئيس مجتمع "جميل", مصادر «عكاظ»: a body or role named by the cue, still awaiting its genitive.
  const subject = cueBefore?.subject;
  if (words <= 3 && subject && subject.last === o - 1 && subject.kind !== 'person' && before && !hasArticle(before.norm)) return 'name-head';
  // After بحسب / نقلا عن / وفق a short quoted phrase is the source's name (بحسب «رويترز»).
  if (cueBefore && cueBefore.info.kind === 'preposition' && cueBefore.index >= o - 2 && words <= 3) return 'source-name';

  let confidence = 0;
  if (pair.close === null) {
    // An opening mark never closed: speech only right after a cue or a colon.
    if (!((intro === 'colon' || intro === 'cue') && words >= 3)) return 'unclosed';
    confidence = 0.7;
  } else if (intro === 'colon') {
    confidence = cueBefore ? 0.95 : phraseEndingAt(a, (before ? before.index : -1) - 1) ? 0.85 : 0;
    if (confidence === 0) return 'colon-without-source';
  } else if (intro === 'cue') {
    confidence = 0.95;
  } else if (cueAfter && words >= 2 && (words >= 4 || cueAfter.info.kind !== 'verb' || cueAfter.subject !== null || isClausePunct(tokens[c + 1]))) {
    // «…»، قال الوزير: a quotation before its cue; a short one glued to a bare verb is its
    // subject instead (الفيلسوف “ويليام جيمس” فيقول: …).
    confidence = 0.85;
  } else if (scopeCue) {
    // A name or term recurs; a quoted phrase opening with a particle (على مستوى عسكري) is no name.
    const repeated = words <= 3 && !content.some((t) => isFunctionWord(t.norm)) && repeatedElsewhere(a, pair, content);
    if (repeated) return 'repeated-term';
    if (words >= 3) confidence = intro === 'embedded' ? 0.75 : 0.85;
    else confidence = intro === 'embedded' ? 0.55 : 0.65;
    // A one-word quotation must at least stand where speech continues (أن تركيا «رحبت»).
    // … or after a verb of describing and بـ: ما وصفه بـ«الإرهاب», واصفا إياها بـ«…».
    const described = before?.norm === 'ب' && describedBy(a, o - 2);
    // … or as the predicate of كان and its sisters: لا تزال "غامضة".
    // … or after أنها / إنه, whose pronoun is the subject (انها "حررت" عدن).
    const predicate = before !== undefined && (COPULAS.has(withoutConjunction(before.norm)) || PRONOUN_COMPLEMENTIZERS.has(before.norm.replace(/^[وف](?=.)/, '')));
    // Right after أن a lone quoted word is the clause's subject, a term (لأن «بزنس» السياحة).
    if (words === 1 && !afterSubject(tokens, o) && !described && !predicate) return 'lone-word';
  } else {
    return 'no-source';
  }

  const cue = scopeCue ?? cueAfter;
  const kind = kindOf(a, o, c, intro, words, content, scopeCue, cueAfter !== null && cueBefore === null);
  return { pair, start: pair.start, end: pair.end, kind, intro, cue, continuation, colon, confidence };
}

function prevToken(tokens: readonly Token[], i: number): Token | undefined {
  let k = i - 1;
  while (k >= 0 && tokens[k].kind === 'break' && tokens[k - 1]?.text === ':') k--;
  return tokens[k];
}

/**
 * Nearest cue before token o in the same sentence and within SCOPE tokens. A verb inside a
 * subordinate clause (بعد أن رأى) yields to a main-clause cue before it:
 * قال فيضي إن دوستم، وبعد أن رأى …، «…» is فيضي's.
 */
function nearestCueBefore(a: ArticleAnalysis, o: number): Cue | null {
  let best: Cue | null = null, main: Cue | null = null;
  for (let k = cuesBefore(a, o - SCOPE); k < a.cues.length; k++) {
    const cue = a.cues[k];
    if (cue.index >= o) break;
    if (a.sentenceOf[cue.index] !== a.sentenceOf[o]) continue;
    best = cue;
    if (!subordinate(a, cue)) main = cue;
  }
  return best && subordinate(a, best) && main ? main : best;
}

/** A cue in a subordinate clause (بعد أن رأى), or a pretext word (بحجة): the main verb's cue is better. */
function subordinate(a: ArticleAnalysis, cue: Cue): boolean {
  return EMBEDDING.has(a.tokens[cue.index - 1]?.norm ?? '') || PRETEXTS.has(cue.info.lemma);
}

const PRETEXTS = new Set(['بحجه', 'بدعوي', 'بداعي', 'بذريعه']);

const EMBEDDING = new Set('ان لان بعدما عندما لما'.split(' '));

/** A cue just after the closing mark: «…»، قال الوزير / «…» حسب التعبير الرسمي / «…» على حد تعبيره. */
function cueRightAfter(a: ArticleAnalysis, c: number): Cue | null {
  const { tokens } = a;
  let k = c + 1;
  while (k < tokens.length && k <= c + 3 && isClausePunct(tokens[k])) k++;
  for (let n = cuesBefore(a, k); n < a.cues.length; n++) {
    const cue = a.cues[n];
    if (cue.index > k + 1) break;
    if (a.sentenceOf[cue.index] !== a.sentenceOf[c]) return null;
    // كما قال / على حد تعبيره: one connecting word is allowed.
    if (cue.index === k + 1 && !['كما', 'علي', 'وفق', 'حسبما'].includes(tokens[k].norm)) return null;
    return cue;
  }
  return null;
}

/** The sentence opens with وأن / كما أن …: it continues the previous sentence's reported speech. */
function continuesReportedSpeech(a: ArticleAnalysis, o: number): boolean {
  const { tokens, sentenceOf } = a;
  let s = o;
  while (s > 0 && sentenceOf[s - 1] === sentenceOf[o]) s--;
  if (s >= o) return false;
  const first = tokens[s].kind === 'break' ? tokens[s + 1] : tokens[s];
  if (!first || first.index >= o) return false;
  return CONTINUATION_OPENERS.has(first.norm) || first.norm === 'كما' && isComplementizer(tokens[first.index + 1]?.norm ?? '');
}

/** The last cue of the previous sentence (line breaks between them do not count). */
function previousSentenceCue(a: ArticleAnalysis, o: number): Cue | null {
  const best = a.cues[cuesBefore(a, o) - 1];
  if (!best) return null;
  let ends = 0;
  for (let k = best.index + 1; k < o; k++) {
    const t = a.tokens[k];
    if (a.pairOf[k] < 0 && t.kind === 'punct' && isSentenceEnd(t) && ++ends > 1) return null;
  }
  return best;
}

/** Number of cues before token `index` (cues are in token order). */
function cuesBefore(a: ArticleAnalysis, index: number): number {
  return partitionPoint(a.cues, (c) => c.index < index);
}

function introOf(a: ArticleAnalysis, o: number, before: Token | undefined, cue: Cue | null): QuoteIntro {
  if (!before) return 'embedded';
  if (before.text === ':') return 'colon';
  if (isComplementizer(before.norm)) return 'complementizer';
  if (before.text === '،' || before.text === ',') return cue ? gapIsAdverbial(a, cue, o) ? 'cue' : 'comma' : 'embedded';
  if (!cue) return 'embedded';
  if (cue.index === before.index) return cue.info.kind === 'preposition' ? 'embedded' : 'cue';
  if (PREPOSITIONS.has(before.norm) || PREPOSITIONS.has(withoutConjunction(before.norm))) return 'embedded';
  return gapIsAdverbial(a, cue, o) ? 'cue' : 'embedded';
}

/**
 * Between the cue (and the source it names) and the quotation stand only adverbials: وقال
 * المتحدث … للصحفيين، تعليقا على المحادثات: “…” / وأضاف كيري في تصريحات صحفية بلندن “…”.
 */
function gapIsAdverbial(a: ArticleAnalysis, cue: Cue, o: number): boolean {
  if (cue.info.kind === 'preposition') return false;
  const { tokens } = a;
  const from = (cue.subject && cue.subject.first > cue.index ? cue.subject.last : cue.index) + 1;
  if (from >= o) return true;
  if (o - from > 14) return false;
  // After adverbials a direct quotation is a whole statement: long, or closing the clause;
  // a short quoted word mid-clause (في إلزام «إسرائيل» بوقف) is governed by the last noun.
  const pair = a.pairs[a.pairOf[o]];
  if (pair) {
    const c = pair.close === null ? -1 : tokenAt(tokens, pair.close);
    const next = c >= 0 ? tokens[c + 1] : undefined;
    const closes = c < 0 || !next || isSentenceEnd(next) || isClausePunct(next);
    if (!closes && tokens.slice(o + 1, c).filter((t) => t.kind === 'word').length < 4 && tokens[o - 1].text !== ':' && tokens[o - 1].text !== '،') return false;
  }
  const first = tokens[from];
  const opensAdverbial = first.kind === 'punct' ? first.text === '،' || first.text === ',' || first.text === '(' || first.text === ':'
    : PREPOSITIONS.has(first.norm) || PREPOSITIONS.has(withoutConjunction(first.norm)) || /^[لب]/.test(first.norm) || isTimeWord(first.norm)
      || /^(تعليقا|ردا|مضيفا|قائلا)$/.test(first.norm) || first.norm === 'الي' || hasArticle(first.norm) && cue.subject === null;
  if (!opensAdverbial) return false;
  for (let k = from; k < o; k++) {
    const t = tokens[k];
    if (isComplementizer(t.norm) || isSentenceEnd(t)) return false;
    if (a.pairOf[k] >= 0 && a.pairOf[k] !== a.pairOf[o]) continue;
  }
  return true;
}

/** Tokens [from, to) are one source phrase: a title or a body with its name (خلية الإعلام الحربي). */
function namesSource(a: ArticleAnalysis, from: number, to: number): boolean {
  const p = sourcePhraseAt(a.tokens, from, to);
  return p !== null && p.headed && p.last === to - 1 && (p.kind === 'organisation' || p.kind === 'role' || p.nameStart > p.start);
}

/** A naming noun right before the mark, allowing adjectives and one proclitic between. */
function nameHead(tokens: readonly Token[], o: number, strongOnly: boolean): boolean {
  for (let m = o - 1, steps = 0; m >= 0 && steps < 4; m--, steps++) {
    const t = tokens[m];
    if (t.kind !== 'word') { if (steps === 0 && t.text === ':') continue; return false; }
    if (steps === 0 && (t.norm === 'ب' || t.norm === 'ل' || t.norm === 'ك')) continue;
    if (NAMING_WORDS.has(t.norm) && !strongOnly && steps <= 1) return true;
    const heads = strongOnly ? STRONG_NAME_HEADS : NAME_HEADS;
    // فريق, وكالة start with what looks like a conjunction: try every reading of the word.
    if (stemVariants(t.norm).some((v) => heads.has(stripSuffix(v)))) return true;
    // A body right before the marks is named by them: تلفزيون «إي بي سي», وكالة "معاً".
    if (!strongOnly && steps <= 2 && stemVariants(t.norm).some((v) => isBodyHead(v))) return true;
    if (strongOnly && NAMING_WORDS.has(t.norm) && steps <= 1 && /^(شعار|عنوان|بعنوان|اسم|باسم)$/.test(t.norm)) return true;
    // Only adjectives / genitives with the article may stand between the head and the mark.
    if (!hasArticle(t.norm) || isFunctionWord(t.norm)) return false;
  }
  return false;
}

/** المثل الشعبي القائل: «…», الحكمة: "…": a proverb or saying has no source whose words it is. */
function proverbBefore(tokens: readonly Token[], o: number): boolean {
  for (let m = o - 1, steps = 0; m >= 0 && steps < 4; m--, steps++) {
    const t = tokens[m];
    if (t.kind !== 'word') { if (t.text === ':' || t.text === '،') continue; return false; }
    if (/^[وف]?ال(مثل|امثال|حكمه|مقوله)$/.test(t.norm)) return true;
    if (!hasArticle(t.norm) || isFunctionWord(t.norm)) return false;
  }
  return false;
}

/** Pronoun suffixes cut to find the noun: فيلمها → فيلم, نظيره → نظير. */
function stripSuffix(stem: string): string {
  for (const s of ['هما', 'هم', 'ها', 'ه', 'نا']) {
    if (stem.endsWith(s) && stem.length - s.length >= 3) {
      const cut = stem.slice(0, -s.length);
      if (NAME_HEADS.has(cut)) return cut;
    }
  }
  return stem;
}

function stripProclitic(key: string): string {
  return /^[وبلكف](ال|.{3,})/.test(key) && !KNOWN_NAMES.has(key) ? key.slice(1) : key;
}

/**
 * The quoted words stand where the speaker's name goes, between the cue and its أن / colon:
 * أوضح مدير إدارة الكرة بفريق الهلال الأول «فهد المفرج» أنّ …
 */
function inSpeakerSlot(a: ArticleAnalysis, o: number, c: number, cue: Cue | null, words: number): boolean {
  if (!cue || c < 0 || words > 4 || cue.info.kind !== 'verb') return false;
  const { tokens } = a;
  // A particle (يقول «لا») is said, not a name.
  if (isFunctionWord(tokens[o + 1]?.norm ?? '')) return false;
  // An object with tanween (ما اعتبره خطابا "صادما") means the subject slot is behind us.
  for (let k = cue.index + 1; k < o; k++) if (/[\u064B-\u064D]/.test(tokens[k].text)) return false;
  // After a preposition the quoted words are its object (تساءل عن «…»), not the speaker.
  const before = tokens[o - 1];
  if (before && (PREPOSITIONS.has(before.norm) || PREPOSITIONS.has(withoutConjunction(before.norm)))) return false;
  for (let k = cue.index + 1; k < o; k++) {
    const t = tokens[k];
    if (isComplementizer(t.norm) || t.text === ':' || isSentenceEnd(t) || a.pairOf[k] >= 0) return false;
  }
  for (let k = c + 1; k < tokens.length && k <= c + 3; k++) {
    const t = tokens[k];
    if (isComplementizer(t.norm) || t.text === ':') return true;
    if (isSentenceEnd(t) || a.pairOf[k] >= 0 || speechCue(t.norm)) return false;
  }
  return false;
}

/** Token k (or the one before it, after إياه / إياها) is a cue: the quoted word is its description. */
function describedBy(a: ArticleAnalysis, k: number): boolean {
  const at = /^ايا(ه|ها|هم)$/.test(a.tokens[k]?.norm ?? '') ? k - 1 : k;
  return a.cues[cuesBefore(a, at)]?.index === at;
}

/** The mark follows "أن + subject": the quotation is the predicate (أن تركيا «رحبت»). */
function afterSubject(tokens: readonly Token[], o: number): boolean {
  const prev = tokens[o - 1], prev2 = tokens[o - 2];
  return prev?.kind === 'word' && !isFunctionWord(prev.norm) && prev2 !== undefined && isComplementizer(prev2.norm);
}

/**
 * The quoted words appear again outside quotation marks (or quoted again) beyond the headline:
 * a name or a term (داعش, الحشد الشعبي), not a phrase someone said once.
 */
function repeatedElsewhere(a: ArticleAnalysis, pair: QuoteMarkPair, content: readonly Token[]): boolean {
  const { tokens } = a;
  const n = content.length;
  const key0 = content[0].norm;
  const index = wordIndex(a);
  for (const i of [...index.bare.get(key0) ?? [], ...index.proclitic.get(key0) ?? []]) {
    if (i + n > tokens.length) continue;
    const t = tokens[i];
    if (t.start >= pair.open && t.start < (pair.close ?? pair.end) + 1) continue;
    if (t.start < a.headlineEnd) continue;
    let ok = true;
    for (let k = 1; k < n && ok; k++) ok = tokens[i + k]?.norm === content[k].norm;
    if (ok) return true;
  }
  return false;
}

/** Token indices by matching key, and of words with a proclitic (و ب ل ك ف) by the key without it. */
interface WordIndex {
  bare: Map<string, number[]>;
  proclitic: Map<string, number[]>;
}

const wordIndexes = new WeakMap<ArticleAnalysis, WordIndex>();

/** Built once per article, so that looking a phrase up elsewhere costs its occurrences, not the article. */
function wordIndex(a: ArticleAnalysis): WordIndex {
  let index = wordIndexes.get(a);
  if (index) return index;
  index = { bare: new Map(), proclitic: new Map() };
  const add = (map: Map<string, number[]>, key: string, i: number): void => {
    const list = map.get(key);
    if (list) list.push(i); else map.set(key, [i]);
  };
  for (const t of a.tokens) {
    add(index.bare, t.norm, t.index);
    if (/^[وبلكف]/.test(t.norm)) add(index.proclitic, t.norm.slice(1), t.index);
  }
  wordIndexes.set(a, index);
  return index;
}

/** First-person words: a pronoun or a word with نا (we/us/our) or ني (me) at the end. */
function hasFirstPerson(content: readonly Token[]): boolean {
  return content.some((t, k) => /^(نحن|انا|اننا|انني|لدينا|علينا|لنا|عندنا|منا|بنا)$/.test(t.norm) || /^.{3,}(نا|ني)$/.test(t.norm) && !hasArticle(t.norm)
    // لم نحصل, لن أقبل, سوف نواصل: a negated or future verb in the first person.
    || k > 0 && /^(لم|لن|لا|سوف|قد)$/.test(content[k - 1].norm) && /^[نا].{2,}$/.test(t.norm));
}

/** direct: a whole statement introduced by a cue, a colon or أن; partial: a phrase inside reported speech. */
function kindOf(a: ArticleAnalysis, o: number, c: number, intro: QuoteIntro, words: number, content: readonly Token[],
  cue: Cue | null, cueFollows: boolean): QuoteKind {
  const { tokens } = a;
  // «أن الجميع يتطلع …»: a that-clause in marks is reported speech; إنّ after قال opens direct speech.
  if (/^[وف]?أن/.test(content[0].text)) return 'partial';
  if (intro === 'colon' || intro === 'cue') return 'direct';
  const endsClause = c < 0 || !tokens[c + 1] || isSentenceEnd(tokens[c + 1]) || isClausePunct(tokens[c + 1]);
  if (cueFollows) return startsClause(tokens, o) ? 'direct' : 'partial';
  if (!endsClause) return 'partial';
  const before = tokens[o - 1];
  // …، «لكن حتى اللحظة لم نحصل على رد»: a statement in the speaker's own voice after a comma.
  if (intro === 'comma') return hasFirstPerson(content) ? 'direct' : 'partial';
  if (intro === 'complementizer') {
    // يأمل في أن «…»: the clause depends on a predicate that is not the speech verb.
    if (/^(في|فى|من)$/.test(tokens[o - 2]?.norm ?? '')) return 'partial';
    const pronoun = PRONOUN_COMPLEMENTIZERS.has(before.norm.replace(/^[وف](?=.)/, '')) || PRONOUN_COMPLEMENTIZERS.has(before.norm);
    if (pronoun) return words >= 15 || hasFirstPerson(content) ? 'direct' : 'partial';
    return words >= 6 ? 'direct' : 'partial';
  }
  // وأضاف كيري في مؤتمر صحفي مشترك مع نظيره … "…": a long adverbial gap before a whole statement.
  if (cue && cue.info.kind === 'verb' && cue.info.strong && words >= 6 && !complementizerBetween(a, cue.index, o)) return 'direct';
  return 'partial';
}

function complementizerBetween(a: ArticleAnalysis, from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if (isComplementizer(a.tokens[k].norm)) return true;
  return false;
}

function startsClause(tokens: readonly Token[], o: number): boolean {
  const prev = tokens[o - 1];
  return !prev || prev.kind === 'break' || isSentenceEnd(prev) || isClausePunct(prev);
}
