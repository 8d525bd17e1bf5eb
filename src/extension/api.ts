import * as vscode from 'vscode';
import { AnnotationSet } from '../core/model';
import type { Container } from './container';
import type { ViewItemSnapshot } from './views/treeSnapshot';
import type { WorkspaceRead } from './views/workspaceAnnotations';

export type { ViewItemSnapshot } from './views/treeSnapshot';
export type { WorkspaceRead } from './views/workspaceAnnotations';

/** Read access to one of the annotator's tree views, through its TreeDataProvider. */
export interface AnnotatorTreeAccess {
  readonly provider: vscode.TreeDataProvider<unknown>;
  /** 'article' (the current article) or 'workspace'. */
  scope(): 'article' | 'workspace';
  /** The active name filter, '' when none. */
  filter(): string;
  /** Waits for pending workspace reads, then returns the tree `depth` levels deep (default 3). */
  snapshot(depth?: number): Promise<ViewItemSnapshot[]>;
}

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
  /** Ids of the labels in force (from `.annotator/labels.yaml`, the settings, or the defaults). */
  labelIds(): string[];
  /** Whether an open article is in tagging mode (single keys tag, the text is read-only). */
  taggingMode(uri: vscode.Uri): boolean;
  /** How the views last read every sidecar of the workspace: how many, in how many worker threads (0: on the extension host) and why not in workers; undefined before the first read ends. */
  workspaceRead(): WorkspaceRead | undefined;
  /** The speakers and entities views of the activity bar. */
  readonly views: { readonly speakers: AnnotatorTreeAccess; readonly entities: AnnotatorTreeAccess };
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
    labelIds() {
      return container.labels.ids;
    },
    taggingMode(uri) {
      return container.taggingMode.isOn(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()));
    },
    workspaceRead() {
      return container.views.workspace.lastRead;
    },
    views: {
      speakers: treeAccess(container.views.speakers),
      entities: treeAccess(container.views.entities),
    },
  };
}

function treeAccess<T>(view: { provider: vscode.TreeDataProvider<T>; controls: { scope: 'article' | 'workspace'; filter: string }; snapshot(depth?: number): Promise<ViewItemSnapshot[]> }): AnnotatorTreeAccess {
  return {
    provider: view.provider as vscode.TreeDataProvider<unknown>,
    scope: () => view.controls.scope,
    filter: () => view.controls.filter,
    snapshot: (depth) => view.snapshot(depth),
  };
}
