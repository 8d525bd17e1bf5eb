import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { annotatorApi, articlePath, closeAllEditors, openArticle, SEED, waitFor, workspaceDir } from './testUtil';

suite('article document type', () => {
  suiteSetup(async () => {
    await annotatorApi();
  });
  teardown(closeAllEditors);

  test('every seed dump under articles/ opens in the article language', async () => {
    const seeds = fs.readdirSync(path.join(workspaceDir(), 'articles')).filter((f) => /^\d{3}_.*\.txt$/.test(f));
    assert.equal(seeds.length, 5, 'the harness copies the five seeds into articles/');
    for (const seed of seeds) {
      const editor = await openArticle(articlePath(seed));
      assert.equal(editor.document.languageId, 'arabic-article');
    }
  });

  test('a .txt file outside the article globs stays plain text', async () => {
    const notes = path.join(workspaceDir(), 'notes.txt');
    fs.writeFileSync(notes, 'ملاحظات الفريق\n');
    const doc = await vscode.workspace.openTextDocument(notes);
    await vscode.window.showTextDocument(doc);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(doc.languageId, 'plaintext');
  });

  test('"Open Current File as Article" turns any text file into an article', async () => {
    const file = path.join(workspaceDir(), 'draft.txt');
    fs.copyFileSync(articlePath(SEED), file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await vscode.commands.executeCommand('arabicNewsAnnotator.openAsArticle');
    const doc = await waitFor('draft.txt to become an article', () => vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file && d.languageId === 'arabic-article'));
    assert.equal(doc.languageId, 'arabic-article');
  });

  test('a .txt dump with a sidecar beside it reopens as an article, wherever it is', async () => {
    const file = path.join(workspaceDir(), 'annotated-elsewhere.txt');
    fs.copyFileSync(articlePath(SEED), file);
    fs.writeFileSync(`${file}.ann.yaml`, 'entities: []\n');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    await waitFor('the annotated dump to become an article', () => vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file && d.languageId === 'arabic-article'));
  });

  test('a .article file is an article without any setting', async () => {
    const file = path.join(workspaceDir(), 'single.article');
    fs.copyFileSync(articlePath(SEED), file);
    const doc = await vscode.workspace.openTextDocument(file);
    assert.equal(doc.languageId, 'arabic-article');
  });

  test('the article language gets word wrap, no minimap and a readable size by default', () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'arabic-article' });
    assert.equal(config.get('wordWrap'), 'on');
    assert.equal(config.get('minimap.enabled'), false);
    assert.ok((config.get<number>('fontSize') ?? 0) >= 16);
  });
});
