// One pass over an article shared by the quotation classifier and speaker attribution: tokens,
// quotation-mark pairs, sentences (a quotation's own full stops do not end the narrator's
// sentence), speech cues outside quotations and the source phrase each cue names.

import { type QuoteMarkPair, pairQuoteMarks } from './quoteMarks';
import { type Token, bareStem, hasArticle, isClausePunct, isSentenceEnd, tokenAt, tokenize, withoutConjunction } from './quoteTokens';
import { type CueInfo, isBayyana, speechCue } from './speechCues';
import { type PhraseOptions, type SourcePhrase, appositionAfterClause, hasConjunction, isFunctionWord, isSpeechNoun, sourcePhraseAt, startsSourcePhrase } from './sourcePhrase';
import { normalizeArabic } from '../arabicNormalize';
import { givenNameGender } from './givenNames';

export interface Cue {
  /** Token index of the cue word. */
  index: number;
  info: CueInfo;
  /** The source the cue names explicitly (after or before a verb, after بحسب / عن); null for a pronoun. */
  subject: SourcePhrase | null;
  /** The subject is an authorless document or official wording (حسب التعبير الرسمي). */
  official: boolean;
  sentence: number;
}

export interface ArticleAnalysis {
  text: string;
  tokens: Token[];
  /** Outermost quotation-mark pairs. */
  pairs: QuoteMarkPair[];
  /** For every token, the outermost pair whose marks or content contain it, or -1. */
  pairOf: Int32Array;
  /** Sentence number of every token; tokens inside a pair share the sentence around the pair. */
  sentenceOf: Int32Array;
  /** End offset of the headline (the first non-empty line); quotes repeated there are not evidence. */
  headlineEnd: number;
  cues: Cue[];
  /** Title- or body-led phrases found anywhere outside quotations (possible antecedents). */
  phrases: SourcePhrase[];
}

