import * as vscode from 'vscode';
import type { ArticleStatus } from '../../core/model';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

/** Marks the current article done (or back to in progress when it already is): kept in its sidecar. */
export async function markDone(container: Container, status?: ArticleStatus): Promise<ArticleStatus | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const state = container.store.get(editor.document.uri);
  if (state?.kind !== 'loaded') return undefined;
  const next: ArticleStatus = status ?? (state.annotations.status === 'done' ? 'in-progress' : 'done');
  const ok = await container.store.mutate(editor.document, (set) => {
    set.status = next;
  });
  if (ok) void vscode.window.setStatusBarMessage(`Article marked ${next === 'done' ? 'done' : next.replace('-', ' ')}.`, 3000);
  return ok ? next : undefined;
}
