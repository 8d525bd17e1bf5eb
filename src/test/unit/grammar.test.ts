// The article grammar and language configuration, checked the way VS Code runs them:
// vscode-textmate + Oniguruma (WASM) tokenizing the real seed dumps line by line, and the
// wordPattern compiled as VS Code compiles it. Plain Node: no `vscode` import.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { repoRoot, sharedDir } from './seedCorpus';

const SCOPE = 'text.article.arabic';

const ROOT = repoRoot();
const SHARED = sharedDir();
const SEEDS = join(SHARED, 'corpus', 'seeds');
const GOLD_ARTICLES = join(SHARED, 'gold', 'quotes-dev', 'articles');
const SAMPLE_300 = join(SHARED, 'data', 'saudinewsnet', 'sample_300');

interface Token { start: number; end: number; text: string; scopes: string[] }
interface Line { text: string; tokens: Token[] }

let grammar: vsctm.IGrammar;

// The WASM is read from node_modules at run time: esbuild bundles the JS glue but not the binary.
async function loadGrammar(): Promise<vsctm.IGrammar> {
  const rootRequire = createRequire(join(ROOT, 'package.json'));
  const wasm = readFileSync(rootRequire.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const grammarPath = join(ROOT, 'syntaxes', 'article.tmLanguage.json');
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar(SCOPE);
  assert.ok(loaded, `grammar ${SCOPE} did not load`);
  return loaded;
}

// Lines are fed one by one with the previous line's state, as the editor does (EOLs stripped).
function tokenize(text: string): Line[] {
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const tokens = result.tokens.map((t) => ({
      start: t.startIndex,
      end: Math.min(t.endIndex, line.length),
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
    return { text: line, tokens };
  });
}

// Fixture lines as article body: a headline goes first so line-level rules apply to them.
function tokenizeBody(...lines: string[]): Line[] {
  return tokenize(['عنوان الخبر', ...lines].join('\n')).slice(1);
}

function tokenizeFile(dir: string, name: string): Line[] {
  const file = join(dir, name);
  assert.ok(existsSync(file), `${file} missing: set ANA_SHARED to the shared/ folder`);
  return tokenize(readFileSync(file, 'utf8'));
}

const hasScope = (scopes: string[], prefix: string): boolean =>
  scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));

// Tokens covering `needle` (its `occurrence`-th appearance, 1-based) in the line.
function tokensOf(line: Line, needle: string, occurrence = 1): Token[] {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = line.text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (#${occurrence}) not in line: ${line.text.slice(0, 80)}`);
  }
  const end = at + needle.length;
  return line.tokens.filter((t) => t.start < end && t.end > at);
}

function describeTokens(tokens: Token[]): string {
  return tokens.map((t) => `[${t.scopes.slice(1).join(' ')}] ${JSON.stringify(t.text.slice(0, 40))}`).join('\n  ');
}

function assertScope(line: Line, needle: string, scope: string, occurrence = 1): void {
  const tokens = tokensOf(line, needle, occurrence);
  assert.ok(tokens.every((t) => hasScope(t.scopes, scope)), `"${needle}" should be ${scope}:\n  ${describeTokens(tokens)}`);
}

function assertNoScope(line: Line, needle: string, scope: string, occurrence = 1): void {
  const tokens = tokensOf(line, needle, occurrence);
  assert.ok(tokens.every((t) => !hasScope(t.scopes, scope)), `"${needle}" should not be ${scope}:\n  ${describeTokens(tokens)}`);
}

// The token that is exactly `mark` at its `occurrence`-th position.
function markToken(line: Line, mark: string, occurrence = 1): Token {
  const [token] = tokensOf(line, mark, occurrence);
  assert.equal(token.text, mark, `"${mark}" should be a token of its own:\n  ${describeTokens(line.tokens)}`);
  return token;
}

