import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnnotationHistory } from '../core/annotationHistory';
import { AnnotationSet, compareIds, compareSpans, emptyAnnotationSet } from '../core/model';
import { parseSidecar, sidecarPathFor, SidecarProblem } from '../core/sidecar';
import { SidecarSerializer } from '../core/sidecarWrite';
import { writeFileAtomic } from '../core/atomicWrite';
import { applyEdits } from '../core/spanEdits';
import { shiftRejections } from '../core/suggestions';
import { ARTICLE_LANGUAGE } from './articleLanguage';
import { documentText } from './documentText';
import type { SuggestionEngine } from './suggestionEngine';

interface ArticleBase {
  readonly uri: vscode.Uri;
  readonly sidecarPath: string;
}

/**
 * One sidecar file and the writes queued for it. It outlives the article's state while writes are
 * pending, so that reopening the article reads what is being written, not the older file on disk.
 */
interface SidecarFile {
  /** What the file holds once the queued writes land: what this window last wrote or read (undefined: no file, or a write failed). */
  latest: string | undefined;
  /** Writes run one after another, so an older content can never land after a newer one. */
  writes: Promise<boolean>;
  inFlight: number;
}

/** A save due soon: the timer, and the promise of the write that will include every change so far. */
interface PendingSave {
  timer: NodeJS.Timeout | undefined;
  /** When the save must happen at the latest (performance.now()). */
  latest: number;
  done: Promise<boolean>;
  resolve: (written: Promise<boolean>) => void;
}

export interface LoadedArticle extends ArticleBase {
  readonly kind: 'loaded';
  annotations: AnnotationSet;
  readonly file: SidecarFile;
  /** Changed since the sidecar was last serialized. */
  dirty: boolean;
  pendingSave: PendingSave | undefined;
  readonly serializer: SidecarSerializer;
  /** Undo and redo of annotation changes; text edits move what it keeps. */
  readonly history: AnnotationHistory;
  /** Set while the last change's undo step is still to be recorded. */
  historyPending: NodeJS.Immediate | undefined;
}

/** A sidecar that failed to load: kept untouched on disk, and annotating is paused until the user decides. */
export interface BrokenArticle extends ArticleBase {
  readonly kind: 'broken';
  readonly problems: SidecarProblem[];
}

export type ArticleState = LoadedArticle | BrokenArticle;

/**
 * Annotation changes are written this long after the last of a burst of keys, off the keystroke's
 * path (on 10,000 annotations a save is tens of milliseconds of serializing and encoding), and never
 * later than CHANGE_SAVE_MAX_DELAY_MS after the first. Closing the article, reloading it,
 * deactivating and anything that reads the sidecar write at once, so no change is ever left behind.
 */
const CHANGE_SAVE_DELAY_MS = 200;
const CHANGE_SAVE_MAX_DELAY_MS = 1000;
/** Text edits save after this pause, so typing does not rewrite the sidecar on every key. */
const TEXT_EDIT_SAVE_DELAY_MS = 300;
/** Annotation undo steps kept per article. */
const HISTORY_LIMIT = 100;

/**
 * The annotations of every open article, loaded from and written to their YAML sidecars.
 * The sidecar is the source of truth: every change is written (atomically) within a moment,
 * and at once when the article closes or reloads, before the sidecar is read, and when the extension stops.
 */
