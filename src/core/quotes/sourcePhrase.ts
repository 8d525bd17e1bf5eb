// Noun phrases that name the source of a quotation: a title or body followed by a personal name
// (المتحدث باسم الوزارة مارك تونير), a bare name (زاخاروفا), an organisation (صحيفة واشنطن بوست
// الأمريكية, مجلس شيوخ عشائر قضائي الفلوجة والكرمة) or a role (مصادر في وزارة الدفاع, المدير
// الإداري للمركز). Rules work on token shape: the article ال, the vocabulary below, punctuation.

import { normalizeArabic } from '../arabicNormalize';
import type { Agreement } from './speechCues';
import { speechCue } from './speechCues';
import { givenNameGender } from './givenNames';
import { bareStem, hasArticle, type Token, withoutConjunction } from './quoteTokens';

export type SourceKind = 'person' | 'organisation' | 'role';

export interface SourcePhrase {
  /** Token range [first, last] of the whole mention. */
  first: number;
  last: number;
  /** UTF-16 span of the mention as written. */
  start: number;
  end: number;
  /** UTF-16 span of the canonical part: the personal name when there is one, else the mention. */
  nameStart: number;
  nameEnd: number;
  kind: SourceKind;
  /** Led by a title or a body word, or carrying a personal name: not just one word with the article. */
  headed: boolean;
  gender: Agreement;
  /** Short names given in apposition: وزارة الدفاع الأمريكية (البنتاغون) → البنتاغون. */
  aliases: Array<{ start: number; end: number }>;
}

const set = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/).map((w) => normalizeArabic(w)));

/** Titles and roles of persons (bare stems). Feminine forms end in ة. */
const PERSON_TITLES = set(`
  متحدث متحدثة ناطق ناطقة وزير وزيرة رئيس رئيسة نائب نائبة مدير مديرة مستشار مستشارة سفير سفيرة
  مبعوث مبعوثة مندوب مندوبة ممثل ممثلة مسؤول مسؤولة مسئول مسئولة قائد قائدة زعيم زعيمة أمين أمينة
  أستاذ أستاذة دكتور دكتورة شيخ شيخة أمير أميرة ملك ملكة سمو معالي فخامة سعادة محلل محللة خبير خبيرة
  عضو عضوة مراسل مراسلة قاضي قاضية محافظ عمدة نجم نجمة فنان فنانة لاعب لاعبة مدرب مدربة مؤسس
  مؤسسة منسق منسقة وكيل وكيلة مساعد مساعدة كاتب كاتبة صحفي صحفية صحافي صحافية طبيب طبيبة مهندس
  مهندسة عقيد لواء عميد جنرال أدميرال مشير نقيب رائد مقدم بروفيسور سيد سيدة حاج باحث باحثة
  محامي محامية ناشط ناشطة قيادي قيادية مفتي إمام مطران بابا بطريرك كاردينال مرشد مرشح مرشحة
  سيناتور سناتور مخرج مخرجة مطرب مطربة مغني مغنية كابتن ممثلو مسؤولو رئيسا وزيرا نائبا المرجع
  مرجع داعية أحد إحدى أعضاء نواب قادة زعماء وزراء مسؤولون مسؤولين مسئولون مسئولين خبراء محللون
  محللين ناشطون ناشطين شهود شاهد سكان مراقبون مراقبين متحدثون مصدر مصادر مواطن مواطنة لواء
  الراحل الراحلة الفنان الفنانة البروفيسور الأديب أديب شاعر شاعرة روائي روائية ملحق مفوض مفوضة
  مراقب مراقبة منسقو موظف موظفة موظفون ولي دبلوماسي دبلوماسية دبلوماسيون سياسي آخرون آخرين مغردون
  ناشطون متابعون مختصون مختصين أكاديمي أكاديمية اقتصادي اقتصاديون مهاجم مدافع حارس هداف
  طالب طالبة معلم معلمة مبتعث مبتعثة مؤلف مؤلفة مشرف مشرفة
`);

/** Heads of organisation names and of official bodies (bare stems). */
const BODY_HEADS = set(`
  وزارة صحيفة جريدة مجلة وكالة مجلس هيئة منظمة حكومة بيت خارجية داخلية كرملين بنتاغون بنتاجون
  جيش قيادة مكتب شركة جامعة مركز لجنة اتحاد حزب حركة جماعة تنظيم تحالف برلمان محكمة نيابة شرطة
  إدارة سلطة سلطات مديرية أمانة بعثة مفوضية قناة إذاعة تلفزيون تلفزيونية رابطة نقابة جمعية مؤسسة
  معهد بنك مصرف صندوق بلدية ائتلاف جبهة كتلة قوات أمم رئاسة ديوان كونغرس كونجرس مجموعة منتدى
  مرصد دار دائرة مصلحة جهاز شعبة فرع غرفة بيان هيئات أجهزة لجان مجالس وزارات حكومات وكالات صحف
  خلية نادي منتخب فريق اتحادات شرطة صحافة موقع
`);

