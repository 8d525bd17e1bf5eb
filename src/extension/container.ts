import * as vscode from 'vscode';
import { ArticleLanguage } from './articleLanguage';
import { ArticleStore } from './articleStore';
import { AnnotationDecorations } from './annotationDecorations';
import { registerCommands } from './commands/registerCommands';

/**
 * Owns every disposable the extension creates, so that deactivation tears them down in the
 * reverse order of creation: commands before the store they use, the store (which flushes
 * pending sidecar writes) before the output channel it logs to.
 */
export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly log: vscode.LogOutputChannel;
  readonly diagnostics: vscode.DiagnosticCollection;
  readonly store: ArticleStore;
  readonly decorations: AnnotationDecorations;

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = this.own(vscode.window.createOutputChannel('Arabic News Annotator', { log: true }));
    this.diagnostics = this.own(vscode.languages.createDiagnosticCollection('arabic-news-annotator'));
    this.store = this.own(new ArticleStore(this.log, this.diagnostics));
    this.decorations = this.own(new AnnotationDecorations(this.store));
    this.own(new ArticleLanguage());
    registerCommands(this);
    this.store.start();
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
