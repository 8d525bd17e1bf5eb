import * as path from 'node:path';
import * as vscode from 'vscode';
import { ARTICLE_LANGUAGE } from '../articleLanguage';

export type ViewScope = 'article' | 'workspace';

/**
 * The article the views show in article scope: the last article editor that was active, so that
 * moving the focus into a view (or to the output panel) does not empty it.
 */
export class CurrentArticle implements vscode.Disposable {
  private current: vscode.Uri | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor?.document)),
      // The language is given to .txt dumps just after they open (a close and an open of the
      // document): the active editor becomes an article then, without changing.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.follow(doc);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.toString() === this.current?.toString() && !vscode.workspace.textDocuments.some((d) => d !== doc && d.uri.toString() === doc.uri.toString())) {
          this.current = undefined;
          this.changed.fire();
        }
      }),
    );
    this.follow(vscode.window.activeTextEditor?.document);
  }

  get uri(): vscode.Uri | undefined {
    return this.current;
  }

  private follow(doc: vscode.TextDocument | undefined): void {
    if (!doc || doc.languageId !== ARTICLE_LANGUAGE || doc.uri.scheme !== 'file') return;
    if (doc.uri.toString() === this.current?.toString()) return;
    this.current = doc.uri;
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

/** The title-bar commands every view has; `<prefix>.showWorkspace` and so on (package.json lists them). */
export interface ViewCommandIds {
  readonly showWorkspace: string;
  readonly showArticle: string;
  readonly filter: string;
  readonly clearFilter: string;
}

/**
 * Scope and name filter of one view, mirrored in context keys (`<prefix>.scope`,
 * `<prefix>.filtered`) so that the title bar shows the right buttons and welcome text, with the
 * commands that change them (the filter command asks for the text unless given it).
 */
export class ViewControls implements vscode.Disposable {
  private scopeValue: ViewScope = 'article';
  private filterValue = '';
  private readonly commands: vscode.Disposable[];

  constructor(
    private readonly contextPrefix: string,
    ids: ViewCommandIds,
    filterPrompt: { readonly title: string; readonly prompt: string },
    private readonly onChange: () => void,
  ) {
    this.commands = [
      vscode.commands.registerCommand(ids.showWorkspace, () => this.setScope('workspace')),
      vscode.commands.registerCommand(ids.showArticle, () => this.setScope('article')),
      vscode.commands.registerCommand(ids.filter, async (filter?: string) => {
        const value = filter ?? await vscode.window.showInputBox({ ...filterPrompt, value: this.filterValue });
        if (value !== undefined) await this.setFilter(value);
      }),
      vscode.commands.registerCommand(ids.clearFilter, () => this.setFilter('')),
    ];
    void this.publish();
  }

  get scope(): ViewScope {
    return this.scopeValue;
  }

  get filter(): string {
    return this.filterValue;
  }

  async setScope(scope: ViewScope): Promise<void> {
    this.scopeValue = scope;
    await this.publish();
    this.onChange();
  }

  async setFilter(filter: string): Promise<void> {
    this.filterValue = filter.trim();
    await this.publish();
    this.onChange();
  }

  /** The view's description: what it shows and the active filter, e.g. `whole workspace · filter: كيري`. */
  description(article: vscode.Uri | undefined): string {
    const what = this.scopeValue === 'workspace' ? 'whole workspace' : article ? path.basename(article.fsPath) : 'no article';
    return this.filterValue ? `${what} · filter: ${this.filterValue}` : what;
  }

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', `${this.contextPrefix}.scope`, this.scopeValue);
    await vscode.commands.executeCommand('setContext', `${this.contextPrefix}.filtered`, this.filterValue !== '');
  }

  dispose(): void {
    for (const c of this.commands.splice(0)) c.dispose();
  }
}

/** The first words of a quotation or mention, for a tree label. */
export function firstWords(text: string, words = 6): string {
  const parts = text.replace(/\s+/g, ' ').trim().split(' ');
  return parts.length <= words ? parts.join(' ') : `${parts.slice(0, words).join(' ')} …`;
}

/**
 * A tree item description that starts with a left-to-right mark: after an Arabic label, digits
 * at its start would otherwise be drawn inside the Arabic run ("1البيت الأبيض quotation").
 */
export function ltrDescription(text: string): string {
  return text === '' ? text : `\u200e${text}`;
}
