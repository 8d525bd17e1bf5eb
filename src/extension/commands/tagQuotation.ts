import * as vscode from 'vscode';
import { ID_PREFIX, nextId } from '../../core/model';
import { trimSpan } from '../../core/snapping';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

/** Tags the selection as a quotation; the span leaves out the quote marks, as the sidecar schema says. */
export async function tagQuotation(container: Container): Promise<string | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const doc = editor.document;
  if (editor.selection.isEmpty) {
    void vscode.window.showErrorMessage('Select the quoted words (the quote marks may be included; they are left out of the span), then tag the quotation.');
    return undefined;
  }
  const text = doc.getText();
  const snap = trimSpan(text, doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end), 'quotation');
  if (!snap.ok) {
    void vscode.window.showErrorMessage(`Cannot tag this selection: ${snap.reason}. Select the quoted words.`);
    return undefined;
  }
  let id: string | undefined;
  const ok = await container.store.mutate(doc, (annotations) => {
    id = nextId(ID_PREFIX.quotation, annotations.quotations);
    annotations.quotations.push({ id, start: snap.start, end: snap.end, text: text.slice(snap.start, snap.end), speaker: null, cue: null, anchor: 'ok', extra: {} });
  });
  return ok ? id : undefined;
}
