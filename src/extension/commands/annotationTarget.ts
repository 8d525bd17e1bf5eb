import * as vscode from 'vscode';
import { annotationAt, AnnotationRef } from '../../core/annotationQueries';
import type { LoadedArticle } from '../articleStore';
import type { Container } from '../container';
import { activeLoadedArticle } from './activeArticle';

/** Names the annotation a command acts on (hover links pass it); without it, the one at the caret. */
export interface AnnotationArg {
  id?: string;
}

export interface AnnotationTarget {
  editor: vscode.TextEditor;
  state: LoadedArticle;
  ref: AnnotationRef;
}

/** The active article and the annotation to act on; tells the user what to do when there is none. */
export function annotationTarget(container: Container, arg?: AnnotationArg): AnnotationTarget | undefined {
  const active = activeLoadedArticle(container);
  if (!active) return undefined;
  const { editor, state } = active;
  const set = state.annotations;
  const ref: AnnotationRef | undefined = arg?.id
    ? (set.entities.filter((e) => e.id === arg.id).map((annotation) => ({ kind: 'entity' as const, annotation }))[0]
      ?? set.quotations.filter((q) => q.id === arg.id).map((annotation) => ({ kind: 'quotation' as const, annotation }))[0])
    : annotationAt(set, editor.document.offsetAt(editor.selection.active));
  if (!ref) {
    void vscode.window.showInformationMessage(arg?.id ? `Annotation ${arg.id} no longer exists.` : 'No annotation at the caret. Move the caret into a highlighted entity or quotation (Tab jumps to the next one).');
    return undefined;
  }
  return { editor, state, ref };
}
