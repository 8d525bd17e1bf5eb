import * as vscode from 'vscode';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

/** Turns tagging mode on or off for the current article (Esc also leaves it). */
export async function toggleTaggingMode(container: Container, on?: boolean): Promise<boolean | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const now = await container.taggingMode.set(editor, on);
  const keys = container.labels.table.labels.map((l) => `${l.key.toUpperCase()} ${l.id}`).join(', ');
  void vscode.window.setStatusBarMessage(now
    ? `Tagging mode: ${keys}, ${container.labels.table.quotationKey.toUpperCase()} quotation; S speaker, V cue, C label, Del remove, Tab next, U undo, Esc leave. The text is read-only meanwhile.`
    : 'Tagging mode off: the article can be edited again.', 6000);
  return now;
}