/** Nouns that continue a construct chain inside a title (وزير خارجية روسيا, مدير عام). */
const CONSTRUCT_NOUNS = set(`
  خارجية داخلية دفاع شؤون وزراء عام عامة أول سابق سابقة رسمي رسمية إعلامي إعلامية إدارة قسم
  فريق نادي منتخب اتحاد أركان عمليات أمن مجلس دولة جمهورية مملكة إمارة عموم شعبة حرس
`);

/** Nouns of a speech event or document: after them the phrase ends (في تصريحات صحفية). */
const SPEECH_NOUNS = set(`
  تصريح تصريحات حديث مؤتمر كلمة كلمته بيان خطاب مقابلة لقاء رسالة تغريدة تدوينة منشور
  تقرير مقال اجتماع زيارة جلسة اتصال مكالمة ندوة تعليق رد سياق
`);

/** Whom words are addressed to: after a name, ل + these ends the phrase (للصحفيين, لوكالة). */
const AUDIENCE = set(`
  صحفيين صحافيين صحافة صحف وسائل وكالة صحيفة قناة تلفزيون إذاعة موقع جريدة مجلة مراسل مراسلين
  إعلاميين إعلام شبكة
`);

/** Words that never belong to a name phrase (particles, pronouns, prepositions, adverbs). */
const FUNCTION_WORDS = set(`
  أن إن أنه إنه أنها إنها أنهم إنهم بأن بأنه بأنها بأنهم لأن لأنه كأن إلى الى على عن في فى من مع
  خلال أثناء اثناء بعد قبل عند حول ضد منذ حتى لدى تجاه نحو عبر بين دون الذي التي الذين اللذين
  اللذان اللتان اللواتي اللاتي اللائي قد لقد لا لم لن ما ماذا كما حيث فيما بينما إذ إذا لكن لكنه
  ولكن أو أم ثم هذا هذه ذلك تلك هؤلاء هو هي هم هن نحن أنا أيضا أمس اليوم غدا الآن حاليا مساء صباح
  يوم يومي مرارا مجددا كذلك كل جميع بعض وقت سابق لاحق مؤخرا إنما ليس كان كانت يكون تكون أمام
  وراء فوق تحت داخل خارج ضمن عليه عليها إليه إليها منه منها فيه فيها له لها لهم به بها وهو وهي
  هناك هنا أي أية غير سوى كيف متى أين لماذا لدي عندما بشأن بخصوص وفق حسب بحسب نقلا وفقا طبقا
  إذن أما إما أكثر أقل جدا فقط تعليقا ردا يتعلق إنّ أنّ إلا بل ب ل ك و ف ضمن لدى وسط إثر عقب جراء
  لما مما كلما ربما إياه إياها إياهم صلى رضي رحمه
`);

/** Time words: a phrase ends before them (وقال أردوغان الجمعة). */
const TIME_WORDS = set(`
  الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت أمس اليوم غدا مساء صباح ظهر ليلة
  يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار
  نيسان أيار حزيران تموز آب أيلول تشرين الماضي المقبل الحالي الجاري مرارا مجددا أيضا كذلك سابقا لاحقا
  حينها حينذاك آنذاك الآونة الأخيرة أخيرا قريبا لاحقا الشهر الأسبوع السنة الليلة
`);

/** Links inside a personal name: بن, آل, عبد, أبو. */
const NAME_LINKS = set('بن ابن بنت آل عبد أبو أبي أم ذو');

/** Heads after which في / بـ / من introduce where the source sits: مصادر في البنتاغون, مصدر بالجيش. */
const SITUATED_HEADS = set(`
  مصدر مصادر مسؤول مسؤولة مسؤولون مسؤولين مسئول مسئولة مسئولون مسئولين عضو أعضاء أحد إحدى ممثل
  ممثلو ممثلين متحدث ناطق خبير خبراء مراقبون شهود سكان قيادي قياديون موظف موظفون دبلوماسي دبلوماسيون
  دبلوماسيين
`);

/** Honorifics written right before a name without the article: سمو الأمير, معالي الدكتور, د. */
const HONORIFICS = set('سمو معالي فخامة سعادة د م أ الحاج سيد سيدة السيد السيدة شيخ الشيخ');
const ABBREVIATED_TITLES = set('د م أ');

/** Relations written after a name as its apposition (عوضة الضورة عمّ نايف): they end a name. */
const RELATIONS = set('عم عمة خال خالة والد والدة شقيق شقيقة زوج زوجة نجل نجلة أخ أخت ابنة جد جدة حفيد');

const FEMININE_PLURAL_HEADS = set('مصادر سلطات قوات أوساط جهات دوائر وسائل');

