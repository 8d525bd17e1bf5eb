// Source of syntaxes/article.tmLanguage.json (the JSON is what ships).
// The month, weekday, digit and agency alternations are shared by several rules, so
// they are written once here instead of being copied by hand into the JSON.
//   node scripts/article-grammar.mjs          regenerate the JSON
//   node scripts/article-grammar.mjs --check  exit 1 if the JSON is stale (unit test runs it)
// Regexes are Oniguruma (what VS Code runs). Every rule works on one line: TextMate feeds
// lines one by one, so nothing here may scan back or depend on a later line.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const r = String.raw;

// Western, Arabic-Indic and Persian (Extended Arabic-Indic) digits.
const D = '[0-9٠-٩۰-۹]';
const NOT_DIGIT_BEFORE = `(?<!${D})`;
const NOT_WORD_AFTER = `(?![\\p{L}\\p{M}]|${D})`;
const NOT_LETTER_BEFORE = r`(?<![\p{L}\p{M}])`;

// Gregorian (Egypt/Gulf and Levant names) and Hijri months, with the usual alef/ya spellings.
const MONTH = '(?:' + [
  'يناير', 'فبراير', 'مارس', '[أإا]بريل', 'مايو', 'يوني[وه]', 'يولي[وه]', '[أا]غسطس', 'سبتمبر',
  '[أا]كتوبر', 'نوفمبر', 'ديسمبر',
  r`كانون\s+(?:الثاني|ال[أا]ول)`, 'شباط', '[آا]ذار', 'نيسان', '[أا]يار', 'حزيران', 'تموز', 'آب',
  '[أا]يلول', r`تشرين\s+(?:ال[أا]ول|الثاني)`,
  'محرم', 'صفر', r`ربيع\s+(?:ال[أا]ول|الآخر|الثاني)`, r`جماد[ىي]\s+(?:ال[أا]ولى|الآخرة|الثانية)`,
  'رجب', 'شعبان', 'رمضان', 'شوال', r`ذ[وي]\s+القعدة`, r`ذ[وي]\s+الحجة`,
].join('|') + ')';
// "18 سبتمبر/أيلول": outlets print both month names.
const MONTHS = `${MONTH}(?:\\s*/\\s*${MONTH})?`;
const ERA = r`(?:\s*(?:هـ|م)(?![\p{L}\p{M}]))?`;
const NAMED_DATE =
  `${NOT_DIGIT_BEFORE}${D}{1,2}(?:\\s*[-–]\\s*${D}{1,2})?\\s*${MONTHS}(?:\\s+${D}{4}${ERA})?${NOT_WORD_AFTER}` +
  `|${NOT_LETTER_BEFORE}${MONTHS}\\s+${D}{4}${ERA}${NOT_WORD_AFTER}`;
const NUMERIC_DATE =
  `${NOT_DIGIT_BEFORE}(?:${D}{4}[-/.]${D}{1,2}[-/.]${D}{1,2}|${D}{1,2}[-/.]${D}{1,2}[-/.](?:${D}{4}|${D}{2}))(?!${D}|[-/.]${D})` +
  `|${NOT_DIGIT_BEFORE}${D}{3,4}\\s?هـ?(?![\\p{L}\\p{M}])`;
const TIME = `${NOT_DIGIT_BEFORE}${D}{1,2}:${D}{2}(?::${D}{2})?(?!${D})`;
const WEEKDAY = '(?:ال(?:سبت|[أا]حد|[إا]ثنين|ثلاثاء|[أا]ربعاء|خميس|جمعة))';
const ANY_DATE = `(?:${NAMED_DATE}|${NUMERIC_DATE})`;

// News agencies as they appear in datelines and credits.
const AGENCY = '(?:' + [
  'رويترز', r`فرانس\s*برس`, r`[أا]\.?\s?ف\.?\s?ب\.?`, r`د\.?\s?ب\.?\s?[أا]\.?`, r`[أا]\.?\s?ش\.?\s?[أا]\.?`,
  r`يو\s*بي\s*[آا]ي`, r`[أا]سوشيتد\s*برس`, 'الأناضول', 'واس', 'سانا', 'قنا', 'وام', 'بنا', 'كونا', 'سبأ',
  'بترا', 'شينخوا', 'نوفوستي', 'تاس', '[إا]رنا', 'وكالات', 'متابعات',
  r`(?i:reuters|afp|ap|dpa|xinhua|ria\s+novosti)`,
].join('|') + r`)(?![\p{L}\p{M}])`;

