import * as vscode from 'vscode';
import { adjacentAnnotation } from '../../core/annotationQueries';
import type { Container } from '../container';
import { activeArticleEditor } from './activeArticle';

/** Moves the caret to the next (or previous) annotation, selecting it, and scrolls it into view. */
export function jumpToAnnotation(container: Container, direction: 1 | -1): string | undefined {
  const editor = activeArticleEditor();
  if (!editor) return undefined;
  const state = container.store.get(editor.document.uri);
  if (state?.kind !== 'loaded') return undefined;
  const offset = editor.document.offsetAt(editor.selection.active);
  const ref = adjacentAnnotation(state.annotations, offset, direction);
  if (!ref) {
    void vscode.window.setStatusBarMessage('This article has no annotations yet.', 3000);
    return undefined;
  }
  const doc = editor.document;
  const range = new vscode.Range(doc.positionAt(ref.annotation.start), doc.positionAt(ref.annotation.end));
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return ref.annotation.id;
}

export const nextAnnotation = (container: Container) => jumpToAnnotation(container, 1);
export const previousAnnotation = (container: Container) => jumpToAnnotation(container, -1);
