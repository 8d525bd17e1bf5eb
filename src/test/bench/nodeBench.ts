// The measurements of `npm run bench` that need no VS Code: each task runs in a fresh Node process
// (`node out/test/bench/nodeBench.js TASK '{json options}'`) and prints one JSON line of results,
// every figure with the floor it is compared with, measured in the same process just before or after.
// Driven by scripts/bench/run.mjs; see bench/README.md.
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { decodeArticle } from '../../core/articleText';
import { writeFileAtomic } from '../../core/atomicWrite';
import { EntityIndex } from '../../core/entityIndex';
import { DEFAULT_LABEL_IDS } from '../../core/labels';
import { loadNerModel } from '../../core/ner/nerModel';
import { tagEntities } from '../../core/ner/tagger';
import { mergeSuggestions } from '../../core/suggestions';
import type { AnnotationSet, Entity, Quotation, Speaker } from '../../core/model';
import { parseSidecar, serializeSidecar } from '../../core/sidecar';
import { readSidecarSummary, type SidecarSummary } from '../../core/sidecarSummary';
import { SpeakerIndex, type ArticleSpeakers } from '../../core/speakerIndex';
import { ownCopy } from '../../core/strings';
import { collectGarbage, mb, pool, summarize } from './stats';

type Options = Record<string, unknown>;

