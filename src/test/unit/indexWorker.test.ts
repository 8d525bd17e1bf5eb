// The workspace index read in worker threads (out/indexWorker.js, as the extension ships it) must
// give exactly what the extension host's own read gives, for every kind of sidecar: the writer's
// form, hand-edited files (the yaml package), broken files, sidecars without an article.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readIndexSummary, type IndexFile, type IndexRead } from '../../core/indexSummary';
import { readInWorkers } from '../../core/indexWorkerPool';
import { serializeSidecar } from '../../core/sidecar';
import { annotateSeed, readSeed, repoRoot, seedNames } from './seedCorpus';

const script = (): string => path.join(repoRoot(), 'out', 'indexWorker.js');

async function inWorkers(files: readonly IndexFile[], threads: number): Promise<IndexRead[]> {
  const reads = new Array<IndexRead>(files.length);
  await readInWorkers(script(), files, threads, (i, read) => {
    assert.equal(reads[i], undefined, `file ${i} read twice`);
    reads[i] = read;
  }, () => false);
  return reads;
}

describe('workspace index read in worker threads (indexWorker)', () => {
  let dir: string;
  let files: IndexFile[];

  before(function () {
    const names = seedNames();
    if (names.length === 0) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ana-index-worker-'));
    const kinds: IndexFile[] = [];
    for (const name of names) {
      const text = readSeed(name);
      const article = path.join(dir, name);
      fs.writeFileSync(article, text);
      const set = annotateSeed(text);
      set.speakers[0].aliases = ['كيرى', 'with "quotes" and \\ and \u200f'];
      set.speakers[0].suggested = 0.85;
      set.entities[0].anchor = 'edited';
      set.entities[1].suggested = 0.5;
      const yaml = serializeSidecar(set, text, name);
      fs.writeFileSync(`${article}.ann.yaml`, yaml);
      kinds.push({ sidecar: `${article}.ann.yaml`, article });
      // Hand-edited (a comment): read by the yaml package, not the line reader.
      const edited = path.join(dir, `edited_${name}`);
      fs.writeFileSync(edited, text);
      fs.writeFileSync(`${edited}.ann.yaml`, `# checked by hand\n${yaml}`);
      kinds.push({ sidecar: `${edited}.ann.yaml`, article: edited, articleKnown: true });
    }
    // Larger than the worker's first read buffer (1 MB), which then grows.
    const big = path.join(dir, 'big.txt');
    const seed = readSeed(names[0]);
    fs.writeFileSync(big, seed);
    const many = annotateSeed(seed);
    const e = many.entities[0];
    many.entities = Array.from({ length: 20_000 }, (_, i) => ({ ...e, id: `e${i + 1}` }));
    const bigYaml = serializeSidecar(many, seed, 'big.txt');
    assert.ok(Buffer.byteLength(bigYaml) > 1 << 20, `big sidecar: ${Buffer.byteLength(bigYaml)} bytes`);
    fs.writeFileSync(`${big}.ann.yaml`, bigYaml);
    const broken = path.join(dir, 'broken.txt');
    fs.writeFileSync(broken, 'نص');
    fs.writeFileSync(`${broken}.ann.yaml`, 'schema: [unclosed\n');
    const orphan = path.join(dir, 'orphan.txt');
    fs.copyFileSync(kinds[0].sidecar, `${orphan}.ann.yaml`);
    kinds.push({ sidecar: `${broken}.ann.yaml`, article: broken }, { sidecar: `${orphan}.ann.yaml`, article: orphan }, { sidecar: path.join(dir, 'gone.txt.ann.yaml'), article: path.join(dir, 'gone.txt') });
    // Enough files for several batches per worker.
    files = Array.from({ length: 700 }, (_, i) => kinds[i % kinds.length]);
    files.splice(300, 0, { sidecar: `${big}.ann.yaml`, article: big });
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same reads as the host, in one worker and in two', async () => {
    const host = await Promise.all(files.map(readIndexSummary));
    const kinds = new Set(host.map((r) => r.kind));
    assert.deepEqual([...kinds].sort(), ['absent', 'summary', 'unreadable'], 'every kind of read is covered');
    const summary = host.find((r) => r.kind === 'summary');
    assert.ok(summary?.kind === 'summary' && summary.summary.entities.length > 0 && summary.summary.quotations.length > 0);
    assert.deepEqual(await inWorkers(files, 1), host);
    assert.deepEqual(await inWorkers(files, 2), host);
  });

  it('keeps only what the indexes use: no offsets, no quotation texts', async () => {
    const read = await readIndexSummary(files[0]);
    assert.ok(read.kind === 'summary');
    const keys = (o: object): string => Object.keys(o).sort().join(',');
    assert.deepEqual(new Set(read.summary.entities.map(keys)), new Set(['anchor,id,label,text', 'anchor,id,label,suggested,text']));
    assert.deepEqual(Object.keys(read.summary.quotations[0]).sort(), ['anchor', 'id', 'speaker']);
    assert.equal(read.summary.speakers[0].suggested, 0.85);
  });

  it('rejects when the worker script cannot start, having taken nothing, so that the caller reads everything itself', async () => {
    let taken = 0;
    await assert.rejects(readInWorkers(path.join(dir, 'no-such-worker.js'), files, 2, () => taken++, () => false));
    assert.equal(taken, 0);
  });

  it('stops early when cancelled, and takes no batch after that', async () => {
    let taken = 0;
    await readInWorkers(script(), files, 2, () => taken++, () => taken > 0);
    assert.ok(taken > 0 && taken < files.length, `taken ${taken} of ${files.length}`);
  });
});
