import * as vscode from 'vscode';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

/** Undoes (or redoes) the last annotation change of the current article, leaving its text alone. */
export async function undoAnnotation(container: Container, direction: 'undo' | 'redo' = 'undo'): Promise<boolean> {
  const editor = activeArticleEditor();
  if (!editor) return false;
  const done = await container.store.undo(editor.document, direction);
  if (!done) void vscode.window.setStatusBarMessage(`Nothing to ${direction} in the annotations of this article.`, 3000);
  return done;
}

export const redoAnnotation = (container: Container) => undoAnnotation(container, 'redo');
