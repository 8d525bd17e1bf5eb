import * as vscode from 'vscode';
import { countOf } from '../core/plural';
import { ArticleStore } from './articleStore';
import { TaggingMode } from './taggingMode';

const STATUS_TEXT = { 'not-started': 'not started', 'in-progress': 'in progress', done: 'done' } as const;

/** The current article's counts and state in the status bar; a click opens the speakers panel. */
export class ProgressStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('arabicNewsAnnotator.progress', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [this.item];

  constructor(private readonly store: ArticleStore, private readonly taggingMode: TaggingMode) {
    this.item.name = 'Arabic News Annotator: article progress';
    this.item.command = 'workbench.view.extension.arabicNewsAnnotator';
    this.subscriptions.push(
      store.onDidChange(() => this.update()),
      taggingMode.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  /** What the item shows now, for tests and tools. */
  get text(): string | undefined {
    return this.item.text || undefined;
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const state = doc && this.store.get(doc.uri);
    if (!doc || !state) {
      this.item.hide();
      return;
    }
    const mode = this.taggingMode.isOn(doc) ? '$(record-keys) TAGGING  ' : '';
    if (state.kind === 'broken') {
      this.item.text = `${mode}$(warning) sidecar broken`;
      this.item.tooltip = 'The annotations of this article could not be loaded. Run "Resolve Broken Sidecar…".';
      this.item.command = 'arabicNewsAnnotator.resolveBrokenSidecar';
    } else {
      const { entities, quotations, speakers, status } = state.annotations;
      this.item.text = `${mode}$(tag) ${entities.length}  $(quote) ${quotations.length}  $(person) ${speakers.length}  · ${STATUS_TEXT[status]}`;
      this.item.tooltip = `${countOf(entities.length, 'entity', 'entities')}, ${countOf(quotations.length, 'quotation')}, ${countOf(speakers.length, 'speaker')}; article ${STATUS_TEXT[status]}. Click to open the speakers panel.`;
      this.item.command = 'workbench.view.extension.arabicNewsAnnotator';
    }
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