/** Particles that begin a clause after which a pre-verbal subject may stand: وكان البيت الأبيض قال. */
const PREVERBAL_OPENERS = new Set(['أما', 'كان', 'وكان', 'فكان', 'وقد', 'كما', 'بينما', 'فيما', 'حيث', 'ثم', 'لكن', 'ولكن', 'بدوره', 'بدورها', 'وبدوره', 'وبدورها',
  'أن', 'إن', 'بأن', 'وأن', 'لأن', 'كون', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللواتي', 'التى'].map((w) => normalizeArabic(w)));
/** Openers after which the subject always precedes the verb: وكان الرئيس … قال. */
const KANA = new Set(['كان', 'وكان', 'فكان', 'كانت', 'وكانت'].map((w) => normalizeArabic(w)));

/** Documents whose author, when named, is the source: فحسب البيان الذي تلاه الشيخ … */
const DOCUMENT_NOUNS = new Set(['بيان', 'تقرير', 'رساله', 'وثيقه', 'تعبير', 'روايه', 'نص', 'خطاب', 'مصادر', 'معلومات', 'ارقام', 'احصاءات', 'تقديرات', 'بيانات']);

/** `pairs`: pairQuoteMarks(text), when the caller has them already. */
export function analyseArticle(text: string, pairs: QuoteMarkPair[] = pairQuoteMarks(text)): ArticleAnalysis {
  const tokens = tokenize(text);
  const pairOf = new Int32Array(tokens.length).fill(-1);
  pairs.forEach((p, k) => {
    const end = p.close === null ? p.end : p.close + 1;
    for (let i = tokenAt(tokens, p.open); i < tokens.length && tokens[i].start < end; i++) pairOf[i] = k;
  });
  const sentenceOf = new Int32Array(tokens.length);
  let sentence = 0;
  for (let i = 0; i < tokens.length; i++) {
    sentenceOf[i] = sentence;
    // د. / أ. / م. abbreviate a title (د. عبدالعزيز قاسم): their full stop ends no sentence.
    const abbreviation = tokens[i].text === '.' && tokens[i - 1]?.kind === 'word' && tokens[i - 1].text.length === 1 && tokens[i - 1].end === tokens[i].start;
    if (pairOf[i] < 0 && isSentenceEnd(tokens[i]) && !abbreviation) sentence++;
  }
  const firstLine = /\S[^\n]*/.exec(text);
  const headlineEnd = firstLine ? firstLine.index + firstLine[0].length : 0;
  const analysis: ArticleAnalysis = { text, tokens, pairs, pairOf, sentenceOf, headlineEnd, cues: [], phrases: [] };
  // titledNames and findPhrases both ask it of most tokens: each token's answer is kept.
  const startsPhrase = new Int8Array(tokens.length).fill(-1);
  const startsAt = (i: number): boolean => (startsPhrase[i] < 0 ? (startsPhrase[i] = startsSourcePhrase(tokens[i]) ? 1 : 0) : startsPhrase[i]) === 1;
  const owners = titledNames(analysis, startsAt);
  const knownNames = new Set(owners.keys());
  analysis.cues = findCues(analysis, knownNames);
  analysis.phrases = findPhrases(analysis, owners, startsAt);
  return analysis;
}

/**
 * Name words of persons introduced with a title (وزير الخارجية الأمريكي جون كيري → جون, كيري),
 * each mapped to the number of the person it belongs to.
 */
function titledNames(a: ArticleAnalysis, startsAt: (i: number) => boolean): Map<string, number> {
  const known = new Map<string, number>();
  let person = 0;
  const { tokens } = a;
  for (let i = 0; i < tokens.length; i++) {
    if (a.pairOf[i] >= 0 || !startsAt(i)) continue;
    const p = sourcePhraseAt(tokens, i, sentenceLimit(a, i));
    if (!p) continue;
    if (p.kind === 'person' && p.nameStart > p.start) {
      person++;
      for (let k = tokenAt(tokens, p.nameStart); k < tokens.length && tokens[k].end <= p.nameEnd; k++) {
        if (tokens[k].norm.length > 2 && !/^(بن|ابن|بنت|ال|عبد|ابو|ابي|ام)$/.test(tokens[k].norm) && !known.has(tokens[k].norm)) known.set(tokens[k].norm, person);
      }
    }
    i = p.last;
  }
  return known;
}

function findCues(a: ArticleAnalysis, knownNames: ReadonlySet<string>): Cue[] {
  const { tokens, pairOf, sentenceOf } = a;
  const cues: Cue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || pairOf[i] >= 0) continue;
    let info = speechCue(t.norm);
    // على حد تعبيره / قوله: the words are the previous speaker's.
    if (!info && withoutConjunction(t.norm) === 'حد' && tokens[i - 1]?.norm === 'علي' && /^(تعبير|قول|وصف)(ه|ها|هم)$/.test(tokens[i + 1]?.norm ?? '')) {
      info = { kind: 'preposition', lemma: 'حد', agreement: /ها$/.test(tokens[i + 1].norm) ? 'f' : 'any', strong: false };
      cues.push({ index: i, info, subject: null, official: false, sentence: sentenceOf[i] });
      continue;
    }
    if (!info) continue;
    if (info.objectHeh && !/ه$/.test(t.text)) continue; // إشارة is a noun, أشاره a verb
    if (info.lemma === 'بين' && info.kind === 'verb' && !isBayyana(t.text, t.norm, atClauseStart(tokens, i))) continue;
    if (isMasdarReading(tokens, i, info)) continue;
    // Tanween marks a noun or an adverbial participle (مؤكداً), never a finite verb (طالباً student).
    if (info.kind === 'verb' && /[\u064B-\u064D]/.test(t.text)) continue;
    // بحسب ما ذكرت الصحيفة / وفقا لما ذكرته: the verb that follows carries the source.
    if (info.kind === 'preposition' && /^(ما|لما|مما)$/.test(tokens[i + 1]?.norm ?? '')) continue;
    const cue: Cue = { index: i, info, subject: null, official: false, sentence: sentenceOf[i] };
    resolveExplicitSubject(a, cue, knownNames);
    cues.push(cue);
  }
  return cues;
}

/** Verbs spelled like a noun: نقل (transfer), كشف, ذكر, وصف, زعم, طالب (student; طالباً). */
const MASDAR_HOMOGRAPHS = new Set(['نقل', 'كشف', 'ذكر', 'وصف', 'زعم', 'حذر', 'علق', 'نفي', 'شدد', 'طالب']);

/**
 * A bare verb form that follows a noun (ومحاولتها نقل المعركة) is that noun's verbal-noun
 * complement, not a verb: verbs open a clause, follow a particle, or follow their subject's name.
 */
function isMasdarReading(tokens: readonly Token[], i: number, info: CueInfo): boolean {
  const t = tokens[i];
  if (info.kind !== 'verb' || !MASDAR_HOMOGRAPHS.has(info.lemma) || t.norm !== info.lemma && t.norm !== info.lemma + 'ا') return false;
  const prev = tokens[i - 1];
  if (!prev || prev.kind !== 'word') return false;
  if (isFunctionWord(prev.norm) || PREVERBAL_OPENERS.has(prev.norm)) return false;
  return /^ال/.test(prev.norm) || /.{2,}(ه|ها|هم|هما)$/.test(prev.text) || /[\u064B-\u064D]$/.test(prev.text);
}

