import * as vscode from 'vscode';
import { ID_PREFIX, nextId } from '../../core/model';
import { containsToken, entityAtCaret, entityFromSelection } from '../../core/snapping';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

/**
 * Tags the selection (or the word at the caret) as an entity with the given label, asking for one
 * if absent. Proclitics are left out (وكارتر → كارتر) unless `wholeToken` is set; see core/snapping.
 */
export async function tagEntity(container: Container, label?: string, options: { wholeToken?: boolean } = {}): Promise<string | undefined> {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const labels = container.labels.table.labels;
  const chosen = label ?? (await vscode.window.showQuickPick(labels.map((l) => ({ label: l.id, description: `${l.name} (key ${l.key})` })), { placeHolder: 'Label for the selection' }))?.label;
  if (!chosen) return undefined;
  if (!container.labels.byId(chosen)) {
    void vscode.window.showErrorMessage(`Unknown label "${chosen}". Use one of: ${container.labels.ids.join(', ')}, or add it to ${'.annotator/labels.yaml'}.`);
    return undefined;
  }
  const doc = editor.document;
  const text = doc.getText();
  const clitics = { wholeToken: options.wholeToken, isKnownWord: (w: string) => containsToken(text, w) };
  const selection = editor.selection;
  const snap = selection.isEmpty
    ? entityAtCaret(text, doc.offsetAt(selection.active), clitics)
    : entityFromSelection(text, doc.offsetAt(selection.start), doc.offsetAt(selection.end), clitics);
  if (!snap.ok) {
    void vscode.window.showErrorMessage(`Cannot tag an entity here: ${snap.reason}. Select the words of the entity, or put the caret inside a word.`);
    return undefined;
  }
  // Tagging an entity again (the caret in it, or the same span selected) relabels it rather than duplicating it.
  const caret = doc.offsetAt(selection.active);
  const existing = container.store.get(doc.uri);
  const same = existing?.kind === 'loaded'
    ? existing.annotations.entities.find((e) => e.anchor !== 'unanchored' && (selection.isEmpty ? e.start <= caret && caret <= e.end : e.start === snap.start && e.end === snap.end))
    : undefined;
  let id: string | undefined;
  const ok = await container.store.mutate(doc, (annotations) => {
    const entity = same && annotations.entities.find((e) => e.id === same.id);
    if (entity) {
      entity.label = chosen;
      id = entity.id;
      return;
    }
    id = nextId(ID_PREFIX.entity, annotations.entities);
    annotations.entities.push({ id, label: chosen, start: snap.start, end: snap.end, text: text.slice(snap.start, snap.end), anchor: 'ok', extra: {} });
  });
  return ok ? id : undefined;
}