function assertQuote(line: Line, open: string, inside: string, close: string | null, occurrence = 1): void {
  const openAt = (() => {
    let at = -1;
    for (let i = 0; i < occurrence; i++) at = line.text.indexOf(open + inside, at + 1);
    assert.ok(at >= 0, `${open}${inside} not in line`);
    return at;
  })();
  const begin = line.tokens.find((t) => t.start === openAt);
  assert.ok(begin && hasScope(begin.scopes, 'punctuation.definition.quote.begin'), `${open} should open a quote:\n  ${describeTokens(line.tokens)}`);
  const innerStart = openAt + open.length;
  const inner = line.tokens.filter((t) => t.start < innerStart + inside.length && t.end > innerStart);
  assert.ok(inner.every((t) => hasScope(t.scopes, 'string.quoted.double')), `"${inside}" should be quoted:\n  ${describeTokens(inner)}`);
  if (close !== null) {
    const end = line.tokens.find((t) => t.start === innerStart + inside.length);
    assert.ok(end && end.text === close && hasScope(end.scopes, 'punctuation.definition.quote.end'), `${close} should close the quote:\n  ${describeTokens(line.tokens)}`);
  }
}

describe('article grammar (vscode-textmate + Oniguruma)', function () {
  this.timeout(20000);

  before(async () => {
    grammar = await loadGrammar();
  });

  describe('packaging', () => {
    it('the shipped JSON is what scripts/article-grammar.mjs generates', () => {
      const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'article-grammar.mjs'), '--check'], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
    });

    it('package.json points at this grammar and language configuration', () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        contributes: { grammars: { language: string; scopeName: string; path: string }[]; languages: { id: string; configuration: string }[] };
      };
      const contributed = pkg.contributes.grammars.find((g) => g.language === 'arabic-article');
      assert.ok(contributed);
      assert.equal(contributed.scopeName, SCOPE);
      const raw = JSON.parse(readFileSync(join(ROOT, contributed.path), 'utf8')) as { scopeName: string };
      assert.equal(raw.scopeName, SCOPE);
      const language = pkg.contributes.languages.find((l) => l.id === 'arabic-article');
      assert.ok(language && existsSync(join(ROOT, language.configuration)));
    });
  });

  describe('headline', () => {
    it('line 1 of seed 000 is the heading, the body is not', () => {
      const lines = tokenizeFile(SEEDS, '000_4cb1cd4800d685dd.txt');
      assertScope(lines[0], lines[0].text, 'markup.heading.article');
      assertNoScope(lines[2], 'بحث وزير الدفاع', 'markup.heading');
    });

    it('only the first line: a repeated headline further down (seed 003) is body text', () => {
      const lines = tokenizeFile(SEEDS, '003_83f8822d896d3ab0.txt');
      assertScope(lines[0], lines[0].text, 'markup.heading');
      assert.equal(lines[3].text, lines[0].text);
      assertNoScope(lines[3], lines[3].text, 'markup.heading');
    });

    it('a whole article on one line (seed 002, headline missing) is not a heading', () => {
      const [first] = tokenizeFile(SEEDS, '002_c2923841470bda03.txt');
      assert.ok(first.text.length > 1000);
      assertNoScope(first, 'ذكرت صحيفة واشنطن بوست', 'markup.heading');
    });

    it('quotes and numbers inside the headline keep their own scopes', () => {
      const [first] = tokenizeFile(SEEDS, '001_067b9e39abae9f08.txt');
      assertScope(first, first.text, 'markup.heading');
      assertQuote(first, '"', 'تفادي الصدام', '"');
    });
  });

  describe('quotations', () => {
    it('“…” (seed 000): marks are punctuation outside the string scope, the words are the string', () => {
      const lines = tokenizeFile(SEEDS, '000_4cb1cd4800d685dd.txt');
      const line = lines[6];
      assertQuote(line, '“', 'سير الحديث أظهر تقارب وجهتي نظر الجانبين أو تشابهها بشأن معظم المسائل التي جرى بحثها', '”');
      // Marks out of `string` keep them usable for bracket matching in VS Code.
      assert.ok(!hasScope(markToken(line, '“').scopes, 'string'));
      assert.ok(!hasScope(markToken(line, '”').scopes, 'string'));
      assertNoScope(line, 'وشدد المكتب الصحفي', 'string');
      assertNoScope(line, '.', 'meta.quote', 1);
      // Names in marks are tokenized the same way (telling them from quotations is the detector's job).
      assertQuote(lines[10], '“', 'داعش', '”');
      assertQuote(lines[28], '“', 'نوفوستي', '”');
    });

    it('ASCII "…" with the same mark at both ends (seed 001)', () => {
      const lines = tokenizeFile(SEEDS, '001_067b9e39abae9f08.txt');
      assertQuote(lines[12], '"', 'على مستوى عسكري', '"');
      assertQuote(lines[12], '"', 'قريبا جدا', '"');
      assertNoScope(lines[12], 'مع روسيا حول النزاع', 'string');
      assertQuote(lines[18], '"', 'سنرحب بمساهمات بناءة من الروس في التحالف ضد تنظيم الدولة الإسلامية', '"');
      assertNoScope(lines[18], 'مضيفا', 'string');
    });

    it('ASCII quotes end at the period after the closing mark (seed 003)', () => {
      const lines = tokenizeFile(SEEDS, '003_83f8822d896d3ab0.txt');
      assertQuote(lines[9], '"', 'تساعد المحادثات على تحديد بعض من الخيارات المختلفة المتاحة لنا بينما ندرس الخطوات التالية في سوريا.', '"');
    });

    it('a mark glued to a letter still opens: بـ”المهنية ...” (seed 004)', () => {
      const lines = tokenizeFile(SEEDS, '004_1a9257cbefa7c7ae.txt');
      const line = lines[8];
      assertQuote(line, '”', 'المهنية والمركزة حصرا على تحقيق إجراءات أمنية محددة', '”');
      assertNoScope(line, 'واصفا إيها بـ', 'string');
    });

    it('a quotation nested in another (seed 002 “إن الإدارة “الأمريكية” ليست ...”)', () => {
      const [line] = tokenizeFile(SEEDS, '002_c2923841470bda03.txt');
      assertQuote(line, '“', 'إن الإدارة ', null);
      assertScope(line, '“الأمريكية”', 'meta.quote.nested');
      assertScope(line, ' ليست لديها خيار سوى الانخراط مع الروس فى هذه النقطة', 'string.quoted.double.article');
      assertNoScope(line, ' ليست لديها خيار', 'meta.quote.nested');
      assertNoScope(line, 'واستطردت الصحيفة', 'string');
    });

    it('a nested quotation at the end of seed 004 closes before its outer quote', () => {
      const lines = tokenizeFile(SEEDS, '004_1a9257cbefa7c7ae.txt');
      const line = lines[14];
      assertScope(line, 'داعش', 'string.quoted.double.nested');
      assertScope(line, ' في سوريا', 'string.quoted.double.article');
      assertNoScope(line, ' في سوريا', 'meta.quote.nested');
      assertNoScope(line, '.انتهى', 'string');
    });

    it('«…» (real SaudiNewsNet article) and marks nested inside « »', () => {
      const lines = tokenizeFile(GOLD_ARTICLES, '2015-07-21_00235.txt');
      assertQuote(lines[2], '«', 'الجهاد الكفائي', '»');
      const [fixture] = tokenizeBody('وقال: «نحن نرفض ما وصفه بـ"الحل الأمني" و“الضغوط” كلها» ثم غادر.');
      assertQuote(fixture, '«', 'نحن نرفض ما وصفه بـ', null);
      assertScope(fixture, 'الحل الأمني', 'string.quoted.double.nested');
      assertScope(fixture, 'الضغوط', 'string.quoted.double.nested');
      assertScope(fixture, ' كلها', 'string.quoted.double.article');
      assertNoScope(fixture, ' كلها', 'meta.quote.nested');
      assertNoScope(fixture, 'ثم غادر', 'string');
    });

    it('reversed ”…“, low „…‟, doubled apostrophes \'\'…\'\' and reversed »…«', () => {
      const [reversed, low, apostrophes, guillemets] = tokenizeBody(
        'وقال الوزير ”لن نتراجع عن قرارنا“ أمام الصحفيين.',
        'ونقلت الوكالة عنه „نحن مستعدون للحوار‟ مع موسكو.',
        "وقال: ''لن تسمح الهيئة ببقاء أي من المزيفين'' في البلاد.",
        'وأضاف »هذا موقفنا النهائي« في ختام المؤتمر.',
      );
      assertQuote(reversed, '”', 'لن نتراجع عن قرارنا', '“');
      assertNoScope(reversed, 'أمام الصحفيين', 'string');
      assertQuote(low, '„', 'نحن مستعدون للحوار', '‟');
      assertNoScope(low, 'مع موسكو', 'string');
      assertQuote(apostrophes, "''", 'لن تسمح الهيئة ببقاء أي من المزيفين', "''");
      assertNoScope(apostrophes, 'في البلاد', 'string');
      assertQuote(guillemets, '»', 'هذا موقفنا النهائي', '«');
      assertNoScope(guillemets, 'في ختام', 'string');
    });

    it('an unclosed quotation ends with its line and does not spill onto the next paragraph', () => {
      const lines = tokenizeBody(
        'وقال المتحدث: «لن نقبل بأي تسوية لا تضمن حقوقنا',
        '',
        'وأضاف أن الاجتماع المقبل سيعقد في الرياض.',
        'وقال: “نبحث عن حل',
        'وفي سياق متصل، ذكرت المصادر أن "الوفد وصل',
        'الخارجية الأمريكية: واشنطن تسعى إلى تجنب نزاعات',
      );
      assertQuote(lines[0], '«', 'لن نقبل بأي تسوية لا تضمن حقوقنا', null);
      assertNoScope(lines[2], lines[2].text, 'meta.quote');
      assertNoScope(lines[4], 'وفي سياق متصل', 'meta.quote');
      assertNoScope(lines[5], lines[5].text, 'meta.quote');
    });

    it('a lone closing mark after a word does not open a quotation', () => {
      const [line] = tokenizeBody('وأكد أن القوات” انسحبت من المنطقة» وأن الوضع" هادئ حاليا.');
      assertNoScope(line, line.text, 'meta.quote');
    });

    it('no state leaks from one line to the next in any real dump (seeds, gold, 300 SaudiNewsNet)', () => {
      const rootDepth = grammar.tokenizeLine('', vsctm.INITIAL).ruleStack.depth;
      const files = [SEEDS, GOLD_ARTICLES, SAMPLE_300].flatMap((dir) =>
        readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f)));
      assert.ok(files.length >= 300, `expected the shared corpora, found ${files.length} files`);
      for (const file of files) {
        let state = vsctm.INITIAL;
        readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, i) => {
          const result = grammar.tokenizeLine(line, state, 2000);
          assert.ok(!result.stoppedEarly, `${file}:${i + 1} hit the time limit`);
          state = result.ruleStack;
          assert.equal(state.depth, rootDepth, `${file}:${i + 1} leaves a rule open for the next line`);
        });
      }
    });
  });

  describe('numbers and dates', () => {
    it('dates with month names and numbers in seeds 000 and 002', () => {
      const lines = tokenizeFile(SEEDS, '000_4cb1cd4800d685dd.txt');
      assertScope(lines[2], '18 سبتمبر/أيلول', 'constant.numeric.date');
      const [long] = tokenizeFile(SEEDS, '002_c2923841470bda03.txt');
      assertScope(long, 'أغسطس 2014', 'constant.numeric.date');
      assertScope(long, '50', 'constant.numeric.article');
      assertNoScope(long, '50 دقيقة', 'constant.numeric.date');
      const seed004 = tokenizeFile(SEEDS, '004_1a9257cbefa7c7ae.txt');
      assertScope(seed004[4], '30', 'constant.numeric', 1); // الـ30: digits glued to a tatweel
    });

    it('Arabic-Indic, Persian and Western digits, numeric dates and times', () => {
      const [line] = tokenizeBody('في ١٨/٩/٢٠١٥ وصل ٣٥٠٠ جندي و۱۲۵ آلية، وفي 2015-07-21 و12/9/2015 عند 19:26 بنسبة 60% و7,16 مليار و١٤٣٦هـ.');
      assertScope(line, '١٨/٩/٢٠١٥', 'constant.numeric.date');
      assertScope(line, '٣٥٠٠', 'constant.numeric.article');
      assertScope(line, '۱۲۵', 'constant.numeric.article');
      assertScope(line, '2015-07-21', 'constant.numeric.date');
      assertScope(line, '12/9/2015', 'constant.numeric.date');
      assertScope(line, '19:26', 'constant.numeric.time');
      assertScope(line, '60%', 'constant.numeric.article');
      assertScope(line, '7,16', 'constant.numeric.article');
      assertScope(line, '١٤٣٦هـ', 'constant.numeric.date');
      assertNoScope(line, 'وصل', 'constant');
    });

    it('a month name without a number is just a word', () => {
      const lines = tokenizeFile(SEEDS, '000_4cb1cd4800d685dd.txt');
      assertNoScope(lines[20], 'فبراير/شباط', 'constant');
      const [fixture] = tokenizeBody('وقال صفر الصفر إن رجب سيحضر في رمضان المقبل.');
      assertNoScope(fixture, fixture.text, 'constant');
    });
  });

  describe('Latin script', () => {
    it('English names in seed 001 are Latin runs, one token per run', () => {
      const lines = tokenizeFile(SEEDS, '001_067b9e39abae9f08.txt');
      assert.equal(markToken(lines[2], 'Ashton Carter').scopes.at(-1), 'text.latin.article');
      assert.equal(markToken(lines[2], 'Sergei Shoigu').scopes.at(-1), 'text.latin.article');
      assertNoScope(lines[2], 'والروسي', 'text.latin');
    });

    it('URLs and bare domains are links', () => {
      const [line] = tokenizeBody('للتقديم عبر https://dfpa.ksu.edu.sa/ أو موقع www.sfda.gov.sa، أو sabq.org ثم Riyadh Season.');
      assertScope(line, 'https://dfpa.ksu.edu.sa/', 'markup.underline.link');
      assertScope(line, 'www.sfda.gov.sa', 'markup.underline.link');
      assertNoScope(line, '،', 'markup.underline.link');
      assertScope(line, 'sabq.org', 'markup.underline.link');
      assertScope(line, 'Riyadh Season', 'text.latin');
      const last = line.tokens[line.tokens.length - 1];
      assert.equal(last.text, '.');
      assert.ok(!hasScope(last.scopes, 'text.latin'));
    });
  });

  describe('attribution', () => {
    it('credit lines at the end of seeds 000, 001 and 004', () => {
      const seed000 = tokenizeFile(SEEDS, '000_4cb1cd4800d685dd.txt');
      assertScope(seed000[40], 'المصدر:', 'keyword.other.attribution');
      assertScope(seed000[40], 'وكالات', 'keyword.other.agency');
      assertScope(seed000[40], seed000[40].text, 'meta.attribution');
      const seed001 = tokenizeFile(SEEDS, '001_067b9e39abae9f08.txt');
      assertScope(seed001[38], 'المصدر :', 'keyword.other.attribution');
      assertScope(seed001[38], 'الجزيرة', 'keyword.other.agency');
      const seed004 = tokenizeFile(SEEDS, '004_1a9257cbefa7c7ae.txt');
      assertScope(seed004[1], 'وكالات ـ امن ـ الرأي ـ', 'meta.attribution');
    });

    it('datelines and agency credits; a sentence about a source is not a credit', () => {
      const [dateline, credit, sentence] = tokenizeBody(
        'الرياض - واس: أعلنت وزارة الداخلية اليوم عن ضبط خلية.',
        'قتل 12 شخصا في انفجار (رويترز) بحسب مصادر محلية.',
        'المصدر الذي طلب عدم ذكر اسمه قال إن وكالات الإغاثة انسحبت.',
      );
      assertScope(dateline, 'الرياض - واس:', 'meta.attribution.dateline');
      assertScope(dateline, 'واس', 'keyword.other.agency');
      assertNoScope(dateline, 'أعلنت وزارة الداخلية', 'meta.attribution');
      assertScope(credit, '(رويترز)', 'meta.attribution');
      assertNoScope(credit, 'بحسب مصادر', 'meta.attribution');
      assertNoScope(sentence, sentence.text, 'meta.attribution');
    });
  });

  describe('site boilerplate', () => {
    const boilerplate = 'comment.line.boilerplate';

    it('trailing furniture of seed 000 (تعليقات الفيسبوك ...)', () => {
      const lines = tokenizeFile(SEEDS, '000_4cb1cd4800d685dd.txt');
      for (const i of [42, 44, 46]) assertScope(lines[i], lines[i].text, boilerplate);
      assertNoScope(lines[38], lines[38].text, boilerplate);
    });

    it('related-headline listings with dates in seed 002', () => {
      const lines = tokenizeFile(SEEDS, '002_c2923841470bda03.txt');
      for (const i of [1, 2, 3, 27, 29, 36, 37, 38, 39, 47]) assertScope(lines[i], lines[i].text, boilerplate);
      assert.equal(lines[3].text, 'الأربعاء, 20 نوفمبر 2024, 19:26');
      assertNoScope(lines[0], 'ذكرت صحيفة', boilerplate);
    });

    it('footers of seeds 003 and 004', () => {
      const seed003 = tokenizeFile(SEEDS, '003_83f8822d896d3ab0.txt');
      for (const i of [37, 39, 42, 44]) assertScope(seed003[i], seed003[i].text, boilerplate);
      const seed004 = tokenizeFile(SEEDS, '004_1a9257cbefa7c7ae.txt');
      assertScope(seed004[15], 'طباعة الخبر ارسال الخبر الى صديق', boilerplate);
    });

    it('article sentences that start like boilerplate are left alone', () => {
      const lines = tokenizeBody(
        'شارك وزير الخارجية في الاجتماع الذي عقد في جدة أمس.',
        'طباعة المصحف الشريف في مجمع الملك فهد بلغت أرقاما قياسية هذا العام بحسب التقرير.',
        'عاجل جدا أن تتحرك الحكومة لمعالجة الأزمة قبل فوات الأوان.',
        'اقرأ أيضا: وزير الخارجية يصل إلى موسكو',
      );
      for (const line of lines.slice(0, 3)) assertNoScope(line, line.text, boilerplate);
      assertScope(lines[3], lines[3].text, boilerplate);
    });
  });

  describe('performance', () => {
    // VS Code gives a line 500 ms by default; these must stay far below it.
    const budgetMs = 1500;

    function timeLine(line: string): number {
      const started = process.hrtime.bigint();
      const result = grammar.tokenizeLine(line, vsctm.INITIAL, 5000);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(!result.stoppedEarly, 'tokenization hit the time limit');
      return ms;
    }

    it('a 33,000-character one-line article (all seeds joined)', () => {
      const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(SEEDS, f), 'utf8'));
      let line = seeds.join(' ').replace(/\s*\n\s*/g, ' ');
      while (line.length < 33000) line += ' ' + line;
      const ms = timeLine(line);
      assert.ok(ms < budgetMs, `${line.length} chars took ${ms.toFixed(0)} ms`);
    });

    it('adversarial lines: thousands of stray marks, digits, Latin, dots', () => {
      const cases = [
        '“كلمة '.repeat(6000),
        'كلمة” '.repeat(6000),
        '«'.repeat(16000) + '»'.repeat(16000),
        'قال "نص '.repeat(4000),
        '12/9/2015 ١٨/٩/٢٠١٥ 18 سبتمبر 2015 3.5% '.repeat(900),
        'a.b.c.d.e.f.g.h '.repeat(2200),
        'http://' + 'a'.repeat(33000),
        'واشنطن '.repeat(5000),
      ];
      for (const line of cases) {
        const ms = timeLine(line);
        assert.ok(ms < budgetMs, `${JSON.stringify(line.slice(0, 20))}… (${line.length} chars) took ${ms.toFixed(0)} ms`);
      }
    });
  });
});

