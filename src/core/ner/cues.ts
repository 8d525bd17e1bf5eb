// Trigger words of Arabic news that announce a name: titles before persons, kinds of place before
// locations, kinds of body before organisations. Looked up by stem (no proclitics, no article),
// so they are written bare here and normalised at load.

import { normalizeWord } from './normalize';

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/).map(normalizeWord));

/** Titles and roles that precede a person's name: الرئيس باراك أوباما, وزير الدفاع سيرغي شويغو. */
export const PERSON_CUES = words(`
  رئيس رئيسة سيد سيدة شيخ ملك ملكة أمير أميرة وزير وزيرة نائب نائبة دكتور د مهندس أستاذ بروفيسور
  عقيد عميد لواء جنرال فريق مشير رائد نقيب مستشار مستشارة زعيم قائد متحدث متحدثة ناطق ناطقة مدير
  مديرة سفير سفيرة مبعوث مندوب أمين حاكم محافظ قاضي عضو نجم لاعب مدرب فنان فنانة كاتب كاتبة شاعر
  مطرب مطربة مخرج ممثل ممثلة صحفي مراسل بابا كاردينال مفتي إمام سلطان خليفة مرشح مرشحة سناتور
  سيناتور زميل زميلة المخرج الراحل
`);

/** Speech and attribution words, near which a speaker's name stands: قال, أكد, بحسب. */
export const SPEECH_CUES = words(`
  قال قالت أكد أكدت أضاف أضافت أعلن أعلنت صرح صرحت أوضح أوضحت أشار أشارت ذكر ذكرت اعتبر اعتبرت
  رأى رأت حسب وفق وفقا طالب طالبت دعا دعت
`);

/** Kinds of place that precede a location's name: مدينة حلب, ولاية كاليفورنيا. */
export const LOCATION_CUES = words(`
  مدينة ولاية محافظة منطقة عاصمة جزيرة جزر بلدة قرية إقليم مقاطعة دولة جمهورية مملكة إمارة إمارات
  سلطنة نهر بحر بحيرة جبل جبال صحراء خليج مضيق ميناء مطار حي شارع ساحة ميدان شمال جنوب شرق غرب
  وسط ضواحي مخيم قطاع ضفة حدود بلاد مناطق مدن عواصم
`);

/** Kinds of body that start an organisation's name: وزارة الدفاع, شركة أرامكو, جامعة القاهرة. */
export const ORGANISATION_CUES = words(`
  وزارة شركة منظمة حزب جامعة حركة جمعية مجلس وكالة صحيفة جريدة مجلة هيئة اتحاد بنك مصرف نادي لجنة
  جبهة تنظيم مؤسسة مركز معهد أكاديمية محكمة برلمان حكومة قناة إذاعة تلفزيون تليفزيون مجموعة منتدى
  صندوق سلطة إدارة مديرية نقابة رابطة كتلة تحالف ائتلاف جيش قوات شرطة مكتب بورصة مستشفى مدرسة كلية
  دار ديوان أمانة بعثة مفوضية فيلق كتيبة
`);

/** Cue lists by the one-letter code that feature strings use. */
export const CUE_CLASSES: ReadonlyArray<readonly [string, ReadonlySet<string>]> = [
  ['P', PERSON_CUES],
  ['S', SPEECH_CUES],
  ['L', LOCATION_CUES],
  ['O', ORGANISATION_CUES],
];
