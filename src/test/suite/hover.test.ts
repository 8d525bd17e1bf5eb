import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { annotatorApi, articlePath, closeAllEditors, openArticle, select } from './testUtil';

async function hoverText(editor: vscode.TextEditor, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

suite('hover on annotations', () => {
  teardown(closeAllEditors);

  test('shows the label of an entity, and the speaker and cue of a quotation, with actions', async () => {
    const api = await annotatorApi();
    const file = articlePath('hover_000.txt');
    fs.copyFileSync(articlePath('000_4cb1cd4800d685dd.txt'), file);
    fs.rmSync(`${file}.ann.yaml`, { force: true });
    const editor = await openArticle(file);
    select(editor, 'مارك تونير');
    const entityId = await vscode.commands.executeCommand<string>('arabicNewsAnnotator.tagEntity', 'PER');
    select(editor, 'نبذل جهدا من أجل الحصول على مزيد من المعلومات حول نوايا روسيا في سوريا');
    await vscode.commands.executeCommand('arabicNewsAnnotator.tagQuotation');
    await vscode.commands.executeCommand('arabicNewsAnnotator.setSpeaker', { fromEntity: entityId });
    const set = api.annotations(editor.document.uri)!;
    const quote = set.quotations[0];

    const onEntity = await hoverText(editor, set.entities[0].start + 1);
    assert.match(onEntity, /\*\*PER\*\* \(Person\)/);
    assert.match(onEntity, /names speaker/);
    assert.match(onEntity, /command:arabicNewsAnnotator\.changeLabel/);
    const onQuote = await hoverText(editor, quote.start + 3);
    assert.match(onQuote, /\*\*Quotation\*\*/);
    assert.match(onQuote, /مارك تونير/);
    assert.match(onQuote, /command:arabicNewsAnnotator\.setSpeaker/);
    assert.equal(await hoverText(editor, 2), '', 'no hover outside annotations');
  });
});
