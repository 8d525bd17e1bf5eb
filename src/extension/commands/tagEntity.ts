import * as vscode from 'vscode';
import { DEFAULT_LABELS } from '../../core/labels';
import { ID_PREFIX, nextId } from '../../core/model';
import { trimSpan } from '../../core/snapping';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

/** Tags the selection (or the word at the caret) as an entity with the given label, asking for one if absent. */
export async function tagEntity(container: Container, label?: string): Promise<string | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const chosen = label ?? (await vscode.window.showQuickPick(DEFAULT_LABELS.map((l) => ({ label: l.id, description: l.name })), { placeHolder: 'Label for the selection' }))?.label;
  if (!chosen) return undefined;
  if (!DEFAULT_LABELS.some((l) => l.id === chosen)) {
    void vscode.window.showErrorMessage(`Unknown label "${chosen}". Use one of: ${DEFAULT_LABELS.map((l) => l.id).join(', ')}.`);
    return undefined;
  }
  const doc = editor.document;
  const selection = editor.selection.isEmpty ? doc.getWordRangeAtPosition(editor.selection.active) : editor.selection;
  if (!selection) {
    void vscode.window.showErrorMessage('Nothing to tag: select the words of the entity, or put the caret inside a word.');
    return undefined;
  }
  const text = doc.getText();
  const snap = trimSpan(text, doc.offsetAt(selection.start), doc.offsetAt(selection.end), 'entity');
  if (!snap.ok) {
    void vscode.window.showErrorMessage(`Cannot tag this selection: ${snap.reason}. Select the words of the entity.`);
    return undefined;
  }
  let id: string | undefined;
  const ok = await container.store.mutate(doc, (annotations) => {
    id = nextId(ID_PREFIX.entity, annotations.entities);
    annotations.entities.push({ id, label: chosen, start: snap.start, end: snap.end, text: text.slice(snap.start, snap.end), anchor: 'ok', extra: {} });
  });
  return ok ? id : undefined;
}
