import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Anchored } from '../../core/model';
import { ARTICLE_LANGUAGE } from '../articleLanguage';
import type { ArticleStore } from '../articleStore';

/** How long to wait for the store to load an article that was just opened. */
const LOAD_WAIT_MS = 3000;

/**
 * Opens an article (if needed), and selects and reveals one of its annotations as the store has it
 * now, so that edits made since the view was drawn are taken into account. Returns the editor, or
 * undefined after telling the user what went wrong and what to do.
 */
export async function revealAnnotation(store: ArticleStore, article: vscode.Uri, kind: 'entity' | 'quotation', id: string): Promise<vscode.TextEditor | undefined> {
  const name = path.basename(article.fsPath);
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(article);
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not open ${name}: ${err instanceof Error ? err.message : String(err)}. Check that the article still exists, then refresh the view.`);
    return undefined;
  }
  // An article with a sidecar is an article, even outside the articleFiles globs.
  if (doc.languageId !== ARTICLE_LANGUAGE) doc = await vscode.languages.setTextDocumentLanguage(doc, ARTICLE_LANGUAGE);
  const editor = await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
  const state = await waitForState(store, article);
  if (state === undefined) {
    void vscode.window.showErrorMessage(`The annotations of ${name} did not load. Run "Reload Annotations from Disk" and try again.`);
    return undefined;
  }
  if (state === 'broken') {
    void vscode.window.showErrorMessage(`The sidecar of ${name} could not be loaded, so its ${kind} cannot be shown. Run "Resolve Broken Sidecar…" on the article.`);
    return undefined;
  }
  const items: readonly Anchored[] = kind === 'entity' ? state.entities : state.quotations;
  const item = items.find((a) => a.id === id);
  if (!item) {
    void vscode.window.showErrorMessage(`${name} no longer has ${kind} ${id} (deleted or re-tagged since the view was drawn). Refresh the view.`);
    return undefined;
  }
  const range = new vscode.Range(doc.positionAt(item.start), doc.positionAt(item.end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (item.anchor === 'unanchored') {
    void vscode.window.setStatusBarMessage(`${kind} ${id} was not found in the article's text; its last known place is selected. Tag the text again or delete it.`, 6000);
  }
  return editor;
}

async function waitForState(store: ArticleStore, uri: vscode.Uri): Promise<{ entities: Anchored[]; quotations: Anchored[] } | 'broken' | undefined> {
  const until = Date.now() + LOAD_WAIT_MS;
  for (;;) {
    const state = store.get(uri);
    if (state?.kind === 'loaded') return state.annotations;
    if (state?.kind === 'broken') return 'broken';
    if (Date.now() > until) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
