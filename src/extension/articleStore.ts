import * as fs from 'node:fs';
import * as os from 'node:os';
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
  readonly path: string;
  /** What the file holds once the queued writes land: what this window last queued or read (undefined: no file). */
  latest: string | undefined;
  /** What the file held when this window last read or wrote it (undefined: no file); a difference on disk is an outside change. */
  confirmed: string | undefined;
  /** Set while `latest` failed to reach the disk: the entry is kept (even with the article closed) until a write succeeds. */
  unsaved: { recoveryPath: string | undefined; articleName: string } | undefined;
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
  /** The article's text as last seen, so that a save needs no open document (timers and shutdown run after the close). */
  text: string;
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
      watcher.onDidChange((uri) => void this.onSidecarChangedOnDisk(uri)),
      watcher.onDidCreate((uri) => void this.onSidecarChangedOnDisk(uri)),
      watcher.onDidDelete((uri) => void this.onSidecarDeletedOnDisk(uri)),
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
    for (const file of this.files.values()) if (file.unsaved && !this.articleOf(file)) void this.retry(file);
    await Promise.all([...this.files.values()].map((f) => f.writes));
  }

  /** Keeps a broken sidecar as `.bak` (never overwritten) and starts the article with no annotations. */
  startFresh(state: BrokenArticle): string {
    const backup = freeBackupPath(state.sidecarPath);
    fs.renameSync(state.sidecarPath, backup);
    this.diagnostics.delete(vscode.Uri.file(state.sidecarPath));
    const file = this.fileFor(state.sidecarPath);
    file.latest = undefined;
    file.confirmed = undefined;
    const doc = this.documentOf(state);
    this.articles.set(state.uri.toString(), this.stateOf(state.uri, state.sidecarPath, emptyAnnotationSet(), doc ? documentText(doc) : ''));
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
    if (state?.kind === 'loaded' && (state.dirty || state.pendingSave || state.file.unsaved)) void this.save(state, doc);
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
    if ((file.inFlight > 0 || file.unsaved) && file.latest !== undefined) {
      // Still being written (the article was just closed, or is being reloaded), or not written yet
      // because the write failed: read what the file is about to hold, not the older file on disk.
      yamlText = file.latest;
    } else {
      try {
        yamlText = fs.readFileSync(sidecarPath, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          this.diagnostics.delete(sidecarUri);
          file.latest = undefined;
          file.confirmed = undefined;
          return this.loaded(doc, sidecarPath, emptyAnnotationSet());
        }
        const problem: SidecarProblem = { file: sidecarPath, line: 1, column: 1, severity: 'error', code: 'unreadable', message: `cannot read the file: ${errorText(err)}` };
        return this.broken(doc.uri, sidecarPath, [problem]);
      }
      file.latest = yamlText;
      file.confirmed = yamlText;
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
    } else if (file.unsaved) {
      // The content a failed write left behind is tried again as soon as the article is back.
      void this.retry(file);
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
    return this.stateOf(doc.uri, sidecarPath, annotations, documentText(doc));
  }

  private stateOf(uri: vscode.Uri, sidecarPath: string, annotations: AnnotationSet, text: string): LoadedArticle {
    return {
      kind: 'loaded', uri, sidecarPath, annotations, text, file: this.fileFor(sidecarPath), dirty: false, pendingSave: undefined,
      serializer: new SidecarSerializer(), history: new AnnotationHistory(annotations, HISTORY_LIMIT), historyPending: undefined,
    };
  }

  private fileFor(sidecarPath: string): SidecarFile {
    let file = this.files.get(sidecarPath);
    if (!file) this.files.set(sidecarPath, (file = { path: sidecarPath, latest: undefined, confirmed: undefined, unsaved: undefined, writes: Promise.resolve(true), inFlight: 0 }));
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
    if (!state.dirty && !force && !file.unsaved) return file.writes;
    state.dirty = false;
    // The open document when there is one; otherwise the text last seen (the article closed, or the window is stopping).
    if (doc) state.text = documentText(doc);
    const articleName = path.basename(state.uri.fsPath);
    let content: string;
    try {
      content = state.serializer.serialize(state.annotations, state.text, articleName);
    } catch (err) {
      state.dirty = true;
      const message = `Could not save the annotations of ${articleName}: turning them into YAML failed (${errorText(err)}). They are still in this window and are saved again with the next change; if this keeps happening, report it with the log ("Arabic News Annotator" output).`;
      this.log.error(message);
      void vscode.window.showErrorMessage(message);
      return Promise.resolve(false);
    }
    if (!force && !file.unsaved && content === file.latest) return file.writes;
    // No sidecar for an article nobody has annotated: opening a folder must not litter it.
    if (!force && file.latest === undefined && file.confirmed === undefined && !file.unsaved && isEmpty(state.annotations)) return file.writes;
    return this.enqueue(file, content, articleName);
  }

  /** Writes the content a failed write left behind again. */
  private retry(file: SidecarFile): Promise<boolean> {
    if (!file.unsaved || file.latest === undefined) return file.writes;
    return this.enqueue(file, file.latest, file.unsaved.articleName);
  }

  /** Queues the write of `content` after the writes already queued for the file. */
  private enqueue(file: SidecarFile, content: string, articleName: string): Promise<boolean> {
    file.latest = content;
    file.inFlight++;
    const write = async (): Promise<boolean> => {
      // A newer content queued behind this one will be written anyway.
      if (content !== file.latest) return true;
      try {
        await this.keepOutsideChange(file, content, articleName);
        await writeFileAtomic(file.path, content);
        file.confirmed = content;
        if (file.unsaved) this.log.info(`${file.path} written; the earlier failed write is recovered.`);
        file.unsaved = undefined;
        return true;
      } catch (err) {
        this.reportFailedWrite(file, content, articleName, err);
        return false;
      }
    };
    file.writes = file.writes.then(write, write).finally(() => {
      file.inFlight--;
      this.forgetIfUnused(file);
    });
    return file.writes;
  }

  /**
   * Before overwriting, checks that the file still holds what this window last read or wrote: a
   * change from outside (git, a teammate, the pipeline) is kept as `.bak` instead of being lost.
   */
  private async keepOutsideChange(file: SidecarFile, content: string, articleName: string): Promise<void> {
    let onDisk: string | undefined;
    try {
      onDisk = await fs.promises.readFile(file.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return; // the write reports why the path is unusable
      onDisk = undefined;
    }
    if (onDisk === file.confirmed || onDisk === content) return;
    if (onDisk === undefined) {
      this.log.info(`${file.path} was deleted outside this window; writing it again with this window's annotations.`);
      return;
    }
    const backup = freeBackupPath(file.path);
    await fs.promises.rename(file.path, backup);
    file.confirmed = undefined;
    const message = `The sidecar of ${articleName} was changed outside this window (git, a teammate, a script) while this window had unsaved changes. The outside version is kept as ${path.basename(backup)} and the sidecar now holds this window's annotations: compare the two and copy over what you need.`;
    this.log.warn(message);
    void vscode.window.showWarningMessage(message);
  }

  private reportFailedWrite(file: SidecarFile, content: string, articleName: string, err: unknown): void {
    const recoveryPath = this.writeRecovery(file, content);
    file.unsaved = { recoveryPath, articleName };
    const kept = recoveryPath
      ? `The unsaved annotations are kept in ${recoveryPath} and in this window (reopening the article shows them).`
      : 'The unsaved annotations are kept in this window only (reopening the article shows them), and no recovery file could be written either: do not close the window.';
    const message = `Could not write the annotations of ${articleName}: ${errorText(err)} ${kept} Fix the cause, then choose Retry (any further change or closing the article also retries).`;
    this.log.error(message);
    const retry = 'Retry';
    void vscode.window.showErrorMessage(message, retry).then((choice) => {
      if (choice === retry) void this.retry(file);
    });
  }

  /** Copies content that could not be written next to the sidecar (or, failing that, to the temp folder); its path, or undefined. */
  private writeRecovery(file: SidecarFile, content: string): string | undefined {
    const candidates = [file.unsaved?.recoveryPath, `${file.path}.unsaved`, path.join(os.tmpdir(), `${path.basename(file.path)}.${Date.now()}.unsaved`)];
    for (const candidate of candidates) {
      if (!candidate) continue;
      try {
        fs.writeFileSync(candidate, content);
        return candidate;
      } catch (err) {
        this.log.warn(`Could not write the recovery file ${candidate}: ${errorText(err)}`);
      }
    }
    return undefined;
  }

  /** Drops a sidecar entry nobody uses: no article open on it, no write queued, nothing unsaved. */
  private forgetIfUnused(file: SidecarFile): void {
    if (file.inFlight === 0 && !file.unsaved && !this.articleOf(file)) this.files.delete(file.path);
  }

  private articleOf(file: SidecarFile): ArticleState | undefined {
    return this.all().find((s) => s.sidecarPath === file.path);
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
    if (state.kind === 'loaded' && (state.dirty || state.pendingSave || state.file.unsaved)) void this.save(state, doc);
    this.articles.delete(doc.uri.toString());
    const file = this.files.get(state.sidecarPath);
    if (file) this.forgetIfUnused(file);
  }

  private onTextChanged(e: vscode.TextDocumentChangeEvent): void {
    const state = this.articles.get(e.document.uri.toString());
    if (!state || state.kind !== 'loaded' || e.contentChanges.length === 0) return;
    const edits = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    const text = documentText(e.document);
    // The history's copies must match the annotations before both follow the edit.
    this.recordHistory(state);
    state.text = text;
    applyEdits(state.annotations, edits, text);
    shiftRejections(state.annotations.rejected, edits);
    // Undo steps must land on the same text as the annotations they restore.
    state.history.applyEdits(edits, text);
    this.changed.fire(e.document.uri);
    void this.saveSoon(state, TEXT_EDIT_SAVE_DELAY_MS);
  }

  /**
   * A sidecar changed on disk: this window's pending changes are written first (an outside version
   * they would overwrite is kept as `.bak`), then a content this window did not write is loaded.
   */
  private async onSidecarChangedOnDisk(sidecarUri: vscode.Uri): Promise<void> {
    const state = this.all().find((s) => s.sidecarPath === sidecarUri.fsPath);
    if (!state) return;
    if (state.kind === 'loaded') {
      if (state.dirty || state.pendingSave || state.file.unsaved) await this.save(state);
      await state.file.writes;
      // A change made meanwhile is written by its own save, which checks the disk first.
      if (this.articles.get(state.uri.toString()) !== state || state.dirty || state.pendingSave || state.file.inFlight > 0) return;
      let content: string;
      try {
        content = fs.readFileSync(sidecarUri.fsPath, 'utf8');
      } catch (err) {
        // Some watchers report a deletion as a change.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return this.onSidecarDeletedOnDisk(sidecarUri);
        this.log.warn(`${sidecarUri.fsPath} changed on disk but cannot be read (${errorText(err)}); keeping the annotations in this window.`);
        return;
      }
      // Our own write, or no change.
      if (content === state.file.confirmed) return;
    }
    this.log.info(`${sidecarUri.fsPath} changed on disk; reloading.`);
    this.reload(state.uri);
  }

  /** A sidecar deleted by hand: an article with annotations writes it again, and says so; a broken one loads afresh. */
  private async onSidecarDeletedOnDisk(sidecarUri: vscode.Uri): Promise<void> {
    let state = this.all().find((s) => s.sidecarPath === sidecarUri.fsPath);
    if (!state) return;
    // This window's own writes (keeping an outside version as .bak renames the file) land first.
    if (state.kind === 'loaded') await state.file.writes;
    // Replaced at once (an editor or git writing it anew, or this window): the change event handles it.
    if (fs.existsSync(sidecarUri.fsPath)) return;
    state = this.articles.get(state.uri.toString());
    if (!state) return;
    if (state.kind === 'broken' || isEmpty(state.annotations)) {
      if (state.kind === 'loaded') {
        state.file.latest = undefined;
        state.file.confirmed = undefined;
      }
      this.diagnostics.delete(sidecarUri);
      this.reload(state.uri);
      return;
    }
    state.file.latest = undefined;
    state.file.confirmed = undefined;
    state.dirty = true;
    const name = path.basename(state.uri.fsPath);
    void this.save(state).then((written) => {
      if (!written) return;
      const message = `The sidecar of ${name} was deleted outside this window; it has been written again from the annotations open here. To drop annotations, remove them in the editor (or close the article before deleting its sidecar).`;
      this.log.warn(message);
      void vscode.window.showWarningMessage(message);
    });
  }

  /**
   * Read-modify-write of the sidecar of an article that is not open, through that sidecar's own
   * queue: `change` gets what the file holds once the writes queued so far land (undefined: no
   * file) and returns the new content, or undefined to leave it alone. Rejects, without writing,
   * when the article is open (change it through `mutate`) or the file cannot be read or written.
   */
  editClosedSidecar<T>(articleUri: vscode.Uri, change: (current: string | undefined) => { content: string | undefined; result: T }): Promise<T> {
    const sidecarPath = sidecarPathFor(articleUri.fsPath);
    const file = this.fileFor(sidecarPath);
    const articleName = path.basename(articleUri.fsPath);
    file.inFlight++;
    const run = async (): Promise<T> => {
      if (this.articleOf(file)) throw new Error(`${articleName} was opened while the change was waiting; run the command again`);
      let current: string | undefined;
      // The writes queued before this one are done: the file holds `latest`, unless the last of them failed.
      if (file.unsaved) current = file.latest;
      else {
        try {
          current = await fs.promises.readFile(sidecarPath, 'utf8');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          current = undefined;
        }
      }
      const { content, result } = change(current);
      if (content === undefined || content === current) return result;
      await writeFileAtomic(sidecarPath, content);
      file.latest = content;
      file.confirmed = content;
      file.unsaved = undefined;
      return result;
    };
    const done = file.writes.then(run, run);
    file.writes = done.then(() => true, () => false).finally(() => {
      file.inFlight--;
      this.forgetIfUnused(file);
    });
    return done;
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
