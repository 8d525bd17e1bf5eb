import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnnotatorApi } from '../../extension/api';

export const EXTENSION_ID = 'arabic-news-annotator.arabic-news-annotator';
export const SEED = '000_4cb1cd4800d685dd.txt';

export async function annotatorApi(): Promise<AnnotatorApi> {
  const ext = vscode.extensions.getExtension<AnnotatorApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run needs a workspace folder');
  return folder.uri.fsPath;
}

export function articlePath(name: string): string {
  return path.join(workspaceDir(), 'articles', name);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | PromiseLike<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Opens a file in an editor and waits until the extension has given it the article language. */
export async function openArticle(file: string, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
  return waitFor(`${path.basename(file)} to open as an article`, () => {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === file && e.document.languageId === 'arabic-article');
    if (editor) return vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preview: false });
    return undefined;
  });
}

/** Selects the n-th (1-based) occurrence of `needle` in the editor. */
export function select(editor: vscode.TextEditor, needle: string, occurrence = 1): vscode.Selection {
  const text = editor.document.getText();
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${occurrence}) not in ${path.basename(editor.document.fileName)}`);
  }
  editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
  return editor.selection;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Code-point offset of a UTF-16 offset, computed independently of the extension's OffsetMap. */
export function codePointOffset(text: string, utf16: number): number {
  return [...text.slice(0, utf16)].length;
}