function atClauseStart(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return !prev || prev.kind === 'break' || isSentenceEnd(prev) || isClausePunct(prev);
}

/** The source named next to the cue: after a verb (VSO) or before it (SVO), after بحسب or عن. */
function resolveExplicitSubject(a: ArticleAnalysis, cue: Cue, knownNames: ReadonlySet<string>): void {
  const { tokens } = a;
  const opts = { knownNames };
  const i = cue.index;
  let limit = sentenceLimit(a, i);
  const { kind, lemma } = cue.info;
  if ((kind === 'verb' || kind === 'masdar') && DIVINE_EPITHETS.has(tokens[tokens[i + 1]?.norm === 'الله' ? i + 2 : i + 1]?.norm ?? '')) {
    cue.subject = scriptureMention(a, i);
    return;
  }
  if (kind === 'participle') return;
  if (kind === 'masdar') {
    // نقلت عن وزير الخارجية قوله: the source follows the nearest عن before the verbal noun.
    for (let k = i - 1; k >= Math.max(0, i - 14) && a.sentenceOf[k] === cue.sentence; k--) {
      if (tokens[k].norm === 'عن') { cue.subject = sourcePhraseAt(tokens, k + 1, i); return; }
    }
    return;
  }
  if (kind === 'preposition') {
    let k = i + 1;
    if (tokens[k]?.norm === 'عن' || tokens[k]?.norm === 'ل') k++;
    const next = tokens[k];
    if (!next || next.kind !== 'word') return;
    const stem = bareStem(next.norm);
    // حسب تعبيره / بحسب قوله: the words of the speaker in force.
    if (/^(تعبير|قول|وصف|راي|تصريح|كلام|رواي)(ه|ها|هم)$/.test(next.norm)) return;
    if (DOCUMENT_NOUNS.has(stem)) {
      cue.subject = documentAuthor(a, k, limit);
      cue.official = cue.subject === null;
      if (stem === 'مصادر') cue.subject = sourcePhraseAt(tokens, k, limit);
      return;
    }
    // وفقا للمصدر / طبقا لوزارة: ل written on the first word of the source.
    // With ل cut off the word must still be a title or a body (للمصدر, لوزارة), not any noun (للقرارات).
    const cut = phraseWithoutPreposition(tokens, k, limit);
    cue.subject = sourcePhraseAt(tokens, k, limit) ?? (cut && (cut.kind === 'role' || cut.last > cut.first || cut.nameStart > cut.start) ? cut : null);
    return;
  }
  // A verb. After كان the subject stands before it: وكان المتحدث … جوش إرنست … علل رفض واشنطن.
  const before = preverbalSubject(a, i, true);
  if (before) { cue.subject = before; return; }
  // وقال بيان للجيش / وقال البيان: a document speaks for its author, or for the speaker in force.
  const doc = tokens[i + 1];
  if (doc && doc.kind === 'word' && DOCUMENT_NOUNS.has(bareStem(doc.norm)) && bareStem(doc.norm) !== 'مصادر') {
    const by = tokens[i + 2];
    if (by && by.kind === 'word' && /^ل/.test(by.norm)) {
      const cut = phraseWithoutPreposition(tokens, i + 2, limit, opts);
      if (cut && cut.headed) { cue.subject = cut; return; }
    }
    cue.subject = documentAuthor(a, i + 1, limit);
    // وقال البيان: the statement speaks for whoever issued it, named before.
    cue.official = cue.subject === null;
    return;
  }
  // A verb agreeing with a plural or dual (أكدا) has its subject before it, or as a pronoun.
  if (cue.info.agreement === 'pl') { cue.subject = preverbalSubject(a, i, false) ?? sharedPluralSubject(a, i); return; }
  // نقلت الصحيفة عن فلان: the source is whoever عن names.
  let k = i + 1;
  while (tokens[k] && (tokens[k].norm === 'قد' || tokens[k].norm === 'لقد')) k++;
  // قال عنه الأمير …: a preposition with a pronoun may stand between the verb and its subject.
  while (tokens[k] && /^(عنه|عنها|عنهم|له|لها|لهم|لنا|لي|اليه|اليها|اليهم|عليه|عليها|عليهم)$/.test(tokens[k].norm)) k++;
  // قال عليه السلام: a blessing, not a subject.
  if (tokens[k]?.norm === 'السلام' && /^علي/.test(tokens[k - 1]?.norm ?? '')) return;
  // وقال سموه / معاليه: an honorific with a pronoun refers back to the person in force.
  if (HONORIFIC_PRONOUN.test(tokens[k]?.norm ?? '')) return;
  // أوضح لـ«عكاظ» المشرف العام …: the newspaper addressed stands between the verb and its subject.
  if (tokens[k]?.norm === 'ل' && a.pairOf[k + 1] >= 0 && a.pairs[a.pairOf[k + 1]].close !== null) {
    const close = tokenAt(tokens, a.pairs[a.pairOf[k + 1]].close as number);
    if (close - k <= 5) { k = close + 1; limit = sentenceLimit(a, k); }
  }
  if (lemma === 'نقل') {
    for (let m = k; m < Math.min(limit, k + 8); m++) {
      if (tokens[m].norm === 'عن') { cue.subject = sourcePhraseAt(tokens, m + 1, limit); if (cue.subject) return; break; }
      if (tokens[m].kind !== 'word') break;
    }
  }
  // أفاد «المرصد السوري لحقوق الإنسان» بأن …: a short quoted name right after the verb is its subject.
  const mark = tokens[k];
  if (mark && a.pairOf[k] >= 0 && mark.kind === 'punct') {
    const pair = a.pairs[a.pairOf[k]];
    const close = pair.close === null ? -1 : tokenAt(tokens, pair.close);
    if (close > k + 1 && close - k <= 6) { cue.subject = sourcePhraseAt(tokens, k + 1, close, opts); return; }
  }
  cue.subject = sourcePhraseAt(tokens, k, limit, { ...opts, afterVerb: true });
  // أكد حرصه على …: a noun with a pronoun is the verb's object, not a name.
  if (cue.subject && cue.subject.first === cue.subject.last && /.ه$/.test(tokens[k].text) && givenNameGender(tokens[k].norm) === undefined
    && isFunctionWord(tokens[k + 1]?.norm ?? '')) cue.subject = null;
  if (cue.subject) return;
  cue.subject = preverbalSubject(a, i, false);
}