const LATIN_CHAR = 'A-Za-zÀ-ɏḀ-ỿ';
const LATIN_WORD = `[${LATIN_CHAR}](?:[${LATIN_CHAR}0-9]|['’.&\\-](?=[${LATIN_CHAR}0-9]))*`;
// Characters that end a URL or cannot be in one as scraped (Arabic punctuation included).
const URL_STOP = r`\s"“”„‟«»<>()\[\]{}`;
const URL_TAIL = `[^${URL_STOP}]*[^${URL_STOP}.,،؛;:!?؟'’]`;

// A mark opens only if text follows it, not a space or closing/other punctuation: a lone
// or closing mark must not start a quote that would then swallow the rest of the line.
const OPENS = r`(?=[^\s\p{Po}\p{Pe}\p{Pf}\p{Pd}])`;
// A curly opening mark used as a closer (“...“): right after text, before space/punctuation/EOL.
const CURLY_OPEN_AS_CLOSE = r`(?<=\S)“(?=[\s\p{P}]|$)`;

const BEGIN_MARK = { 0: { name: 'punctuation.definition.quote.begin.article' } };
const END_MARK = { 1: { name: 'punctuation.definition.quote.end.article' } };

// A quotation never outlives its line: the `|$` in every end is what stops an unclosed mark
// from colouring the following paragraphs. `inside` names the patterns allowed within it.
function quote(key, begin, close, { nested = false, stopBefore = '', inside = '#inner-quotes-1' } = {}) {
  const end = `(${close})` + (stopBefore ? `|(?=${stopBefore})` : '') + '|$';
  return [key, {
    name: nested ? 'meta.quote.nested.article' : 'meta.quote.article',
    contentName: nested ? 'string.quoted.double.nested.article' : 'string.quoted.double.article',
    begin,
    beginCaptures: BEGIN_MARK,
    end,
    endCaptures: END_MARK,
    patterns: [...(inside ? [{ include: inside }] : []), { include: '#atoms' }],
  }];
}

// Nested quotations, two levels deep: a quote inside a quote inside a quote is plain text at
// the third level. Unbounded recursion makes a line of thousands of stray “ cost O(n²)
// (every token carries the whole scope stack).
const NESTING_DEPTH = 2;
function innerQuotes(level) {
  const suffix = `-${level}`;
  const inside = level < NESTING_DEPTH ? `#inner-quotes-${level + 1}` : '';
  const opts = (stopBefore) => ({ nested: true, stopBefore, inside });
  return [
    [`inner-quotes${suffix}`, { patterns: ['curly', 'closing-curly', 'guillemets', 'ascii'].map((k) => ({ include: `#inner-${k}${suffix}` })) }],
    quote(`inner-curly${suffix}`, '“', `”|${CURLY_OPEN_AS_CLOSE}`, opts('[»"]')),
    quote(`inner-closing-curly${suffix}`, `”${OPENS}`, '[”“]', opts('[»"]')),
    quote(`inner-guillemets${suffix}`, '«', '»', opts('[”"]')),
    quote(`inner-ascii${suffix}`, `"${OPENS}`, '"', opts('[”»]')),
  ];
}

