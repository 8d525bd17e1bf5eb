// The bench's table: one row per figure, with its floor, the ratio to it, the aim and whether it is met.

const s = (ms) => (ms === null || ms === undefined ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const pp = (x) => (x ? `${s(x.p50)} / ${s(x.p95)}` : '—');
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : '—');
const n = (x) => (x === undefined || x === null ? '?' : x.toLocaleString('en-US'));

/** Rows of the table; sections that did not run are left out. */
export function rows(r) {
  const out = [];
  const row = (area, measure, value, floor, vsFloor, aim = '', verdict = '') => out.push({ area, measure, value, floor, vsFloor, aim, verdict });
  const judge = (ok) => (ok ? 'met' : 'NOT MET');

  const g = r.suggest;
  if (g) {
    const aimOk = g.ms <= 3 * g.floorMs;
    row('CLI suggest', `whole corpus, ${n(g.articles)} articles (${(g.chars / 1e6).toFixed(1)} M chars), --jobs ${g.jobs}; peak ${g.peakMB} MB`, s(g.ms), s(g.floorMs), ratio(g.ms, g.floorMs), '≤ 3× floor', judge(aimOk));
    const by = g.subset?.byJobs ?? {};
    const one = by[1]?.ms, many = by[g.jobs]?.ms;
    if (one && many && g.jobs > 1) row('CLI suggest', `every 10th article (${n(g.subset.articles)}): --jobs ${g.jobs} against --jobs 1`, s(many), s(one), `${(one / many).toFixed(2)}× faster`);
  }
  const e = r.editor;
  if (e) {
    for (const [key, label, aimMs] of [['keystroke.big', 'largest real article', 16], ['keystroke.dump', '1 MB dump, 10,000 annotations', 50]]) {
      const k = e[key];
      if (!k) continue;
      const unseen = k.unseen ? `; ${k.unseen} not seen in the page` : '';
      row('Editor (in VS Code)', `keystroke → decorated in the page, ${label} (${n(k.chars)} chars), p50 / p95 of ${k.n} tags${unseen}; floor: no-op command + one setDecorations`, pp(k), pp(k.floor), ratio(k.p95, k.floor.p95), `p95 ≤ ${aimMs} ms`, judge(k.n > 0 && k.p95 <= aimMs));
      row('Editor (in VS Code)', `  of which in the extension host, until setDecorations was called`, pp(k.drawn), '', '');
      row('Editor (in VS Code)', `  the tag command until its sidecar is written (serialize, fsync)`, pp(k.commandWithSave), '', '');
    }
    if (e['open.big']) row('Editor (in VS Code)', `open the largest article with its sidecar until decorated: first in the window (loads the entity model) / later ones p50`, `${s(e['open.big'].firstMs)} / ${s(e['open.big'].p50)}`, s(e['open.big'].floor.p50), ratio(e['open.big'].p50, e['open.big'].floor.p50));
    if (e['open.dump']) row('Editor (in VS Code)', `open the 1 MB dump with its 10,000 annotations until decorated, p50`, s(e['open.dump'].p50), s(e['open.dump'].floor.p50), ratio(e['open.dump'].p50, e['open.dump'].floor.p50));
    const f = r.fixtures;
    if (f?.big?.suggest) row('Editor (in VS Code)', `  suggestions for the largest article, run on its open (Node; floor: entity tagging alone)`, s(f.big.suggest.ms), s(f.big.suggest.nerMs), ratio(f.big.suggest.ms, f.big.suggest.nerMs));
    if (f?.dump?.suggest) row('Editor (in VS Code)', `  suggestions for the 1 MB dump, run on its open (Node; the editor bench opens it with suggestions off)`, s(f.dump.suggest.ms), s(f.dump.suggest.nerMs), ratio(f.dump.suggest.ms, f.dump.suggest.nerMs));
    if (e.activation) row('Editor (in VS Code)', 'extension activation (floor: loading the same bundle without activating)', s(e.activation.ms), s(e.activation.floorLoadMs), ratio(e.activation.ms, e.activation.floorLoadMs));
  }
  const b = r.bundle;
  if (b) {
    row('Bundle', `out/extension.js, production (floor: the yaml dependency alone, minified)`, kb(b.extensionBytes), kb(b.floorYamlBytes), ratio(b.extensionBytes, b.floorYamlBytes));
    row('Bundle', `out/cli.js / models/ner-model.json (shipped, read on first suggestion)`, `${kb(b.cliBytes)} / ${kb(b.modelBytes)}`, '', '');
  }
  const w = r.workspace;
  if (w?.['index.host']) {
    const h = w['index.host'];
    row('Speakers index', `cold build in VS Code over ${n(h.sidecars)} sidecars (${h.sidecarMB} MB) until the view lists ${n(h.roots)} rows`, s(h.coldMs), s(h.floorMs), ratio(h.coldMs, h.floorMs), '≤ 5 s', judge(h.coldMs <= 5000));
    row('Speakers index', `  listing the view again (warm)`, s(h.relistMs), '', '');
    const rss = h.memoryAfter.rssMB;
    row('Speakers index', `extension host memory after the index: RSS (heap) — before it ${h.memoryBefore.rssMB} MB (${h.memoryBefore.heapUsedMB} MB)`, `${rss} MB (${h.memoryAfter.heapUsedMB} MB)`, `${h.memoryBefore.rssMB} MB`, `+${(rss - h.memoryBefore.rssMB).toFixed(0)} MB`, '≤ 200 MB', judge(rss <= 200));
  }
  const x = r.index;
  if (x) {
    row('Speakers index', `cold build in Node (read, summarise, index) over ${n(x.articles)} sidecars: ${n(x.groups)} speaker groups; heap +${x.heapMB} MB`, s(x.coldMs), s(x.floorMs), ratio(x.coldMs, x.floorMs), '≤ 5 s', judge(x.coldMs <= 5000));
    row('Speakers index', `one sidecar changed: read, summarise, update both indexes, p50 / p95 of ${x.update.n}`, pp(x.update), pp(x.updateFloor), ratio(x.update.p95, x.updateFloor.p95), 'p95 ≤ 20 ms', judge(x.update.p95 <= 20));
  }
  if (w?.['index.hostUpdate']) {
    const u = w['index.hostUpdate'];
    row('Speakers index', `  in VS Code, file written → view told (file watcher, 30 ms batching, update), p50 / p95 of ${u.n}; floor: the watcher's own event`, pp(u), pp(u.floor), ratio(u.p50, u.floor.p50));
  }
  const c = r.sidecars;
  if (c) {
    row('Sidecars', `load one (read sidecar + article, parse, check), p50 / p95 of ${n(c.sample)}`, pp(c.perArticle.load), pp(c.perArticle.loadFloor), ratio(c.perArticle.load.p50, c.perArticle.loadFloor.p50));
    row('Sidecars', `save one (serialize, atomic write with fsync), p50 / p95`, pp(c.perArticle.save), pp(c.perArticle.saveFloor), ratio(c.perArticle.save.p50, c.perArticle.saveFloor.p50));
    row('Sidecars', `load all ${n(c.articles)} (${n(c.annotations)} annotations), one after another`, s(c.corpus.loadMs), s(c.corpus.loadFloorMs), ratio(c.corpus.loadMs, c.corpus.loadFloorMs));
    row('Sidecars', `save all (serialize, atomic write with fsync), ${c.corpus.width} in flight`, s(c.corpus.saveMs), s(c.corpus.saveFloorMs), ratio(c.corpus.saveMs, c.corpus.saveFloorMs));
  }
  return out;
}

