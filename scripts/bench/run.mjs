// `npm run bench`: how fast the annotator is on the whole SaudiNewsNet corpus and in a real VS Code,
// every figure next to a floor measured in the same run (the least any implementation must spend:
// the same reads and writes, an empty command round trip, ...). Prints a table and writes
// bench/results/latest.json and latest.md. See bench/README.md.
//
//   npm run bench [-- --data FILE] [--jobs N] [--only SECTIONS] [--limit N]
//
//   --data FILE     articles.jsonl.gz of SaudiNewsNet (default: $ANA_SHARED or ../shared, data/saudinewsnet/)
//   --jobs N        suggest's threads (default: one per CPU)
//   --only LIST     some of: bundle,suggest,sidecars,index,editor,workspace (comma-separated); results of a
//                   partial run go to .cache/bench/partial.json and .md (not for committing), the table is printed
//   --limit N       only the first N articles (a quick trial; results go to .cache/bench/partial.*)
//
// Everything large lives in .cache/bench/ (git-ignored): the corpus as .txt files (written once),
// suggest's sidecars beside hard links of the articles (the workspace of the last session), fixtures.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ensureCorpus } from './corpus.mjs';
import { renderMarkdown, renderTable, rows } from './report.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECTIONS = ['bundle', 'suggest', 'sidecars', 'index', 'editor', 'workspace'];
const LARGEST = '2015-07-31/2015-07-31_01809.txt';

