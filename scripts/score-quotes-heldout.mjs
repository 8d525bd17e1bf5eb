// Scores the quotation detector on the held-out gold (src/test/fixtures/quotes-heldout): gathers
// the articles from ../shared (sample_300 files, or articles.jsonl.gz rebuilt in sample_300's
// layout) and the gold into a temporary folder, then runs scripts/score-quotes-dev.mjs on them.
//
//   node scripts/score-quotes-heldout.mjs [--part sample300|unseen] [--show] [--out DIR]
//
// The texts are not in the repository: SaudiNewsNet is CC BY-NC-SA and stays in shared/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const shared = process.env.ANA_SHARED ?? join(root, '..', 'shared');
const fixtures = join(root, 'src', 'test', 'fixtures', 'quotes-heldout');
const parts = opt('--part', null) ? [opt('--part')] : ['sample300', 'unseen'];

const work = mkdtempSync(join(tmpdir(), 'quotes-heldout-'));
const articles = join(work, 'articles'), gold = join(work, 'gold');
mkdirSync(articles); mkdirSync(gold);
const wanted = new Set();
for (const part of parts) {
  for (const name of readdirSync(join(fixtures, part)).filter((n) => n.endsWith('.gold.yaml'))) {
    copyFileSync(join(fixtures, part, name), join(gold, name));
    const article = name.replace(/\.gold\.yaml$/, '.txt');
    const sample = join(shared, 'data', 'saudinewsnet', 'sample_300', article);
    if (existsSync(sample)) copyFileSync(sample, join(articles, article));
    else wanted.add(article.replace(/\.txt$/, ''));
  }
}
if (wanted.size > 0) {
  const lines = gunzipSync(readFileSync(join(shared, 'data', 'saudinewsnet', 'articles.jsonl.gz'))).toString('utf8').split('\n');
  for (const line of lines) {
    // The id is the first field: skip parsing the 30k lines that are not wanted.
    const id = /^\{"id": ?"([^"]+)"/.exec(line)?.[1];
    if (!id || !wanted.has(id)) continue;
    const a = JSON.parse(line);
    writeFileSync(join(articles, `${id}.txt`), `${a.title}\n\n${a.content}\n`);
    wanted.delete(id);
  }
  if (wanted.size > 0) throw new Error(`not found in articles.jsonl.gz: ${[...wanted].join(', ')}`);
}

const args = [join(root, 'scripts', 'score-quotes-dev.mjs'), '--articles', articles, '--gold', gold];
if (argv.includes('--show')) args.push('--show');
if (opt('--out', null)) args.push('--out', resolve(opt('--out')));
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
rmSync(work, { recursive: true, force: true });
process.exitCode = r.status ?? 1;
