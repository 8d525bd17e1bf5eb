import * as vscode from 'vscode';
import { AnnotationDecorations } from './annotationDecorations';
import { AnnotationHover } from './annotationHover';
import { ArticleLanguage } from './articleLanguage';
import { ArticleStore } from './articleStore';
import { registerCommands } from './commands/registerCommands';
import { AnnotatorViews } from './views/annotatorViews';
import { LabelConfig } from './labelConfig';
import { ProgressStatusBar } from './progressStatusBar';
import { SuggestionEngine } from './suggestionEngine';
import { TaggingMode } from './taggingMode';

/**
 * Owns every disposable the extension creates, so that deactivation tears them down in the
 * reverse order of creation: commands before the store they use, the store (which flushes
 * pending sidecar writes) before the output channel it logs to.
 */
export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly log: vscode.LogOutputChannel;
  readonly diagnostics: vscode.DiagnosticCollection;
  readonly labels: LabelConfig;
  readonly suggestions: SuggestionEngine;
  readonly store: ArticleStore;
  readonly taggingMode: TaggingMode;
  readonly decorations: AnnotationDecorations;
  readonly views: AnnotatorViews;
  readonly statusBar: ProgressStatusBar;

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = this.own(vscode.window.createOutputChannel('Arabic News Annotator', { log: true }));
    this.diagnostics = this.own(vscode.languages.createDiagnosticCollection('arabic-news-annotator'));
    this.labels = this.own(new LabelConfig(this.log, this.diagnostics));
    this.suggestions = new SuggestionEngine(context, this.log);
    this.store = this.own(new ArticleStore(this.log, this.diagnostics, () => this.labels.ids, this.suggestions));
    this.taggingMode = this.own(new TaggingMode());
    this.decorations = this.own(new AnnotationDecorations(this.store, this.labels));
    this.statusBar = this.own(new ProgressStatusBar(this.store, this.taggingMode));
    this.own(new AnnotationHover(this.store, this.labels, () => this.taggingMode.hoverShown()));
    this.own(new ArticleLanguage());
    registerCommands(this);
    this.views = this.own(new AnnotatorViews(this));
  }

  /** Loads what the articles depend on (the label table), then the open articles. */
  async start(): Promise<void> {
    await this.labels.load();
    this.store.start();
    // Sidecars refused for a label the old table lacked may load under the new one.
    this.own(this.labels.onDidChange(() => this.store.reloadAll()));
  }

  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) {
      try {
        disposable.dispose();
      } catch (err) {
        console.error('Arabic News Annotator: dispose failed', err);
      }
    }
  }
}
