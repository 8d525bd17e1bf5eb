import * as vscode from 'vscode';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

export async function resolveBrokenSidecar(container: Container): Promise<void> {
  const editor = activeArticleEditor();
  if (!editor) return;
  const state = container.store.reload(editor.document.uri);
  if (state?.kind === 'loaded') {
    void vscode.window.showInformationMessage('The sidecar of this article loads without errors; nothing to resolve.');
  }
  // A broken sidecar is reported again by the reload, with the choices to fix it or start fresh.
}
