import * as vscode from 'vscode';
import { Anchored } from '../core/model';
import { ArticleStore } from './articleStore';
import { LabelConfig } from './labelConfig';

/** Decoration kinds besides the entity labels. */
export const QUOTATION_KIND = 'quotation';
export const NEEDS_REVIEW_KIND = 'needs-review';
export const SPEAKER_MENTION_KIND = 'speaker-mention';
export const SUGGESTED_QUOTATION_KIND = 'suggested-quotation';
/** Suggested entities are drawn per label under `suggested-<label>`. */
export const SUGGESTED_PREFIX = 'suggested-';

/** Labels with theme colours of their own (package.json `colors`); others use the label table's colours. */
const THEMED_LABELS = new Set(['PER', 'ORG', 'LOC', 'MISC']);

/**
 * Highlights annotations in every visible editor of an article. Only background, border and
 * outline are used: inline styles (color, fontWeight, textDecoration, before/after content)
 * make VS Code split text runs, which breaks Arabic letter joining (microsoft/vscode#233573).
 * One decoration type per kind, created once and rebuilt only when the labels change; redraws
 * are coalesced per document, while the model itself is always up to date.
 */
export class AnnotationDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The ranges last set per editor and kind, for the API that tests and tools read. */
  private readonly drawn = new WeakMap<vscode.TextEditor, Map<string, vscode.Range[]>>();

  constructor(private readonly store: ArticleStore, private readonly labels: LabelConfig) {
    this.createFixedTypes();
    this.createLabelTypes();
    this.subscriptions.push(
      store.onDidChange((uri) => this.schedule(uri)),
      labels.onDidChange(() => {
        for (const [kind, type] of this.types) if (!isFixedKind(kind)) { type.dispose(); this.types.delete(kind); }
        this.createLabelTypes();
        for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document.uri);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.schedule(e.document.uri))),
    );
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document.uri);
  }

  /** Ranges this class last drew in an editor, by kind (entity label id, `quotation`, `needs-review`, `speaker-mention`). */
  rangesIn(editor: vscode.TextEditor): ReadonlyMap<string, readonly vscode.Range[]> {
    return this.drawn.get(editor) ?? new Map();
  }

  /** Draws now instead of at the end of the current burst of changes. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const uris = new Set(this.pending);
    this.pending.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      if (uris.has(editor.document.uri.toString())) this.draw(editor);
    }
  }

  private schedule(uri: vscode.Uri): void {
    this.pending.add(uri.toString());
    this.timer ??= setTimeout(() => this.flush(), 0);
  }

  private draw(editor: vscode.TextEditor): void {
    const state = this.store.get(editor.document.uri);
    const byKind = new Map<string, vscode.Range[]>([...this.types.keys()].map((k) => [k, []]));
    if (state?.kind === 'loaded') {
      const doc = editor.document;
      const range = (a: Anchored) => new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end));
      const mentions = new Set(state.annotations.speakers.flatMap((s) => s.mentions));
      for (const e of state.annotations.entities) {
        if (e.anchor === 'unanchored') continue;
        const r = range(e);
        if (e.suggested !== undefined) {
          byKind.get(SUGGESTED_PREFIX + e.label)?.push(r);
          continue;
        }
        byKind.get(e.label)?.push(r);
        if (e.anchor === 'edited') byKind.get(NEEDS_REVIEW_KIND)!.push(r);
        if (mentions.has(e.id)) byKind.get(SPEAKER_MENTION_KIND)!.push(r);
      }
      for (const q of state.annotations.quotations) {
        if (q.anchor === 'unanchored') continue;
        if (q.suggested !== undefined) {
          byKind.get(SUGGESTED_QUOTATION_KIND)!.push(range(q));
          continue;
        }
        byKind.get(QUOTATION_KIND)!.push(range(q));
        if (q.anchor === 'edited') byKind.get(NEEDS_REVIEW_KIND)!.push(range(q));
      }
    }
    for (const [kind, type] of this.types) editor.setDecorations(type, byKind.get(kind)!);
    this.drawn.set(editor, byKind);
  }

  private createFixedTypes(): void {
    this.types.set(QUOTATION_KIND, vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.background'),
      borderColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.border'),
      borderStyle: 'solid',
      borderWidth: '0 0 2px 0',
      overviewRulerColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.border'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
    this.types.set(NEEDS_REVIEW_KIND, vscode.window.createTextEditorDecorationType({
      outlineColor: new vscode.ThemeColor('arabicNewsAnnotator.needsReview.outline'),
      outlineStyle: 'dashed',
      outlineWidth: '1px',
      overviewRulerColor: new vscode.ThemeColor('arabicNewsAnnotator.needsReview.outline'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    }));
    // Suggestions: a dashed frame and no fill, so that they read as proposals next to confirmed work.
    this.types.set(SUGGESTED_QUOTATION_KIND, vscode.window.createTextEditorDecorationType({
      borderColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.border'),
      borderStyle: 'dashed',
      borderWidth: '0 0 1px 0',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
    // A speaker's name gets a heavier frame than other entities: it is who the quotations are from.
    this.types.set(SPEAKER_MENTION_KIND, vscode.window.createTextEditorDecorationType({
      borderColor: new vscode.ThemeColor('arabicNewsAnnotator.speakerMention.border'),
      borderStyle: 'solid',
      borderWidth: '0 0 3px 0',
    }));
  }

  private createLabelTypes(): void {
    for (const label of this.labels.table.labels) {
      const themed = THEMED_LABELS.has(label.id);
      const key = label.id.toLowerCase();
      const colour = (part: 'background' | 'border', fallback: string) =>
        themed ? new vscode.ThemeColor(`arabicNewsAnnotator.${key}.${part}`) : fallback;
      const light = label.colour?.light ?? '#9E9E9E';
      const dark = label.colour?.dark ?? '#BDBDBD';
      this.types.set(label.id, vscode.window.createTextEditorDecorationType({
        backgroundColor: colour('background', `${light}55`),
        borderColor: colour('border', light),
        borderStyle: 'solid',
        borderWidth: '1px',
        borderRadius: '3px',
        overviewRulerColor: colour('border', light),
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        ...(themed ? {} : { dark: { backgroundColor: `${dark}40`, borderColor: dark, overviewRulerColor: dark } }),
      }));
      this.types.set(SUGGESTED_PREFIX + label.id, vscode.window.createTextEditorDecorationType({
        borderColor: colour('border', light),
        borderStyle: 'dashed',
        borderWidth: '1px',
        borderRadius: '3px',
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        ...(themed ? {} : { dark: { borderColor: dark } }),
      }));
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
  }
}

function isFixedKind(kind: string): boolean {
  return kind === QUOTATION_KIND || kind === NEEDS_REVIEW_KIND || kind === SPEAKER_MENTION_KIND || kind === SUGGESTED_QUOTATION_KIND;
}
