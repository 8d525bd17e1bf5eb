// The speaker pick, the cue key and Esc in tagging mode, driven by real keystrokes in the page
// where it matters (what is typed into the pick, which Esc VS Code gives to whom).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { inPage } from './screenshot';
import { annotatorApi, caretAt, closeAllEditors, copySeed, openArticle, press, SEED, select, waitFor } from './testUtil';

const ROWS = '.quick-input-widget .monaco-list-row';
const PICK = '.quick-input-widget:visible';

async function hoverText(editor: vscode.TextEditor, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/** Waits until the workbench has passed on what it sent before (key commands reach the host in order). */
async function roundTrips(): Promise<void> {
  for (let k = 0; k < 2; k++) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
}

suite('speaker pick, cue key and Esc in tagging mode', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'arabic-article') await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', false);
    await closeAllEditors();
  });

  test('S offers the name before the cue first, counts in the singular, and turns a typed name into one new speaker', async function () {
    const api = await annotatorApi();
    const editor = await openArticle(copySeed(SEED, 'pick_000.txt'));
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', true);
    select(editor, 'آليات وقف النزاع في سوريا');
    await press('q');
    await vscode.commands.executeCommand('arabicNewsAnnotator.setSpeaker', { name: 'مصادر في البنتاغون' });
    select(editor, 'مارك تونير');
    await press('p');
    caretAt(editor, 'وكارتر: “', 1, 3);
    await press('p');
    caretAt(editor, 'نبذل جهدا', 1, 2);
    await press('q');

    const picked = press('s');
    const shown = await inPage('speaker-pick', [{ waitFor: `${ROWS}:has-text("مارك تونير")` }, { read: ROWS }]);
    if (!shown) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      this.skip(); // real keys need the runner (npm run test:vscode)
    }
    const rows = shown[0];
    assert.match(rows[0], /New speaker: مارك تونير/, `the nearest name before the cue comes first: ${rows.join(' | ')}`);
    assert.match(rows[1], /مصادر في البنتاغون.*1 quotation(?!s)/, 'then the speaker of the quotation before, with its count in the singular');
    assert.ok(rows.findIndex((r) => r.includes('كارتر')) > 1, 'كارتر after بين is no likely speaker');

    // A name the pick has a line for is not offered again; a new one is, once, and Enter takes it.
    const typed = await inPage('speaker-pick-typed', [
      { type: 'كارتر' }, { waitFor: `${ROWS}:has-text("مصادر")`, state: 'hidden' }, { read: ROWS },
      { press: 'Control+A' }, { type: 'أحمد الجديد' }, { waitFor: `${ROWS}:has-text("أحمد الجديد")` }, { read: ROWS },
      { press: 'Enter' }, { waitFor: PICK, state: 'hidden' },
    ]);
    assert.deepEqual(typed![0].filter((r) => r.includes('كارتر')).length, 1, `one line for كارتر: ${typed![0].join(' | ')}`);
    assert.equal(typed![1].length, 1, `only the new speaker line is left: ${typed![1].join(' | ')}`);
    assert.match(typed![1][0], /New speaker:.*أحمد الجديد/);
    const id = await picked;
    const set = api.annotations(uri)!;
    const speaker = set.speakers.find((s) => s.id === id);
    assert.equal(speaker?.name, 'أحمد الجديد');
    assert.equal(set.quotations.find((q) => q.text.startsWith('نبذل جهدا'))!.speaker, id);
  });

  test('V sets the cue of a hand-tagged quotation from the word at the caret or the selection; the hover shows it', async () => {
    const api = await annotatorApi();
    const editor = await openArticle(copySeed(SEED, 'cue_000.txt'));
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', true);
    caretAt(editor, 'نبذل جهدا', 1, 2);
    await press('q');
    caretAt(editor, 'ضروري من أجل', 1, 2);
    await press('q');
    caretAt(editor, 'وقال المتحدث', 1, 2);
    assert.equal(await press('v'), 'وقال');
    select(editor, 'مضيفا');
    assert.equal(await press('v'), 'مضيفا');
    const [first, second] = api.annotations(uri)!.quotations;
    assert.deepEqual([first.cue, second.cue], ['وقال', 'مضيفا']);
    assert.match(await hoverText(editor, first.start + 2), /cue: وقال/);
    caretAt(editor, 'نبذل جهدا', 1, 2);
    assert.equal(await press('v'), undefined, 'inside the quoted words there is no cue to take');
    assert.equal(api.annotations(uri)!.quotations[0].cue, 'وقال');
  });

  test('Esc closes a hover or the speaker pick and stays in tagging mode; with nothing open it leaves', async function () {
    const api = await annotatorApi();
    const editor = await openArticle(copySeed(SEED, 'esc_000.txt'));
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', true);
    select(editor, 'مارك تونير');
    await press('p');
    caretAt(editor, 'مارك تونير', 1, 2);

    await vscode.commands.executeCommand('editor.action.showHover', { focus: 'noAutoFocus' });
    const hover = '.monaco-hover:visible:has-text("Person")';
    if (!(await inPage('esc-hover', [{ waitFor: hover }, { press: 'Escape' }, { waitFor: hover, state: 'hidden' }]))) this.skip();
    await roundTrips();
    assert.equal(api.taggingMode(uri), true, 'the Esc that closed the hover left tagging mode on');

    caretAt(editor, 'نبذل جهدا', 1, 2);
    await press('q');
    const picked = press('s');
    await inPage('esc-pick', [{ waitFor: PICK }, { press: 'Escape' }, { waitFor: PICK, state: 'hidden' }]);
    assert.equal(await picked, undefined);
    await roundTrips();
    assert.equal(api.taggingMode(uri), true, 'the Esc that closed the pick left tagging mode on');

    await vscode.window.showTextDocument(editor.document);
    await inPage('esc-leave', [{ press: 'Escape' }]);
    await waitFor('Esc to leave tagging mode', () => !api.taggingMode(uri));
  });
});
