import * as vscode from 'vscode';
import { suggestionAt } from '../../core/annotationQueries';
import { acceptSuggestion as accept, rejectSuggestion as reject } from '../../core/suggestions';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';
import type { AnnotationArg } from './annotationTarget';

/** Accepts (A) or rejects (X) the suggestion at the caret, or the one named by `{ id }`. */
export async function acceptSuggestion(container: Container, arg?: AnnotationArg, verdict: 'accept' | 'reject' = 'accept'): Promise<string | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const state = container.store.get(editor.document.uri);
  if (state?.kind !== 'loaded') return undefined;
  const id = arg?.id ?? suggestionAt(state.annotations, editor.document.offsetAt(editor.selection.active))?.annotation.id;
  if (!id) {
    void vscode.window.setStatusBarMessage('No suggestion at the caret (suggestions have a dashed frame). Tab jumps between annotations.', 4000);
    return undefined;
  }
  const ok = await container.store.mutate(editor.document, (set) => {
    if (verdict === 'accept') accept(set, id);
    else reject(set, id);
  });
  return ok ? id : undefined;
}

export const rejectSuggestion = (container: Container, arg?: AnnotationArg) => acceptSuggestion(container, arg, 'reject');
