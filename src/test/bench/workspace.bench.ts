// Bench session "workspace", in an extension host whose workspace is the whole corpus with the
// sidecars `suggest` wrote (ANA_TEST_WORKSPACE_DIR): the speakers view's workspace index built cold,
// listed again, updated when one sidecar changes on disk, and the extension host's memory.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AnnotatorApi } from '../../extension/api';
import { memory, now, record, sleep } from './hostBench';
import { collectGarbage, pool, summarize } from './stats';

const EXTENSION_ID = 'arabic-news-annotator.arabic-news-annotator';
const CHANGES = Number(process.env.ANA_BENCH_CHANGES ?? 20);
const r1 = (x: number): number => Math.round(x * 10) / 10;

suite('workspace', () => {
  test('speakers index over every sidecar of the workspace', async () => {
    const ext = vscode.extensions.getExtension<AnnotatorApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    const speakers = api.views.speakers;
    collectGarbage();
    const before = memory();

    // Floor: finding the sidecars and reading each, raw, as many reads in flight as the views use.
    let t = now();
    const sidecars = await vscode.workspace.findFiles('**/*.ann.yaml', '**/node_modules/**');
    const find = now() - t;
    let bytes = 0;
    await pool(sidecars.length, 32, async (i) => {
      const raw = await fs.promises.readFile(sidecars[i].fsPath);
      bytes += raw.length;
    });
    const floor = now() - t;

    t = now();
    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.showWorkspace');
    const roots = await speakers.snapshot(1);
    const cold = now() - t;
    t = now();
    await speakers.snapshot(1);
    const warm = now() - t;
    collectGarbage();
    const after = memory();
    record('index.host', {
      sidecars: sidecars.length, sidecarMB: r1(bytes / 1048576), roots: roots.length,
      coldMs: r1(cold), relistMs: r1(warm), floorMs: r1(floor), findFilesMs: r1(find),
      memoryBefore: before, memoryAfter: after, read: api.workspaceRead(),
    });

    // One sidecar changes on disk (a speaker renamed by a teammate's pull): until the view is told.
    // Floor: until a file watcher of this host hears of the same kind of write.
    const provider = speakers.provider;
    assert.ok(provider.onDidChangeTreeData);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.ann.yaml');
    const picked: Array<{ file: string; text: string; changed: string }> = [];
    for (const uri of sidecars) {
      if (picked.length >= CHANGES * 2) break;
      const text = fs.readFileSync(uri.fsPath, 'utf8');
      const m = /^ {4}name: "(.+)"$/m.exec(text);
      if (m) picked.push({ file: uri.fsPath, text, changed: text.replace(m[0], `    name: "${m[1]} المتحدث"`) });
    }
    const viewMs: number[] = [], watcherMs: number[] = [];
    const once = <T>(event: vscode.Event<T>, timeoutMs = 10_000): Promise<number> => new Promise((resolve, reject) => {
      const timer = setTimeout(() => { sub.dispose(); reject(new Error('no event within 10 s')); }, timeoutMs);
      const sub = event(() => { clearTimeout(timer); sub.dispose(); resolve(now()); });
    });
    try {
      for (const [k, p] of picked.entries()) {
        await sleep(300);
        const isFloor = k % 2 === 1;
        const t0 = now();
        const heard = isFloor ? once(watcher.onDidChange) : once(provider.onDidChangeTreeData!);
        fs.writeFileSync(p.file, p.changed);
        (isFloor ? watcherMs : viewMs).push((await heard) - t0);
        await sleep(300);
        const restored = once(provider.onDidChangeTreeData!);
        fs.writeFileSync(p.file, p.text);
        await restored;
      }
    } finally {
      watcher.dispose();
    }
    record('index.hostUpdate', { ...summarize(viewMs), floor: summarize(watcherMs) });
  });
});