export function isFunctionWord(norm: string): boolean {
  return FUNCTION_WORDS.has(norm) || FUNCTION_WORDS.has(withoutConjunction(norm));
}

/** Like isFunctionWord, but the name علي (final ي as written) is no preposition على. */
function isParticle(t: Token): boolean {
  if (/^[وف]?علي$/.test(t.text)) return false;
  return isFunctionWord(t.norm);
}
export function isTimeWord(norm: string): boolean {
  return TIME_WORDS.has(norm) || TIME_WORDS.has(withoutConjunction(norm)) || TIME_WORDS.has(bareStem(norm)) && hasArticle(norm);
}
export function isPersonTitle(norm: string): boolean {
  return PERSON_TITLES.has(norm) || PERSON_TITLES.has(bareStem(norm));
}
export function isBodyHead(norm: string): boolean {
  if (BODY_HEADS.has(norm) || BODY_HEADS.has(bareStem(norm))) return true;
  // Duals: حركتا حماس والجهاد, وزارتي الدفاع.
  const dual = /^(.{3,})ت(ا|ان|ي|ين)$/.exec(bareStem(norm));
  return dual !== null && BODY_HEADS.has(dual[1] + 'ه');
}
export function isSpeechNoun(norm: string): boolean {
  return SPEECH_NOUNS.has(bareStem(norm)) || SPEECH_NOUNS.has(stripPrep(norm));
}

/** ب / ل / ك written on a word without the article: لوكالة → وكاله. */
function stripPrep(norm: string): string {
  return /^[وف]?[بلك].{3,}$/.test(norm) ? norm.replace(/^[وف]?[بلك]/, '') : norm;
}

const isWord = (t: Token | undefined): t is Token => t !== undefined && t.kind === 'word';

/** A token that can be part of a personal name: a plain word without the article that is no particle. */
function isNameToken(t: Token | undefined, wawIsLetter = false): boolean {
  if (!isWord(t)) return false;
  const n = t.norm;
  if (n.length < 2 || hasArticle(n) || isParticle(t) || isTimeWord(n) || RELATIONS.has(n)) return false;
  // Names carry no case ending (عملاً), no object pronoun (اتخاذها), no preposition with a
  // pronoun (بانتقاله); a word opening with ي is an imperfect verb unless a known name (يستحق).
  if (/[\u064B-\u064D]/.test(t.text) || /.{2,}(ها|هما|هم)$/.test(n) || /^[بلك].{3,}(ه|ها|هم|هما)$/.test(t.text)) return false;
  // Names do not end in the pronoun ه as written (انتباهه), except the name of God (عبدالله).
  if (/.{5,}ه$/.test(t.text) && !/(الله|لله)$/.test(t.text)) return false;
  // تفكيك, تطوير, تنفيذ: the verbal noun of form II, never a name.
  if (/^ت[^اوي][^اوي]ي.$/.test(n) && givenNameGender(n) === undefined) return false;
  if (speechCue(n) || isPersonTitle(n) || isBodyHead(n) || CONSTRUCT_NOUNS.has(n)) return false;
  if (/^[a-z]/i.test(n)) return true;
  // Words with a preposition glued on are not names: لوكالة, بتصريحات, بفريق.
  if (/^[بلك]/.test(n)) {
    const rest = stripPrep(n);
    if (AUDIENCE.has(rest) || isSpeechNoun(n) || isBodyHead(rest) || isPersonTitle(rest) || CONSTRUCT_NOUNS.has(rest)) return false;
  }
  // Past plural verbs end in وا (عقدوا, قالوا); names do not.
  if (/.{2,}وا$/.test(n)) return false;
  if (givenNameGender(n) === undefined && isCommonNounShape(n)) return false;
  return wawIsLetter || !hasConjunction(n);
}

/**
 * Shapes of common nouns that take a name after them (حلفاء أوباما, بقدوم كيري, تحسبا لوقوع):
 * a plural فعلاء, a verbal noun فعول after ب or ل, an adverbial تفعّلا.
 */
function isCommonNounShape(n: string): boolean {
  return /^[^اوي][^اوي][^اوي]اء$/.test(n) || /^[بل][^اوي][^اوي]و[^اوي]$/.test(n) || /^ت[^اوي][^اوي][^اوي]ا$/.test(n);
}

/**
 * The leading و/ف of the word is the conjunction (والكرمة, وكيري, ولاءه) rather than its first
 * letter (وزير, وكالة, فريق): the word itself is no known title, body or construct noun.
 */
export function hasConjunction(norm: string): boolean {
  if (!/^[وف]./.test(norm)) return false;
  if (PERSON_TITLES.has(norm) || BODY_HEADS.has(norm) || CONSTRUCT_NOUNS.has(norm) || FUNCTION_WORDS.has(norm) || TIME_WORDS.has(norm)) return false;
  if (norm[0] === 'و') return true;
  // ف starts many names (فلاديمير, فهد, فيصل): a conjunction only before the article or a known word.
  const rest = norm.slice(1);
  return /^ال/.test(rest) || PERSON_TITLES.has(rest) || BODY_HEADS.has(rest) || FUNCTION_WORDS.has(rest) || speechCue(rest) !== undefined;
}

