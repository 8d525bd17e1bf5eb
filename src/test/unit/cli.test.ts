// `arabic-news-annotator validate` on temp folders holding copies of the real seeds, with a valid
// sidecar and each kind of broken one; asserts the exact file:line:column of every report.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/cli';
import { articleSha256 } from '../../core/articleHash';
import { parseSidecar, serializeSidecar, sidecarPathFor } from '../../core/sidecar';
import { DEFAULT_LABEL_IDS } from '../../core/labels';
import { annotateSeed, readSeed, seedNames, seedsDir } from './seedCorpus';

const SEED = '000_4cb1cd4800d685dd.txt';

/** A hand-written sidecar for seed 000; line numbers in the tests below refer to it. */
function seedSidecarLines(): string[] {
  return [
    /*  1 */ 'schema: arabic-news-annotator/sidecar',
    /*  2 */ 'schema_version: 1',
    /*  3 */ `article: "${SEED}"`,
    /*  4 */ `sha256: "${articleSha256(readSeed(SEED))}"`,
    /*  5 */ 'offsets: code-points',
    /*  6 */ 'status: in-progress',
    /*  7 */ 'entities:',
    /*  8 */ '  - id: e1',
    /*  9 */ '    label: PER',
    /* 10 */ '    start: 0',
    /* 11 */ '    end: 5',
    /* 12 */ '    text: "شويغو"',
    /* 13 */ '  - id: e2',
    /* 14 */ '    label: LOC',
    /* 15 */ '    start: 29',
    /* 16 */ '    end: 34',
    /* 17 */ '    text: "سوريا"',
    /* 18 */ '  - id: e3',
    /* 19 */ '    label: ORG',
    /* 20 */ '    start: 249',
    /* 21 */ '    end: 262',
    /* 22 */ '    text: "المكتب الصحفي"',
    /* 23 */ 'quotations:',
    /* 24 */ '  - id: q1',
    /* 25 */ '    start: 525',
    /* 26 */ '    end: 609',
    /* 27 */ '    text: "سير الحديث أظهر تقارب وجهتي نظر الجانبين أو تشابهها بشأن معظم المسائل التي جرى بحثها"',
    /* 28 */ '    speaker: s1',
    /* 29 */ '    cue: "وشدد"',
    /* 30 */ 'speakers:',
    /* 31 */ '  - id: s1',
    /* 32 */ '    name: "المكتب الصحفي"',
    /* 33 */ '    aliases: []',
    /* 34 */ '    mentions: [e3]',
  ];
}

/** The seed sidecar with the given 1-based lines replaced (and optional lines appended). */
function seedSidecar(replace: Record<number, string> = {}, append: string[] = []): string {
  const lines = seedSidecarLines().map((l, i) => replace[i + 1] ?? l);
  return `${[...lines, ...append].join('\n')}\n`;
}

const BILLION_LAUGHS = [
  'laughs:',
  '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((n, i) => `  ${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
];

/** Each broken case: the sidecar text and the problem lines it must produce (position, severity, code). */
const BROKEN: Record<string, { yaml: () => string; expect: Array<[number, number, string, string]> }> = {
  'text-mismatch': { yaml: () => seedSidecar({ 16: '    end: 35' }), expect: [[17, 11, 'error', 'text-mismatch']] },
  'unknown-label': { yaml: () => seedSidecar({ 14: '    label: PLACE' }), expect: [[14, 12, 'error', 'label-unknown']] },
  'duplicate-id': { yaml: () => seedSidecar({ 18: '  - id: e1' }), expect: [[18, 9, 'error', 'id-duplicate'], [34, 16, 'error', 'mention-dangling']] },
  'dangling-speaker': { yaml: () => seedSidecar({ 28: '    speaker: s9' }), expect: [[28, 14, 'error', 'speaker-dangling']] },
  'inverted': { yaml: () => seedSidecar({ 10: '    start: 6' }), expect: [[10, 12, 'error', 'span-inverted']] },
  'newer-version': { yaml: () => seedSidecar({ 2: 'schema_version: 2' }), expect: [[2, 17, 'error', 'schema-version-newer']] },
  'not-yaml': { yaml: () => seedSidecar({ 27: '    text: "سير الحديث' }), expect: [[27, 22, 'error', 'yaml-syntax']] },
  'wrong-type': { yaml: () => seedSidecar({ 25: '    start: "525"', 33: '    aliases: none' }), expect: [[25, 12, 'error', 'wrong-type'], [33, 14, 'error', 'wrong-type']] },
  'billion-laughs': { yaml: () => seedSidecar({}, BILLION_LAUGHS), expect: [[37, 10, 'error', 'alias-limit']] },
};

