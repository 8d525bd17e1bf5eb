import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

export type BrokenSidecarAction = 'open' | 'reload' | 'startFresh';

/**
 * The user's decision about a sidecar that failed to load: open it at the first problem, load it
 * again after fixing it by hand, or keep it as `.bak` and start with no annotations.
 */
export async function resolveBrokenSidecar(container: Container, action?: BrokenSidecarAction): Promise<string | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const state = container.store.get(editor.document.uri);
  if (state?.kind !== 'broken') {
    void vscode.window.showInformationMessage(`The sidecar of ${path.basename(editor.document.uri.fsPath)} loads without errors; nothing to resolve.`);
    return undefined;
  }
  const first = state.problems.find((p) => p.severity === 'error') ?? state.problems[0];
  action ??= (await vscode.window.showQuickPick<{ label: string; action: BrokenSidecarAction }>([
    { label: `Open ${path.basename(state.sidecarPath)} at line ${first?.line ?? 1}`, action: 'open' },
    { label: 'Reload it after fixing it by hand', action: 'reload' },
    { label: 'Keep it as .bak and start with no annotations', action: 'startFresh' },
  ], { placeHolder: first ? `Line ${first.line}: ${first.message}` : 'The sidecar could not be loaded' }))?.action;
  switch (action) {
    case 'open': {
      const line = Math.max(0, (first?.line ?? 1) - 1);
      await vscode.window.showTextDocument(vscode.Uri.file(state.sidecarPath), { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.Beside });
      return state.sidecarPath;
    }
    case 'reload':
      return container.store.reload(editor.document.uri)?.kind;
    case 'startFresh':
      return container.store.startFresh(state);
    default:
      return undefined;
  }
}
