import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
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

/** Puts the caret `inside` characters into the n-th occurrence of `needle`. */
export function caretAt(editor: vscode.TextEditor, needle: string, occurrence = 1, inside = 1): void {
  const sel = select(editor, needle, occurrence);
  const pos = editor.document.positionAt(editor.document.offsetAt(sel.start) + inside);
  editor.selection = new vscode.Selection(pos, pos);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Code-point offset of a UTF-16 offset, computed independently of the extension's OffsetMap. */
export function codePointOffset(text: string, utf16: number): number {
  return [...text.slice(0, utf16)].length;
}

export interface Keybinding { command: string; key: string; mac?: string; args?: unknown; when?: string }

/** The keybindings the extension contributes (package.json). */
export function keybindings(): Keybinding[] {
  return vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.keybindings as Keybinding[];
}

/**
 * Runs the command a tagging-mode key is bound to, with the binding's arguments, as VS Code does
 * on that key (its `when` clause is not evaluated: screenshot.ts's inPage sends real keys).
 */
export async function press(key: string): Promise<unknown> {
  const binding = keybindings().find((k) => k.key === key && k.when?.includes('arabicNewsAnnotator.taggingMode'));
  assert.ok(binding, `no tagging-mode binding for ${key}`);
  return binding.args === undefined ? vscode.commands.executeCommand(binding.command) : vscode.commands.executeCommand(binding.command, binding.args);
}

/** A private copy of a seed (no sidecar) under another name, so that tests never see each other's sidecars. */
export function copySeed(seed: string, as: string): string {
  const target = articlePath(as);
  fs.copyFileSync(articlePath(seed), target);
  fs.rmSync(`${target}.ann.yaml`, { force: true });
  return target;
}

/**
 * Opens the article as the user does: documents opened through `openTextDocument` stay alive in the
 * extension host for minutes after their editor closes, those opened from the workbench do not.
 */
export async function openAsUser(file: string): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), { preview: false });
  return waitFor(`${file} to open as an article`, () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === file && e.document.languageId === 'arabic-article'));
}

/** Closes every editor and waits until the article's document is closed. */
export async function closeDocument(file: string): Promise<void> {
  let closed = false;
  const sub = vscode.workspace.onDidCloseTextDocument((d) => { if (d.uri.fsPath === file) closed = true; });
  try {
    await closeAllEditors();
    await waitFor(`${file} to close`, () => closed, 10_000);
  } finally {
    sub.dispose();
  }
}
