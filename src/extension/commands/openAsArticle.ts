import * as vscode from 'vscode';
import { ARTICLE_LANGUAGE } from '../articleLanguage';
import type { Container } from '../container';

export async function openAsArticle(_container: Container, uri?: vscode.Uri): Promise<void> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showErrorMessage('Open the text file you want to annotate first, then run "Open Current File as Article".');
    return;
  }
  if (doc.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Only files on disk can be annotated: the annotations are kept in a sidecar file beside the article. Save this text to a file first.');
    return;
  }
  const article = doc.languageId === ARTICLE_LANGUAGE ? doc : await vscode.languages.setTextDocumentLanguage(doc, ARTICLE_LANGUAGE);
  await vscode.window.showTextDocument(article);
}