/** Article paths (relative, `date/id.txt`) of the corpus index written by scripts/bench/corpus.mjs. */
function corpusFiles(corpus: string, limit?: number): string[] {
  const all = readFileSync(join(corpus, 'index.tsv'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
  return limit ? all.slice(0, limit) : all;
}

const now = (): number => performance.now();
const ms = (x: number): number => Math.round(x * 10) / 10;

// ---------------------------------------------------------------------------------------------
// suggest: the floor "read every article and write a tiny sidecar", as durably as suggest writes
// (temp file, fsync, rename, directory fsync), with as many writes in flight as suggest keeps.

async function suggestFloor(o: Options): Promise<unknown> {
  const corpus = String(o.corpus), out = String(o.out), width = Number(o.width ?? 8);
  const files = corpusFiles(corpus, o.limit as number | undefined);
  const dirs = new Set<string>();
  let chars = 0;
  const t0 = now();
  await pool(files.length, width, async (i) => {
    const text = decodeArticle(await readFile(join(corpus, files[i])));
    chars += text.length;
    const sidecar = join(out, `${files[i]}.ann.yaml`);
    const dir = dirname(sidecar);
    if (!dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      dirs.add(dir);
    }
    await writeFileAtomic(sidecar, `chars: ${text.length}\n`);
  });
  return { articles: files.length, chars, ms: ms(now() - t0), width };
}

// ---------------------------------------------------------------------------------------------
// Sidecar load and save, per article and for the whole corpus, against raw reads and raw writes.

async function sidecars(o: Options): Promise<unknown> {
  const ws = String(o.ws), scratch = String(o.scratch), width = Number(o.width ?? 8), every = Number(o.sampleEvery ?? 10);
  const files = corpusFiles(String(o.corpus), o.limit as number | undefined);
  const load = async (rel: string): Promise<{ set: AnnotationSet; text: string; yaml: string }> => {
    const article = join(ws, rel);
    const yaml = await readFile(`${article}.ann.yaml`, 'utf8');
    const text = decodeArticle(await readFile(article));
    const r = parseSidecar(yaml, text, { sidecarPath: `${article}.ann.yaml`, articleFileName: basename(rel), labels: DEFAULT_LABEL_IDS });
    if (!r.ok) throw new Error(`${rel}: sidecar does not load: ${r.problems[0]?.message}`);
    return { set: r.annotations, text, yaml };
  };
  const rawRead = async (rel: string): Promise<number> => {
    const article = join(ws, rel);
    return (await readFile(`${article}.ann.yaml`)).length + (await readFile(article)).length;
  };
  for (const dir of new Set(files.map((f) => dirname(join(scratch, 'save', f))))) await mkdir(dir, { recursive: true });
  for (const dir of new Set(files.map((f) => dirname(join(scratch, 'floor', f))))) await mkdir(dir, { recursive: true });

  // Per article, one at a time, on every `every`-th article: load (read both files, parse, check
  // against the article) and save (serialize, write atomically), each next to its raw I/O.
  const sample = files.filter((_, i) => i % every === 0);
  const loadMs: number[] = [], readMs: number[] = [], saveMs: number[] = [], writeMs: number[] = [];
  let bytes = 0;
  for (const rel of sample) {
    let t = now();
    await rawRead(rel);
    readMs.push(now() - t);
    t = now();
    const { set, text, yaml } = await load(rel);
    loadMs.push(now() - t);
    bytes += yaml.length;
    t = now();
    await writeFileAtomic(join(scratch, 'floor', `${rel}.ann.yaml`), yaml);
    writeMs.push(now() - t);
    t = now();
    await writeFileAtomic(join(scratch, 'save', `${rel}.ann.yaml`), serializeSidecar(set, text, basename(rel)));
    saveMs.push(now() - t);
  }

  // The whole corpus: loading one after another (what opening each article costs, summed), then
  // saving all of them with `width` writes in flight (a batch tool), each against the same I/O alone.
  let t = now();
  for (const rel of files) await rawRead(rel);
  const corpusRead = now() - t;
  const loaded: Array<{ set: AnnotationSet; text: string; yaml: string }> = new Array(files.length);
  t = now();
  let annotations = 0;
  for (const [i, rel] of files.entries()) {
    loaded[i] = await load(rel);
    annotations += loaded[i].set.entities.length + loaded[i].set.quotations.length;
  }
  const corpusLoad = now() - t;
  t = now();
  await pool(files.length, width, (i) => writeFileAtomic(join(scratch, 'floor', `${files[i]}.ann.yaml`), loaded[i].yaml));
  const corpusWrite = now() - t;
  t = now();
  await pool(files.length, width, (i) => writeFileAtomic(join(scratch, 'save', `${files[i]}.ann.yaml`), serializeSidecar(loaded[i].set, loaded[i].text, basename(files[i]))));
  const corpusSave = now() - t;
  return {
    articles: files.length, annotations, sample: sample.length, sampleSidecarBytes: bytes,
    perArticle: { load: summarize(loadMs), loadFloor: summarize(readMs), save: summarize(saveMs), saveFloor: summarize(writeMs) },
    corpus: {
      loadMs: ms(corpusLoad), loadFloorMs: ms(corpusRead),
      saveMs: ms(corpusSave), saveFloorMs: ms(corpusWrite),
      width,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The workspace speakers index (and the entities index built beside it), as the views build it:
// read every sidecar, summarise it (core/sidecarSummary.ts), put its entities into the entity index
// at once and its speakers (lean, without quotation texts) into one batch of the speaker index.
// Only the indexes are kept, so the heap figure is theirs.

function speakersOf(s: SidecarSummary): ArticleSpeakers {
  return {
    status: s.status,
    speakers: s.speakers.map((sp) => ({ id: ownCopy(sp.id), name: ownCopy(sp.name), aliases: sp.aliases.map(ownCopy), ...(sp.suggested === undefined ? {} : { suggested: sp.suggested }) })),
    quotations: s.quotations.map((q) => ({ id: q.id, speaker: q.speaker, anchor: q.anchor, ...(q.suggested === undefined ? {} : { suggested: q.suggested }) })),
  };
}

async function speakersIndex(o: Options): Promise<unknown> {
  const ws = String(o.ws), width = Number(o.width ?? 32), changes = Number(o.changes ?? 100);
  const files = corpusFiles(String(o.corpus), o.limit as number | undefined);
  const sidecarOf = (rel: string): string => join(ws, `${rel}.ann.yaml`);
  const keyOf = (rel: string): string => `file://${join(ws, rel)}`;

  let t = now();
  let rawBytes = 0;
  await pool(files.length, width, async (i) => {
    const raw = await readFile(sidecarOf(files[i]));
    rawBytes += raw.length;
  });
  const floor = now() - t;

  collectGarbage();
  const heapBefore = process.memoryUsage();
  t = now();
  const speakers = new SpeakerIndex();
  const entities = new EntityIndex();
  const lean: Array<ArticleSpeakers | undefined> = new Array(files.length);
  let unreadable = 0;
  await pool(files.length, width, async (i) => {
    const read = readSidecarSummary(await readFile(sidecarOf(files[i]), 'utf8'));
    if (!read.ok) {
      unreadable++;
      return;
    }
    entities.setArticle(keyOf(files[i]), read.summary.entities);
    lean[i] = speakersOf(read.summary);
  });
  const readDone = now() - t;
  speakers.batch(() => { lean.forEach((r, i) => { if (r) speakers.setArticle(keyOf(files[i]), r); }); });
  const withSpeakers = files.filter((_, i) => lean[i]?.speakers.length);
  lean.length = 0;
  const groups = speakers.groups().length; // the sorted list the view shows first
  const cold = now() - t;
  collectGarbage();
  const heapAfter = process.memoryUsage();

  // One sidecar changes: it is read again, summarised, and its article replaced in both indexes.
  // The change renames the article's first speaker (so groups are recomputed), then puts it back.
  const picked = Array.from({ length: Math.min(changes, withSpeakers.length) }, (_, k) => withSpeakers[Math.floor((k * withSpeakers.length) / Math.min(changes, withSpeakers.length))]);
  const updateMs: number[] = [], updateFloorMs: number[] = [];
  for (const rel of picked) {
    const key = keyOf(rel);
    let u = now();
    await readFile(sidecarOf(rel));
    updateFloorMs.push(now() - u);
    u = now();
    const read = readSidecarSummary(await readFile(sidecarOf(rel), 'utf8'));
    if (!read.ok) continue;
    const changed = speakersOf(read.summary);
    changed.speakers = changed.speakers.map((s, k) => (k === 0 ? { ...s, name: `${s.name} المتحدث` } : s));
    speakers.setArticle(key, changed);
    entities.setArticle(key, read.summary.entities);
    speakers.groups();
    updateMs.push(now() - u);
    speakers.setArticle(key, speakersOf(read.summary));
  }
  return {
    articles: files.length, unreadable, sidecarMB: mb(rawBytes), groups, keys: speakers.size.keys,
    coldMs: ms(cold), readAndSummariseMs: ms(readDone), floorMs: ms(floor), width,
    heapMB: mb(heapAfter.heapUsed - heapBefore.heapUsed), rssMB: mb(heapAfter.rss), rssBeforeMB: mb(heapBefore.rss),
    update: summarize(updateMs), updateFloor: summarize(updateFloorMs),
  };
}

// ---------------------------------------------------------------------------------------------
// Fixtures for the editor bench in the extension host: the largest real article with the sidecar
// suggest wrote for it, and a synthetic 1 MB dump with 10,000 annotations.

async function fixtures(o: Options): Promise<unknown> {
  const corpus = String(o.corpus), ws = String(o.ws), out = String(o.out);
  const bigRel = String(o.big);
  const dumpBytes = Number(o.dumpBytes ?? 1_000_000), annotations = Number(o.annotations ?? 10_000);
  await mkdir(out, { recursive: true });
  await copyFile(join(corpus, bigRel), join(out, 'big.txt'));
  const bigSidecar = (await readFile(join(ws, `${bigRel}.ann.yaml`), 'utf8')).replace(/^article: .*$/m, 'article: "big.txt"');
  await writeFileAtomic(join(out, 'big.txt.ann.yaml'), bigSidecar);

  // The dump: whole articles of the corpus, in order, up to the size.
  const parts: string[] = [];
  let size = 0;
  for (const rel of corpusFiles(corpus)) {
    const text = decodeArticle(await readFile(join(corpus, rel)));
    parts.push(text);
    size += Buffer.byteLength(text) + 1;
    if (size >= dumpBytes) break;
  }
  const text = parts.join('\n');
  const words = [...text.matchAll(/[\u0621-\u064A]{3,}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  // One quotation (8 words) for every 10 annotations, the others entities on single words; a
  // quarter of each are unconfirmed suggestions. Every third word stays free for the bench's tags.
  const quotationCount = Math.round(annotations / 10), entityCount = annotations - quotationCount;
  const labels = ['PER', 'ORG', 'LOC', 'MISC'];
  const step = Math.floor(words.length / (entityCount + quotationCount * 9));
  if (step < 2) throw new Error(`the dump has too few words (${words.length}) for ${annotations} annotations`);
  const entities: Entity[] = [], quotations: Quotation[] = [];
  let w = 0;
  for (let k = 0; entities.length < entityCount || quotations.length < quotationCount; k++) {
    if (k % 10 === 9 && quotations.length < quotationCount) {
      const first = words[w], last = words[w + 7 * step];
      quotations.push({ id: `q${quotations.length + 1}`, start: first.start, end: last.end, text: text.slice(first.start, last.end), speaker: `s${(quotations.length % 100) + 1}`, cue: null, anchor: 'ok', extra: {}, ...(k % 4 === 0 ? { suggested: 0.7 } : {}) });
      w += 9 * step;
    } else if (entities.length < entityCount) {
      const word = words[w];
      entities.push({ id: `e${entities.length + 1}`, label: labels[k % 4], start: word.start, end: word.end, text: word.text, anchor: 'ok', extra: {}, ...(k % 4 === 1 ? { suggested: 0.8 } : {}) });
      w += step;
    }
  }
  const speakers: Speaker[] = Array.from({ length: 100 }, (_, k) => ({ id: `s${k + 1}`, name: entities[k * 7].text, aliases: [], mentions: [entities[k * 7].id], extra: {} }));
  const set: AnnotationSet = { status: 'in-progress', entities, quotations, speakers, rejected: [], extra: {} };
  const yaml = serializeSidecar(set, text, 'dump.txt');
  await writeFileAtomic(join(out, 'dump.txt'), text);
  await writeFileAtomic(join(out, 'dump.txt.ann.yaml'), yaml);
  const check = parseSidecar(yaml, text, { sidecarPath: 'dump.txt.ann.yaml', articleFileName: 'dump.txt', labels: DEFAULT_LABEL_IDS });
  if (!check.ok) throw new Error(`the synthetic sidecar does not load: ${check.problems[0]?.message}`);
  // What opening these two with suggestions on costs (the extension runs the same on open):
  // the largest article as a check of scale, the dump apart from the editor bench, which turns
  // suggestions off for it. Floor: tagging entities alone, the statistical part.
  const ner = loadNerModel(await readFile(String(o.model), 'utf8'));
  const timeSuggest = (t: string, set: AnnotationSet): { ms: number; nerMs: number } => {
    tagEntities(t.slice(0, 20_000), ner); // compiled and warm, as in a window that has tagged before
    let u = now();
    tagEntities(t, ner);
    const nerMs = now() - u;
    u = now();
    mergeSuggestions(set, t, { ner });
    return { ms: ms(now() - u), nerMs: ms(nerMs) };
  };
  const bigText = decodeArticle(await readFile(join(out, 'big.txt')));
  const suggestBig = timeSuggest(bigText, { status: 'not-started', entities: [], quotations: [], speakers: [], rejected: [], extra: {} });
  const suggestDump = o.suggestDump === false ? undefined : timeSuggest(text, check.annotations);
  return {
    big: { article: bigRel, chars: bigText.length, sidecarBytes: bigSidecar.length, suggest: suggestBig },
    dump: { articles: parts.length, chars: text.length, bytes: Buffer.byteLength(text), entities: entities.length, quotations: quotations.length, speakers: speakers.length, sidecarBytes: Buffer.byteLength(yaml), suggest: suggestDump },
  };
}

const TASKS: { [name: string]: (o: Options) => Promise<unknown> } = { 'suggest-floor': suggestFloor, sidecars, 'speakers-index': speakersIndex, fixtures };

async function main(): Promise<void> {
  const [task, json] = process.argv.slice(2);
  const run = TASKS[task];
  if (!run) throw new Error(`unknown task ${task}; one of ${Object.keys(TASKS).join(', ')}`);
  const result = await run(JSON.parse(json ?? '{}') as Options);
  process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
