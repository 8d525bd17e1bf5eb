// `arabic-news-annotator suggest` on copies of the real seeds: sidecars that load, merging that keeps
// confirmed work and rejections, idempotence, and broken sidecars left alone.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/cli';
import { DEFAULT_LABEL_IDS } from '../../core/labels';
import { parseSidecar, serializeSidecar } from '../../core/sidecar';
import { readSeed, seedNames, seedsDir, spanOf } from './seedCorpus';

const SEED = '000_4cb1cd4800d685dd.txt';

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: process.cwd() });
  return { code, out, err };
}

function load(dir: string, name: string) {
  const path = join(dir, `${name}.ann.yaml`);
  const loaded = parseSidecar(readFileSync(path, 'utf8'), readSeed(name), { sidecarPath: path, articleFileName: name, labels: DEFAULT_LABEL_IDS });
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.problems));
  return loaded.annotations;
}

describe('CLI suggest', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ana-suggest-'));
    cpSync(seedsDir(), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a valid sidecar of suggestions for every article of a folder', async () => {
    const r = await cli('suggest', '-q', dir);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.out.join('\n'), new RegExp(`^${seedNames().length} sidecars written`));
    for (const name of seedNames()) {
      const set = load(dir, name);
      assert.ok(set.quotations.length > 0, `${name} has suggested quotations`);
      assert.ok(set.quotations.every((q) => q.suggested !== undefined));
      assert.ok(set.entities.every((e) => e.suggested !== undefined));
    }
    assert.equal((await cli('validate', dir)).code, 0);
  });

  it('keeps confirmed annotations and rejections, and adds nothing on a second run', async () => {
    const text = readSeed(SEED);
    const at = spanOf(text, 'أشتون كارتر');
    const kerry = spanOf(text, 'جون كيري');
    const confirmed = {
      status: 'in-progress' as const,
      entities: [{ id: 'e1', label: 'ORG', ...at, text: 'أشتون كارتر', anchor: 'ok' as const, extra: { reviewer: 'hala' } }],
      quotations: [], speakers: [],
      rejected: [{ kind: 'entity' as const, label: 'PER', ...kerry, text: 'جون كيري' }],
      extra: {},
    };
    writeFileSync(join(dir, `${SEED}.ann.yaml`), serializeSidecar(confirmed, text, SEED));
    assert.equal((await cli('suggest', '-q', join(dir, SEED))).code, 0);
    const set = load(dir, SEED);
    const carter = set.entities.filter((e) => e.start < at.end && at.start < e.end);
    assert.deepEqual(carter.map((e) => [e.id, e.label, e.suggested, e.extra]), [['e1', 'ORG', undefined, { reviewer: 'hala' }]], 'the confirmed entity is untouched and nothing overlaps it');
    assert.ok(!set.entities.some((e) => e.text === 'جون كيري' && e.label === 'PER' && e.start === kerry.start), 'a rejected suggestion does not come back');
    const once = readFileSync(join(dir, `${SEED}.ann.yaml`), 'utf8');
    const again = await cli('suggest', '-q', join(dir, SEED));
    assert.match(again.out[0], /\(0 quotations, 0 entities suggested\)/);
    assert.equal(readFileSync(join(dir, `${SEED}.ann.yaml`), 'utf8'), once);
  });

  it('writes under --out-dir keeping relative paths, and leaves a broken sidecar byte-identical', async () => {
    const broken = join(dir, `${SEED}.ann.yaml`);
    writeFileSync(broken, 'entities: [\n');
    const out = mkdtempSync(join(tmpdir(), 'ana-suggest-out-'));
    try {
      writeFileSync(join(out, `${SEED}.ann.yaml`), 'entities: [\n');
      const r = await cli('suggest', '-q', '--out-dir', out, dir);
      assert.equal(r.code, 1, 'a skipped article makes the exit status 1');
      assert.match(r.err.join('\n'), /left untouched/);
      assert.equal(readFileSync(join(out, `${SEED}.ann.yaml`), 'utf8'), 'entities: [\n');
      assert.equal(readFileSync(broken, 'utf8'), 'entities: [\n', 'nothing is written beside the articles with --out-dir');
      assert.ok(load(out, '001_067b9e39abae9f08.txt').quotations.length > 0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('reports a missing model and says what to do', async () => {
    const r = await cli('suggest', '--model', join(dir, 'nope.json'), dir);
    assert.equal(r.code, 1);
    assert.match(r.err[0], /--no-entities/);
  });
});
