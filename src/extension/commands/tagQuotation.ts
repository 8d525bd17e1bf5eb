import * as vscode from 'vscode';
import { ID_PREFIX, nextId } from '../../core/model';
import { quotationAtCaret, trimSpan } from '../../core/snapping';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

/** Tags the selection (or the marks around the caret) as a quotation; the span leaves out the quote marks, as the sidecar schema says. */
export async function tagQuotation(container: Container): Promise<string | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const doc = editor.document;
  const text = doc.getText();
  // With the caret between quote marks, the quotation is the words between them.
  const snap = editor.selection.isEmpty
    ? quotationAtCaret(text, doc.offsetAt(editor.selection.active))
    : trimSpan(text, doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end), 'quotation');
  if (!snap.ok) {
    void vscode.window.showErrorMessage(`Cannot tag a quotation here: ${snap.reason}. Select the quoted words, or put the caret between the quote marks.`);
    return undefined;
  }
  let id: string | undefined;
  const ok = await container.store.mutate(doc, (annotations) => {
    id = nextId(ID_PREFIX.quotation, annotations.quotations);
    annotations.quotations.push({ id, start: snap.start, end: snap.end, text: text.slice(snap.start, snap.end), speaker: null, cue: null, anchor: 'ok', extra: {} });
  });
  return ok ? id : undefined;
}
