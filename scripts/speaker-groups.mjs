#!/usr/bin/env node
// The speakers view's workspace grouping over a folder of sidecars, to find groups that join
// different people: the number of groups, their sizes, the largest ones, and with --why the links
// (aliases in which article, short names) that put two names in one group. See docs/speakers.md.
//
// usage: node scripts/speaker-groups.mjs FOLDER [--top N] [--why "NAME A" "NAME B"]...
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './ner-lib.mjs';

const argv = process.argv.slice(2);
const folder = argv[0];
if (!folder) throw new Error('usage: node scripts/speaker-groups.mjs FOLDER [--top N] [--why "NAME A" "NAME B"]...');
const top = argv.includes('--top') ? Number(argv[argv.indexOf('--top') + 1]) : 15;
const why = [];
argv.forEach((a, i) => { if (a === '--why') why.push([argv[i + 1], argv[i + 2]]); });

const outfile = join(repoRoot, '.cache', 'speaker-groups', `core-${process.pid}.cjs`);
await build({
  stdin: { contents: ['sidecarSummary', 'speakerIndex', 'speakerNames'].map((m) => `export * from './src/core/${m}';`).join('\n'), resolveDir: repoRoot, loader: 'ts' },
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning',
});
const core = createRequire(import.meta.url)(outfile);
rmSync(outfile, { force: true });

const sidecars = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? sidecars(join(dir, e.name)) : e.name.endsWith('.ann.yaml') ? [join(dir, e.name)] : []);
const index = new core.SpeakerIndex();
let unreadable = 0;
index.batch(() => {
  for (const path of sidecars(folder)) {
    const r = core.readSidecarSummary(readFileSync(path, 'utf8'));
    if (r.ok) index.setArticle(relative(folder, path).replace(/\.ann\.yaml$/, ''), r.summary);
    else unreadable++;
  }
});
const groups = [...index.groups()].sort((a, b) => b.keys.length - a.keys.length || b.members.length - a.members.length);
const bins = [[1, 1], [2, 2], [3, 5], [6, 10], [11, 50], [51, Infinity]];
const sizes = bins.map(([lo, hi]) => `${hi === Infinity ? `>${lo - 1}` : lo === hi ? lo : `${lo}-${hi}`}: ${groups.filter((g) => g.keys.length >= lo && g.keys.length <= hi).length}`);
console.log(`${groups.length} groups of ${groups.reduce((n, g) => n + g.members.length, 0)} speaker records${unreadable ? ` (${unreadable} sidecars unreadable)` : ''}`);
console.log(`groups by number of names: ${sizes.join(', ')}`);
for (const g of groups.slice(0, top)) console.log(`${g.keys.length} names, ${g.members.length} records: ${g.name} | ${g.spellings.slice(0, 8).join(' / ')}`);

// The shortest chain of links between two names of one group: aliases of one record, or a short
// name and a fuller name ending in it (rule 3 joins an ambiguous or short name to its only candidate).
for (const [a, b] of why) {
  const from = core.speakerNameKey(a), to = core.speakerNameKey(b);
  const g = groups.find((x) => x.keys.includes(from));
  if (!g?.keys.includes(to)) { console.log(`\n${a} and ${b} are not one group`); continue; }
  const inGroup = new Set(g.keys), edges = new Map();
  const link = (x, y, how) => {
    for (const [p, q] of [[x, y], [y, x]]) { if (!edges.has(p)) edges.set(p, []); edges.get(p).push([q, how]); }
  };
  for (const m of g.members) {
    for (const alias of m.speaker.aliases) {
      const k = core.speakerNameKey(alias);
      if (inGroup.has(k) && k !== m.key) link(m.key, k, `${m.article}: ${m.speaker.name} has the alias ${alias}`);
    }
  }
  for (const k of g.keys) for (const t of core.shortKeysOf(k)) if (inGroup.has(t)) link(t, k, 'short name');
  const prev = new Map([[from, null]]);
  for (const queue = [from]; queue.length && !prev.has(to);) {
    const x = queue.shift();
    for (const [y, how] of edges.get(x) ?? []) if (!prev.has(y)) { prev.set(y, [x, how]); queue.push(y); }
  }
  const steps = [];
  for (let x = to; prev.get(x); x = prev.get(x)[0]) steps.unshift(`  ${g.spellingOfKey.get(prev.get(x)[0])} → ${g.spellingOfKey.get(x)}  (${prev.get(x)[1]})`);
  console.log(`\n${a} → ${b}${steps.length ? '' : ': no chain of aliases or short names (a merge decision?)'}\n${steps.join('\n')}`);
}
