// Bench session "editor", in a fresh extension host with the seed workspace (the extension not yet
// active): activation, opening an article with its sidecar until decorated, and keystroke-to-decorated
// latency of tagging on the largest real article and on a 1 MB dump with 10,000 annotations.
// Fixtures come from ANA_BENCH_FIXTURES (written by nodeBench.ts `fixtures`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnnotatorApi } from '../../extension/api';
import { DrawWatcher, firstAfter, now, pageProbe, record, sleep, wallNow, workbenchRoundTrip } from './hostBench';
import { summarize } from './stats';

const EXTENSION_ID = 'arabic-news-annotator.arabic-news-annotator';
const TAGS = Number(process.env.ANA_BENCH_TAGS ?? 200);
const OPENS = 6;
/** Keystrokes come no closer than this (a very fast annotator; redraws within one frame are batched). */
const KEY_GAP_MS = 50;
const r1 = (x: number): number => Math.round(x * 100) / 100;

suite('editor', () => {
  let api: AnnotatorApi;
  let draws: DrawWatcher;
  const files = { big: '', dump: '' };
  const fixtures = process.env.ANA_BENCH_FIXTURES ?? '';
  const workspace = (): string => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const articles = (): string => path.join(workspace(), 'articles');

  suiteSetup(() => {
    assert.ok(fs.existsSync(path.join(fixtures, 'big.txt')), `fixtures missing in ${fixtures} (ANA_BENCH_FIXTURES)`);
    draws = new DrawWatcher();
  });
  suiteTeardown(() => draws?.dispose());

  test('activation', async () => {
    const ext = vscode.extensions.getExtension<AnnotatorApi>(EXTENSION_ID);
    assert.ok(ext);
    const wasActive = ext.isActive;
    const t0 = now();
    api = await ext.activate();
    const activation = now() - t0;
    // Floor: loading the same code (an identical copy of the bundle, so that nothing is cached) without activating it.
    const main = path.join(ext.extensionPath, 'out', 'extension.js');
    const copy = path.join(ext.extensionPath, 'out', `extension-bench-copy-${process.pid}.js`);
    fs.writeFileSync(copy, `${fs.readFileSync(main, 'utf8')}\n// ${Math.random()}\n`);
    const t1 = now();
    createRequire(copy)(copy);
    const load = now() - t1;
    fs.rmSync(copy);
    record('activation', { ms: wasActive ? null : r1(activation), floorLoadMs: r1(load), wasActive, bundleBytes: fs.statSync(main).size });
  });

  test('open an article with its sidecar until decorated', async () => {
    // Copies of the fixtures, each with its own sidecar, so that every open is a first open.
    const copies = (name: string, n: number): string[] => Array.from({ length: n }, (_, k) => {
      const file = path.join(articles(), `bench-${name}-${k + 1}.txt`);
      fs.copyFileSync(path.join(fixtures, `${name}.txt`), file);
      const yaml = fs.readFileSync(path.join(fixtures, `${name}.txt.ann.yaml`), 'utf8').replace(/^article: .*$/m, `article: "${path.basename(file)}"`);
      fs.writeFileSync(`${file}.ann.yaml`, yaml);
      return file;
    });
    const big = copies('big', OPENS), dump = copies('dump', 3);
    // Floors: the same text as plain text (outside the article folders), opened until shown.
    for (const name of ['big', 'dump']) fs.copyFileSync(path.join(fixtures, `${name}.txt`), path.join(workspace(), `bench-${name}.floor`));
    await sleep(500); // let the file watcher settle

    const openArticle = async (file: string): Promise<{ drawn: number; acked: number }> => {
      const uri = vscode.Uri.file(file);
      const t0 = now();
      const drawn = draws.next(uri, t0, (ranges) => ranges > 0);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      const d = await drawn;
      return { drawn: d.drawnAt - t0, acked: (await d.acked) - t0 };
    };
    const openPlain = async (file: string): Promise<number> => {
      const t0 = now();
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)), { preview: false });
      return (await workbenchRoundTrip()) - t0;
    };
    const closeAll = async (): Promise<void> => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await sleep(200);
    };

    // The first article opened in a window also loads the entity model for suggestions.
    const first = await openArticle(big[0]);
    await closeAll();
    const warm: number[] = [], warmDrawn: number[] = [], floor: number[] = [];
    for (const file of big.slice(1, -1)) {
      floor.push(await openPlain(path.join(workspace(), 'bench-big.floor')));
      await closeAll();
      const o = await openArticle(file);
      warm.push(o.acked);
      warmDrawn.push(o.drawn);
      await closeAll();
    }
    record('open.big', { firstMs: r1(first.acked), ...pick(summarize(warm)), drawnP50: summarize(warmDrawn).p50, floor: pick(summarize(floor)) });
    // Suggestions off for the dump: on 1 MB they block the host for a minute or more (see the
    // bench's "suggest on the dump" figure), which is measured apart, in Node.
    await suggestions(false);
    const dumpMs: number[] = [], dumpFloor: number[] = [];
    for (const file of dump) {
      dumpFloor.push(await openPlain(path.join(workspace(), 'bench-dump.floor')));
      await closeAll();
      dumpMs.push((await openArticle(file)).acked);
      await closeAll();
    }
    record('open.dump', { ...pick(summarize(dumpMs)), floor: pick(summarize(dumpFloor)) });
    files.big = big[big.length - 1];
    files.dump = dump[0];
  });

  const keystrokes = (name: 'big' | 'dump') => async (): Promise<void> => {
    const file = files[name];
    await suggestions(name === 'big');
    const uri = vscode.Uri.file(file);
    const opened = draws.next(uri, now(), (ranges) => ranges > 0);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await opened;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString() && e.document.languageId === 'arabic-article');
    assert.ok(editor, `${file} is open as an article`);
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preview: false });
    assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', true), true);
    const doc = editor.document;
    const before = api.annotations(uri)!;
    const targets = freeWords(doc.getText(), before.entities, TAGS);
    assert.equal(targets.length, TAGS, `${TAGS} untagged words in ${path.basename(file)}`);

    // Each keystroke: the word revealed and rendered first, then a pause, so that the page has
    // nothing else to draw when the keystroke comes.
    const prepare = async (range: vscode.Range): Promise<void> => {
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      await workbenchRoundTrip();
      await sleep(KEY_GAP_MS);
    };
    await pageProbe('observe');

    // Floor: an extension command that does nothing, then one setDecorations of one range, until
    // the page shows it (and until the workbench answers a command sent right after).
    const floorType = vscode.window.createTextEditorDecorationType({ outlineStyle: 'dotted', outlineWidth: '1px', outlineColor: '#888888' });
    const noop = vscode.commands.registerCommand('arabicNewsAnnotator.bench.noop', () => undefined);
    const floorAcked: number[] = [], floorStarts: number[] = [], floorSent: number[] = [];
    try {
      for (const w of targets) {
        const range = new vscode.Range(doc.positionAt(w.start), doc.positionAt(w.end));
        await prepare(range);
        floorStarts.push(wallNow());
        const t0 = now();
        await vscode.commands.executeCommand('arabicNewsAnnotator.bench.noop');
        editor.setDecorations(floorType, [range]);
        floorSent.push(wallNow());
        floorAcked.push((await workbenchRoundTrip()) - t0);
      }
    } finally {
      noop.dispose();
    }
    await sleep(200);
    const floorPage = firstAfter(floorStarts, floorSent, (await pageProbe('read')) ?? []);
    floorType.dispose();
    await sleep(200);
    await pageProbe('read');

    const drawn: number[] = [], drawMs: number[] = [], acked: number[] = [], command: number[] = [], starts: number[] = [], sent: number[] = [];
    for (const w of targets) {
      const range = new vscode.Range(doc.positionAt(w.start), doc.positionAt(w.end));
      editor.selection = new vscode.Selection(range.start, range.end);
      await prepare(range);
      starts.push(wallNow());
      const t0 = now();
      const redraw = draws.next(uri, t0);
      const done = vscode.commands.executeCommand('arabicNewsAnnotator.keyPress', { key: 'p' });
      const d = await redraw;
      sent.push(starts[starts.length - 1] + (d.drawnAt - t0));
      drawn.push(d.drawnAt - t0);
      drawMs.push(d.drawMs);
      acked.push((await d.acked) - t0);
      await done;
      command.push(now() - t0);
    }
    await sleep(200);
    const page = firstAfter(starts, sent, (await pageProbe('read')) ?? []);
    const after = api.annotations(uri)!;
    assert.equal(after.entities.length, before.entities.length + TAGS, 'every keystroke tagged one entity');
    const seen = (xs: Array<number | undefined>): number[] => xs.filter((x): x is number => x !== undefined);
    record(`keystroke.${name}`, {
      chars: doc.getText().length, annotationsBefore: before.entities.length + before.quotations.length,
      ...pick(summarize(seen(page))), unseen: page.length - seen(page).length,
      drawn: pick(summarize(drawn)), redraw: pick(summarize(drawMs)), acked: pick(summarize(acked)), commandWithSave: pick(summarize(command)),
      floor: { ...pick(summarize(seen(floorPage))), unseen: floorPage.length - seen(floorPage).length, acked: pick(summarize(floorAcked)) },
    });
    await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', false);
  };

  test('keystroke to decorated: largest real article', keystrokes('big'));
  test('keystroke to decorated: 1 MB dump with 10,000 annotations', keystrokes('dump'));
});

async function suggestions(on: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('arabicNewsAnnotator').update('suggestions.enabled', on, vscode.ConfigurationTarget.Workspace);
}

function pick(s: { n: number; p50: number; p95: number; max: number }): { n: number; p50: number; p95: number; max: number } {
  return { n: s.n, p50: s.p50, p95: s.p95, max: s.max };
}

/** `count` Arabic words spread over the text, none touching an annotation or each other. */
function freeWords(text: string, taken: ReadonlyArray<{ start: number; end: number }>, count: number): Array<{ start: number; end: number }> {
  const busy = new Uint8Array(text.length + 1);
  for (const a of taken) busy.fill(1, Math.max(0, a.start - 1), Math.min(text.length, a.end + 1));
  const words = [...text.matchAll(/[\u0621-\u064A]{4,}/g)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length }))
    .filter((w) => !busy.subarray(w.start, w.end).some((b) => b === 1) && /\s/.test(text[w.start - 1] ?? ' ') && /\s/.test(text[w.end] ?? ' '));
  if (words.length <= count) return words;
  return Array.from({ length: count }, (_, k) => words[Math.floor((k * words.length) / count)]);
}
