import { channel } from 'node:diagnostics_channel';
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

/**
 * Published after each redraw of an editor, for measuring tools (`npm run bench`): a Node diagnostics
 * channel costs nothing while nobody subscribes. Message: { uri: string, ranges: number, ms: number } (ms: the redraw's own time).
 */
export const DRAWN_CHANNEL = 'arabicNewsAnnotator:decorations-drawn';
const drawnChannel = channel(DRAWN_CHANNEL);

/** Labels with theme colours of their own (package.json `colors`); others use the label table's colours. */
const THEMED_LABELS = new Set(['PER', 'ORG', 'LOC', 'MISC']);

/**
 * Highlights annotations in every visible editor of an article. Only background, border and
 * outline are used: inline styles (color, fontWeight, textDecoration, before/after content)
 * make VS Code split text runs, which breaks Arabic letter joining (microsoft/vscode#233573).
 * One decoration type per kind, created once and rebuilt only when the labels change; redraws
 * are coalesced per document, while the model itself is always up to date.
 *
 * Latency: a change after a quiet spell is drawn at once (in a microtask, so after the change's
 * synchronous work but before its sidecar is serialized); changes within a frame of the last
 * redraw are drawn together at the end of that frame, so a burst never redraws more than once a
 * frame and the last state is always drawn. A redraw sends only the kinds whose ranges changed.
 *
 * Each kind is split into buckets of lines, each with a decoration type of its own (same look):
 * VS Code redraws all the ranges of a type on every setDecorations, so on a dump with 10,000
 * annotations a tag re-sends and re-renders a bucket's hundred ranges instead of thousands.
 */
export class AnnotationDecorations implements vscode.Disposable {
  /** Decoration options by kind; `types` holds the type of each kind and bucket, created on first use. */
  private readonly options = new Map<string, vscode.DecorationRenderOptions>();
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private queued = false;
  private lastFlush = -Infinity;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The ranges last set per editor and kind, for the API that tests and tools read. */
  private readonly drawn = new WeakMap<vscode.TextEditor, Map<string, vscode.Range[]>>();
  /** What each editor was last sent per type key (kind and bucket), to leave unchanged ones alone. */
  private readonly sent = new WeakMap<vscode.TextEditor, { version: number; ranges: Map<string, { type: vscode.TextEditorDecorationType; ranges: vscode.Range[] }> }>();
  /** Ranges by offsets for one version of a document: a redraw converts only spans that moved or are new. */
  private readonly rangeCache = new WeakMap<vscode.TextDocument, { version: number; ranges: Map<number, vscode.Range> }>();