export class ArticleStore implements vscode.Disposable {
  private readonly articles = new Map<string, ArticleState>();
  /** Sidecars by path, while an article uses them or writes to them are pending. */
  private readonly files = new Map<string, SidecarFile>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  /** Fires with an article's uri whenever its annotations change (load, edit, command). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly labelIds: () => readonly string[],
    private readonly suggestions: SuggestionEngine,
  ) {}

  start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.ann.yaml');
    this.subscriptions.push(
      watcher,
      watcher.onDidChange((uri) => this.onSidecarChangedOnDisk(uri)),
      watcher.onDidCreate((uri) => this.onSidecarChangedOnDisk(uri)),
      vscode.workspace.onDidOpenTextDocument((doc) => this.open(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.close(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onTextChanged(e)),
    );
    for (const doc of vscode.workspace.textDocuments) this.open(doc);
  }

  get(uri: vscode.Uri): ArticleState | undefined {
    return this.articles.get(uri.toString());
  }

  all(): ArticleState[] {
    return [...this.articles.values()];
  }

  /**
   * Changes the annotations of an article; resolves once its sidecar is written (true), or false,
   * after telling the user why and what to do, when the article cannot be annotated or the write failed.
   */
  async mutate(doc: vscode.TextDocument, change: (annotations: AnnotationSet, text: string) => void): Promise<boolean> {
    const state = this.get(doc.uri) ?? this.open(doc);
    if (!state) {
      void vscode.window.showErrorMessage(`${path.basename(doc.uri.fsPath)} is not an article. Run "Open Current File as Article" first, or add its folder to the "arabicNewsAnnotator.articleFiles" setting.`);
      return false;
    }
    if (state.kind === 'broken') {
      void this.reportBroken(state);
      return false;
    }
    const set = state.annotations;
    // The previous change's undo step first, so that each change stays a step of its own.
    this.recordHistory(state);
    change(set, documentText(doc));
    // Kept in document order, as in the sidecar, so that memory and disk always agree.
    set.entities.sort(compareSpans);
    set.quotations.sort(compareSpans);
    set.speakers.sort((a, b) => compareIds(a.id, b.id));
    if (state.history.status === 'not-started') {
      // The first change starts the article; whether anything changed must be known now.
      const changed = state.history.record(set, () => {
        if (set.status === 'not-started') set.status = 'in-progress';
      });
      if (!changed) return true;
    } else {
      // Comparing 10,000 annotations for the undo step waits until the decorations are sent.
      state.historyPending ??= setImmediate(() => this.recordHistory(state));
    }
    this.changed.fire(doc.uri);
    return this.saveSoon(state, CHANGE_SAVE_DELAY_MS, CHANGE_SAVE_MAX_DELAY_MS);
  }

  /**
   * Undoes (or redoes) the last annotation change of an article, leaving its text alone.
   * Returns false when there is nothing to undo (redo).
   */
  async undo(doc: vscode.TextDocument, direction: 'undo' | 'redo'): Promise<boolean> {
    const state = this.get(doc.uri);
    if (state?.kind !== 'loaded') return false;
    this.recordHistory(state);
    if (!state.history.undo(state.annotations, direction)) return false;
    this.changed.fire(doc.uri);
    return this.saveSoon(state, CHANGE_SAVE_DELAY_MS, CHANGE_SAVE_MAX_DELAY_MS);
  }

  /**
   * Writes the sidecar of an article now: serialized at once, written in order after the writes
   * already queued; false (after reporting) when the write failed.
   * `force` writes even an empty or unchanged sidecar (an explicit export must leave a file).
   */
  save(state: LoadedArticle, doc?: vscode.TextDocument, force = false): Promise<boolean> {
    const pending = state.pendingSave;
    state.pendingSave = undefined;
    if (pending) clearTimeout(pending.timer);
    const written = this.write(state, doc, force);
    pending?.resolve(written);
    return written;
  }

  /** Writes every pending change, and waits for every write, of open and closed articles; awaited when the extension stops. */
  async flushAll(): Promise<void> {
    for (const state of this.all()) if (state.kind === 'loaded' && (state.dirty || state.pendingSave)) void this.save(state);
    await Promise.all([...this.files.values()].map((f) => f.writes));
  }

