import * as path from 'node:path';
import * as vscode from 'vscode';
import { countOf } from '../../core/plural';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

/**
 * Reads the current article's sidecar again from disk (after a `git pull`, or a CLI run), once
 * pending changes of this window are written. Returns the resulting state.
 */
export async function reloadAnnotations(container: Container): Promise<'loaded' | 'broken' | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  await container.store.flushAll();
  const state = container.store.reload(editor.document.uri);
  if (state?.kind === 'loaded') {
    const { entities, quotations } = state.annotations;
    void vscode.window.setStatusBarMessage(`Reloaded ${path.basename(state.sidecarPath)}: ${countOf(entities.length, 'entity', 'entities')}, ${countOf(quotations.length, 'quotation')}`, 4000);
  }
  return state?.kind;
}