/**
 * A word that can follow a bare name and close it: punctuation, a particle, a time word, a title
 * in apposition, the next cue, or a word led by ل/ب addressed to the audience (لـ"سبق", للصحفيين).
 */
function closesName(t: Token | undefined, runWords = 1): boolean {
  if (!isWord(t)) return true;
  const n = t.norm;
  if (isFunctionWord(n) || isTimeWord(n) || isSpeechNoun(n) || speechCue(n) || RELATIONS.has(n)) return true;
  // A title in apposition after a name has no article (أحمد عيد رئيس الاتحاد); رفض الرئيس is a
  // verbal noun and its subject, but after two name words (فيران سوريانو الرئيس التنفيذي) it is apposition.
  if ((isPersonTitle(n) || isBodyHead(n)) && (!hasArticle(n) || runWords >= 2)) return true;
  const rest = stripPrep(n);
  return /^[وف]?لل/.test(n) || /^[بل]/.test(n) && (AUDIENCE.has(rest) || isSpeechNoun(rest) || isBodyHead(rest) || isPersonTitle(rest));
}

/** A family name with the article right after a given name: أحمد درع الجميلي, رأفت الصباغ. */
function isArticleSurname(tokens: readonly Token[], j: number, nameWords: number, titled = true): boolean {
  const t = tokens[j];
  if (!isWord(t) || !hasArticle(t.norm) || isTimeWord(t.norm) || /^[وفبكل]/.test(t.norm) && !/^ال/.test(t.norm)) return false;
  if (isPersonTitle(t.norm) || isBodyHead(t.norm)) return false;
  if (/ي$/.test(t.norm)) return true; // nisba family names: الجميلي, العبادي
  // Otherwise only after a title and a single given name, before a stop: المتحدث … رأفت الصباغ،
  return titled && nameWords === 1 && closesName(tokens[j + 1]);
}

/** Relative (nisba) adjectives and a few common ones: الأمريكية, الرسمي, العام, الأعلى. */
function isAdjective(norm: string): boolean {
  const stem = bareStem(norm);
  // أفعل adjectives of colour and degree: الأحمر, الأبيض, الأعلى, الأوسط.
  if (/^ا[^ا][^ا][^ا]$/.test(stem)) return true;
  return /(ي|يه|يون|يين|يان|يتان)$/.test(stem) || /^(متحده|مستقله|مشترك|مشتركه|مختص|مختصه|مكلف|منتخب|معني|معنيه|مسلح|مسلحه|متحد|مؤقت|مؤقته|عام|عامه|اعلي|كبير|كبري|اول|اولي|سابق|سابقه|جديد|جديده|حالي|مساعد|تنفيذي|دائم|مستقل|مقبل)$/.test(stem);
}

function genderOfHead(t: Token): Agreement {
  const stem = bareStem(t.norm);
  if (/^(.{3,})ت(ا|ان|ي|ين)$/.test(stem) && isBodyHead(t.norm) && !BODY_HEADS.has(stem)) return 'pl';
  if (FEMININE_PLURAL_HEADS.has(stem)) return 'f';
  // مسؤولين, آخرون: a plural of a title; أمين is a singular that only ends like one.
  if (/(ون|ين)$/.test(stem) && isPersonTitle(t.norm) && stem !== 'امين') return 'pl';
  // Titles in ة are feminine except a few masculine ones (خليفة, علامة).
  if (isPersonTitle(t.norm)) return (/ه$/.test(stem) && !/^(خليفه|علامه|رحاله|داعيه)$/.test(stem)) || stem === 'احدي' ? 'f' : 'm';
  if (isBodyHead(t.norm)) return /ه$/.test(stem) ? 'f' : 'm';
  return 'any';
}

/**
 * The source phrase that starts at token `i` (the word after a speech verb, after بحسب, or a title
 * found anywhere), or null when the tokens there cannot name a source (a particle, a pronoun
 * subject, a clause). `limit` is the first token index the phrase may not reach.
 */
export interface PhraseOptions {
  /** Name words of persons already introduced with a title in the article (كيري of جون كيري). */
  knownNames?: ReadonlySet<string>;
  /** The phrase is the subject right after a speech verb, where a foreign name may open with ي. */
  afterVerb?: boolean;
}

function knownRun(tokens: readonly Token[], i: number, last: number, known: ReadonlySet<string>): boolean {
  for (let k = i; k <= last; k++) if (!known.has(tokens[k].norm)) return false;
  return true;
}