  constructor(private readonly store: ArticleStore, private readonly labels: LabelConfig) {
    this.createFixedTypes();
    this.createLabelTypes();
    this.subscriptions.push(
      store.onDidChange((uri) => this.schedule(uri)),
      labels.onDidChange(() => {
        for (const [key, type] of this.types) if (!isFixedKind(kindOf(key))) { type.dispose(); this.types.delete(key); }
        for (const kind of [...this.options.keys()]) if (!isFixedKind(kind)) this.options.delete(kind);
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
    this.queued = false;
    this.lastFlush = performance.now();
    const uris = new Set(this.pending);
    this.pending.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      if (uris.has(editor.document.uri.toString())) this.draw(editor);
    }
  }

  private schedule(uri: vscode.Uri): void {
    this.pending.add(uri.toString());
    if (this.timer || this.queued) return;
    const wait = FRAME_MS - (performance.now() - this.lastFlush);
    if (wait <= 0) {
      this.queued = true;
      queueMicrotask(() => { if (this.queued) this.flush(); });
    } else {
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  private draw(editor: vscode.TextEditor): void {
    const started = drawnChannel.hasSubscribers ? performance.now() : 0;
    const state = this.store.get(editor.document.uri);
    const byKind = new Map<string, vscode.Range[]>([...this.options.keys()].map((k) => [k, []]));
    if (state?.kind === 'loaded') {
      const doc = editor.document;
      let cache = this.rangeCache.get(doc);
      if (!cache || cache.version !== doc.version) this.rangeCache.set(doc, (cache = { version: doc.version, ranges: new Map() }));
      const cached = cache.ranges;
      const range = (a: Anchored): vscode.Range => {
        if (a.end >= RANGE_KEY_LIMIT) return new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end));
        const key = a.start * RANGE_KEY_LIMIT + a.end;
        let r = cached.get(key);
        if (!r) cached.set(key, (r = new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end))));
        return r;
      };
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
    // VS Code moves decorations with text edits by its own rules: after an edit, everything is sent again.
    const sent = this.sent.get(editor);
    const fresh = !sent || sent.version !== editor.document.version;
    const now = new Map<string, { type: vscode.TextEditorDecorationType; ranges: vscode.Range[] }>();
    for (const [kind, ranges] of byKind) {
      const buckets: vscode.Range[][] = [];
      for (const r of ranges) (buckets[Math.floor(r.start.line / BUCKET_LINES)] ??= []).push(r);
      buckets.forEach((inBucket, bucket) => {
        const key = `${kind}${BUCKET_SEPARATOR}${bucket}`;
        now.set(key, { type: this.typeFor(key), ranges: inBucket });
      });
    }
    for (const [key, entry] of now) {
      const last = sent?.ranges.get(key);
      if (!fresh && last && last.type === entry.type && sameRanges(last.ranges, entry.ranges)) continue;
      editor.setDecorations(entry.type, entry.ranges);
    }
    // Buckets that had ranges in this editor and have none now are cleared (types of replaced labels are gone with them).
    if (sent) for (const [key, last] of sent.ranges) if (!now.has(key) && this.types.get(key) === last.type) editor.setDecorations(last.type, []);
    this.sent.set(editor, { version: editor.document.version, ranges: now });
    this.drawn.set(editor, byKind);
    if (drawnChannel.hasSubscribers) drawnChannel.publish({ uri: editor.document.uri.toString(), ranges: [...byKind.values()].reduce((n, r) => n + r.length, 0), ms: performance.now() - started });
  }

  /** The decoration type of a kind's bucket (`PER#3`), created on first use with the kind's options. */
  private typeFor(key: string): vscode.TextEditorDecorationType {
    let type = this.types.get(key);
    if (!type) this.types.set(key, (type = vscode.window.createTextEditorDecorationType(this.options.get(kindOf(key))!)));
    return type;
  }

  private createFixedTypes(): void {
    this.options.set(QUOTATION_KIND, {
      backgroundColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.background'),
      borderColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.border'),
      borderStyle: 'solid',
      borderWidth: '0 0 2px 0',
      overviewRulerColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.border'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.options.set(NEEDS_REVIEW_KIND, {
      outlineColor: new vscode.ThemeColor('arabicNewsAnnotator.needsReview.outline'),
      outlineStyle: 'dashed',
      outlineWidth: '1px',
      overviewRulerColor: new vscode.ThemeColor('arabicNewsAnnotator.needsReview.outline'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    });
    // Suggestions: a dashed frame and no fill, so that they read as proposals next to confirmed work.
    this.options.set(SUGGESTED_QUOTATION_KIND, {
      borderColor: new vscode.ThemeColor('arabicNewsAnnotator.quotation.border'),
      borderStyle: 'dashed',
      borderWidth: '0 0 1px 0',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    // A speaker's name gets a heavier frame than other entities: it is who the quotations are from.
    this.options.set(SPEAKER_MENTION_KIND, {
      borderColor: new vscode.ThemeColor('arabicNewsAnnotator.speakerMention.border'),
      borderStyle: 'solid',
      borderWidth: '0 0 3px 0',
    });
  }

  private createLabelTypes(): void {
    for (const label of this.labels.table.labels) {
      const themed = THEMED_LABELS.has(label.id);
      const key = label.id.toLowerCase();
      const colour = (part: 'background' | 'border', fallback: string) =>
        themed ? new vscode.ThemeColor(`arabicNewsAnnotator.${key}.${part}`) : fallback;
      const light = label.colour?.light ?? '#9E9E9E';
      const dark = label.colour?.dark ?? '#BDBDBD';
      this.options.set(label.id, {
        backgroundColor: colour('background', `${light}55`),
        borderColor: colour('border', light),
        borderStyle: 'solid',
        borderWidth: '1px',
        borderRadius: '3px',
        overviewRulerColor: colour('border', light),
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        ...(themed ? {} : { dark: { backgroundColor: `${dark}40`, borderColor: dark, overviewRulerColor: dark } }),
      });
      this.options.set(SUGGESTED_PREFIX + label.id, {
        borderColor: colour('border', light),
        borderStyle: 'dashed',
        borderWidth: '1px',
        borderRadius: '3px',
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        ...(themed ? {} : { dark: { borderColor: dark } }),
      });
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
  }
}

/** Offsets below this make one exact number key (start * limit + end) for the range cache. */
const RANGE_KEY_LIMIT = 2 ** 24;

/** Lines per decoration bucket: on the 1 MB dump (3,300 lines) about 400 annotations each. */
const BUCKET_LINES = 128;
const BUCKET_SEPARATOR = '#';

function kindOf(typeKey: string): string {
  return typeKey.slice(0, typeKey.lastIndexOf(BUCKET_SEPARATOR));
}

/** Redraws closer together than this are batched (one frame at 60 Hz). */
const FRAME_MS = 16;

function sameRanges(a: readonly vscode.Range[] | undefined, b: readonly vscode.Range[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !a[i].isEqual(b[i])) return false;
  return true;
}

function isFixedKind(kind: string): boolean {
  return kind === QUOTATION_KIND || kind === NEEDS_REVIEW_KIND || kind === SPEAKER_MENTION_KIND || kind === SUGGESTED_QUOTATION_KIND;
}
