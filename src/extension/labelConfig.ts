import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkLabelTable, DEFAULT_LABEL_TABLE, LabelDefinition, LabelTable, parseLabelsFile } from '../core/labels';
import { ARTICLE_LANGUAGE, SETTINGS_SECTION } from './articleLanguage';

/** Where a team keeps its label table, committed with the corpus. */
export const LABELS_FILE = path.join('.annotator', 'labels.yaml');

/**
 * The labels in force: `.annotator/labels.yaml` of the first workspace folder when present, else
 * the `arabicNewsAnnotator.labels` setting, else the defaults. A broken table is reported (with
 * its line, in the Problems panel) and the defaults are used until it is fixed.
 */
export class LabelConfig implements vscode.Disposable {
  private current: LabelTable = DEFAULT_LABEL_TABLE;
  private readonly changed = new vscode.EventEmitter<LabelTable>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel, private readonly diagnostics: vscode.DiagnosticCollection) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const watcher = vscode.workspace.createFileSystemWatcher(folder ? new vscode.RelativePattern(folder, '.annotator/labels.yaml') : `**/${LABELS_FILE.replace(/\\/g, '/')}`);
    this.subscriptions.push(
      watcher,
      // Saved in this window: no need to wait for the file watcher.
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.path.endsWith('/.annotator/labels.yaml')) void this.load();
      }),
      // File watchers can miss a change (a new folder, a network drive): opening an article checks again.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.languageId === ARTICLE_LANGUAGE) void this.load();
      }),
      watcher.onDidChange(() => void this.load()),
      watcher.onDidCreate(() => void this.load()),
      watcher.onDidDelete(() => void this.load()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.labels`)) void this.load();
      }),
    );
  }

  get table(): LabelTable {
    return this.current;
  }

  get ids(): string[] {
    return this.current.labels.map((l) => l.id);
  }

  byId(id: string): LabelDefinition | undefined {
    return this.current.labels.find((l) => l.id === id);
  }

  byKey(key: string): LabelDefinition | undefined {
    return this.current.labels.find((l) => l.key === key);
  }

  async load(): Promise<void> {
    const next = (await this.fromFile()) ?? this.fromSettings() ?? DEFAULT_LABEL_TABLE;
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.log.info(`Labels in force: ${next.labels.map((l) => `${l.id} (${l.key})`).join(', ')}; quotations (${next.quotationKey}).`);
    this.current = next;
    this.changed.fire(next);
  }

  private async fromFile(): Promise<LabelTable | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const uri = vscode.Uri.joinPath(folder.uri, '.annotator', 'labels.yaml');
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.diagnostics.delete(uri);
      return undefined;
    }
    const result = parseLabelsFile(text);
    if (result.ok) {
      this.diagnostics.delete(uri);
      return result.table;
    }
    this.diagnostics.set(uri, result.problems.map((p) => new vscode.Diagnostic(new vscode.Range(p.line - 1, 0, p.line - 1, 1000), p.message, vscode.DiagnosticSeverity.Error)));
    const message = `The label table ${LABELS_FILE} has errors (line ${result.problems[0].line}: ${result.problems[0].message}). The default labels are used until it is fixed; see the Problems panel.`;
    this.log.error(message);
    void vscode.window.showWarningMessage(message);
    return undefined;
  }

  private fromSettings(): LabelTable | undefined {
    const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<unknown[]>('labels');
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value === undefined) return undefined;
    const quotationKey = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>('quotationKey');
    const result = checkLabelTable({ labels: value, quotationKey });
    if (result.ok) return result.table;
    const message = `The setting ${SETTINGS_SECTION}.labels is invalid: ${result.problems[0].message} The default labels are used until it is fixed.`;
    this.log.error(message);
    void vscode.window.showWarningMessage(message);
    return undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
