import * as vscode from 'vscode';
import { AnnotationSet } from '../core/model';
import type { Container } from './container';

/**
 * What the extension exposes to other extensions (and to its own integration tests): read-only
 * views of the annotations and of what is drawn. Every change goes through the commands.
 */
export interface AnnotatorApi {
  /** A deep copy of an open article's annotations; undefined when not open as an article or its sidecar is broken. */
  annotations(uri: vscode.Uri): AnnotationSet | undefined;
  /** 'loaded', 'broken' (sidecar failed to load) or undefined (not an open article). */
  sidecarState(uri: vscode.Uri): 'loaded' | 'broken' | undefined;
  /** Draws pending decorations now and returns the ranges drawn in an editor, by kind. */
  decorations(editor: vscode.TextEditor): ReadonlyMap<string, readonly vscode.Range[]>;
}

export function createApi(container: Container): AnnotatorApi {
  return {
    annotations(uri) {
      const state = container.store.get(uri);
      return state?.kind === 'loaded' ? structuredClone(state.annotations) : undefined;
    },
    sidecarState(uri) {
      return container.store.get(uri)?.kind;
    },
    decorations(editor) {
      container.decorations.flush();
      return container.decorations.rangesIn(editor);
    },
  };
}