describe('language configuration', () => {
  interface LanguageConfiguration {
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string }[];
    surroundingPairs: [string, string][];
    autoCloseBefore: string;
    wordPattern: { pattern: string; flags?: string };
    comments?: unknown;
  }
  const config = JSON.parse(readFileSync(join(ROOT, 'language-configuration.json'), 'utf8')) as LanguageConfiguration;

  // As VS Code does: new RegExp(pattern, flags), then the editor adds 'g' (keeping 'u').
  const wordRegExp = new RegExp(config.wordPattern.pattern, (config.wordPattern.flags ?? '') + 'g');

  function wordAt(text: string, offset: number): string | undefined {
    wordRegExp.lastIndex = 0;
    for (let m = wordRegExp.exec(text); m; m = wordRegExp.exec(text)) {
      if (m.index <= offset && offset < m.index + m[0].length) return m[0];
    }
    return undefined;
  }

  function words(text: string): string[] {
    wordRegExp.lastIndex = 0;
    return [...text.matchAll(wordRegExp)].map((m) => m[0]);
  }

  it('selects وكارتر whole, prefix و included', () => {
    const text = 'شويغو وكارتر يبحثان الوضع في سوريا';
    const at = text.indexOf('وكارتر');
    for (let i = at; i < at + 'وكارتر'.length; i++) assert.equal(wordAt(text, i), 'وكارتر');
  });

  it('keeps harakat, superscript alef and tatweel inside the word', () => {
    for (const word of ['مُحَمَّدٌ', 'الرَّئِيسُ', 'هٰذا', 'جـمـيـل', 'الـ30', 'شَدَّدَ']) {
      const text = `قال ${word}، ثم`;
      assert.equal(wordAt(text, text.indexOf(word) + 1), word);
    }
  });

  it('splits at Arabic punctuation and quotation marks', () => {
    assert.deepEqual(words('بـ”المهنية والمركزة“، «داعش»؛ لماذا؟'), ['بـ', 'المهنية', 'والمركزة', 'داعش', 'لماذا']);
  });

  it('Latin words and numbers in any digit script', () => {
    assert.deepEqual(words('Ashton Carter في ٢٠١٥ و۱۲۵ و7,16 مليار O’Neill'), ['Ashton', 'Carter', 'في', '٢٠١٥', 'و۱۲۵', 'و7,16', 'مليار', 'O’Neill']);
    // A separator joins only digits: "2024, 19:26" and "سوريا،الخ" still split.
    assert.deepEqual(words('بلغ 7,16 و٣٫٥ في 2024, 19:26 سوريا،لبنان'), ['بلغ', '7,16', 'و٣٫٥', 'في', '2024', '19', '26', 'سوريا', 'لبنان']);
  });

  it('brackets and pairs include « » “ ” ( ) [ ], auto-close/surround "; no comment syntax', () => {
    const brackets = config.brackets.map((p) => p.join(''));
    for (const pair of ['()', '[]', '«»', '“”']) assert.ok(brackets.includes(pair), pair);
    const closing = config.autoClosingPairs.map((p) => p.open + p.close);
    for (const pair of ['()', '[]', '«»', '“”', '""']) assert.ok(closing.includes(pair), pair);
    const surrounding = config.surroundingPairs.map((p) => p.join(''));
    for (const pair of ['()', '[]', '«»', '“”', '""']) assert.ok(surrounding.includes(pair), pair);
    assert.equal(config.comments, undefined);
    // Auto-closing only before space/punctuation, never in front of an Arabic letter.
    assert.ok(!/[\p{L}]/u.test(config.autoCloseBefore));
    assert.ok(config.autoCloseBefore.includes('،'));
  });
});
