import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Container } from '../container';
import { EntitiesView } from './entitiesView';
import { SpeakersView } from './speakersView';
import { CurrentArticle } from './viewControls';
import { WorkspaceAnnotations } from './workspaceAnnotations';

/**
 * The annotator's activity-bar views (speakers, entities) and what they share: the workspace's
 * annotations, read lazily, and the article shown in article scope. Each view registers its own
 * commands. Disposed in reverse order: views before the data they read.
 */
export class AnnotatorViews implements vscode.Disposable {
  readonly workspace: WorkspaceAnnotations;
  readonly current: CurrentArticle;
  readonly speakers: SpeakersView;
  readonly entities: EntitiesView;

  constructor(container: Container) {
    this.workspace = new WorkspaceAnnotations(container.store, container.log, container.context.asAbsolutePath(path.join('out', 'indexWorker.js')));
    this.current = new CurrentArticle();
    this.speakers = new SpeakersView(container, this.workspace, this.current);
    this.entities = new EntitiesView(container, this.workspace, this.current);
  }

  dispose(): void {
    for (const d of [this.entities, this.speakers, this.current, this.workspace]) d.dispose();
  }
}
