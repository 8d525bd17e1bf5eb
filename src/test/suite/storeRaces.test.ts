// The store writes sidecars behind the keystrokes; these tests close, reopen and reload articles
// while writes are pending or in flight, and check that no change is lost in memory or on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { AnnotationSet, Entity } from '../../core/model';
import { serializeSidecar } from '../../core/sidecar';
import { annotatorApi, articlePath, closeAllEditors, closeDocument, openArticle, openAsUser, SEED, waitFor } from './testUtil';

/**
 * An article of the seed repeated to about 150 KB with 4,000 entities in its sidecar: every save
 * takes long enough (tens of milliseconds) for closing and reopening to happen while one is in flight.
 */
function bigArticle(name: string): { file: string; free: Array<{ start: number; end: number }> } {
  const seed = fs.readFileSync(articlePath(SEED), 'utf8');
  const text = Array.from({ length: 40 }, () => seed).join('\n');
  const words = [...text.matchAll(/[\u0621-\u064A]{4,}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const entities: Entity[] = words.filter((_, i) => i % 3 === 0).slice(0, 4000)
    .map((w, i) => ({ id: `e${i + 1}`, label: 'LOC', ...w, text: text.slice(w.start, w.end), anchor: 'ok', extra: {} }));
  const set: AnnotationSet = { status: 'in-progress', entities, quotations: [], speakers: [], rejected: [], extra: {} };
  const file = articlePath(name);
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.ann.yaml`, serializeSidecar(set, text, name));
  // Words two apart from any entity, far enough from each other to be tagged one by one.
  return { file, free: words.filter((_, i) => i % 3 === 1).filter((_, i) => i % 20 === 0) };
}

function onDisk(file: string): Array<{ label: string; start: number }> {
  return (parse(fs.readFileSync(`${file}.ann.yaml`, 'utf8')) as { entities: Array<{ label: string; start: number }> }).entities;
}

const perCount = (entities: ReadonlyArray<{ label: string }>): number => entities.filter((e) => e.label === 'PER').length;

/** Tags the words as PER without waiting for the commands (the keys come faster than the saves). */
function tagQuickly(editor: vscode.TextEditor, words: ReadonlyArray<{ start: number; end: number }>): Array<Thenable<unknown>> {
  return words.map((w) => {
    editor.selection = new vscode.Selection(editor.document.positionAt(w.start), editor.document.positionAt(w.end));
    return vscode.commands.executeCommand('arabicNewsAnnotator.tagEntity', 'PER');
  });
}

suite('sidecar writes racing close, reopen and reload', () => {
  teardown(closeAllEditors);

  test('a change followed at once by closing the article is on disk', async () => {
    const { file, free } = bigArticle('race_close.txt');
    const editor = await openAsUser(file);
    void tagQuickly(editor, free.slice(0, 1));
    await closeDocument(file);
    await waitFor('the tag to reach the sidecar', () => perCount(onDisk(file)) === 1);
  });

  test('reopening an article while its sidecar is being written shows and keeps the newest annotations', async () => {
    const api = await annotatorApi();
    const { file, free } = bigArticle('race_reopen.txt');
    const first = await openAsUser(file);
    // Enough keys that, saved one by one, the writes would still be running when the article is open again.
    const keys = 150;
    assert.ok(free.length > keys, `${free.length} free words`);
    void tagQuickly(first, free.slice(0, keys));
    await closeDocument(file);
    const again = await openAsUser(file);
    assert.equal(perCount(api.annotations(again.document.uri)!.entities), keys, 'the reopened article has every tag made before closing');
    // A change right after reopening must not be overwritten by the writes still queued from before.
    assert.ok(await tagQuickly(again, free.slice(keys, keys + 1))[0]);
    await new Promise((r) => setTimeout(r, 1500)); // every queued write lands, and the file watcher reports them
    assert.equal(perCount(api.annotations(again.document.uri)!.entities), keys + 1, 'in memory');
    assert.equal(perCount(onDisk(file)), keys + 1, 'on disk');
  });

  test('a change made while a reload waits for pending writes is written and read back, not dropped', async () => {
    const api = await annotatorApi();
    const { file, free } = bigArticle('race_reload.txt');
    const editor = await openArticle(file);
    assert.ok(await tagQuickly(editor, free.slice(0, 1))[0]);
    const reloading = vscode.commands.executeCommand('arabicNewsAnnotator.reloadAnnotations');
    void tagQuickly(editor, free.slice(1, 2));
    assert.equal(await reloading, 'loaded');
    assert.equal(perCount(api.annotations(editor.document.uri)!.entities), 2, 'the reloaded article has the change made during the reload');
    assert.ok(await tagQuickly(editor, free.slice(2, 3))[0]);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(perCount(api.annotations(editor.document.uri)!.entities), 3, 'in memory');
    assert.equal(perCount(onDisk(file)), 3, 'on disk');
  });
});
