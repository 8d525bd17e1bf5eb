import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sidecarPathFor } from '../core/sidecarPaths';

export const ARTICLE_LANGUAGE = 'arabic-article';
export const SETTINGS_SECTION = 'arabicNewsAnnotator';

/**
 * Gives plain-text dumps the article language when they match the `articleFiles` globs, so a
 * folder of scraped `.txt` files opens as articles while other `.txt` files stay plain text.
 * (`.article` files get the language from package.json without any code.)
 */
export class ArticleLanguage implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((doc) => void this.assign(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.articleFiles`)) this.assignAll();
      }),
    );
    this.assignAll();
  }

  private assignAll(): void {
    for (const doc of vscode.workspace.textDocuments) void this.assign(doc);
  }

  private async assign(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId !== 'plaintext' || doc.uri.scheme !== 'file' || !isArticleDocument(doc)) return;
    await vscode.languages.setTextDocumentLanguage(doc, ARTICLE_LANGUAGE);
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

/** Whether a file is an article: a `.article` file, or a match of the `articleFiles` globs of its folder. */
export function isArticleDocument(doc: vscode.TextDocument): boolean {
  if (doc.uri.path.endsWith('.article')) return true;
  // A dump that already has a sidecar beside it was annotated as an article: reopening keeps it one.
  if (doc.uri.scheme === 'file' && fs.existsSync(sidecarPathFor(doc.uri.fsPath))) return true;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return false;
  // VS Code's own glob engine, so the setting means exactly what `files.associations` would. The globs
  // are also tried on the whole path, so that opening the `seeds` folder itself matches `**/seeds/**`.
  const root = vscode.Uri.file(path.parse(doc.uri.fsPath).root);
  return articleGlobs(folder).some((glob) => [folder.uri, root].some((base) => vscode.languages.match({ pattern: new vscode.RelativePattern(base, glob) }, doc) > 0));
}

export function articleGlobs(folder: vscode.WorkspaceFolder): string[] {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri).get<string[]>('articleFiles', []);
}
