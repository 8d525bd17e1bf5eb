// Sidecar writes that fail, and sidecars changed or deleted outside the window while the store
// holds changes of its own: no annotation may be lost, in memory or on disk. A write is made to
// fail by putting a non-empty directory at the sidecar's path (tests run as root, where a
// read-only folder would not stop it).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { AnnotationSet } from '../../core/model';
import { serializeSidecar } from '../../core/sidecar';
import { annotatorApi, closeAllEditors, closeDocument, copySeed, openAsUser, SEED, waitFor } from './testUtil';

interface OnDisk { entities: Array<{ label: string; start: number }> }

function entitiesIn(file: string): OnDisk['entities'] | undefined {
  try {
    return (parse(fs.readFileSync(file, 'utf8')) as OnDisk | null)?.entities ?? [];
  } catch {
    return undefined;
  }
}

const labelsOf = (entities: OnDisk['entities'] | undefined): string => (entities ?? []).map((e) => e.label).sort().join(',');

/** The UTF-16 ranges of the article's Arabic words of four letters or more. */
function wordsOf(editor: vscode.TextEditor): Array<{ start: number; end: number }> {
  return [...editor.document.getText().matchAll(/[\u0621-\u064A]{4,}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function tag(editor: vscode.TextEditor, word: { start: number; end: number }, label: string): Thenable<unknown> {
  editor.selection = new vscode.Selection(editor.document.positionAt(word.start), editor.document.positionAt(word.end));
  return vscode.commands.executeCommand('arabicNewsAnnotator.tagEntity', label);
}

/** The annotations of an article with one entity, on its `n`-th word. */
function oneEntity(text: string, n: number, label: string): AnnotationSet {
  const word = [...text.matchAll(/[\u0621-\u064A]{4,}/g)][n]!;
  const start = [...text.slice(0, word.index)].length;
  return {
    status: 'in-progress', quotations: [], speakers: [], rejected: [], extra: {},
    entities: [{ id: 'e1', label, start, end: start + [...word[0]].length, text: word[0], anchor: 'ok', extra: {} }],
  };
}

/** A directory with a file in it at the sidecar's path: no file can be renamed over it. */
function blockSidecar(sidecar: string): void {
  fs.rmSync(sidecar, { force: true });
  fs.mkdirSync(path.join(sidecar, 'blocker'), { recursive: true });
}

suite('sidecar writes that fail, and sidecars changed outside the window', () => {
  teardown(closeAllEditors);

  test('a change made just before closing whose write fails is kept in a recovery file, shown on reopening, and written once the cause is gone', async () => {
    const api = await annotatorApi();
    const file = copySeed(SEED, 'fail_close.txt');
    const sidecar = `${file}.ann.yaml`;
    const editor = await openAsUser(file);
    blockSidecar(sidecar);
    void tag(editor, wordsOf(editor)[0]!, 'PER');
    await waitFor('the tag in memory', () => api.annotations(editor.document.uri)?.entities.length === 1);
    await closeDocument(file);
    await waitFor('the recovery file with the tag', () => labelsOf(entitiesIn(`${sidecar}.unsaved`)) === 'PER');
    const again = await openAsUser(file);
    assert.equal(labelsOf(api.annotations(again.document.uri)?.entities), 'PER', 'the reopened article shows the change that could not be written');
    fs.rmSync(sidecar, { recursive: true });
    await closeDocument(file);
    await waitFor('the tag to reach the sidecar once it can be written', () => labelsOf(entitiesIn(sidecar)) === 'PER');
  });

  test('a sidecar changed outside the window while a change is pending is kept as .bak, not overwritten', async () => {
    const api = await annotatorApi();
    const file = copySeed(SEED, 'outside_change.txt');
    const sidecar = `${file}.ann.yaml`;
    const editor = await openAsUser(file);
    const words = wordsOf(editor);
    assert.ok(await tag(editor, words[0]!, 'PER'));
    await waitFor('the first tag on disk', () => labelsOf(entitiesIn(sidecar)) === 'PER');
    void tag(editor, words[2]!, 'PER');
    await waitFor('the second tag in memory', () => api.annotations(editor.document.uri)?.entities.length === 2);
    // A teammate's version (through git, say) lands before the window's pending save.
    const text = editor.document.getText();
    const outside = serializeSidecar(oneEntity(text, 4, 'LOC'), text, path.basename(file));
    fs.writeFileSync(sidecar, outside);
    await waitFor('the outside version kept as .bak', () => fs.existsSync(`${sidecar}.bak`) && fs.readFileSync(`${sidecar}.bak`, 'utf8') === outside);
    await waitFor('the window\'s annotations on disk', () => labelsOf(entitiesIn(sidecar)) === 'PER,PER');
  });

  test('after a failed write, removing the last annotation still reaches the sidecar', async () => {
    const api = await annotatorApi();
    const file = copySeed(SEED, 'fail_then_empty.txt');
    const sidecar = `${file}.ann.yaml`;
    const editor = await openAsUser(file);
    const word = wordsOf(editor)[0]!;
    assert.ok(await tag(editor, word, 'PER'));
    await waitFor('the tag on disk', () => labelsOf(entitiesIn(sidecar)) === 'PER');
    const saved = fs.readFileSync(sidecar, 'utf8');
    blockSidecar(sidecar);
    editor.selection = new vscode.Selection(editor.document.positionAt(word.start + 1), editor.document.positionAt(word.start + 1));
    assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.removeAnnotation'), undefined);
    await waitFor('the removal in memory', () => api.annotations(editor.document.uri)?.entities.length === 0);
    // The cause goes away and the file comes back as it was; a later edit must still save the removal.
    fs.rmSync(sidecar, { recursive: true });
    fs.writeFileSync(sidecar, saved);
    await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().length), '\n'));
    await waitFor('the sidecar without the removed annotation', () => entitiesIn(sidecar)?.length === 0);
  });

  test('a sidecar deleted by hand while its article is open is written again', async () => {
    const api = await annotatorApi();
    const file = copySeed(SEED, 'deleted_sidecar.txt');
    const sidecar = `${file}.ann.yaml`;
    // The file watcher drops a file written and deleted in one batch of events: each step below
    // waits until the watcher has reported the write before it, as when a person deletes the file.
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(path.dirname(file), path.basename(sidecar)));
    let reported = false;
    const report = (): void => { reported = true; };
    try {
      watcher.onDidCreate(report);
      watcher.onDidChange(report);
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(sidecar, serializeSidecar(oneEntity(text, 0, 'ORG'), text, path.basename(file)));
      await waitFor('the watcher to report the sidecar', () => reported);
      const editor = await openAsUser(file);
      assert.equal(labelsOf(api.annotations(editor.document.uri)?.entities), 'ORG');
      reported = false;
      assert.ok(await tag(editor, wordsOf(editor)[2]!, 'PER'));
      await waitFor('the tag on disk', () => labelsOf(entitiesIn(sidecar)) === 'ORG,PER');
      await waitFor('the watcher to report the write', () => reported);
    } finally {
      watcher.dispose();
    }
    fs.rmSync(sidecar);
    await waitFor('the sidecar written again', () => labelsOf(entitiesIn(sidecar)) === 'ORG,PER');
  });
});