export function renderTable(table) {
  const cols = ['area', 'measure', 'value', 'floor', 'vsFloor', 'aim', 'verdict'];
  const head = { area: 'area', measure: 'measure', value: 'value', floor: 'floor', vsFloor: 'vs floor', aim: 'aim', verdict: '' };
  const width = Object.fromEntries(cols.map((k) => [k, Math.max(...[head, ...table].map((r) => String(r[k]).length))]));
  const line = (r) => cols.map((k) => String(r[k]).padEnd(width[k])).join('  ').trimEnd();
  return [line(head), cols.map((k) => '-'.repeat(width[k])).join('  '), ...table.map(line)].join('\n');
}

export function renderMarkdown(r, table) {
  const m = r.machine;
  const esc = (t) => String(t).replace(/\|/g, '\\|');
  const lines = [
    `Measured ${r.finishedAt?.slice(0, 10) ?? ''} on ${m.cpus} × ${m.cpu}, ${m.memoryGB} GB RAM, ${m.os}, Node ${m.node}; ${m.vscode ?? 'VS Code: —'}.`,
    `Load average at start ${m.loadAtStart.join(' ')}, at end ${m.loadAtEnd?.join(' ') ?? '—'}; ${r.totalSeconds} s in all.`,
    `Corpus: ${r.corpus ? `${r.corpus.articles.toLocaleString('en-US')} SaudiNewsNet articles, ${(r.corpus.chars / 1e6).toFixed(1)} M characters` : '—'}.`,
    '',
    '| area | measure | value | floor | vs floor | aim | |',
    '|---|---|---|---|---|---|---|',
    ...table.map((row) => `| ${esc(row.area)} | ${esc(row.measure.trim())} | ${esc(row.value)} | ${esc(row.floor)} | ${esc(row.vsFloor)} | ${esc(row.aim)} | ${esc(row.verdict)} |`),
    '',
  ];
  return lines.join('\n');
}
