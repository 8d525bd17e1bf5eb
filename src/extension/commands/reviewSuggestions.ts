import * as vscode from 'vscode';
import { countOf } from '../../core/plural';
import { acceptSuggestion, rejectSuggestion } from '../../core/suggestions';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

export interface ReviewArg {
  verdict?: 'accept' | 'reject';
  /** `selection`: the suggestions inside the selection; `label`: every suggestion of one label. */
  scope?: 'selection' | 'label';
  /** An entity label id, or `quotation`. */
  label?: string;
}

/** Accepts or rejects many suggestions at once: those in the selection, or all of one label. */
export async function reviewSuggestions(container: Container, arg: ReviewArg = {}): Promise<number | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const state = container.store.get(editor.document.uri);
  if (state?.kind !== 'loaded') return undefined;
  const verdict = arg.verdict ?? (await vscode.window.showQuickPick([
    { label: 'Accept', verdict: 'accept' as const }, { label: 'Reject', verdict: 'reject' as const },
  ], { placeHolder: 'Accept or reject the suggestions?' }))?.verdict;
  if (!verdict) return undefined;
  const scope = arg.scope ?? (editor.selection.isEmpty ? 'label' : 'selection');
  let label = arg.label;
  if (scope === 'label' && !label) {
    label = (await vscode.window.showQuickPick(
      [...container.labels.ids, 'quotation'].map((l) => ({ label: l })),
      { placeHolder: `${verdict === 'accept' ? 'Accept' : 'Reject'} every suggestion of which label?` },
    ))?.label;
    if (!label) return undefined;
  }
  const doc = editor.document;
  const from = doc.offsetAt(editor.selection.start);
  const to = doc.offsetAt(editor.selection.end);
  const set = state.annotations;
  const ids = [
    ...set.entities.filter((e) => e.suggested !== undefined && (scope === 'selection' ? e.start >= from && e.end <= to : e.label === label)),
    ...set.quotations.filter((q) => q.suggested !== undefined && (scope === 'selection' ? q.start >= from && q.end <= to : label === 'quotation')),
  ].map((x) => x.id);
  if (ids.length === 0) {
    void vscode.window.setStatusBarMessage(scope === 'selection' ? 'No suggestion inside the selection.' : `No suggestion of ${label} in this article.`, 4000);
    return 0;
  }
  const ok = await container.store.mutate(doc, (s) => {
    for (const id of ids) (verdict === 'accept' ? acceptSuggestion : rejectSuggestion)(s, id);
  });
  if (ok) void vscode.window.setStatusBarMessage(`${verdict === 'accept' ? 'Accepted' : 'Rejected'} ${countOf(ids.length, 'suggestion')}.`, 4000);
  return ok ? ids.length : undefined;
}
