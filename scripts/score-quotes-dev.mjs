// Scores the quotation detector on the dev gold: runs detectQuotations on every article, writes
// minimal sidecars (code-point offsets) to a temporary folder and hands them to the shared scorer.
//
//   node scripts/score-quotes-dev.mjs [--articles DIR] [--gold DIR] [--out DIR] [--show]
//                                     [--min-f1 X] [--min-speaker Y]
//
// Defaults: ANA_SHARED (or ../shared)/gold/quotes-dev/{articles,gold}. --out keeps the sidecars
// there instead of a temporary folder; --show prints every detection. The full sidecar writer of
// the CLI is not used on purpose: the scorer needs only these few fields.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const shared = process.env.ANA_SHARED ?? join(root, '..', 'shared');
const articlesDir = resolve(opt('--articles', join(shared, 'gold', 'quotes-dev', 'articles')));
const goldDir = resolve(opt('--gold', join(shared, 'gold', 'quotes-dev', 'gold')));
const scorer = join(shared, 'tools', 'score_quotes.py');

// Bundle the detector and the offset map from TypeScript sources into one temporary module.
const work = mkdtempSync(join(tmpdir(), 'quotes-dev-'));
const bundle = join(work, 'detector.mjs');
await build({
  stdin: {
    contents: "export { detectQuotations } from './src/core/quotes/quotations';\nexport { OffsetMap } from './src/core/offsets';\n",
    resolveDir: root, loader: 'ts', sourcefile: 'score-entry.ts',
  },
  bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'warning',
});
const { detectQuotations, OffsetMap } = await import(pathToFileURL(bundle).href);
// The scorer reads articles with Python's 'utf-8' codec, which keeps a byte-order mark as a
// character; decode the same way so that code-point offsets agree with its gold spans.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const outDir = opt('--out', null) ? resolve(opt('--out')) : join(work, 'pred');
mkdirSync(outDir, { recursive: true });
const show = argv.includes('--show');
let totalMs = 0;
for (const name of readdirSync(articlesDir).filter((n) => n.endsWith('.txt')).sort()) {
  const text = decoder.decode(readFileSync(join(articlesDir, name)));
  const t0 = performance.now();
  const result = detectQuotations(text);
  totalMs += performance.now() - t0;
  const map = new OffsetMap(text);
  const doc = {
    quotations: result.quotations.map((q, i) => ({
      id: `q${i + 1}`, start: map.toCodePoint(q.start), end: map.toCodePoint(q.end), text: q.text, speaker: q.speaker,
    })),
    speakers: result.speakers.map((s) => ({ id: s.id, name: s.name })),
  };
  writeFileSync(join(outDir, `${name}.ann.yaml`), YAML.stringify(doc, { lineWidth: 0 }));
  if (show) {
    console.log(`== ${name}`);
    const names = new Map(result.speakers.map((s) => [s.id, s.name]));
    for (const q of result.quotations) {
      console.log(`  [${q.kind} ${q.confidence.toFixed(2)}] ${q.cue ?? '-'} → ${names.get(q.speaker) ?? '?'} (${q.speakerMention?.text ?? ''}): ${q.text.slice(0, 70)}`);
    }
  }
}
console.log(`detector: ${totalMs.toFixed(1)} ms for all articles`);

const args = [scorer, goldDir, articlesDir, outDir];
for (const flag of ['--min-f1', '--min-speaker']) if (opt(flag, null)) args.push(flag, opt(flag));
const r = spawnSync('python3', args, { encoding: 'utf8' });
process.stdout.write(r.stdout ?? '');
process.stderr.write(r.stderr ?? '');
if (!opt('--out', null)) rmSync(work, { recursive: true, force: true });
else rmSync(bundle, { force: true });
process.exitCode = r.status ?? 1;