interface Run { code: number; out: string[]; err: string[] }

async function cli(cwd: string, ...argv: string[]): Promise<Run> {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(...l.split('\n')), cwd });
  return { code, out, err };
}

describe('arabic-news-annotator validate', function () {
  let root = '';
  const sidecarOf = (...parts: string[]): string => sidecarPathFor(join(...parts));

  before(function () {
    if (!seedNames().includes(SEED)) {
      console.log(`      (skipped: the seed corpus is not at ${seedsDir()}; set ANA_SHARED to the shared folder)`);
      this.skip();
    }
    root = mkdtempSync(join(tmpdir(), 'ana-cli-'));
    // valid/: every seed with a generated sidecar, plus the hand-written one for seed 000 in valid/hand/.
    mkdirSync(join(root, 'valid', 'hand'), { recursive: true });
    for (const name of seedNames()) {
      cpSync(join(seedsDir(), name), join(root, 'valid', name));
      writeFileSync(sidecarOf(root, 'valid', name), serializeSidecar(annotateSeed(readSeed(name)), readSeed(name), name));
    }
    cpSync(join(seedsDir(), SEED), join(root, 'valid', 'hand', SEED));
    writeFileSync(sidecarOf(root, 'valid', 'hand', SEED), seedSidecar());
    // broken/<case>/: seed 000 with one defect each; broken/orphan/: a sidecar without its article.
    for (const [name, c] of Object.entries(BROKEN)) {
      mkdirSync(join(root, 'broken', name), { recursive: true });
      cpSync(join(seedsDir(), SEED), join(root, 'broken', name, SEED));
      writeFileSync(sidecarOf(root, 'broken', name, SEED), c.yaml());
    }
    mkdirSync(join(root, 'broken', 'orphan'));
    writeFileSync(sidecarOf(root, 'broken', 'orphan', 'gone.txt'), seedSidecar());
    // warn/: warnings only.
    mkdirSync(join(root, 'warn', 'crlf'), { recursive: true });
    mkdirSync(join(root, 'warn', 'renamed'), { recursive: true });
    writeFileSync(join(root, 'warn', 'crlf', SEED), readSeed(SEED).replace(/\n/g, '\r\n'));
    writeFileSync(sidecarOf(root, 'warn', 'crlf', SEED), seedSidecar());
    cpSync(join(seedsDir(), SEED), join(root, 'warn', 'renamed', SEED));
    writeFileSync(sidecarOf(root, 'warn', 'renamed', SEED), seedSidecar({ 3: 'article: "old-name.txt"' }));
    // plain/: an article without a sidecar, and one with an emoji and a sidecar written for it.
    mkdirSync(join(root, 'plain'));
    cpSync(join(seedsDir(), SEED), join(root, 'plain', SEED));
    const emoji = `😀 ${readSeed(SEED).replace('سوريا', 'سوريا 👍🏽')}`;
    writeFileSync(join(root, 'plain', 'emoji.txt'), emoji);
    writeFileSync(sidecarOf(root, 'plain', 'emoji.txt'), serializeSidecar(annotateSeed(emoji), emoji, 'emoji.txt'));
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the hand-written sidecar is exactly what the extension would write', () => {
    const text = readSeed(SEED);
    const r = parseSidecar(seedSidecar(), text, { sidecarPath: 'x', articleFileName: SEED, labels: DEFAULT_LABEL_IDS });
    assert.ok(r.ok);
    assert.equal(serializeSidecar(r.annotations, text, SEED), seedSidecar());
  });

  it('passes valid sidecars of all seeds: exit 0, one summary line', async () => {
    const r = await cli(root, 'validate', 'valid');
    assert.deepEqual(r.out, [`${seedNames().length + 1} sidecars checked: no problems.`]);
    assert.equal(r.code, 0);
  });

  for (const [name, c] of Object.entries(BROKEN)) {
    it(`reports ${name} at its line`, async () => {
      const file = join('broken', name, `${SEED}.ann.yaml`);
      const r = await cli(root, 'validate', file);
      const problems = r.out.slice(0, -1);
      assert.equal(problems.length, c.expect.length, r.out.join('\n'));
      c.expect.forEach(([line, column, severity, code], i) => {
        assert.ok(problems[i].startsWith(`${file}:${line}:${column}: ${severity}: `), `${problems[i]}\nexpected ${line}:${column} ${severity}`);
        assert.ok(problems[i].endsWith(` [${code}]`), problems[i]);
      });
      assert.equal(r.code, 1);
    });
  }

  it('reports a sidecar whose article is missing', async () => {
    const r = await cli(root, 'validate', join('broken', 'orphan'));
    assert.match(r.out[0], /^broken[/\\]orphan[/\\]gone\.txt\.ann\.yaml:1:1: error: The article gone\.txt is not beside its sidecar\..* \[article-missing\]$/);
    assert.equal(r.code, 1);
  });

  it('scans a directory recursively, sorted by path, with a summary', async () => {
    const r = await cli(root, 'validate', 'broken');
    const files = r.out.slice(0, -1).map((l) => l.slice(0, l.indexOf('.ann.yaml:')));
    assert.deepEqual(files, [...files].sort(), 'grouped and sorted by file');
    const errors = Object.values(BROKEN).reduce((n, c) => n + c.expect.length, 0) + 1;
    const sidecars = Object.keys(BROKEN).length + 1;
    assert.equal(r.out.at(-1), `${sidecars} sidecars checked: ${errors} errors, 0 warnings in ${sidecars} files.`);
    assert.equal(r.code, 1);
  });

  it('warnings alone exit 0: re-anchoring after a CRLF conversion, a renamed article', async () => {
    const r = await cli(root, 'validate', 'warn');
    assert.equal(r.out.length, 3, r.out.join('\n'));
    assert.match(r.out[0], /^warn[/\\]crlf[/\\]000_4cb1cd4800d685dd\.txt\.ann\.yaml:4:9: warning: The article changed since this sidecar was saved.*2 of 4 annotations moved.* \[article-changed\]$/);
    assert.match(r.out[1], /^warn[/\\]renamed[/\\]000_4cb1cd4800d685dd\.txt\.ann\.yaml:3:10: warning: .*"old-name\.txt".* \[article-name\]$/);
    assert.equal(r.out[2], '2 sidecars checked: 0 errors, 2 warnings in 2 files.');
    assert.equal(r.code, 0);
  });

  it('takes article paths: checks their sidecars, and articles without one are fine', async () => {
    const r = await cli(root, 'validate', join('plain', SEED), join('plain', 'emoji.txt'));
    assert.deepEqual(r.out, ['1 sidecar checked: no problems (1 article without a sidecar).']);
    assert.equal(r.code, 0);
    const none = await cli(root, 'validate', join('plain', SEED));
    assert.deepEqual(none.out, ['No sidecars found (1 article without a sidecar).']);
    assert.equal(none.code, 0);
  });

  it('accepts absolute paths and prints them as given when outside the working directory', async () => {
    const file = sidecarOf(root, 'broken', 'inverted', SEED);
    const r = await cli(join(root, 'valid'), 'validate', file);
    assert.ok(r.out[0].startsWith(`${file}:10:12: error: `), r.out[0]);
  });

  describe('usage', () => {
    it('--help lists the commands; validate --help shows its usage', async () => {
      const top = await cli(root, '--help');
      assert.equal(top.code, 0);
      assert.match(top.out.join('\n'), /Usage: arabic-news-annotator <command>[\s\S]*validate  Check sidecars/);
      const sub = await cli(root, 'validate', '--help');
      assert.equal(sub.code, 0);
      assert.match(sub.out.join('\n'), /Usage: arabic-news-annotator validate \[options\] PATH\.\.\.[\s\S]*Exit status: 0/);
    });

    const usageErrors: Array<[string, string[], RegExp]> = [
      ['no command', [], /Usage: arabic-news-annotator <command>/],
      ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
      ['no paths', ['validate'], /give at least one sidecar, article or directory/],
      ['an unknown option', ['validate', '--strict', 'valid'], /Unknown option '--strict'/],
      ['a path that does not exist', ['validate', 'nowhere'], /no such file or directory: nowhere/],
    ];
    for (const [what, argv, message] of usageErrors) {
      it(`exits 2 with usage on ${what}`, async () => {
        const r = await cli(root, ...argv);
        assert.equal(r.code, 2);
        assert.match(r.err.join('\n'), message);
        assert.match(r.err.join('\n'), /Usage:/);
        assert.deepEqual(r.out, []);
      });
    }
  });

  it('the bundled out/cli.js gives the same report and exit code', async function () {
    const bundled = join(__dirname, '..', '..', 'cli.js');
    if (!existsSync(bundled)) this.skip();
    const spawned = spawnSync(process.execPath, [bundled, 'validate', 'broken', 'valid'], { cwd: root, encoding: 'utf8' });
    const inProcess = await cli(root, 'validate', 'broken', 'valid');
    assert.equal(spawned.status, 1, spawned.stderr);
    assert.equal(spawned.stdout, `${inProcess.out.join('\n')}\n`);
    const usage = spawnSync(process.execPath, [bundled], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });
});