/**
 * The subject written before the verb: وكان الرئيس الروسي فلاديمير بوتين قال الثلاثاء …,
 * أن كارتر أشار … With `afterKana`, only a clause opened by كان counts.
 */
function preverbalSubject(a: ArticleAnalysis, verb: number, afterKana: boolean): SourcePhrase | null {
  const { tokens, sentenceOf } = a;
  // … مواقع التواصل ساهمت في تجنيد المراهقين وقال "…": a verb with و / ف joins its clause to
  // the previous one, where a body is more often an object than its subject; a person may be
  // that clause's subject (هربت مارغريت إلى هاواي وأعلنت).
  const joined = !afterKana && /^[وف]/.test(tokens[verb].norm) && speechCue(tokens[verb].norm.slice(1)) !== undefined;
  for (let b = verb - 1; b >= 0 && b >= verb - 16; b--) {
    const t = tokens[b];
    const boundary = sentenceOf[b] !== sentenceOf[verb] || isSentenceEnd(t) || isClausePunct(t) || PREVERBAL_OPENERS.has(t.norm);
    if (afterKana && boundary && !KANA.has(t.norm)) return null;
    if (!boundary) {
      if (a.pairOf[b] >= 0 || speechCue(t.norm)) return null;
      continue;
    }
    // الصحافة الجزائرية التي وصفتها …: a verb in a relative clause has the noun before it as subject.
    if (b === verb - 1 && RELATIVES.has(t.norm)) return phraseEndingAt(a, b - 1);
    // A clause opening with a preposition (بمناسبة احتفاء …) has no subject there.
    const opener = tokens[b + 1];
    if (opener && /^[بلكف].{4,}/.test(opener.norm) && givenNameGender(opener.norm) === undefined && !startsSourcePhrase(opener)) return null;
    const p = sourcePhraseAt(tokens, b + 1, verb);
    // Between the phrase and the verb only adverbials may stand (في وقت سابق يوم الأربعاء).
    if (p && p.headed && verb - p.last <= 8 && !(joined && p.kind !== 'person')) return p;
    return null;
  }
  return null;
}