const { values: opt } = parseArgs({
  options: {
    data: { type: 'string' }, jobs: { type: 'string' }, only: { type: 'string' }, limit: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}
const shared = resolve(process.env.ANA_SHARED ?? join(repoRoot, '..', 'shared'));
const data = resolve(opt.data ?? join(shared, 'data', 'saudinewsnet', 'articles.jsonl.gz'));
const jobs = opt.jobs ? Number(opt.jobs) : availableParallelism();
const only = new Set(opt.only ? opt.only.split(',') : SECTIONS);
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s}; one of ${SECTIONS.join(', ')}`);
const limit = opt.limit ? Number(opt.limit) : undefined;
const partial = only.size < SECTIONS.length || limit !== undefined;

const cache = join(repoRoot, '.cache', 'bench');
const ext = join(cache, 'ext');
const corpusDir = join(cache, limit ? `corpus-${limit}` : 'corpus');
const ws = join(cache, limit ? `ws-${limit}` : 'ws');
const wsCorpus = join(ws, 'corpus');
const resultsDir = join(repoRoot, 'bench', 'results');

const t0 = Date.now();
const say = (msg) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
const results = { startedAt: new Date().toISOString(), machine: machine(), options: { data, jobs, limit: limit ?? null, sections: [...only] } };

function machine() {
  const cpu = cpus();
  let vscode = null;
  try {
    vscode = JSON.parse(readFileSync(join(repoRoot, '.cache', 'code-server', 'server', 'node_modules', 'code-server', 'lib', 'vscode', 'package.json'), 'utf8')).version;
  } catch { /* not installed yet: the host sessions install it */ }
  return {
    cpu: cpu[0]?.model?.trim(), cpus: cpu.length, memoryGB: Math.round(totalmem() / 2 ** 30), os: `Linux ${release()}`,
    node: process.version, vscode: vscode && `code-server ${vscode} (VS Code ${vscode}), headless Chromium`,
    loadAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function run(cmd, args, { env = {}, cwd = repoRoot, echo = false, onLine } = {}) {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let peakKB = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKB = Math.max(peakKB, Number(m[1]));
      } catch { /* ended */ }
    }, 200);
    let out = '', err = '', pending = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        onLine?.(line);
        if (echo) console.log(`    ${line}`);
      }
    });
    child.stderr.on('data', (chunk) => { err += chunk; if (echo) process.stderr.write(chunk); });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolveRun({ code, out, err, ms: performance.now() - started, peakMB: Math.round(peakKB / 1024) });
    });
  });
}

async function nodeTask(task, options, nodeArgs = []) {
  const r = await run(process.execPath, [...nodeArgs, join(ext, 'out', 'test', 'bench', 'nodeBench.js'), task, JSON.stringify(options)]);
  const line = r.out.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (r.code !== 0 || !line) throw new Error(`${task} failed (exit ${r.code}):\n${r.err}`);
  return JSON.parse(line.slice('@@RESULT '.length));
}

// ---------------------------------------------------------------------------------------------

async function buildExtension() {
  say('building the production bundles and the bench suite into .cache/bench/ext');
  rmSync(ext, { recursive: true, force: true });
  mkdirSync(join(ext, 'models'), { recursive: true });
  const r = await run(process.execPath, ['scripts/build.mjs', '--production', '--tests', '--out', join(ext, 'out')]);
  if (r.code !== 0) throw new Error(`build failed:\n${r.out}${r.err}`);
  for (const f of ['package.json', 'language-configuration.json', 'README.md', 'LICENSE']) if (existsSync(join(repoRoot, f))) copyFileSync(join(repoRoot, f), join(ext, f));
  cpSync(join(repoRoot, 'syntaxes'), join(ext, 'syntaxes'), { recursive: true });
  copyFileSync(join(repoRoot, 'models', 'ner-model.json'), join(ext, 'models', 'ner-model.json'));
}

async function bundle() {
  // Floor: the one runtime dependency (yaml) bundled and minified alone.
  const yaml = await build({ stdin: { contents: 'module.exports = require("yaml");', resolveDir: repoRoot }, bundle: true, platform: 'node', format: 'cjs', minify: true, write: false, logLevel: 'silent' });
  return {
    extensionBytes: statSync(join(ext, 'out', 'extension.js')).size,
    cliBytes: statSync(join(ext, 'out', 'cli.js')).size,
    modelBytes: statSync(join(ext, 'models', 'ner-model.json')).size,
    floorYamlBytes: yaml.outputFiles[0].contents.length,
  };
}

function linkArticles(corpus, files, target) {
  for (const f of files) {
    const to = join(target, f.rel);
    mkdirSync(dirname(to), { recursive: true });
    if (!existsSync(to)) linkSync(join(corpus.dir, f.rel), to);
  }
}

async function suggest(corpus) {
  const width = jobs * 4; // suggest's writes in flight: 4 per thread
  say(`suggest floor: read ${corpus.files.length} articles, write a tiny sidecar for each (atomic, fsync), ${width} in flight`);
  const floorOut = join(cache, 'floor-out');
  rmSync(floorOut, { recursive: true, force: true });
  const floor = await nodeTask('suggest-floor', { corpus: corpus.dir, out: floorOut, width, limit });
  rmSync(floorOut, { recursive: true, force: true });
  say(`  floor ${(floor.ms / 1000).toFixed(1)} s`);

  say(`suggest --jobs ${jobs} over the corpus into .cache/bench/ws`);
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(wsCorpus, { recursive: true });
  const cli = join(ext, 'out', 'cli.js');
  const full = await run(process.execPath, [cli, 'suggest', '--jobs', String(jobs), '--out-dir', wsCorpus, corpus.dir], {
    onLine: () => {},
  });
  if (full.code !== 0) throw new Error(`suggest failed (exit ${full.code}):\n${full.err.slice(-2000)}`);
  const summary = full.out.trim().split('\n').pop();
  say(`  ${(full.ms / 1000).toFixed(1)} s: ${summary}`);
  linkArticles(corpus, corpus.files, wsCorpus);
  writeFileSync(join(ws, '.suggested.json'), JSON.stringify({ corpus: corpus.stamp, summary }));

  // Scaling: every 10th article with one thread and with all of them.
  const subset = join(cache, 'subset');
  rmSync(subset, { recursive: true, force: true });
  const picked = corpus.files.filter((_, i) => i % 10 === 0);
  linkArticles(corpus, picked, join(subset, 'articles'));
  const scaling = {};
  for (const n of [...new Set([1, jobs])]) {
    const out = join(subset, `out-${n}`);
    const r = await run(process.execPath, [cli, 'suggest', '-q', '--jobs', String(n), '--out-dir', out, join(subset, 'articles')]);
    if (r.code !== 0) throw new Error(`suggest --jobs ${n} failed:\n${r.err}`);
    scaling[n] = { ms: Math.round(r.ms), peakMB: r.peakMB };
    say(`  subset of ${picked.length} with --jobs ${n}: ${(r.ms / 1000).toFixed(1)} s`);
  }
  rmSync(subset, { recursive: true, force: true });
  const m = /^(\d+) sidecars written \((\d+) quotations, (\d+) entities/.exec(summary);
  return {
    articles: corpus.files.length, chars: corpus.stamp.chars, jobs,
    ms: Math.round(full.ms), peakMB: full.peakMB, sidecars: m ? Number(m[1]) : null, quotations: m ? Number(m[2]) : null, entities: m ? Number(m[3]) : null,
    floorMs: Math.round(floor.ms), floorWidth: width,
    subset: { articles: picked.length, byJobs: scaling },
  };
}

function ensureWorkspace(corpus) {
  const stamp = join(ws, '.suggested.json');
  if (!existsSync(stamp)) throw new Error(`no sidecars in ${ws}: run the suggest section first (npm run bench, or --only suggest,...)`);
}

async function hostSession(session, env) {
  say(`extension host session "${session}" (code-server + headless Chromium)`);
  let bench;
  const r = await run(process.execPath, [join(repoRoot, 'scripts', 'vscode-test', 'run.mjs')], {
    env: {
      ANA_TEST_ENTRY: join(ext, 'out', 'test', 'bench', 'index.js'),
      ANA_EXTENSION_DIR: ext,
      ANA_TEST_RESULTS: join(cache, `vscode-${session}`),
      ANA_VSCODE_TIMEOUT: '1500',
      ANA_BENCH_SESSION: session,
      ...env,
    },
    onLine: (line) => {
      if (line.startsWith('@@BENCH ')) bench = JSON.parse(line.slice('@@BENCH '.length));
      else if (/^\s+\S+: [[{\d]/.test(line) || /^\[vscode-test/.test(line) || /failing|passing|Error/.test(line)) console.log(`    ${line}`);
    },
  });
  if (r.code !== 0 || !bench) throw new Error(`host session ${session} failed (exit ${r.code}); log in ${join(cache, `vscode-${session}`)}:\n${r.out.slice(-3000)}${r.err.slice(-2000)}`);
  return bench;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(data)) throw new Error(`${data} not found: pass --data FILE (SaudiNewsNet articles.jsonl.gz) or set ANA_SHARED`);
  say(`machine: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGB} GB, load ${results.machine.loadAtStart.join(' ')}`);
  if (results.machine.loadAtStart[0] > results.machine.cpus / 2) say(`warning: the machine is busy (load ${results.machine.loadAtStart[0]}); figures will be slower than on an idle machine`);
  await buildExtension();
  let corpus = await ensureCorpus(data, join(cache, 'corpus'), say);
  if (limit) {
    // A quick trial on the first N articles: their own folder of links, same layout.
    rmSync(corpusDir, { recursive: true, force: true });
    const files = corpus.files.slice(0, limit);
    linkArticles(corpus, files, corpusDir);
    writeFileSync(join(corpusDir, 'index.tsv'), `${files.map((f) => `${f.rel}\t${f.chars}\t${f.bytes}`).join('\n')}\n`);
    corpus = { dir: corpusDir, files, stamp: { ...corpus.stamp, articles: files.length, chars: files.reduce((n, f) => n + f.chars, 0) } };
  }
  results.corpus = { articles: corpus.files.length, chars: corpus.stamp.chars, bytes: corpus.files.reduce((n, f) => n + f.bytes, 0) };

  if (only.has('bundle')) results.bundle = await bundle();
  if (only.has('suggest')) results.suggest = await suggest(corpus);
  if (only.has('sidecars')) {
    ensureWorkspace(corpus);
    say('sidecar load and save, per article and for the whole corpus');
    const scratch = join(cache, 'scratch');
    rmSync(scratch, { recursive: true, force: true });
    results.sidecars = await nodeTask('sidecars', { corpus: corpus.dir, ws: wsCorpus, scratch, width: 8, sampleEvery: 10 }, ['--max-old-space-size=4096']);
    rmSync(scratch, { recursive: true, force: true });
  }
  if (only.has('index')) {
    ensureWorkspace(corpus);
    say('speakers index in Node: cold build over every sidecar, one sidecar changed');
    results.index = await nodeTask('speakers-index', { corpus: corpus.dir, ws: wsCorpus, width: 32, changes: 100 }, ['--expose-gc']);
  }
  if (only.has('editor')) {
    ensureWorkspace(corpus);
    const fixtures = join(cache, 'fixtures');
    const big = corpus.files.some((f) => f.rel === LARGEST) ? LARGEST : [...corpus.files].sort((a, b) => b.chars - a.chars)[0].rel;
    say('fixtures: the largest article with its sidecar, a 1 MB dump with 10,000 annotations; suggestions on both (Node)');
    results.fixtures = await nodeTask('fixtures', { corpus: corpus.dir, ws: wsCorpus, out: fixtures, big, dumpBytes: 1_000_000, annotations: 10_000, model: join(ext, 'models', 'ner-model.json'), suggestDump: process.env.ANA_BENCH_DUMP_SUGGEST !== '0' });
    results.editor = await hostSession('editor', { ANA_BENCH_FIXTURES: fixtures });
  }
  if (only.has('workspace')) {
    ensureWorkspace(corpus);
    results.workspace = await hostSession('workspace', { ANA_TEST_WORKSPACE_DIR: ws });
  }
  results.finishedAt = new Date().toISOString();
  results.machine.loadAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  results.totalSeconds = Math.round((Date.now() - t0) / 1000);

  // A full run's results are the project's (bench/results/latest.*, committed); a partial run's are scratch.
  const [dir, name] = partial ? [cache, 'partial'] : [resultsDir, 'latest'];
  mkdirSync(dir, { recursive: true });
  const table = rows(results);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ ...results, table }, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), renderMarkdown(results, table));
  console.log(`\n${renderTable(table)}\n`);
  say(`results: ${join(dir, name)}.json and .md (${results.totalSeconds} s in all)`);
}

main().catch((err) => {
  console.error(`[bench] ${err?.stack ?? err}`);
  process.exitCode = 1;
});