export function sourcePhraseAt(tokens: readonly Token[], i: number, limit = tokens.length, options: PhraseOptions = {}): SourcePhrase | null {
  const first = tokens[i];
  if (!isWord(first) || i >= limit) return null;
  // A subject never starts with the conjunction و/ف; a word that does is another clause (وَلاءه).
  if (hasConjunction(first.norm)) return null;
  const abbreviated = ABBREVIATED_TITLES.has(first.norm) && tokens[i + 1]?.text === '.';
  if (!abbreviated && (isParticle(first) || isTimeWord(first.norm) || speechCue(first.norm) || isSpeechNoun(first.norm))) return null;
  if (/^[بلك]/.test(first.norm) && !isPersonTitle(first.norm) && !isBodyHead(first.norm) && hasArticle(first.norm)) return null;

  let j = i;
  let headKind: SourceKind | null = null;
  let gender: Agreement = 'any';
  let nameStart = -1, nameEnd = -1, nameWords = 0;
  let situated = false; // inside "في <place>" after a situated head: no personal name there
  let indefinite = false; // after a title without the article: bare words are adjectives
  let genitives = 0; // nouns with the article since the last head or title
  let bodyName = false; // the next bare word names a body (after باسم or a bare body word)
  const aliases: Array<{ start: number; end: number }> = [];
  let beforeAlias = -1; // last token before the first bracketed alias

  const take = (): void => { j++; };
  // د. عبدالعزيز قاسم: a one-letter abbreviated title and its full stop.
  if (ABBREVIATED_TITLES.has(first.norm) && tokens[i + 1]?.text === '.' && isWord(tokens[i + 2])) {
    headKind = 'person'; gender = 'any'; j = i + 2;
  }
  while (j < limit && j - i < 16) {
    const t = tokens[j];
    if (t.kind !== 'word') {
      // (البنتاغون): a short name in brackets after a body is its alias; (88 عاما) ends the phrase.
      if (t.text === '(' && j > i) {
        const close = findClose(tokens, j, limit);
        if (close > j + 1 && close - j <= 5 && tokens.slice(j + 1, close).every((x) => isWord(x))) {
          aliases.push({ start: tokens[j + 1].start, end: tokens[close - 1].end });
          if (beforeAlias < 0) beforeAlias = j - 1;
          j = close + 1;
          continue;
        }
      }
      // نائب وزير الصحة اليمني، ناصر باعوم، — a name after a comma completes a title without one.
      if ((t.text === '،' || t.text === ',') && nameStart < 0 && headKind === 'person' && !situated) {
        const run = nameRun(tokens, j + 1, limit);
        if (run && run.words >= 2) {
          nameStart = j + 1; nameEnd = run.end; nameWords = run.words;
          j = run.end + 1;
        }
      }
      break;
    }
    const n = t.norm;
    // المتحدث باسم الوزارة / المتحدث باسمه: باسم belongs to the title; a bare word right after
    // it or after a bare body word is that body's name (باسم طالبان, حركة حماس), not the person's.
    if (/^باسم(ه|ها|هم)?$/.test(n) && nameStart < 0 && j > i) { take(); bodyName = n === 'باسم'; continue; }
    if (bodyName && nameStart < 0 && isNameToken(t)) { take(); bodyName = false; genitives = 1; continue; }
    bodyName = false;
    // المتحدث الرسمي لهيئة المهندسين: ل with a body completes a title that has no name yet.
    if (j > i && nameStart < 0 && headKind !== null && /^[وف]?ل[^ل]/.test(n) && isBodyHead(stripPrep(n)) && !AUDIENCE.has(stripPrep(n))) {
      take(); genitives = 0; bodyName = true; continue;
    }
    // و joins a second place or body inside a title (عشائر قضائي الفلوجة والكرمة), nothing else.
    // Right after a bare head in construct (صحيفة واشنطن) no conjunction can stand: و is a letter.
    const pt = j > i ? tokens[j - 1] : undefined;
    const prevBareHead = pt !== undefined && pt.kind === 'word' && !hasArticle(pt.norm) && (isBodyHead(pt.norm) || isPersonTitle(pt.norm));
    if (j > i && hasConjunction(n) && !prevBareHead && !(/^[وف]ال/.test(n) && nameStart < 0 && headKind !== null)) break;
    if (j > i && (speechCue(n) || isSpeechNoun(n))) break;
    if (isTimeWord(n)) break;
    if (isParticle(t)) {
      // مصادر في وزارة الدفاع, أحد أعضاء الحكومة المحلية في صلاح الدين
      if ((n === 'في' || n === 'فى' || n === 'من' || n === 'لدى') && nameStart < 0 && situatedHead(tokens, i, j)
        && isWord(tokens[j + 1]) && !isSpeechNoun(tokens[j + 1].norm) && !isTimeWord(tokens[j + 1].norm) && !isFunctionWord(tokens[j + 1].norm)) {
        situated = true; take(); continue;
      }
      // نائب رئيس المجلس التنفيذي في حزب الله نبيل قاووق, المشرف العام على الفريق … منصور البلوي:
      // a title placed in a body, then the holder's name.
      const named = nameStart < 0 && headKind === 'person' && !situated ? placedName(tokens, j, limit) : null;
      if (named) {
        nameStart = named.start; nameEnd = named.end; nameWords = named.end - named.start + 1;
        j = named.end + 1;
      }
      break;
    }
    if (nameStart >= 0) {
      // After the personal name: a family name with the article, a link word, or the end.
      if (j === nameEnd + 1 && nameWords < 4 && (NAME_LINKS.has(n) || NAME_LINKS.has(tokens[j - 1].norm)) && !hasArticle(n)) {
        nameEnd = j; nameWords++; take(); continue;
      }
      // A family name with the article after a bare given name needs a title or a known given
      // name (سلطان اللويحق, هدى السيف); otherwise it is a noun and its object (صدق المقولة).
      // Right after the speech verb, with a kinship word, a comma or a colon after it, the subject
      // slot vouches for it too (وقال عوضة الضورة عمّ …), not before a particle (ودعت موكب الوالد وهي).
      const slot = options.afterVerb === true && nameStart === i && j + 1 < limit
        && (RELATIONS.has(tokens[j + 1].norm) || /^[،,:]$/.test(tokens[j + 1].text));
      const titled = headKind !== null || givenNameGender(tokens[nameStart].norm) !== undefined || slot;
      if (j === nameEnd + 1 && (isArticleSurname(tokens, j, nameWords, titled) || NAME_LINKS.has(tokens[j - 1].norm) && hasArticle(n))) {
        nameEnd = j; take(); break;
      }
      if (j === nameEnd + 1 && isNameToken(t) && nameWords < 3) { nameEnd = j; nameWords++; take(); continue; }
      break;
    }
    // After a title without the article, bare words are its adjectives or genitive, not a name:
    // مصادر أمنية, دبلوماسي أمريكي كبير, نجمة هوليوود (سلمى حايك). A known given name ends
    // them; honorifics (سمو, معالي) take the name directly.
    const prev = tokens[j - 1];
    if (isWord(prev) && !hasArticle(prev.norm) && isPersonTitle(prev.norm) && !HONORIFICS.has(prev.norm)) indefinite = true;
    if (hasArticle(n)) indefinite = false;
    if (j > i && nameStart < 0 && headKind === 'person' && indefinite && isNameToken(t) && givenNameGender(n) === undefined) {
      take();
      continue;
    }
    // A bare title or body after words with the article starts another phrase, the verb's
    // object: قوات الأمن والجيش التونسي | جماعة عقبة بن نافع.
    if (j > i && !hasArticle(n) && (isPersonTitle(n) || isBodyHead(n)) && isWord(tokens[j - 1]) && hasArticle(tokens[j - 1].norm)
      && !/^باسم/.test(tokens[j - 1].norm)) break;
    if (hasArticle(n) || isPersonTitle(n) || isBodyHead(n) || CONSTRUCT_NOUNS.has(n)) {
      // لل… after a role completes it (المدير الإداري للمركز) unless it is the audience (للصحفيين).
      // A preposition written on the word (للمركز, بالجيش), unless that letter begins the word itself (بلدية).
      if (/^[وف]?[بلك]/.test(n) && !/^[وف]?ال/.test(n) && !BODY_HEADS.has(n) && !PERSON_TITLES.has(n) && !CONSTRUCT_NOUNS.has(n)) {
        const bare = bareStem(n);
        const prepOk = j > i && !AUDIENCE.has(bare) && !isSpeechNoun(n) && (/^[وف]?لل/.test(n) || situatedHead(tokens, i, j));
        if (!prepOk) break;
        // مستشارة الأمن القومي للرئيس أوباما: a name right after ل + title is that title's, not the role's.
        if (headKind === 'person' && isPersonTitle(stripPrep(n).replace(/^ل/, '')) && isNameToken(tokens[j + 1])) break;
        if (/^[وف]?ب/.test(n)) situated = true;
      }
      // Each head or title may take one genitive with the article (وزارة الدفاع, البيت الأبيض);
      // beyond it only adjectives (الأمريكية) and coordinated words (والكرمة) follow. Another
      // noun is the verb's object: حركتا حماس والجهاد الإسلامي | الاحتلال.
      const plainArticle = hasArticle(n) && !isPersonTitle(n) && !isBodyHead(n) && /^[وف]?ال/.test(n) && !/^[وف]ال/.test(n);
      if (plainArticle && !isAdjective(n)) {
        if (genitives >= 1) break;
        genitives = 1;
      } else if (/^[وف]ال/.test(n)) genitives = 1; // a coordinated genitive shares the slot
      else if (!plainArticle) genitives = 0;
      if (headKind === null) {
        headKind = isPersonTitle(n) ? 'person' : isBodyHead(n) ? 'organisation' : null;
        if (headKind) gender = genderOfHead(t);
      }
      if (headKind === 'person' && !hasArticle(n) && isBodyHead(n) && !isPersonTitle(n)) bodyName = true;
      take();
      continue;
    }
    if (!isNameToken(t, prevBareHead)) break;
    // After a title a word opening with ي is an imperfect verb (المواطن يستحق), unless a known name;
    // right after the speech verb it is the subject's name (وقال يوفال ديسكين).
    if ((j > i || !options.afterVerb) && /^ي.{3,}$/.test(n) && givenNameGender(n) === undefined) break;
    // صلاح الدين, صحيفة واشنطن بوست: part of a place or of a body's name; a body with the article
    // takes no bare word after it (الحكومة مؤسسات…: that is the verb's object).
    if (situated) { take(); continue; }
    if (headKind === 'organisation') {
      if (!hasArticle(tokens[j - 1].norm) || j - 1 > i && !hasArticle(tokens[j - 2]?.norm ?? '') && !isBodyHead(tokens[j - 1].norm)) { take(); continue; }
      break;
    }
    // A name follows a title (الرئيس الأمريكي باراك أوباما), never a bare noun phrase (الأفعال الوحشية أعمالا).
    if (j > i && headKind === null) break;
    // لكرة القدم: a noun with ب or ل before its genitive opens no name (a family name may: لعمامرة).
    if (/^[بل][^ا].+ه$/.test(n) && givenNameGender(n) === undefined && hasArticle(tokens[j + 1]?.norm ?? '')) break;
    nameStart = j; nameEnd = j; nameWords = 1;
    take();
  }
  let last = j - 1;
  if (last < i) return null;
  // A bare name with no title before it must end where names end (وقال إيرنست "…", وقالت زاخاروفا في …);
  // otherwise the words are more likely a noun and its object (أكد رفض الرئيس …).
  if (headKind === null && nameStart === i && last + 1 < limit && !closesName(tokens[last + 1], last - i + 1) && !(options.knownNames && knownRun(tokens, i, last, options.knownNames))
    && givenNameGender(tokens[i].norm) === undefined) {
    let k = i;
    while (options.knownNames && k <= last && options.knownNames.has(tokens[k].norm)) k++;
    if (k === i) return implicitTitle(tokens, i, limit);
    last = k - 1; nameEnd = last;
  }
  // Trailing apposition title after a name (جوليان سميث مسئولة سابقة في البيت الأبيض) is kept in
  // the mention but not in the name; it is short and ends at the next stop.
  if (nameStart >= 0 && last === nameEnd && isWord(tokens[last + 1]) && isPersonTitle(tokens[last + 1].norm) && !hasConjunction(tokens[last + 1].norm)) {
    let k = last + 1;
    while (k + 1 < limit && k - last < 6 && isWord(tokens[k + 1]) && (hasArticle(tokens[k + 1].norm) || isPersonTitle(tokens[k + 1].norm))
      && !isFunctionWord(tokens[k + 1].norm)
      && !isTimeWord(tokens[k + 1].norm) && !hasConjunction(tokens[k + 1].norm) && !/^[وف]?لل/.test(tokens[k + 1].norm)) k++;
    if (gender === 'any') gender = genderOfHead(tokens[last + 1]);
    last = k;
  }
  // A phrase of particles only, or one word that is no title, no body and no name, is no source.
  if (nameStart >= 0 && gender === 'any') gender = givenNameGender(tokens[nameStart].norm) ?? 'any';
  // A title without a name is a role (المدير الإداري للمركز, مصادر أمنية), not a person.
  const kind: SourceKind = nameStart >= 0 ? 'person' : headKind === 'organisation' ? 'organisation'
    : headKind === 'person' ? 'role' : last === i && hasArticle(first.norm) ? 'organisation' : 'role';
  if (nameStart < 0 && headKind === null && !(last === i && hasArticle(first.norm))) return null;
  const start = tokens[i].start, end = tokens[last].end;
  const nameSpan = nameStart >= 0 ? { s: tokens[nameStart].start, e: tokens[nameEnd].end }
    : { s: start, e: beforeAlias >= i ? tokens[beforeAlias].end : end };
  const headed = headKind !== null || nameStart >= 0;
  return { first: i, last, start, end, nameStart: nameSpan.s, nameEnd: nameSpan.e, kind, headed, gender, aliases };
}