/**
 * A plural verb after a comma shares the subject of the plural verb of the clause before it: إن
 * عسكريين ماليين طوقوا الفندق، أفادوا عن «…» — the plural nouns (ين/ون) that open that clause.
 */
function sharedPluralSubject(a: ArticleAnalysis, verb: number): SourcePhrase | null {
  const { tokens, sentenceOf } = a;
  const comma = tokens[verb - 1];
  if (!comma || comma.text !== '،' && comma.text !== ',') return null;
  for (let v = verb - 2; v >= 0 && v >= verb - 8 && sentenceOf[v] === sentenceOf[verb]; v--) {
    const t = tokens[v];
    if (t.kind !== 'word' || a.pairOf[v] >= 0) return null;
    if (!/^[^ي].{2,}وا$/.test(t.norm) || speechCue(t.norm)) continue;
    let first = v;
    while (first - 1 >= 0 && v - first < 3 && tokens[first - 1].kind === 'word' && /.{3,}(ين|ون)$/.test(tokens[first - 1].norm)) first--;
    const opener = tokens[first - 1]?.norm ?? '';
    if (first === v || !/^[وف]?(ان|بان|لان)$/.test(opener)) return null;
    const start = tokens[first].start, end = tokens[v - 1].end;
    return { first, last: v - 1, start, end, nameStart: start, nameEnd: end, kind: 'role', headed: true, gender: 'pl', aliases: [] };
  }
  return null;
}

/** قال تعالى, قوله جل وعز: God's words, which a news article quotes from the Quran. */
const DIVINE_EPITHETS = new Set(['تعالي', 'سبحانه', 'جل', 'عز']);

/**
 * The source of a verse: the latest mention of the Quran before the cue (راعى القرآن هذه القضية،
 * حيث قال جلّ وعزّ: «…»), which names it as the article does; none when the article names none.
 */
function scriptureMention(a: ArticleAnalysis, cue: number): SourcePhrase | null {
  for (let k = cue - 1; k >= 0; k--) {
    const t = a.tokens[k];
    if (t.kind !== 'word' || a.pairOf[k] >= 0 || !hasArticle(t.norm) || bareStem(t.norm) !== 'قران') continue;
    // بالقرآن names القرآن: the mention starts at the article (للقرآن has none to start at).
    const at = t.text.indexOf('ال');
    const start = at > 0 ? t.start + at : t.start;
    return { first: k, last: k, start, end: t.end, nameStart: start, nameEnd: t.end, kind: 'organisation', headed: true, gender: 'm', aliases: [] };
  }
  return null;
}

const RELATIVES = new Set(['الذي', 'التي', 'الذين', 'التى']);

/** سموه, معاليه, فضيلتها …: a pronoun, however respectful. */
const HONORIFIC_PRONOUN = /^[وف]?(سمو|معالي|فضيلت|سعادت|جلالت|فخامت|سماحت|حضرت)(ه|ها)$/;

/** The longest source phrase that ends at token `last` («وزارة الدفاع الروسية: …», الصحافة التي …). */
export function phraseEndingAt(a: ArticleAnalysis, last: number): SourcePhrase | null {
  let best: SourcePhrase | null = null;
  for (let s = last; s >= 0 && s >= last - 10; s--) {
    const t = a.tokens[s];
    if (t.kind !== 'word' || a.pairOf[s] >= 0) break;
    const p = sourcePhraseAt(a.tokens, s, last + 1);
    if (p && p.last === last && p.headed) best = p;
  }
  return best;
}

/** Author of a document: البيان الذي تلاه فلان, البيان الصادر عن الوزارة, بيان لفلان. */
function documentAuthor(a: ArticleAnalysis, k: number, limit: number): SourcePhrase | null {
  const { tokens } = a;
  for (let m = k + 1; m < Math.min(limit, k + 6); m++) {
    const n = tokens[m].norm;
    if (n === 'الذي' || n === 'التي') {
      // البيان الذي تلاه فلان: a verb with the document as its object pronoun, then its author.
      const verb = tokens[m + 1];
      return verb && /.{2,}(ه|ها)$/.test(verb.norm) ? sourcePhraseAt(tokens, m + 2, limit) : null;
    }
    if ((n === 'عن' || n === 'من') && /^(الصادر|صادر)/.test(tokens[m - 1].norm)) return sourcePhraseAt(tokens, m + 1, limit);
  }
  return null;
}

