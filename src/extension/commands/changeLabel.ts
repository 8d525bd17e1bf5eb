import * as vscode from 'vscode';
import type { Container } from '../container';
import { AnnotationArg, annotationTarget } from './annotationTarget';

/** Changes the label of the entity at the caret (asks for it unless given). */
export async function changeLabel(container: Container, arg?: AnnotationArg & { label?: string }): Promise<string | undefined> {
  const target = annotationTarget(container, arg);
  if (!target) return undefined;
  if (target.ref.kind !== 'entity') {
    void vscode.window.showInformationMessage('The caret is in a quotation, which has no label. Put it on an entity to change its label.');
    return undefined;
  }
  const entity = target.ref.annotation;
  const label = arg?.label ?? (await vscode.window.showQuickPick(
    container.labels.table.labels.filter((l) => l.id !== entity.label).map((l) => ({ label: l.id, description: `${l.name} (key ${l.key})` })),
    { placeHolder: `New label for "${entity.text}" (now ${entity.label})` },
  ))?.label;
  if (!label) return undefined;
  if (!container.labels.byId(label)) {
    void vscode.window.showErrorMessage(`Unknown label "${label}". Use one of: ${container.labels.ids.join(', ')}.`);
    return undefined;
  }
  const ok = await container.store.mutate(target.editor.document, (set) => {
    const e = set.entities.find((x) => x.id === entity.id);
    if (e) e.label = label;
  });
  return ok ? label : undefined;
}
