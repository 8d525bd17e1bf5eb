// Speech and attribution cues of Arabic news, recognised by morphology rather than by a flat
// list: each verb is given by its past stem, its imperfect stem and its active participle, and
// the inflected forms (وقالت, يقولون, مضيفة, ومؤكدا...) are generated with the conjunctions و/ف.
// Lookups use the matching key of src/core/arabicNormalize.ts (أ/إ/آ → ا, ة → ه, ى → ي, no
// diacritics), so the table is written in that key.

import { normalizeArabic } from '../arabicNormalize';

/** Grammatical gender/number of the subject a cue form agrees with. */
export type Agreement = 'm' | 'f' | 'pl' | 'any';

export type CueKind =
  /** A finite verb: قال, وأضافت, يقول. The subject follows (VSO) or precedes it, or is a pronoun. */
  | 'verb'
  /** An adverbial participle: مضيفا, مؤكدة, قائلا. Its subject is the subject of the clause. */
  | 'participle'
  /** A preposition of attribution: بحسب, وفقا لـ, نقلا عن. The source follows. */
  | 'preposition'
  /** A verbal noun with a pronoun: (نقلت عن فلان) قوله. The source is after the preceding عن. */
  | 'masdar';

export interface CueInfo {
  kind: CueKind;
  lemma: string;
  agreement: Agreement;
  /** Say-verbs introduce quotations; report verbs (أعلن, كشف, اتهم) mostly paraphrase. */
  strong: boolean;
  /** The form ends in the object pronoun ه, which normalisation confuses with ة (وصفه / صفة). */
  objectHeh?: boolean;
}

interface VerbEntry {
  past: string;
  /** Imperfect stem after the person prefix: قال → قول (يقول), أكد → ؤكد (يؤكد); '' for none. */
  imperfect: string;
  /** Active participle stem used adverbially: مضيف (مضيفا), '' for none. */
  participle: string;
  strong: boolean;
}

const v = (past: string, imperfect: string, participle: string, strong = true): VerbEntry => ({ past, imperfect, participle, strong });

// Verbs that introduce someone's words. Participles that are everyday nouns (كاتب writer,
// متهم defendant, خاتم ring, مذكرة memo) are left out; so are imperfects used impersonally (يذكر أن), and
// words that are mostly something else (رد reply, عقب after, يبلغ amounts to, يُتوقع is expected,
// يُدعى is called).
// بين needs isBayyana.
const VERBS: VerbEntry[] = [
  v('قال', 'قول', 'قائل'), v('أضاف', 'ضيف', 'مضيف'), v('تابع', 'تابع', 'متابع'), v('أكد', 'ؤكد', 'مؤكد'),
  v('أوضح', 'وضح', 'موضح'), v('أشار', 'شير', 'مشير'), v('لفت', 'لفت', 'لافت'), v('شدد', 'شدد', 'مشدد'),
  v('اعتبر', 'عتبر', 'معتبر'), v('صرح', 'صرح', 'مصرح'), v('ذكر', '', ''), v('أفاد', 'فيد', 'مفيد'),
  v('كتب', 'كتب', ''), v('أعلن', 'علن', 'معلن', false), v('استدرك', 'ستدرك', 'مستدرك'),
  v('استطرد', 'ستطرد', 'مستطرد'), v('أردف', 'ردف', 'مردف'), v('نوه', 'نوه', 'منوه'), v('أبان', '', ''),
  v('أعرب', 'عرب', 'معرب', false), v('وصف', 'صف', 'واصف'), v('علل', 'علل', 'معلل'), v('اتهم', 'تهم', '', false),
  v('حذر', 'حذر', 'محذر'), v('طالب', 'طالب', 'مطالب', false), v('دعا', 'دعو', 'داعي', false),
  v('اعترف', 'عترف', 'معترف'), v('نفى', 'نفي', 'نافي'), v('رأى', 'رى', '', false), v('كشف', 'كشف', 'كاشف', false),
  v('تساءل', 'تساءل', 'متسائل'), v('اختتم', 'ختتم', 'مختتم'), v('ختم', 'ختم', ''), v('تمنى', 'تمنى', 'متمني', false),
  v('رحب', 'رحب', 'مرحب', false), v('أشاد', 'شيد', 'مشيد', false), v('انتقد', 'نتقد', 'منتقد', false),
  v('أجاب', 'جيب', 'مجيب'), v('علق', 'علق', 'معلق'), v('ناشد', 'ناشد', 'مناشد', false),
  v('أوصى', 'وصي', 'موصي', false), v('زعم', 'زعم', 'زاعم'), v('ادعى', '', '', false), v('روى', 'روي', 'راوي'),
  v('حكى', 'حكي', ''), v('أبلغ', '', '', false), v('أقر', 'قر', '', false), v('استهل', 'ستهل', 'مستهل', false),
  v('أفصح', 'فصح', 'مفصح', false), v('نقل', 'نقل', 'ناقل', false), v('توقع', '', '', false),
  v('هدد', 'هدد', 'مهدد', false), v('بين', '', 'مبين'), v('وضح', 'وضح', 'موضح'), v('تحدث', 'تحدث', '', false),
  // وغرد فلان "…": a tweet is written words; مغرد is the noun tweeter, not an adverb.
  v('غرد', 'غرد', ''),
];

