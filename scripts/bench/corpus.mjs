// The SaudiNewsNet corpus written out once as one `.txt` dump per article, as a labeling team gets
// them (title, blank line, content, newline: the layout of shared/data/saudinewsnet/sample_300),
// one folder per crawl date. Articles with empty content are left out. Reused while the source
// file is unchanged (a stamp records its size and time); `index.tsv` lists path and length.
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

const STAMP = '.complete.json';
const LAYOUT = 2; // bump when the way files are written changes

/** Ensures `<dir>` holds the corpus of `source` (articles.jsonl.gz); returns its index. */
export async function ensureCorpus(source, dir, log = () => {}) {
  const info = statSync(source);
  const want = { source, size: info.size, mtimeMs: info.mtimeMs, layout: LAYOUT };
  const stampFile = join(dir, STAMP);
  if (existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.size === want.size && stamp.mtimeMs === want.mtimeMs && stamp.layout === LAYOUT) return readIndex(dir, stamp);
  }
  log(`writing the corpus from ${source} into ${dir} (once)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const lines = createInterface({ input: createReadStream(source).pipe(createGunzip()), crlfDelay: Infinity });
  const rows = [];
  const made = new Set();
  let pending = [];
  let chars = 0, bytes = 0, empty = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const a = JSON.parse(line);
    if (!a.content) {
      empty++;
      continue;
    }
    const text = `${a.title ?? ''}\n\n${a.content}\n`;
    const folder = String(a.id).split('_')[0];
    if (!made.has(folder)) {
      mkdirSync(join(dir, folder), { recursive: true });
      made.add(folder);
    }
    const rel = `${folder}/${a.id}.txt`;
    const buf = Buffer.from(text, 'utf8');
    rows.push(`${rel}\t${text.length}\t${buf.length}`);
    chars += text.length;
    bytes += buf.length;
    pending.push(writeFile(join(dir, rel), buf));
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  writeFileSync(join(dir, 'index.tsv'), `${rows.join('\n')}\n`);
  const stamp = { ...want, articles: rows.length, emptyContentSkipped: empty, chars, bytes, writtenInMs: Date.now() - started };
  writeFileSync(stampFile, JSON.stringify(stamp, null, 2));
  log(`corpus: ${rows.length} articles, ${(chars / 1e6).toFixed(1)} M characters, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return readIndex(dir, stamp);
}

function readIndex(dir, stamp) {
  const files = readFileSync(join(dir, 'index.tsv'), 'utf8').split('\n').filter(Boolean).map((l) => {
    const [rel, chars, bytes] = l.split('\t');
    return { rel, chars: Number(chars), bytes: Number(bytes) };
  });
  return { dir, stamp, files };
}
