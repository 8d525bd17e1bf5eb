import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { annotatorApi, closeAllEditors, copySeed, openArticle, press, select } from './testUtil';

suite('suggestions in the editor', () => {
  const config = () => vscode.workspace.getConfiguration('arabicNewsAnnotator');
  suiteSetup(() => config().update('suggestions.enabled', true, vscode.ConfigurationTarget.Global));
  suiteTeardown(() => config().update('suggestions.enabled', false, vscode.ConfigurationTarget.Global));
  teardown(async () => {
    await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', false);
    await closeAllEditors();
  });

  test('suggestions appear weaker when an article opens; A accepts, X rejects, and a rejection sticks', async () => {
    const api = await annotatorApi();
    const file = copySeed('000_4cb1cd4800d685dd.txt', 'suggest_000.txt');
    const editor = await openArticle(file);
    const uri = editor.document.uri;
    const set = api.annotations(uri)!;
    const quote = set.quotations.find((q) => q.text.startsWith('نبذل جهدا'));
    assert.ok(quote && quote.suggested !== undefined, 'Toner\'s quotation is suggested');
    const speaker = set.speakers.find((s) => s.id === quote.speaker);
    assert.match(speaker?.name ?? '', /تونير/);
    assert.ok(set.entities.some((e) => e.text === 'سيرغي شويغو' && e.label === 'PER' && e.suggested !== undefined));
    const drawn = api.decorations(editor);
    assert.ok((drawn.get('suggested-quotation')?.length ?? 0) >= 5, 'suggested quotations are drawn with their own (dashed) decoration');
    assert.equal(drawn.get('quotation')?.length, 0, 'nothing is drawn as confirmed yet');

    await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', true);
    select(editor, 'نبذل جهدا');
    editor.selection = new vscode.Selection(editor.selection.start, editor.selection.start);
    assert.equal(await press('a'), quote.id);
    const accepted = api.annotations(uri)!.quotations.find((q) => q.id === quote.id)!;
    assert.equal(accepted.suggested, undefined);
    assert.equal(api.annotations(uri)!.speakers.find((s) => s.id === quote.speaker)!.suggested, undefined, 'its speaker is confirmed with it');

    const shoigu = api.annotations(uri)!.entities.find((e) => e.text === 'سيرغي شويغو')!;
    select(editor, 'سيرغي شويغو');
    editor.selection = new vscode.Selection(editor.selection.start, editor.selection.start);
    assert.equal(await press('x'), shoigu.id);
    const onDisk = parse(fs.readFileSync(`${file}.ann.yaml`, 'utf8'));
    assert.ok(onDisk.rejected.some((r: { text: string }) => r.text === 'سيرغي شويغو'));
    assert.equal(onDisk.quotations.find((q: { id: string }) => q.id === quote.id).suggested, undefined);

    // Reopening suggests again, but never the rejected entity.
    assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.reloadAnnotations'), 'loaded');
    assert.ok(!api.annotations(uri)!.entities.some((e) => e.text === 'سيرغي شويغو'));
  });

  test('accept all suggestions of a label, and tag all occurrences of a name in any spelling', async () => {
    const api = await annotatorApi();
    const editor = await openArticle(copySeed('002_c2923841470bda03.txt', 'suggest_002.txt'));
    const uri = editor.document.uri;
    const locs = api.annotations(uri)!.entities.filter((e) => e.label === 'LOC' && e.suggested !== undefined).length;
    assert.ok(locs > 0);
    assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.reviewSuggestions', { verdict: 'accept', scope: 'label', label: 'LOC' }), locs);
    assert.ok(api.annotations(uri)!.entities.filter((e) => e.label === 'LOC').every((e) => e.suggested === undefined));

    // Egyptian spelling in 002: شويجو; tag one and find the others.
    await vscode.commands.executeCommand('arabicNewsAnnotator.reviewSuggestions', { verdict: 'reject', scope: 'label', label: 'PER' });
    select(editor, 'شويجو');
    await vscode.commands.executeCommand('arabicNewsAnnotator.tagEntity', 'PER');
    const result = await vscode.commands.executeCommand<{ article: number }>('arabicNewsAnnotator.tagAllOccurrences');
    const text = editor.document.getText();
    const expected = (text.match(/شويجو|شويغو/g) ?? []).length;
    assert.ok(expected > 1);
    assert.equal(result.article, expected - 1);
    assert.equal(api.annotations(uri)!.entities.filter((e) => /شويجو|شويغو/.test(e.text) && e.suggested === undefined).length, expected);
  });

  test('with suggestions turned off, opening an article adds nothing', async () => {
    await vscode.workspace.getConfiguration('arabicNewsAnnotator').update('suggestions.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const api = await annotatorApi();
      const editor = await openArticle(copySeed('001_067b9e39abae9f08.txt', 'nosuggest_001.txt'));
      const set = api.annotations(editor.document.uri)!;
      assert.equal(set.entities.length + set.quotations.length + set.speakers.length, 0);
    } finally {
      await vscode.workspace.getConfiguration('arabicNewsAnnotator').update('suggestions.enabled', true, vscode.ConfigurationTarget.Global);
    }
  });
});