// Whole lines that are site furniture, not article text (seen in the seed dumps and SaudiNewsNet).
const SHORT = '(?=.{0,120}$)';
const BOILERPLATE_LINES = [
  r`تعليقات\s+(?:ال)?فيس\s?بوك`,
  r`(?:ال)?تعليقات(?:\s+مغلقة)?`,
  r`(?:[أا]ضف|اترك|[أا]كتب)\s+تعليق(?:ا|اً|ًا|ك)?`,
  r`(?:[أا]خبار|مقالات|موضوعات|مواضيع|مواد|قصص)\s+(?:ذات\s+صلة|متعلقة|مشابهة|[أا]خرى)`,
  r`شاهد\s+(?:[أا]يض(?:ا|اً|ًا)|(?:ال)?فيديو)`,
  r`(?:ال)?[أا]كثر\s+(?:قراءة|مشاهدة|تعليق(?:ا|اً|ًا)|تداول(?:ا|اً|ًا)|شعبية)`,
  r`شارك(?:\s+(?:الخبر|المقال|هذا\s+الخبر|هذا\s+المقال|على|عبر)(?:\s+\S+)?)?`,
  r`مشاركة(?:\s+(?:الخبر|المقال))?`,
  'عاجل', '[إا]غلاق', '(?:ال)?رئيسية',
  r`(?:\.{2,}|…)?\s*المزيد`,
  '[-–—•|*·.]+',
  r`(?i:logo|no\s+stories\s+found\.?|share|print|tweet|facebook|twitter|whatsapp|e-?mail|read\s+more|related(?:\s+(?:news|articles|posts|stories))?|comments?)`,
  // A lone URL or domain line is the site's footer.
  `(?:https?://|www\\.)${URL_TAIL}`,
  // Related-headline listings: a line that is only a date (weekday, date, time) ...
  `(?:${WEEKDAY}\\s*[,،\\-]?\\s*)?${ANY_DATE}(?:\\s*[,،\\-]?\\s*(?:الساعة\\s*)?${TIME})?(?:\\s*(?:ص|م|(?i:am|pm)))?`,
  // ... or a headline with the listing's weekday+date glued at its end (Youm7).
  `.{1,200}?${WEEKDAY}\\s*[,،]\\s*${ANY_DATE}(?:\\s*[,،]\\s*${TIME})?`,
];
const BOILERPLATE_PREFIXES = [
  r`[اأإ]قر[أا]\s+(?:[أا]يض(?:ا|اً|ًا)|التالي|المزيد)`,
  r`طباعة\s+(?:الخبر|المقال|الصفحة)`,
  r`[إا]رسال\s+(?:الخبر|المقال|لصديق|[إا]لى\s+صديق)`,
  r`لمتابعة.{0,80}?(?:اضغط|انقر|الرابط)`,
  r`(?:[اأ]ضغط|انقر)\s+هنا`,
  r`رابط\s+(?:الخبر|المقال|دائم|مختصر)`,
  r`تابع(?:ونا|نا)\s+(?:على|عبر)`,
  r`(?:كلمات\s+(?:دلالية|مفتاحية)|الوسوم|وسوم)\s*[:：]`,
  r`(?:تاريخ\s+النشر|آخر\s+تحديث)\s*[:：]`,
  r`جميع\s+الحقوق\s+محفوظة`,
  r`.{0,100}?(?:©|حقوق\s+(?:النشر|الطبع)\s+محفوظة)`,
];

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Arabic News Article',
  scopeName: 'text.article.arabic',
  comment: 'Generated by scripts/article-grammar.mjs; edit that file, not this one.',
  patterns: [
    { include: '#headline' },
    { include: '#boilerplate' },
    { include: '#attribution' },
    { include: '#inline' },
  ],
  repository: {
    // The headline is the first line of the dump. \A only matches on the document's first
    // line in vscode-textmate; a very long first line is body text whose headline is
    // missing (seed 002), so it is not a heading.
    headline: {
      name: 'markup.heading.article',
      begin: r`\A(?=[^\S\n]*\S)(?=.{1,300}$)`,
      end: '$',
      patterns: [{ include: '#inline' }],
    },
    boilerplate: {
      patterns: [
        { name: 'comment.line.boilerplate.article', match: `^\\s*(?:${BOILERPLATE_LINES.join('|')})\\s*[:：]?\\s*$` },
        { name: 'comment.line.boilerplate.article', match: `^\\s*${SHORT}(?:${BOILERPLATE_PREFIXES.join('|')}).*$` },
      ],
    },
    attribution: {
      patterns: [
        {
          // "المصدر: وكالات", "المصدر : الجزيرة + وكالات", "مصدر الخبر: ..."
          name: 'meta.attribution.article',
          begin: r`^\s*((?:المصدر|مصدر\s+الخبر|المصادر)\s*[:：])`,
          beginCaptures: { 1: { name: 'keyword.other.attribution.article' } },
          end: '$',
          patterns: [{ include: '#agency-name' }, { include: '#atoms' }],
        },
        {
          name: 'meta.attribution.article',
          match: r`^\s*((?:المصدر|مصدر\s+الخبر))\s*$`,
          captures: { 1: { name: 'keyword.other.attribution.article' } },
        },
        {
          // Credit line "وكالات ـ امن ـ الرأي ـ" (Alrai) or a lone "وكالات".
          name: 'meta.attribution.article',
          begin: r`^\s*(وكالات|متابعات)(?=\s*(?:[-ـ–—:|/،,+]|$))`,
          beginCaptures: { 1: { name: 'keyword.other.agency.article' } },
          end: '$',
          patterns: [{ include: '#agency-name' }],
        },
        {
          // Dateline before the body: "الرياض - واس:", "سبق – وكالات:", "(رويترز) -".
          // Only the dateline is scoped; the paragraph after it is ordinary text.
          name: 'meta.attribution.dateline.article',
          match: `^\\s*(?:[\\p{L}\\p{M}]+(?:\\s+[\\p{L}\\p{M}]+){0,2}\\s*[-–—]\\s*)?\\(?\\s*(${AGENCY})\\s*\\)?\\s*[:：\\-–—]`,
          captures: { 1: { name: 'keyword.other.agency.article' } },
        },
      ],
    },
    agency: {
      // "(رويترز)", "(واس)" credits anywhere in a line.
      name: 'meta.attribution.article',
      match: `\\(\\s*(${AGENCY})\\s*\\)`,
      captures: { 1: { name: 'keyword.other.agency.article' } },
    },
    'agency-name': {
      // Inside a credit line the outlet needs no parentheses: "المصدر : الجزيرة + وكالات".
      name: 'keyword.other.agency.article',
      match: `${NOT_LETTER_BEFORE}(?:${AGENCY}|الجزيرة(?![\\p{L}\\p{M}]))`,
    },
    inline: {
      patterns: [{ include: '#quotes' }, { include: '#agency' }, { include: '#atoms' }],
    },
    atoms: {
      patterns: [
        { include: '#url' },
        { include: '#latin' },
        { include: '#date' },
        { include: '#time' },
        { include: '#number' },
      ],
    },
    // Outside any quotation. Marks are read by position, not by their Unicode name, because
    // scraped text uses them every way round: “…”, ”…“, ”…” glued after بـ, "…", «…», »…«, „…‟.
    quotes: {
      patterns: [
        { include: '#quote-curly' },
        { include: '#quote-closing-curly' },
        { include: '#quote-guillemets' },
        { include: '#quote-reversed-guillemets' },
        { include: '#quote-ascii' },
        { include: '#quote-low' },
        { include: '#quote-apostrophes' },
      ],
    },
    ...Object.fromEntries([
      quote('quote-curly', '“', `”|${CURLY_OPEN_AS_CLOSE}`),
      // ” opening: reversed ”…“ or same mark both ends, often glued: بـ”المهنية ...”.
      quote('quote-closing-curly', `”${OPENS}`, '[”“]'),
      quote('quote-guillemets', '«', '»'),
      // »…« only where » cannot be a closer: at line start or after space/opening punctuation.
      quote('quote-reversed-guillemets', r`(?<![^\s(\[{:،؛])»${OPENS}`, '«'),
      // An ASCII quote may be closed by » (seen: "...») when no « opened inside it.
      quote('quote-ascii', `"${OPENS}`, '["»]'),
      quote('quote-low', '„', '[‟“”]'),
      quote('quote-apostrophes', `''${OPENS}`, "''"),
      // Inside a quotation. Each nested quote also stops (without consuming) before a closing
      // mark of another style, so it can never eat the outer quotation's closer.
      ...innerQuotes(1),
      ...innerQuotes(2),
    ]),
    url: {
      name: 'markup.underline.link.article',
      match: `(?<![\\w@.])(?:(?:https?://|www\\.)${URL_TAIL}` +
        `|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9-]{1,63}){0,5}\\.(?:com|net|org|gov|edu|info|sa|eg|ae|qa|kw|jo|lb|ma|tn|iq|sy|ru|uk|us|tv|io)(?![A-Za-z0-9-])(?:/${URL_TAIL})?)`,
    },
    latin: {
      // A run of Latin words ("Ashton Carter") is one token.
      name: 'text.latin.article',
      match: `${LATIN_WORD}(?:[ \\t]+${LATIN_WORD})*`,
    },
    date: {
      name: 'constant.numeric.date.article',
      match: ANY_DATE,
    },
    time: {
      name: 'constant.numeric.time.article',
      match: TIME,
    },
    number: {
      name: 'constant.numeric.article',
      match: `${D}+(?:[.,٫٬]${D}+)*(?:\\s?[%٪])?`,
    },
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'syntaxes', 'article.tmLanguage.json');
const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(target, 'utf8'); } catch { /* missing counts as stale */ }
  if (current !== text) {
    console.error(`${target} is stale: run node scripts/article-grammar.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