/**
 * A role noun missing from the title list, its genitive, then a closed name: مؤلف المسرحية
 * فاروق الشعيبي "…". Tried only when the words cannot be read as a bare name.
 */
function implicitTitle(tokens: readonly Token[], i: number, limit: number): SourcePhrase | null {
  let k = i + 1;
  while (k < limit && k <= i + 2 && isWord(tokens[k]) && /^ال/.test(tokens[k].norm) && !isTimeWord(tokens[k].norm) && !isFunctionWord(tokens[k].norm)
    && !isPersonTitle(tokens[k].norm)) k++;
  if (k === i + 1) return null;
  let e = k;
  while (e < limit && e < k + 3 && isNameToken(tokens[e])) e++;
  // One unknown word is as likely a verb as a name (مواقع التواصل الاجتماعي ساهمت في …).
  if (e === k || e === k + 1 && givenNameGender(tokens[k].norm) === undefined && !(e < limit && /^ال.+ي$/.test(tokens[e].norm))) return null;
  if (e < limit && isArticleSurname(tokens, e, e - k, true) && /ي$/.test(tokens[e].norm)) e++;
  if (e < limit && !closesName(tokens[e], 2)) return null;
  const gender = givenNameGender(tokens[k].norm) ?? 'any';
  return { first: i, last: e - 1, start: tokens[i].start, end: tokens[e - 1].end, nameStart: tokens[k].start, nameEnd: tokens[e - 1].end,
    kind: 'person', headed: true, gender, aliases: [] };
}