/** Prepositions and set phrases of attribution; the source follows them. */
const PREPOSITIONS = ['بحسب', 'حسب', 'حسبما', 'وفق', 'وفقا', 'طبقا', 'نقلا', 'بحسبما', 'وفقما'];

const table = new Map<string, CueInfo>();

function add(form: string, info: CueInfo): void {
  const key = normalizeArabic(form);
  for (const f of [key, 'و' + key, 'ف' + key]) if (!table.has(f)) table.set(f, info);
}

// Prepositions first: نقلا (according to) wins over the dual verb نقلا (they two reported).
for (const p of PREPOSITIONS) add(p, { kind: 'preposition', lemma: normalizeArabic(p), agreement: 'any', strong: false });

for (const e of VERBS) {
  const lemma = normalizeArabic(e.past);
  const past = lemma;
  // Past: he, she, they (m), the two, the two (f).
  add(past, { kind: 'verb', lemma, agreement: 'm', strong: e.strong });
  add(past + 'ت', { kind: 'verb', lemma, agreement: 'f', strong: e.strong });
  add(past.replace(/ي$/, '') + 'وا', { kind: 'verb', lemma, agreement: 'pl', strong: e.strong });
  add(past + 'ا', { kind: 'verb', lemma, agreement: 'pl', strong: e.strong });
  add(past + 'تا', { kind: 'verb', lemma, agreement: 'pl', strong: e.strong });
  // With an object pronoun: ووصفها, واعتبرته, وصفتها, ما وصفه. After normalisation ه is
  // also the ة of a noun (أشاره / إشارة): the caller checks the letter as written (objectHeh).
  for (const obj of ['ها', 'هم']) add(past + obj, { kind: 'verb', lemma, agreement: 'm', strong: e.strong });
  add(past + 'ه', { kind: 'verb', lemma, agreement: 'm', strong: e.strong, objectHeh: true });
  for (const obj of ['ه', 'ها', 'هم']) add(past + 'ت' + obj, { kind: 'verb', lemma, agreement: 'f', strong: e.strong });
  // Weak-final verbs: دعا → دعت, نفى → نفت, روى → روت.
  if (/[اي]$/.test(past)) add(past.slice(0, -1) + 'ت', { kind: 'verb', lemma, agreement: 'f', strong: e.strong });
  if (e.imperfect) {
    const s = normalizeArabic(e.imperfect);
    add('ي' + s, { kind: 'verb', lemma, agreement: 'm', strong: e.strong });
    add('ت' + s, { kind: 'verb', lemma, agreement: 'f', strong: e.strong });
    add('ي' + s + 'ون', { kind: 'verb', lemma, agreement: 'pl', strong: e.strong });
    add('ي' + s + 'ان', { kind: 'verb', lemma, agreement: 'pl', strong: e.strong });
  }
  if (e.participle) {
    const s = normalizeArabic(e.participle).replace(/ي$/, '');
    const full = normalizeArabic(e.participle);
    // Adverbial (accusative) participle: مضيفا / مضيفة / مضيفين; weak-final داعيا, نافيا.
    add(full + 'ا', { kind: 'participle', lemma, agreement: 'm', strong: e.strong });
    add(full + 'ه', { kind: 'participle', lemma, agreement: 'f', strong: e.strong });
    add(s + 'ين', { kind: 'participle', lemma, agreement: 'pl', strong: e.strong });
    add(full + 'ين', { kind: 'participle', lemma, agreement: 'pl', strong: e.strong });
    add(full + 'تين', { kind: 'participle', lemma, agreement: 'f', strong: e.strong });
  }
}
// بحجة / بدعوى / بداعي "…": the pretext is the words of the clause's own subject.
for (const p of ['بحجة', 'بدعوى', 'بداعي', 'بذريعة']) add(p, { kind: 'participle', lemma: normalizeArabic(p), agreement: 'any', strong: false });
for (const [form, agreement] of [['قوله', 'm'], ['قولها', 'f'], ['قولهم', 'pl'], ['تصريحه', 'm'], ['تصريحها', 'f']] as const) {
  add(form, { kind: 'masdar', lemma: 'قول', agreement, strong: true });
}
// من قول الخليفة هارون الرشيد «…» / على لسان الوزير: the source is the genitive that follows.
for (const p of ['قول', 'لسان']) add(p, { kind: 'preposition', lemma: p, agreement: 'any', strong: true });

/** Speech cue of one word (as a matching key), or undefined. */
export function speechCue(norm: string): CueInfo | undefined {
  return table.get(norm);
}

/** Form of بين that is the verb بيّن (explained) rather than the preposition "between". */
export function isBayyana(text: string, norm: string, atClauseStart: boolean): boolean {
  // The shadda tells it apart; without it only a clause-initial وبين / فبين can be the verb.
  if (/^[وف]?بي\u0651/.test(text) || /^[وف]?بيّن/.test(text)) return true;
  return atClauseStart && /^[وف]بين$/.test(norm);
}