  /** Keeps a broken sidecar as `.bak` (never overwritten) and starts the article with no annotations. */
  startFresh(state: BrokenArticle): string {
    const backup = freeBackupPath(state.sidecarPath);
    fs.renameSync(state.sidecarPath, backup);
    this.diagnostics.delete(vscode.Uri.file(state.sidecarPath));
    this.fileFor(state.sidecarPath).latest = undefined;
    this.articles.set(state.uri.toString(), this.stateOf(state.uri, state.sidecarPath, emptyAnnotationSet()));
    this.log.info(`${state.sidecarPath} kept as ${backup}; starting with no annotations.`);
    this.changed.fire(state.uri);
    return backup;
  }

  /** Loads every open article again (after the label table changed); pending changes are written first. */
  async reloadAll(): Promise<void> {
    await this.flushAll();
    // A change made while the flush was awaited is written by reload itself before it reads.
    for (const state of this.all()) this.reload(state.uri);
  }

  /** Loads an article's sidecar again (after the user fixed it by hand); this window's pending changes are written first, and read back. */
  reload(uri: vscode.Uri): ArticleState | undefined {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) return undefined;
    const state = this.articles.get(uri.toString());
    if (state?.kind === 'loaded' && (state.dirty || state.pendingSave)) void this.save(state, doc);
    this.articles.delete(uri.toString());
    return this.open(doc);
  }

  async reportBroken(state: BrokenArticle): Promise<void> {
    const first = state.problems.find((p) => p.severity === 'error') ?? state.problems[0];
    const where = first ? `${path.basename(first.file)} line ${first.line}: ${first.message}` : path.basename(state.sidecarPath);
    const openIt = 'Open Sidecar';
    const fresh = 'Keep as .bak and Start Fresh';
    const choice = await vscode.window.showWarningMessage(
      `The annotations of ${path.basename(state.uri.fsPath)} could not be loaded (${where}). The sidecar is left untouched and annotating this article is paused: fix the file (see the Problems panel), or keep it as a backup and start fresh.`,
      openIt,
      fresh,
    );
    if (choice === openIt) {
      const line = Math.max(0, (first?.line ?? 1) - 1);
      await vscode.window.showTextDocument(vscode.Uri.file(state.sidecarPath), { selection: new vscode.Range(line, 0, line, 0) });
    } else if (choice === fresh) {
      const backup = this.startFresh(state);
      void vscode.window.showInformationMessage(`The old sidecar is kept as ${path.basename(backup)}. ${path.basename(state.uri.fsPath)} starts with no annotations.`);
    }
  }

  private open(doc: vscode.TextDocument): ArticleState | undefined {
    if (doc.languageId !== ARTICLE_LANGUAGE || doc.uri.scheme !== 'file') return undefined;
    const key = doc.uri.toString();
    const existing = this.articles.get(key);
    if (existing) return existing;
    const state = this.load(doc);
    this.articles.set(key, state);
    this.changed.fire(doc.uri);
    return state;
  }

  private load(doc: vscode.TextDocument): ArticleState {
    const sidecarPath = sidecarPathFor(doc.uri.fsPath);
    const sidecarUri = vscode.Uri.file(sidecarPath);
    const file = this.fileFor(sidecarPath);
    let yamlText: string;
    if (file.inFlight > 0 && file.latest !== undefined) {
      // Still being written (the article was just closed, or is being reloaded): read what the file is about to hold.
      yamlText = file.latest;
    } else {
      try {
        yamlText = fs.readFileSync(sidecarPath, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          this.diagnostics.delete(sidecarUri);
          file.latest = undefined;
          return this.loaded(doc, sidecarPath, emptyAnnotationSet());
        }
        const problem: SidecarProblem = { file: sidecarPath, line: 1, column: 1, severity: 'error', code: 'unreadable', message: `cannot read the file: ${errorText(err)}` };
        return this.broken(doc.uri, sidecarPath, [problem]);
      }
      file.latest = yamlText;
    }
    const result = parseSidecar(yamlText, documentText(doc), { sidecarPath, articleFileName: path.basename(doc.uri.fsPath), labels: this.labelIds() });
    this.showProblems(sidecarUri, result.problems);
    if (!result.ok) return this.broken(doc.uri, sidecarPath, result.problems);
    for (const p of result.problems) this.log.warn(`${p.file}:${p.line}: ${p.message}`);
    const state = this.loaded(doc, sidecarPath, result.annotations);
    // A re-anchored sidecar no longer matches the file on disk; writing it back records the new positions.
    if (result.reanchored) {
      file.latest = '';
      state.dirty = true;
      void this.save(state, doc);
    }
    return state;
  }

  /** A loaded article, with the suggestions that appear when it opens (they reach the sidecar with the next change). */
  private loaded(doc: vscode.TextDocument, sidecarPath: string, annotations: AnnotationSet): LoadedArticle {
    try {
      this.suggestions.suggest(doc.uri, annotations, documentText(doc));
    } catch (err) {
      this.log.error(`Suggestions for ${doc.uri.fsPath} failed: ${errorText(err)}`);
    }
    return this.stateOf(doc.uri, sidecarPath, annotations);
  }

  private stateOf(uri: vscode.Uri, sidecarPath: string, annotations: AnnotationSet): LoadedArticle {
    return {
      kind: 'loaded', uri, sidecarPath, annotations, file: this.fileFor(sidecarPath), dirty: false, pendingSave: undefined,
      serializer: new SidecarSerializer(), history: new AnnotationHistory(annotations, HISTORY_LIMIT), historyPending: undefined,
    };
  }

  private fileFor(sidecarPath: string): SidecarFile {
    let file = this.files.get(sidecarPath);
    if (!file) this.files.set(sidecarPath, (file = { latest: undefined, writes: Promise.resolve(true), inFlight: 0 }));
    return file;
  }

  /** Records the undo step of the last change, if it is not recorded yet. */
  private recordHistory(state: LoadedArticle): void {
    if (!state.historyPending) return;
    clearImmediate(state.historyPending);
    state.historyPending = undefined;
    state.history.record(state.annotations);
  }

  /**
   * Saves `delayMs` after this change, postponed by later changes but never past `maxDelayMs` after
   * the first unsaved one; resolves when the write that includes this change is done.
   */
  private saveSoon(state: LoadedArticle, delayMs: number, maxDelayMs = delayMs): Promise<boolean> {
    state.dirty = true;
    const now = performance.now();
    let pending = state.pendingSave;
    if (!pending) {
      let resolve!: (written: Promise<boolean>) => void;
      const done = new Promise<boolean>((r) => { resolve = r; });
      pending = { timer: undefined, latest: now + maxDelayMs, done, resolve };
      state.pendingSave = pending;
    }
    clearTimeout(pending.timer);
    const wait = Math.max(0, Math.min(delayMs, pending.latest - now));
    pending.timer = setTimeout(() => void this.save(state), wait);
    return pending.done;
  }

  /** Serializes now and queues the write; resolves when every write queued so far is done. */
  private write(state: LoadedArticle, doc: vscode.TextDocument | undefined, force: boolean): Promise<boolean> {
    const file = state.file;
    const live = doc ?? this.documentOf(state);
    if (!live || (!state.dirty && !force)) return file.writes;
    state.dirty = false;
    const content = state.serializer.serialize(state.annotations, documentText(live), path.basename(state.uri.fsPath));
    if (!force && content === file.latest) return file.writes;
    // No sidecar for an article nobody has annotated: opening a folder must not litter it.
    if (!force && file.latest === undefined && isEmpty(state.annotations)) return file.writes;
    file.latest = content;
    file.inFlight++;
    const write = async (): Promise<boolean> => {
      // A newer content queued behind this one will be written anyway.
      if (content !== file.latest) return true;
      try {
        await writeFileAtomic(state.sidecarPath, content);
        return true;
      } catch (err) {
        if (file.latest === content) file.latest = undefined;
        // Written again with the next save (any change, closing the article, or the window).
        for (const s of this.articles.values()) if (s.kind === 'loaded' && s.file === file) s.dirty = true;
        const message = `Could not write the annotations of ${path.basename(state.uri.fsPath)}: ${errorText(err)} Your annotations are still in this window; once fixed, run "Export Annotations of This Article".`;
        this.log.error(message);
        void vscode.window.showErrorMessage(message);
        return false;
      }
    };
    file.writes = file.writes.then(write, write).finally(() => {
      file.inFlight--;
      if (file.inFlight === 0 && !this.all().some((s) => s.kind === 'loaded' && s.file === file)) this.files.delete(state.sidecarPath);
    });
    return file.writes;
  }

  private broken(uri: vscode.Uri, sidecarPath: string, problems: SidecarProblem[]): BrokenArticle {
    const state: BrokenArticle = { kind: 'broken', uri, sidecarPath, problems };
    this.log.error(`Sidecar of ${uri.fsPath} not loaded:\n${problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`);
    void this.reportBroken(state);
    return state;
  }

  private showProblems(sidecarUri: vscode.Uri, problems: readonly SidecarProblem[]): void {
    this.diagnostics.set(sidecarUri, problems.map((p) => {
      const line = Math.max(0, p.line - 1);
      const column = Math.max(0, p.column - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER), p.message,
        p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'Arabic News Annotator';
      d.code = p.code;
      return d;
    }));
  }

  private close(doc: vscode.TextDocument): void {
    const state = this.articles.get(doc.uri.toString());
    if (!state) return;
    // Serialized now, while the closing document can still be read; the write finishes after the close.
    if (state.kind === 'loaded' && (state.dirty || state.pendingSave)) void this.save(state, doc);
    this.articles.delete(doc.uri.toString());
    if (state.kind === 'loaded' && state.file.inFlight === 0) this.files.delete(state.sidecarPath);
  }

  private onTextChanged(e: vscode.TextDocumentChangeEvent): void {
    const state = this.articles.get(e.document.uri.toString());
    if (!state || state.kind !== 'loaded' || e.contentChanges.length === 0) return;
    const edits = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    const text = documentText(e.document);
    // The history's copies must match the annotations before both follow the edit.
    this.recordHistory(state);
    applyEdits(state.annotations, edits, text);
    shiftRejections(state.annotations.rejected, edits);
    // Undo steps must land on the same text as the annotations they restore.
    state.history.applyEdits(edits, text);
    this.changed.fire(e.document.uri);
    void this.saveSoon(state, TEXT_EDIT_SAVE_DELAY_MS);
  }

  private onSidecarChangedOnDisk(sidecarUri: vscode.Uri): void {
    const state = this.all().find((s) => s.sidecarPath === sidecarUri.fsPath);
    if (!state) return;
    if (state.kind === 'loaded') {
      // A pending change or write of this window will be written anyway: nothing to reload.
      if (state.dirty || state.pendingSave || state.file.inFlight > 0) return;
      let content: string;
      try {
        content = fs.readFileSync(sidecarUri.fsPath, 'utf8');
      } catch {
        return;
      }
      // Our own write.
      if (content === state.file.latest) return;
    }
    this.log.info(`${sidecarUri.fsPath} changed on disk; reloading.`);
    this.reload(state.uri);
  }

  private documentOf(state: ArticleBase): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
  }

  dispose(): void {
    // Pending saves were flushed by deactivate (flushAll); a timer still set here has nothing newer to add.
    for (const state of this.articles.values()) {
      if (state.kind !== 'loaded') continue;
      if (state.pendingSave) clearTimeout(state.pendingSave.timer);
      clearImmediate(state.historyPending);
    }
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.articles.clear();
  }
}

function isEmpty(set: AnnotationSet): boolean {
  return set.entities.length === 0 && set.quotations.length === 0 && set.speakers.length === 0;
}

function freeBackupPath(sidecarPath: string): string {
  let candidate = `${sidecarPath}.bak`;
  for (let i = 1; fs.existsSync(candidate); i++) candidate = `${sidecarPath}.bak${i}`;
  return candidate;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
