// `suggest --jobs N` spreads the articles over worker threads: the sidecars, the messages and the
// exit status must be byte for byte those of the single-threaded run. Runs the bundled out/cli.js
// (threads need the CLI's own bundle as their script) on copies of the real seeds, in several
// folders so that the work spans many batches, with a broken sidecar and a confirmed one among them.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { serializeSidecar } from '../../core/sidecar';
import { readSeed, seedNames, seedsDir, spanOf } from './seedCorpus';

const CLI = join(__dirname, '..', '..', 'cli.js');

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    try {
      out.set(name, readFileSync(path, 'utf8'));
    } catch {
      // a folder
    }
  }
  return out;
}

describe('CLI suggest --jobs', function () {
  this.timeout(120_000);
  let root: string;
  before(function () {
    if (seedNames().length === 0 || !existsSync(CLI)) this.skip();
    root = mkdtempSync(join(tmpdir(), 'ana-suggest-jobs-'));
    // Four copies of the seeds in nested folders: 20 articles, three batches over two threads.
    const corpus = join(root, 'corpus');
    for (const sub of ['a', 'b/c', 'd', 'e']) cpSync(seedsDir(), join(corpus, sub), { recursive: true });
    const [first, second] = seedNames();
    writeFileSync(join(corpus, 'b/c', `${second}.ann.yaml`), 'entities: [\n');
    const text = readSeed(first);
    const carter = spanOf(text, 'أشتون كارتر');
    writeFileSync(join(corpus, 'd', `${first}.ann.yaml`), serializeSidecar({
      status: 'in-progress', quotations: [], speakers: [], rejected: [], extra: {},
      entities: [{ id: 'e1', label: 'ORG', ...carter, text: 'أشتون كارتر', anchor: 'ok', extra: {} }],
    }, text, first));
  });
  after(() => { if (root) rmSync(root, { recursive: true, force: true }); });

  function run(jobs: number, ...extra: string[]) {
    const copy = join(root, `jobs-${jobs}`);
    cpSync(join(root, 'corpus'), copy, { recursive: true });
    const r = spawnSync(process.execPath, [CLI, 'suggest', '-q', '--jobs', String(jobs), ...extra, '.'], { cwd: copy, encoding: 'utf8' });
    // Messages name files by absolute path: compare them relative to the run's folder.
    const local = (s: string) => s.split(copy).join('<dir>');
    return { code: r.status, out: local(r.stdout), err: local(r.stderr), files: files(copy), dir: copy };
  }

  it('writes the same sidecars and messages with 1 and 2 threads', () => {
    const one = run(1);
    const two = run(2);
    assert.equal(one.code, 1, `a broken sidecar is skipped (exit 1): ${one.err}`);
    assert.match(one.out, /^19 sidecars written .*; 1 articles skipped\.\n$/);
    assert.match(one.err, /left untouched/);
    assert.deepEqual([two.code, two.out, two.err], [one.code, one.out, one.err]);
    assert.deepEqual([...two.files.keys()], [...one.files.keys()]);
    for (const [name, content] of one.files) assert.equal(two.files.get(name), content, `${relative(one.dir, name)} differs`);
  });

  it('rejects a --jobs that is not a positive whole number', () => {
    for (const bad of ['0', '-2', 'two', '1.5']) {
      const r = spawnSync(process.execPath, [CLI, 'suggest', '--jobs', bad, root], { encoding: 'utf8' });
      assert.equal(r.status, 2, `--jobs ${bad}: ${r.stderr}`);
    }
  });
});
