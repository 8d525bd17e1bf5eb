import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { annotatorApi, articlePath, closeAllEditors, codePointOffset, copySeed, openArticle, select, waitFor, workspaceDir } from './testUtil';

interface SidecarEntity { id: string; label: string; start: number; end: number; text: string }
interface SidecarQuotation { id: string; start: number; end: number; text: string }

function readSidecar(file: string): { article: string; sha256: string; entities: SidecarEntity[]; quotations: SidecarQuotation[] } {
  return parse(fs.readFileSync(file, 'utf8'));
}

suite('annotations and their YAML sidecar', () => {
  teardown(closeAllEditors);

  test('tagging through the commands writes a sidecar in code points that matches the text, and a reload finds everything back', async () => {
    const api = await annotatorApi();
    // An emoji in front of the text makes UTF-16 and code-point offsets differ, as in scraped pages.
    const file = articlePath('lifecycle_000.txt');
    fs.writeFileSync(file, `😀 ${fs.readFileSync(articlePath('000_4cb1cd4800d685dd.txt'), 'utf8')}`);
    const sidecar = `${file}.ann.yaml`;
    fs.rmSync(sidecar, { force: true });

    const editor = await openArticle(file);
    const text = editor.document.getText();
    select(editor, 'سيرغي شويغو');
    assert.ok(await vscode.commands.executeCommand<string>('arabicNewsAnnotator.tagEntity', 'PER'));
    select(editor, ' وزارة الدفاع الروسية.');
    assert.ok(await vscode.commands.executeCommand<string>('arabicNewsAnnotator.tagEntity', 'ORG'));
    select(editor, 'سوريا', 2);
    assert.ok(await vscode.commands.executeCommand<string>('arabicNewsAnnotator.tagEntity', 'LOC'));
    select(editor, '“سير الحديث أظهر تقارب وجهتي نظر الجانبين أو تشابهها بشأن معظم المسائل التي جرى بحثها”');
    assert.ok(await vscode.commands.executeCommand<string>('arabicNewsAnnotator.tagQuotation'));

    // Written after every change, before the command returns: no export needed to keep the work.
    assert.ok(fs.existsSync(sidecar), 'the sidecar is written as soon as something is tagged');
    const exported = await vscode.commands.executeCommand<string>('arabicNewsAnnotator.exportAnnotations');
    assert.equal(exported, sidecar);

    const onDisk = readSidecar(sidecar);
    assert.equal(onDisk.article, 'lifecycle_000.txt');
    assert.equal(onDisk.sha256, createHash('sha256').update(text, 'utf8').digest('hex'));
    const expect = (needle: string, occurrence = 1) => {
      let at = -1;
      for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
      return { start: codePointOffset(text, at), end: codePointOffset(text, at + needle.length), text: needle };
    };
    assert.deepEqual(onDisk.entities.map(({ label, start, end, text: t }) => ({ label, start, end, text: t })), [
      { label: 'PER', ...expect('سيرغي شويغو') },
      { label: 'LOC', ...expect('سوريا', 2) },
      { label: 'ORG', ...expect('وزارة الدفاع الروسية') },
    ]);
    assert.deepEqual(onDisk.quotations.map(({ start, end, text: t }) => ({ start, end, text: t })), [
      expect('سير الحديث أظهر تقارب وجهتي نظر الجانبين أو تشابهها بشأن معظم المسائل التي جرى بحثها'),
    ]);
    // The Python contract: code-point slices of the article give back each copied text.
    const codePoints = [...text];
    for (const e of [...onDisk.entities, ...onDisk.quotations]) assert.equal(codePoints.slice(e.start, e.end).join(''), e.text);

    const before = api.annotations(editor.document.uri);
    const sidecarBytes = fs.readFileSync(sidecar);
    // Reading the file back from disk gives exactly what was in memory.
    assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.reloadAnnotations'), 'loaded');
    assert.deepEqual(api.annotations(editor.document.uri), before);
    // So does closing the article and opening it again.
    await closeAllEditors();
    const reopened = await openArticle(file);
    const after = await waitFor('annotations after reopening', () => api.annotations(reopened.document.uri));
    assert.deepEqual(after, before);
    assert.deepEqual(fs.readFileSync(sidecar), sidecarBytes, 'reopening does not rewrite an unchanged sidecar');
  });

  test('text edits move the spans, and the sidecar follows them', async () => {
    const api = await annotatorApi();
    const file = copySeed('001_067b9e39abae9f08.txt', 'edits_001.txt');
    const editor = await openArticle(file);
    const name = editor.document.getText().match(/كيري/)?.[0];
    assert.ok(name, 'seed 001 names Kerry');
    select(editor, 'كيري');
    await vscode.commands.executeCommand('arabicNewsAnnotator.tagEntity', 'PER');
    const [entity] = api.annotations(editor.document.uri)!.entities;
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'عاجل: ')));
    const moved = api.annotations(editor.document.uri)!.entities[0];
    assert.equal(moved.start, entity.start + 'عاجل: '.length);
    assert.equal(editor.document.getText().slice(moved.start, moved.end), 'كيري');
    await waitFor('the sidecar to record the shift', () => {
      const e = readSidecar(`${file}.ann.yaml`).entities[0];
      return e.start === codePointOffset(editor.document.getText(), moved.start) || undefined;
    });
    // Deleting the tagged word keeps the annotation, flagged, rather than letting it cover other text.
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(editor.document.positionAt(moved.start), editor.document.positionAt(moved.end)))));
    const flagged = api.annotations(editor.document.uri)!.entities[0];
    assert.equal(flagged.anchor, 'unanchored');
    assert.equal(flagged.text, 'كيري');
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('two editors of the same article show the same decorations', async () => {
    const api = await annotatorApi();
    const file = copySeed('003_83f8822d896d3ab0.txt', 'split_003.txt');
    const left = await openArticle(file, vscode.ViewColumn.One);
    select(left, 'كيري');
    await vscode.commands.executeCommand('arabicNewsAnnotator.tagEntity', 'PER');
    const right = await openArticle(file, vscode.ViewColumn.Two);
    const offset = left.document.getText().indexOf('كيري');
    const expected = new vscode.Range(left.document.positionAt(offset), left.document.positionAt(offset + 'كيري'.length));
    for (const editor of [left, right]) {
      const ranges = await waitFor('decorations', () => api.decorations(editor).get('PER')?.length ? api.decorations(editor).get('PER') : undefined);
      assert.equal(ranges.length, 1);
      assert.ok(ranges[0].isEqual(expected), `PER drawn at ${JSON.stringify(ranges[0])}`);
    }
  });

  test('"Export Annotations of All Articles" copies every annotated article\'s sidecar into one folder', async () => {
    const file = copySeed('004_1a9257cbefa7c7ae.txt', 'export_004.txt');
    const editor = await openArticle(file);
    select(editor, 'موسكو');
    await vscode.commands.executeCommand('arabicNewsAnnotator.tagEntity', 'LOC');
    const target = path.join(workspaceDir(), 'exported');
    const result = await vscode.commands.executeCommand<{ written: string[]; failed: string[] }>('arabicNewsAnnotator.exportWorkspaceAnnotations', target);
    const out = path.join(target, 'articles', 'export_004.txt.ann.yaml');
    assert.ok(result.written.includes(out), `written: ${result.written.join(', ')}`);
    assert.deepEqual(fs.readFileSync(out, 'utf8'), fs.readFileSync(`${file}.ann.yaml`, 'utf8'));
  });
});