/**
 * After في / على at `j`: a short place or body (no verb, speech noun or time word) and then a
 * personal name opening with a known given name and closed by a stop; null otherwise.
 */
function placedName(tokens: readonly Token[], j: number, limit: number): { start: number; end: number } | null {
  if (!/^(في|فى|علي)$/.test(tokens[j].norm)) return null;
  for (let m = j + 2; m < limit && m <= j + 6; m++) {
    const t = tokens[m - 1];
    if (!isWord(t) || isParticle(t) || speechCue(t.norm) || isSpeechNoun(t.norm) || isTimeWord(t.norm)) return null;
    if (givenNameGender(tokens[m].norm) === undefined || hasArticle(tokens[m].norm)) continue;
    const run = nameRun(tokens, m, limit);
    if (run && run.end > m) return { start: m, end: run.end };
  }
  return null;
}

/** Consecutive name words starting at `j` (1–3, with links), ended by a stop; null when none. */
function nameRun(tokens: readonly Token[], j: number, limit: number): { end: number; words: number } | null {
  let k = j, words = 0;
  while (k < limit && isNameToken(tokens[k]) && words < 4) { k++; words++; }
  if (words === 0) return null;
  if (k < limit && isArticleSurname(tokens, k, words)) { k++; }
  const next = tokens[k];
  if (next && next.kind === 'word' && !isFunctionWord(next.norm) && !isTimeWord(next.norm)) return null;
  return { end: k - 1, words };
}