/** The source phrase at token `i` read with the preposition ل cut from its first word (للمصدر → المصدر). */
function phraseWithoutPreposition(tokens: readonly Token[], i: number, limit: number, options?: PhraseOptions): SourcePhrase | null {
  const t = tokens[i];
  if (!/^ل/.test(t.norm)) return sourcePhraseAt(tokens, i, limit, options);
  const norm = /^لل/.test(t.norm) ? 'ال' + t.norm.slice(2) : t.norm.slice(1);
  return withTokenAt(tokens, i, { ...t, norm }, () => sourcePhraseAt(tokens, i, limit, options));
}

/**
 * Runs `lookup` with token `i` read as `token`, then puts the original back. Cheaper than a copy
 * of the token list per lookup, which made large articles quadratic; phrases keep no tokens.
 */
function withTokenAt<T>(tokens: readonly Token[], i: number, token: Token, lookup: () => T): T {
  const list = tokens as Token[];
  const original = list[i];
  list[i] = token;
  try {
    return lookup();
  } finally {
    list[i] = original;
  }
}

/** First token index after the sentence of token i (a phrase never crosses it). */
export function sentenceLimit(a: ArticleAnalysis, i: number): number {
  let k = i;
  while (k < a.tokens.length && a.sentenceOf[k] === a.sentenceOf[i] && !(a.pairOf[k] >= 0 && k > i)) k++;
  return k;
}

function findPhrases(a: ArticleAnalysis, owners: ReadonlyMap<string, number>, startsAt: (i: number) => boolean): SourcePhrase[] {
  const { tokens, pairOf } = a;
  const out: SourcePhrase[] = [];
  const covered = new Uint8Array(tokens.length);
  for (const c of a.cues) if (c.subject) for (let k = c.subject.first; k <= c.subject.last; k++) covered[k] = 1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (covered[i] || pairOf[i] >= 0) continue;
    // A person named again without the title (وسمى السعيدي …): a mention too.
    const owner = t.kind === 'word' ? owners.get(t.norm) : undefined;
    if (owner !== undefined && owners.get(tokens[i - 1]?.norm ?? '') !== owner) {
      let k = i;
      while (k + 1 < tokens.length && pairOf[k + 1] < 0 && tokens[k + 1].kind === 'word' && owners.get(tokens[k + 1].norm) === owner) k++;
      const gender = givenNameGender(t.norm) ?? 'any';
      out.push({ first: i, last: k, start: t.start, end: tokens[k].end, nameStart: t.start, nameEnd: tokens[k].end, kind: 'person', headed: true, gender, aliases: [] });
      for (let m = i; m <= k; m++) covered[m] = 1;
      i = k;
      continue;
    }
    if (!startsAt(i) || hasConjunction(t.norm) && !/^[وف]ال/.test(t.norm)) continue;
    if (isFunctionWord(t.norm) || isSpeechNoun(t.norm)) continue;
    const tok = /^[وف]ال/.test(t.norm) ? { ...t, norm: t.norm.slice(1) } : t;
    const p = withTokenAt(tokens, i, tok, () => sourcePhraseAt(tokens, i, sentenceLimit(a, i)));
    if (!p) continue;
    if (tok !== t) {
      // والصحافة الجزائرية: the mention starts after the conjunction.
      if (p.nameStart === p.start) p.nameStart++;
      p.start++;
    }
    out.push(p);
    for (let k = p.first; k <= p.last; k++) covered[k] = 1;
    i = p.last;
    const named = appositionAfterClause(tokens, p, sentenceLimit(a, i));
    if (named && !covered[named.first]) {
      out.push(named);
      for (let k = named.first; k <= named.last; k++) covered[k] = 1;
    }
  }
  for (const c of a.cues) if (c.subject) out.push(c.subject);
  for (const p of out) withTitleInMarks(a, p);
  out.sort((x, y) => x.start - y.start);
  return out;
}

/** موقع «كل شيء عن الجزائر»: a lone body word without the article is named by the title in marks after it. */
function withTitleInMarks(a: ArticleAnalysis, p: SourcePhrase): void {
  const { tokens, pairOf } = a;
  const k = pairOf[p.last + 1] ?? -1;
  const title = k >= 0 ? a.pairs[k] : undefined;
  if (p.kind !== 'organisation' || p.first !== p.last || hasArticle(withoutConjunction(tokens[p.first].norm))) return;
  if (!title || title.close === null || tokens[p.last + 1].start !== title.open) return;
  let last = p.last + 1;
  while (last + 1 < tokens.length && pairOf[last + 1] === k) last++;
  p.last = last;
  p.end = p.nameEnd = tokens[last].end;
}
