import * as vscode from 'vscode';
import { resizeByWord } from '../../core/annotationQueries';
import type { Container } from '../container';
import { AnnotationArg, annotationTarget } from './annotationTarget';

export interface ResizeArg extends AnnotationArg {
  edge?: 'start' | 'end';
  change?: 'grow' | 'shrink';
}

/** Grows or shrinks the annotation at the caret by one word at its start or end. */
export async function resizeAnnotation(container: Container, arg: ResizeArg = {}): Promise<string | undefined> {
  const target = annotationTarget(container, arg);
  if (!target) return undefined;
  const { edge = 'end', change = 'grow' } = arg;
  const a = target.ref.annotation;
  const text = target.editor.document.getText();
  const next = resizeByWord(text, a.start, a.end, edge, change);
  if (!next) {
    void vscode.window.setStatusBarMessage(change === 'grow' ? 'No word to add on that side on this line.' : 'An annotation keeps at least one word.', 3000);
    return undefined;
  }
  const ok = await container.store.mutate(target.editor.document, (set) => {
    const item = [...set.entities, ...set.quotations].find((x) => x.id === a.id);
    if (!item) return;
    Object.assign(item, next, { text: text.slice(next.start, next.end), anchor: 'ok' });
  });
  if (ok) target.editor.selection = new vscode.Selection(target.editor.document.positionAt(next.start), target.editor.document.positionAt(next.start));
  return ok ? text.slice(next.start, next.end) : undefined;
}
