import * as vscode from 'vscode';
import { DEFAULT_LABELS } from '../core/labels';
import { Anchored } from '../core/model';
import { ArticleStore } from './articleStore';

/** Decoration kinds besides the entity labels. */
export const QUOTATION_KIND = 'quotation';
export const NEEDS_REVIEW_KIND = 'needs-review';

/**
 * Highlights annotations in every visible editor of an article. Only background, border and
 * outline are used: inline styles (color, fontWeight, textDecoration, before/after content)
 * make VS Code split text runs, which breaks Arabic letter joining (microsoft/vscode#233573).
 * One decoration type per kind, created once; redraws are coalesced per document.
 */
export class AnnotationDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The ranges last set per editor and kind, for the API that tests and tools read. */
  private readonly drawn = new WeakMap<vscode.TextEditor, Map<string, vscode.Range[]>>();

  constructor(private readonly store: ArticleStore) {
    for (const label of DEFAULT_LABELS) this.types.set(label.id, entityType(label.id.toLowerCase()));
    this.types.set(QUOTATION_KIND, vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.background'),
      borderColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.border'),
      borderStyle: 'solid',
      borderWidth: '0 0 2px 0',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
    this.types.set(NEEDS_REVIEW_KIND, vscode.window.createTextEditorDecorationType({
      outlineColor: new vscode.ThemeColor('arabicNewsAnnotator.needsReview.outline'),
      outlineStyle: 'dashed',
      outlineWidth: '1px',
      overviewRulerColor: new vscode.ThemeColor('arabicNewsAnnotator.needsReview.outline'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    }));
    this.subscriptions.push(
      store.onDidChange((uri) => this.schedule(uri)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.schedule(e.document.uri))),
    );
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document.uri);
  }

  /** Ranges this class last drew in an editor, by kind (entity label id, `quotation`, `needs-review`). */
  rangesIn(editor: vscode.TextEditor): ReadonlyMap<string, readonly vscode.Range[]> {
    return this.drawn.get(editor) ?? new Map();
  }

  /** Draws now instead of at the end of the current burst of changes. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const uris = [...this.pending];
    this.pending.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      if (uris.includes(editor.document.uri.toString())) this.draw(editor);
    }
  }

  private schedule(uri: vscode.Uri): void {
    // The model is already up to date; only drawing waits, so no edit is ever lost.
    this.pending.add(uri.toString());
    this.timer ??= setTimeout(() => this.flush(), 0);
  }

  private draw(editor: vscode.TextEditor): void {
    const state = this.store.get(editor.document.uri);
    const byKind = new Map<string, vscode.Range[]>([...this.types.keys()].map((k) => [k, []]));
    if (state?.kind === 'loaded') {
      const doc = editor.document;
      const range = (a: Anchored) => new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end));
      for (const e of state.annotations.entities) {
        if (e.anchor === 'unanchored') continue;
        byKind.get(e.label)?.push(range(e));
        if (e.anchor === 'edited') byKind.get(NEEDS_REVIEW_KIND)!.push(range(e));
      }
      for (const q of state.annotations.quotations) {
        if (q.anchor === 'unanchored') continue;
        byKind.get(QUOTATION_KIND)!.push(range(q));
        if (q.anchor === 'edited') byKind.get(NEEDS_REVIEW_KIND)!.push(range(q));
      }
    }
    for (const [kind, type] of this.types) editor.setDecorations(type, byKind.get(kind)!);
    this.drawn.set(editor, byKind);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
  }
}

function entityType(colourKey: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor(`arabicNewsAnnotator.${colourKey}.background`),
    borderColor: new vscode.ThemeColor(`arabicNewsAnnotator.${colourKey}.border`),
    borderStyle: 'solid',
    borderWidth: '1px',
    borderRadius: '3px',
    overviewRulerColor: new vscode.ThemeColor(`arabicNewsAnnotator.${colourKey}.border`),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}
