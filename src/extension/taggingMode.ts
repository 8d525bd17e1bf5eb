import * as vscode from 'vscode';

/** Context key that turns on the single-key bindings of tagging mode (package.json `when` clauses). */
export const TAGGING_MODE_CONTEXT = 'arabicNewsAnnotator.taggingMode';

/**
 * Context key: an annotation hover was shown and neither Esc, a caret move nor another editor has
 * closed it since. VS Code hides a hover on the keydown itself, before it resolves keybindings, so
 * `!editorHoverVisible` cannot keep the Esc that closes a hover from leaving tagging mode; this key can.
 */
export const HOVER_SHOWN_CONTEXT = 'arabicNewsAnnotator.hoverShown';

/**
 * Tagging mode: the article becomes read-only for this session and single keys tag, move and
 * remove annotations (as in brat or Prodigy), so a stray key never changes the article text.
 * The mode belongs to an article; the context key follows the active editor.
 */
export class TaggingMode implements vscode.Disposable {
  private readonly articles = new Set<string>();
  private hoverOpen = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.hoverClosed();
        void this.updateContext();
      }),
      vscode.window.onDidChangeTextEditorSelection(() => this.hoverClosed()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.articles.delete(doc.uri.toString())),
    );
  }

  isOn(doc: vscode.TextDocument | undefined): boolean {
    return !!doc && this.articles.has(doc.uri.toString());
  }

  /** Turns the mode on or off (toggles when `on` is omitted) for the article of an editor. */
  async set(editor: vscode.TextEditor, on = !this.isOn(editor.document)): Promise<boolean> {
    // The read-only commands act on the active editor.
    if (vscode.window.activeTextEditor !== editor) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await vscode.commands.executeCommand(on ? 'workbench.action.files.setActiveEditorReadonlyInSession' : 'workbench.action.files.setActiveEditorWriteableInSession');
    if (on) this.articles.add(editor.document.uri.toString());
    else this.articles.delete(editor.document.uri.toString());
    await this.updateContext();
    this.changed.fire();
    return on;
  }

  /** An annotation hover is showing: the next Esc closes it and nothing else. */
  hoverShown(): void {
    if (this.hoverOpen) return;
    this.hoverOpen = true;
    void vscode.commands.executeCommand('setContext', HOVER_SHOWN_CONTEXT, true);
  }

  hoverClosed(): void {
    if (!this.hoverOpen) return;
    this.hoverOpen = false;
    void vscode.commands.executeCommand('setContext', HOVER_SHOWN_CONTEXT, false);
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', TAGGING_MODE_CONTEXT, this.isOn(vscode.window.activeTextEditor?.document));
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    void vscode.commands.executeCommand('setContext', TAGGING_MODE_CONTEXT, false);
    void vscode.commands.executeCommand('setContext', HOVER_SHOWN_CONTEXT, false);
  }
}
