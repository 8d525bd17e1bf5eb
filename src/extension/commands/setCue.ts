import * as vscode from 'vscode';
import { cueTarget } from '../../core/cueTarget';
import type { Container } from '../container';
import { activeLoadedArticle } from './activeArticle';

export interface SetCueArg {
  /** The quotation; with `cue`, no selection is needed. */
  id?: string;
  /** The cue words as written, or null to clear the cue. */
  cue?: string | null;
}

/**
 * Sets the cue (وقال, مضيفا, بحسب…) of a quotation: the selected words, or the word under the
 * caret, become the cue of the quotation they introduce (core/cueTarget). Returns the cue set.
 */
export async function setCue(container: Container, arg: SetCueArg = {}): Promise<string | null | undefined> {
  const active = activeLoadedArticle(container);
  if (!active) return undefined;
  const { editor, state } = active;
  let id: string, cue: string | null;
  if (arg.id !== undefined && arg.cue !== undefined) {
    id = arg.id;
    cue = arg.cue === null ? null : arg.cue.trim() || null;
  } else {
    const doc = editor.document;
    const found = cueTarget(state.annotations, doc.getText(), doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end));
    if (!found.ok) {
      void vscode.window.showErrorMessage(`Cannot set a cue here: ${found.reason}. Select the cue words (وقال, مضيفا, على حد تعبيره…) next to a tagged quotation, or put the caret on the cue word.`);
      return undefined;
    }
    id = found.quotation.id;
    cue = found.cue;
  }
  let exists = false;
  const ok = await container.store.mutate(editor.document, (set) => {
    const q = set.quotations.find((x) => x.id === id);
    exists = !!q;
    if (q) q.cue = cue;
  });
  if (!exists) {
    void vscode.window.showErrorMessage(`Quotation ${id} does not exist in this article; tag it first (Q in tagging mode).`);
    return undefined;
  }
  if (ok) void vscode.window.setStatusBarMessage(cue === null ? `Cue of quotation ${id} cleared.` : `Cue of quotation ${id}: ${cue}`, 4000);
  return ok ? cue : undefined;
}
