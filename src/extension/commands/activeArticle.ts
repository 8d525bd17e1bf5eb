import * as path from 'node:path';
import * as vscode from 'vscode';
import { ARTICLE_LANGUAGE } from '../articleLanguage';
import type { LoadedArticle } from '../articleStore';
import type { Container } from '../container';

/** The active editor when it shows an article; otherwise tells the user what to do and returns undefined. */
export function activeArticleEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('No article is open. Open an article file (a .article file, or a .txt dump matched by the "arabicNewsAnnotator.articleFiles" setting) and try again.');
    return undefined;
  }
  if (editor.document.languageId !== ARTICLE_LANGUAGE) {
    void vscode.window.showErrorMessage(`${path.basename(editor.document.uri.fsPath)} is not open as an article. Run "Arabic News Annotator: Open Current File as Article" first.`);
    return undefined;
  }
  return editor;
}

/** The active article with its annotations loaded; a broken sidecar is reported instead. */
export function activeLoadedArticle(container: Container): { editor: vscode.TextEditor; state: LoadedArticle } | undefined {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const state = container.store.get(editor.document.uri);
  if (state?.kind === 'broken') {
    void container.store.reportBroken(state);
    return undefined;
  }
  if (!state) return undefined;
  return { editor, state };
}