/**
 * A person's name set off by commas after a description and its relative clause (أحد نواب
 * التحالف الذين صوتوا ضد …، كريستيان فون شتيتن، بموقفه): the name the description stands for.
 * `p` is the description; the clause runs to its first comma within the sentence.
 */
export function appositionAfterClause(tokens: readonly Token[], p: SourcePhrase, limit: number): SourcePhrase | null {
  if (p.kind !== 'role' || !/^(الذي|التي|الذين|اللذين|اللتين)$/.test(tokens[p.last + 1]?.norm ?? '')) return null;
  let comma = p.last + 2;
  while (comma < limit && comma < p.last + 16 && !isComma(tokens[comma])) comma++;
  if (comma >= limit || !isComma(tokens[comma]) || !isNameToken(tokens[comma + 1])) return null;
  const run = nameRun(tokens, comma + 1, limit);
  if (!run || run.words < 2 || !isComma(tokens[run.end + 1])) return null;
  const first = tokens[comma + 1], last = tokens[run.end];
  return { first: comma + 1, last: run.end, start: first.start, end: last.end, nameStart: first.start, nameEnd: last.end, kind: 'person', headed: true, gender: p.gender, aliases: [] };
}

const isComma = (t: Token | undefined): boolean => t !== undefined && (t.text === '،' || t.text === ',');

function situatedHead(tokens: readonly Token[], i: number, j: number): boolean {
  for (let k = i; k < j; k++) if (SITUATED_HEADS.has(bareStem(tokens[k].norm)) || SITUATED_HEADS.has(tokens[k].norm)) return true;
  return false;
}

function findClose(tokens: readonly Token[], j: number, limit: number): number {
  for (let k = j + 1; k < limit && k < j + 8; k++) {
    if (tokens[k].text === ')') return k;
    if (tokens[k].kind === 'break') return -1;
  }
  return -1;
}

/** A title or body word that can start a source phrase found anywhere in the text. */
export function startsSourcePhrase(t: Token): boolean {
  return t.kind === 'word' && !/^[بلك]/.test(t.norm.replace(/^[وف]/, '')) && (isPersonTitle(t.norm) || isBodyHead(t.norm));
}
