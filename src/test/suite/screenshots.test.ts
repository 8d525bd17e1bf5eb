import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { takeScreenshot } from './screenshot';
import { annotatorApi, articlePath, closeAllEditors, openArticle, select, waitFor } from './testUtil';

/** Entities and quotations of the first paragraphs of seed 000, as a person would tag them. */
const ENTITIES: Array<[string, string, number?]> = [
  ['شويغو', 'PER'], ['كارتر', 'PER'], ['سوريا', 'LOC'],
  ['سيرغي شويغو', 'PER'], ['أشتون كارتر', 'PER'], ['سوريا', 'LOC', 2],
  ['وزارة الدفاع الروسية', 'ORG'], ['الشرق الأوسط', 'LOC'], ['العراق', 'LOC'],
  ['البنتاغون', 'ORG'],
];
const QUOTATIONS = ['سير الحديث أظهر تقارب وجهتي نظر الجانبين أو تشابهها بشأن معظم المسائل التي جرى بحثها', 'آليات وقف النزاع في سوريا'];

suite('screenshots of an annotated seed (for a person to look at)', () => {
  const themes: Array<[string, string]> = [['light', 'Default Light Modern'], ['dark', 'Default Dark Modern']];
  let previousTheme: string | undefined;

  suiteSetup(async () => {
    previousTheme = vscode.workspace.getConfiguration('workbench').get('colorTheme');
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', previousTheme, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  test('tag the first paragraphs of 000 and take light and dark screenshots', async function () {
    this.timeout(60_000);
    const api = await annotatorApi();
    const file = articlePath('screenshot_000.txt');
    fs.copyFileSync(articlePath('000_4cb1cd4800d685dd.txt'), file);
    fs.rmSync(`${file}.ann.yaml`, { force: true });
    const editor = await openArticle(file);
    for (const [needle, label, occurrence] of ENTITIES) {
      select(editor, needle, occurrence);
      assert.ok(await vscode.commands.executeCommand('arabicNewsAnnotator.tagEntity', label), `tagged ${needle}`);
    }
    for (const quote of QUOTATIONS) {
      select(editor, quote);
      assert.ok(await vscode.commands.executeCommand('arabicNewsAnnotator.tagQuotation'), `tagged quotation ${quote.slice(0, 20)}`);
    }
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const drawn = api.decorations(editor);
    assert.equal(drawn.get('PER')?.length, 4);
    assert.equal(drawn.get('quotation')?.length, 2);
    for (const [name, theme] of themes) {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await waitFor(`theme ${theme}`, () => vscode.window.activeColorTheme.kind === (name === 'light' ? vscode.ColorThemeKind.Light : vscode.ColorThemeKind.Dark));
      await new Promise((r) => setTimeout(r, 800));
      await takeScreenshot(`annotated-seed-${name}`);
    }
  });

  test('suggestions of a fresh seed, with the speakers panel', async function () {
    this.timeout(60_000);
    const api = await annotatorApi();
    const config = vscode.workspace.getConfiguration('arabicNewsAnnotator');
    await config.update('suggestions.enabled', true, vscode.ConfigurationTarget.Global);
    try {
      const file = articlePath('suggested_000.txt');
      fs.copyFileSync(articlePath('000_4cb1cd4800d685dd.txt'), file);
      fs.rmSync(`${file}.ann.yaml`, { force: true });
      const editor = await openArticle(file);
      const set = api.annotations(editor.document.uri)!;
      assert.ok(set.quotations.length >= 5 && set.entities.length >= 10, 'the seed gets suggestions');
      // Accept one quotation so that confirmed and suggested work can be compared on screen.
      select(editor, 'سير الحديث أظهر');
      editor.selection = new vscode.Selection(editor.selection.start, editor.selection.start);
      await vscode.commands.executeCommand('arabicNewsAnnotator.acceptSuggestion');
      await vscode.commands.executeCommand('workbench.view.extension.arabicNewsAnnotator');
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
      await new Promise((r) => setTimeout(r, 1000));
      await takeScreenshot('suggestions-dark');
    } finally {
      await config.update('suggestions.enabled', false, vscode.ConfigurationTarget.Global);
    }
  });
});
