import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { annotatorApi, caretAt, closeAllEditors, copySeed, type Keybinding, keybindings, openArticle, press, select, waitFor, workspaceDir } from './testUtil';

suite('keyboard tagging', () => {
  teardown(async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'arabic-article') await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', false);
    await closeAllEditors();
  });

  test('each label key and the quotation key tag through their bound command in tagging mode', async () => {
    const api = await annotatorApi();
    const editor = await openArticle(copySeed('000_4cb1cd4800d685dd.txt', 'keys_000.txt'));
    assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode'), true);
    const cases: Array<[string, string, string]> = [['p', 'سيرغي شويغو', 'PER'], ['o', 'وزارة الدفاع الروسية', 'ORG'], ['l', 'العراق', 'LOC'], ['m', 'الإرهاب الدولي', 'MISC']];
    for (const [key, needle] of cases) {
      select(editor, needle);
      assert.ok(await press(key), `key ${key} tagged ${needle}`);
    }
    caretAt(editor, 'سير الحديث أظهر', 1, 3);
    assert.ok(await press('q'));
    const set = api.annotations(editor.document.uri)!;
    assert.deepEqual(set.entities.map((e) => [e.text, e.label]), cases.map(([, needle, label]) => [needle, label]));
    assert.deepEqual(set.quotations.map((q) => q.text), ['سير الحديث أظهر تقارب وجهتي نظر الجانبين أو تشابهها بشأن معظم المسائل التي جرى بحثها']);
  });

  test('the caret in وكارتر tags كارتر; Shift takes the whole token', async () => {
    const api = await annotatorApi();
    const editor = await openArticle(copySeed('000_4cb1cd4800d685dd.txt', 'clitic_000.txt'));
    await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', true);
    caretAt(editor, 'وكارتر', 1, 3);
    await press('p');
    caretAt(editor, 'وكارتر', 2, 3);
    await press('shift+p');
    assert.deepEqual(api.annotations(editor.document.uri)!.entities.map((e) => e.text), ['كارتر', 'وكارتر']);
  });

  test('remove, change label, grow, jump, set speaker, undo and redo — all from keys', async () => {
    const api = await annotatorApi();
    const file = copySeed('000_4cb1cd4800d685dd.txt', 'workflow_000.txt');
    const editor = await openArticle(file);
    await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', true);
    const uri = editor.document.uri;
    select(editor, 'مارك');
    await press('p');
    caretAt(editor, 'مارك', 1, 1);
    await press('.');
    assert.equal(api.annotations(uri)!.entities[0].text, 'مارك تونير', '"." grows the entity by a word');
    await press('o');
    assert.deepEqual(api.annotations(uri)!.entities.map((e) => e.label), ['ORG'], 'a label key on a tagged entity relabels it');
    await vscode.commands.executeCommand('arabicNewsAnnotator.changeLabel', { label: 'PER' });
    assert.deepEqual(api.annotations(uri)!.entities.map((e) => e.label), ['PER']);
    caretAt(editor, 'نبذل جهدا', 1, 2);
    await press('q');
    const quote = api.annotations(uri)!.quotations[0];
    assert.equal(quote.text.startsWith('نبذل جهدا'), true);
    // The speaker quick pick offers the nearby person first; choose it as the pick would.
    await vscode.commands.executeCommand('arabicNewsAnnotator.setSpeaker', { fromEntity: api.annotations(uri)!.entities[0].id });
    let set = api.annotations(uri)!;
    assert.equal(set.speakers.length, 1);
    assert.equal(set.speakers[0].name, 'مارك تونير');
    assert.equal(set.quotations[0].speaker, set.speakers[0].id);
    assert.deepEqual(set.speakers[0].mentions, [set.entities[0].id]);
    const mentionRanges = api.decorations(editor).get('speaker-mention');
    assert.equal(mentionRanges?.length, 1, 'the speaker\'s name is marked');

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await press('tab');
    assert.equal(editor.document.offsetAt(editor.selection.active), set.entities[0].start, 'Tab jumps to the first annotation');
    await press('tab');
    assert.equal(editor.document.offsetAt(editor.selection.active), set.quotations[0].start);
    await press('delete');
    assert.equal(api.annotations(uri)!.quotations.length, 0);

    const textBefore = editor.document.getText();
    await press('ctrl+z');
    assert.equal(api.annotations(uri)!.quotations.length, 1, 'Ctrl+Z in tagging mode undoes the removal');
    await press('shift+u');
    assert.equal(api.annotations(uri)!.quotations.length, 0, 'Shift+U redoes it');
    await press('u');
    assert.equal(editor.document.getText(), textBefore, 'annotation undo never touches the text');
    set = api.annotations(uri)!;
    assert.equal(set.quotations.length, 1);
    const onDisk = parse(fs.readFileSync(`${file}.ann.yaml`, 'utf8'));
    assert.equal(onDisk.quotations.length, 1, 'undo is saved too');
    await press('d');
    assert.equal(parse(fs.readFileSync(`${file}.ann.yaml`, 'utf8')).status, 'done');
  });

  test('tagging mode makes the article read-only for the session, and Esc leaves it', async () => {
    const editor = await openArticle(copySeed('001_067b9e39abae9f08.txt', 'readonly_001.txt'));
    await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', true);
    const before = editor.document.getText();
    await vscode.commands.executeCommand('type', { text: 'xyz' });
    assert.equal(editor.document.getText(), before, 'typing does not change the article in tagging mode');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await press('escape');
    await vscode.commands.executeCommand('type', { text: 'x' });
    assert.equal(editor.document.getText(), `x${before}`);
    await vscode.commands.executeCommand('undo');
  });

  test('a team label table in .annotator/labels.yaml adds labels and keys', async () => {
    const api = await annotatorApi();
    const labelsFile = path.join(workspaceDir(), '.annotator', 'labels.yaml');
    fs.mkdirSync(path.dirname(labelsFile), { recursive: true });
    fs.writeFileSync(labelsFile, 'labels:\n  - { id: PER, name: Person, key: p }\n  - { id: ORG, name: Organisation, key: o }\n  - { id: LOC, name: Location, key: l }\n  - { id: MISC, name: Miscellaneous, key: m }\n  - { id: DATE, name: Date, key: t, colour: "#00897B" }\n');
    try {
      const editor = await openArticle(copySeed('000_4cb1cd4800d685dd.txt', 'labels_000.txt'));
      await vscode.commands.executeCommand('arabicNewsAnnotator.toggleTaggingMode', true);
      await waitFor('the DATE label to load', () => api.labelIds().includes('DATE'), 20_000);
      select(editor, 'الجمعة 18 سبتمبر');
      assert.ok(await press('t'));
      assert.deepEqual(api.annotations(editor.document.uri)!.entities.map((e) => e.label), ['DATE']);
      assert.equal(api.decorations(editor).get('DATE')?.length, 1);
    } finally {
      fs.rmSync(labelsFile, { force: true });
    }
  });
});

suite('keybindings', () => {
  test('outside tagging mode they are free of clashes with VS Code\'s default keybindings', async () => {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const doc = await waitFor('the default keybindings', () => vscode.window.activeTextEditor?.document.uri.toString().includes('keybindings') ? vscode.window.activeTextEditor.document : undefined);
    const defaults = JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')) as Keybinding[];
    // The file lists contributed keybindings too: ours are what is being checked.
    const taken = new Set(defaults.filter((k) => !k.command.startsWith('arabicNewsAnnotator.')).map((k) => k.key));
    const ours = keybindings().filter((k) => !k.when?.includes('arabicNewsAnnotator.taggingMode'));
    assert.ok(ours.length >= 2);
    for (const k of ours) assert.ok(!taken.has(k.key), `${k.key} (${k.command}) is a default VS Code key: ${defaults.filter((d) => d.key === k.key).map((d) => d.command).join(', ')}`);
    assert.ok(defaults.length > 300, `the default keybindings were read (${defaults.length})`);
    // Every key is scoped to article editors.
    for (const k of keybindings()) assert.match(k.when ?? '', /editorLangId == arabic-article/);
    await closeAllEditors();
  });
});
