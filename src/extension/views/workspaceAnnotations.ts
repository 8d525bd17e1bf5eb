import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/atomicWrite';
import { EntityIndex, type IndexedEntity } from '../../core/entityIndex';
import type { AnnotationSet, ArticleStatus } from '../../core/model';
import { articlePathFor, sidecarPathFor } from '../../core/sidecar';
import { readIndexSummary, type IndexFile, type IndexRead, type IndexSummary } from '../../core/indexSummary';
import { readInWorkers } from '../../core/indexWorkerPool';
import { readSidecarSummary } from '../../core/sidecarSummary';
import {
  emptySpeakerDecisions, parseSpeakerDecisions, serializeSpeakerDecisions, SPEAKER_DECISIONS_PATH, type DecisionsProblem, type SpeakerDecisions,
} from '../../core/speakerDecisions';
import { SpeakerIndex, type ArticleSpeakers, type IndexedSpeaker, type SpeakerQuotation } from '../../core/speakerIndex';
import { ownCopy } from '../../core/strings';
import { articleGlobs } from '../articleLanguage';
import { errorText, type ArticleStore } from '../articleStore';

/** One article's annotations as read (from the store when it is open, else from its sidecar on disk), on their way into the indexes. */
export interface ArticleRecord {
  readonly uri: vscode.Uri;
  readonly folderKey: string;
  readonly source: 'open' | 'disk';
  readonly status: ArticleStatus;
  readonly speakers: readonly IndexedSpeaker[];
  readonly quotations: readonly SpeakerQuotation[];
  readonly entities: readonly IndexedEntity[];
}

/** What is kept of an article once it is in the indexes, for the progress counts. */
interface ArticleEntry {
  readonly folderKey: string;
  readonly status: ArticleStatus;
}

/** A sidecar left out of the views because it could not be read; the file itself is never touched. */
export interface UnreadableSidecar {
  readonly sidecar: vscode.Uri;
  readonly reason: string;
}

/** A folder's decisions file as last read; `text` is undefined when there is no file. */
export type DecisionsState =
  | { ok: true; decisions: SpeakerDecisions; file: string; text?: string }
  | { ok: false; problems: DecisionsProblem[]; file: string; text?: string };

/** How the last full read went: sidecars read, worker threads used (0: on the extension host), and why not in workers. */
export interface WorkspaceRead {
  readonly sidecars: number;
  readonly threads: number;
  readonly fallback?: string;
}

export interface WorkspaceProgress {
  notStarted: number;
  inProgress: number;
  done: number;
  unreadable: number;
}

/** Articles outside every workspace folder (opened on their own) share this folder key; they have no decisions file. */
export const NO_FOLDER = '';

/** Parallel file reads during the first scan: enough to hide latency, few enough not to exhaust file handles. */
const READ_CONCURRENCY = 32;
/** Worker threads for the first scan: the parsing moves off the extension host's thread, which then only fills the indexes. */
const READ_THREADS = Math.min(2, os.availableParallelism());
/** Changes arriving in a burst (a git pull, a workspace-wide rename) are applied together. */
const UPDATE_DELAY_MS = 30;

/**
 * The annotations of every article in the workspace, for the speakers and entities views: read
 * lazily (nothing happens until a view asks for the workspace), kept up to date from the store's
 * changes (open articles, in memory) and a file watcher on `**\/*.ann.yaml` (the others), with
 * one speaker index per workspace folder (each folder has its own decisions file) and one
 * entity index. Sidecars are read with the light reader (core/sidecarSummary.ts).
 */
export class WorkspaceAnnotations implements vscode.Disposable {
  private readonly records = new Map<string, ArticleEntry>();
  private readonly unreadableSidecars = new Map<string, UnreadableSidecar>();
  /** Article files found by the `articleFiles` globs, for the progress counts. */
  private articleFiles = new Set<string>();
  private readonly indexes = new Map<string, SpeakerIndex>();
  readonly entities = new EntityIndex();
  private readonly decisionStates = new Map<string, DecisionsState>();
  private loading: Promise<void> | undefined;
  private loaded = false;
  /** Bumped by reset(), so that a read started before it does not fill the new state. */
  private generation = 0;
  private readonly pending = new Map<string, vscode.Uri>();
  private timer: NodeJS.Timeout | undefined;
  private processing: Promise<void> = Promise.resolve();
  private rescanTimer: NodeJS.Timeout | undefined;
  private read: WorkspaceRead | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  /** Fires after workspace data or decisions changed (already applied). */
  readonly onDidChange = this.changed.event;

  /** `workerScript`: the bundled index worker (out/indexWorker.js); without it the sidecars are read on this thread. */
  constructor(private readonly store: ArticleStore, private readonly log: vscode.LogOutputChannel, private readonly workerScript?: string) {
    const sidecars = vscode.workspace.createFileSystemWatcher('**/*.ann.yaml');
    const decisions = vscode.workspace.createFileSystemWatcher(`**/${SPEAKER_DECISIONS_PATH}`);
    const articles = vscode.workspace.createFileSystemWatcher('**/*.{txt,article}', false, true, false);
    const onSidecar = (uri: vscode.Uri): void => this.queue(vscode.Uri.file(articlePathFor(uri.fsPath)));
    const onDecisions = (uri: vscode.Uri): void => this.onDecisionsFile(uri);
    this.subscriptions.push(
      sidecars, decisions, articles,
      sidecars.onDidCreate(onSidecar), sidecars.onDidChange(onSidecar), sidecars.onDidDelete(onSidecar),
      decisions.onDidCreate(onDecisions), decisions.onDidChange(onDecisions), decisions.onDidDelete(onDecisions),
      articles.onDidCreate(() => this.scheduleRescan()), articles.onDidDelete(() => this.scheduleRescan()),
      store.onDidChange((uri) => this.queue(uri)),
      // A closed article's record comes from disk again (its last write is caught by the watcher too).
      vscode.workspace.onDidCloseTextDocument((doc) => this.queue(doc.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reset()),
    );
  }

  /** Reads the workspace on first use, then waits for pending updates; resolves when the views can read everything. */
  async ready(): Promise<void> {
    this.loading ??= this.load();
    await this.loading;
    await this.whenProcessed();
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** How the last full read of the workspace went; undefined before it ends. */
  get lastRead(): WorkspaceRead | undefined {
    return this.read;
  }

  /** Speaker index of a folder (NO_FOLDER for articles outside the workspace folders). */
  speakerIndex(folderKey: string): SpeakerIndex {
    let index = this.indexes.get(folderKey);
    if (!index) {
      index = new SpeakerIndex();
      const state = this.decisions(folderKey);
      if (state?.ok) index.setDecisions(state.decisions);
      this.indexes.set(folderKey, index);
    }
    return index;
  }

  /** Folder keys with at least one article, workspace folders first in their order. */
  folderKeys(): string[] {
    const order = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    const keys = [...this.indexes.keys()].filter((k) => this.indexes.get(k)!.size.articles > 0);
    return keys.sort((a, b) => rank(order, a) - rank(order, b));
  }

  unreadable(): UnreadableSidecar[] {
    return [...this.unreadableSidecars.values()].sort((a, b) => a.sidecar.fsPath.localeCompare(b.sidecar.fsPath));
  }

  /** Articles not started (including those without a sidecar), in progress and done. */
  progress(): WorkspaceProgress {
    const p: WorkspaceProgress = { notStarted: 0, inProgress: 0, done: 0, unreadable: this.unreadableSidecars.size };
    const seen = new Set<string>();
    for (const [key, r] of this.records) {
      seen.add(key);
      if (r.status === 'done') p.done++;
      else if (r.status === 'in-progress') p.inProgress++;
      else p.notStarted++;
    }
    for (const key of this.unreadableSidecars.keys()) seen.add(key);
    for (const key of this.articleFiles) if (!seen.has(key)) p.notStarted++;
    return p;
  }

  /**
   * The texts of an article's quotations by id: the indexes keep none, so they are read when a
   * view shows them, from the store for an open article, else from the sidecar. Empty when the
   * sidecar cannot be read now (the watcher will update the views).
   */
  async quotationTexts(article: string): Promise<Map<string, string>> {
    const uri = vscode.Uri.parse(article);
    const state = this.store.get(uri);
    if (state?.kind === 'loaded') return new Map(state.annotations.quotations.map((q) => [q.id, q.text]));
    try {
      const read = readSidecarSummary(await fs.promises.readFile(sidecarPathFor(uri.fsPath), 'utf8'));
      return read.ok ? new Map(read.summary.quotations.map((q) => [q.id, q.text])) : new Map();
    } catch {
      return new Map();
    }
  }

  /** The record of an open article, straight from the store (no workspace read needed). */
  openRecord(uri: vscode.Uri): ArticleRecord | 'broken' | undefined {
    const state = this.store.get(uri);
    if (!state) return undefined;
    if (state.kind === 'broken') return 'broken';
    return fromAnnotations(uri, this.folderKeyOf(uri), 'open', state.annotations);
  }

  folderKeyOf(uri: vscode.Uri): string {
    return vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? NO_FOLDER;
  }

  /** The decisions of a folder, read on first use and again whenever the file changes. */
  decisions(folderKey: string): DecisionsState | undefined {
    if (folderKey === NO_FOLDER) return undefined;
    let state = this.decisionStates.get(folderKey);
    if (!state) {
      state = readDecisions(decisionsFile(folderKey));
      this.decisionStates.set(folderKey, state);
      if (!state.ok) this.log.warn(`${state.file}:${state.problems[0]?.line ?? 1}: ${state.problems[0]?.message ?? 'could not be read'}`);
    }
    return state;
  }

  /** Writes a folder's decisions (refusing to overwrite a file that failed to load) and regroups. */
  async saveDecisions(folderKey: string, decisions: SpeakerDecisions): Promise<void> {
    if (folderKey === NO_FOLDER) {
      throw new Error('This article is outside the workspace folders, so there is no .annotator/speakers.yaml to record the decision in. Open the folder that holds it (File > Open Folder) and try again.');
    }
    const state = this.decisions(folderKey)!;
    if (!state.ok) {
      const first = state.problems[0];
      throw new Error(`${state.file} has errors (line ${first?.line ?? 1}: ${first?.message ?? 'unreadable'}), so it was not overwritten. Fix it by hand (or restore it from version control) and try again.`);
    }
    fs.mkdirSync(path.dirname(state.file), { recursive: true });
    await writeFileAtomic(state.file, serializeSpeakerDecisions(decisions));
    this.setDecisionsState(folderKey, readDecisions(state.file));
  }

  /** Every update queued so far has been applied. */
  async whenProcessed(): Promise<void> {
    while (this.pending.size > 0 || this.timer) await this.flushNow();
    await this.processing;
  }

  // -------------------------------------------------------------------------------------------

  private async load(): Promise<void> {
    const started = Date.now();
    const generation = this.generation;
    const folders = vscode.workspace.workspaceFolders ?? [];
    // The article scan (for the progress counts) runs while the sidecars are read: it is another
    // process's walk of the folders, and the reads need it only to skip a stat (readArticle).
    const scan = this.rescanArticles();
    const sidecars = (await Promise.all(folders.map((f) => vscode.workspace.findFiles(new vscode.RelativePattern(f, '**/*.ann.yaml'), '**/node_modules/**')))).flat();
    if (generation !== this.generation) return;
    // Each sidecar goes into the entity index as soon as it is read, so that no whole workspace of
    // summaries is ever held; speakers are collected (lean: no quotation texts) and grouped once.
    const byFolder = new Map<string, Array<{ key: string; record: ArticleSpeakers | undefined }>>();
    const seen = new Set<string>();
    const take = (uri: vscode.Uri, read: ArticleRecord | UnreadableSidecar | undefined): void => {
      seen.add(uri.toString());
      this.apply(uri, this.openOrDisk(uri, read), byFolder);
    };
    const uris = sidecars.map((sidecar) => vscode.Uri.file(articlePathFor(sidecar.fsPath)));
    const files = uris.map((uri): IndexFile => ({ sidecar: sidecarPathFor(uri.fsPath), article: uri.fsPath, articleKnown: this.articleFiles.has(uri.toString()) }));
    const taken = new Uint8Array(files.length);
    const takeRead = (i: number, read: IndexRead): void => {
      taken[i] = 1;
      take(uris[i], this.toRecord(uris[i], read));
    };
    const cancelled = (): boolean => generation !== this.generation;
    let threads = 0;
    let fallback: string | undefined;
    // Only local files can be read by path in a worker; the others stay on this thread.
    if (!this.workerScript) fallback = 'no worker script';
    else if (sidecars.some((s) => s.scheme !== 'file')) fallback = 'some sidecars are not local files';
    else {
      threads = READ_THREADS;
      try {
        await readInWorkers(this.workerScript, files, threads, takeRead, cancelled);
      } catch (err) {
        fallback = `the worker threads failed: ${errorText(err)}`;
        threads = 0;
        this.log.warn(`Speakers and entities: reading the sidecars in worker threads failed (${errorText(err)}); reading the rest on the extension host, which is slower and uses more memory. Run "Refresh" in the view to try the workers again.`);
      }
    }
    // Whatever the workers did not read (all of it without workers) is read here.
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < files.length && !cancelled()) {
        const i = next++;
        if (taken[i]) continue;
        const read = await readIndexSummary(files[i]);
        if (!cancelled()) takeRead(i, read);
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, reader));
    await scan;
    if (generation !== this.generation) return;
    // Open articles count as the store has them, whatever their sidecar on disk says.
    for (const state of this.store.all()) if (!seen.has(state.uri.toString())) take(state.uri, undefined);
    for (const [folderKey, list] of byFolder) {
      const index = this.speakerIndex(folderKey);
      index.batch(() => { for (const { key, record } of list) index.setArticle(key, record); });
    }
    this.loaded = true;
    this.read = { sidecars: sidecars.length, threads, ...(fallback ? { fallback } : {}) };
    const how = threads ? `in ${threads} worker thread${threads > 1 ? 's' : ''}` : `on the extension host (${fallback})`;
    this.log.info(`Speakers and entities: read ${sidecars.length} sidecars ${how} in ${Date.now() - started} ms (${this.unreadableSidecars.size} unreadable).`);
    this.changed.fire();
  }

  /** The store's state for an open article, else what was read from disk. */
  private openOrDisk(uri: vscode.Uri, disk: ArticleRecord | UnreadableSidecar | undefined): ArticleRecord | UnreadableSidecar | undefined {
    const state = this.store.get(uri);
    if (state?.kind === 'loaded') return fromAnnotations(uri, this.folderKeyOf(uri), 'open', state.annotations);
    if (state?.kind === 'broken') return { sidecar: vscode.Uri.file(state.sidecarPath), reason: 'the sidecar has errors (see the Problems panel)' };
    return disk;
  }

  /** Updates records and the entity index; speaker index updates are collected (batched) or applied. */
  private apply(uri: vscode.Uri, result: ArticleRecord | UnreadableSidecar | undefined, batchByFolder?: Map<string, Array<{ key: string; record: ArticleSpeakers | undefined }>>): void {
    const key = uri.toString();
    const previous = this.records.get(key);
    const record = result && 'status' in result ? result : undefined;
    if (result && !record) this.unreadableSidecars.set(key, result as UnreadableSidecar);
    else this.unreadableSidecars.delete(key);
    if (record) this.records.set(key, { folderKey: record.folderKey, status: record.status });
    else this.records.delete(key);
    this.entities.setArticle(key, record?.entities);
    const folders = new Set([previous?.folderKey, record?.folderKey].filter((f): f is string => f !== undefined));
    for (const folderKey of folders) {
      const value = record?.folderKey === folderKey ? record : undefined;
      if (batchByFolder) {
        let list = batchByFolder.get(folderKey);
        if (!list) batchByFolder.set(folderKey, (list = []));
        list.push({ key, record: value && leanSpeakers(value) });
      } else {
        this.speakerIndex(folderKey).setArticle(key, value);
      }
    }
  }

  private async readArticle(uri: vscode.Uri): Promise<ArticleRecord | UnreadableSidecar | undefined> {
    // An article the last scan found needs no check that it exists (a stat per sidecar on a cold read).
    return this.toRecord(uri, await readIndexSummary({ sidecar: sidecarPathFor(uri.fsPath), article: uri.fsPath, articleKnown: this.articleFiles.has(uri.toString()) }));
  }

  private toRecord(uri: vscode.Uri, read: IndexRead): ArticleRecord | UnreadableSidecar | undefined {
    if (read.kind === 'absent') return undefined;
    if (read.kind === 'unreadable') return { sidecar: vscode.Uri.file(sidecarPathFor(uri.fsPath)), reason: read.reason };
    return fromSummary(uri, this.folderKeyOf(uri), read.summary);
  }

  private queue(uri: vscode.Uri): void {
    // Before the first read nothing is needed; during it, changes are applied once it is done.
    if (uri.scheme !== 'file' || !this.loading) return;
    this.pending.set(uri.toString(), uri);
    this.flushSoon(UPDATE_DELAY_MS);
  }

  private flushSoon(delay: number): void {
    this.timer ??= setTimeout(() => void this.flushNow(), delay);
  }

  private flushNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.processing = this.processing
      .then(() => this.processPending())
      .catch((err) => this.log.error(`Updating the speakers and entities views failed: ${errorText(err)}. Run "Refresh" in the view.`));
    return this.processing;
  }

  private async processPending(): Promise<void> {
    await this.loading;
    if (this.pending.size === 0) return;
    const uris = [...this.pending.values()];
    this.pending.clear();
    const results = await Promise.all(uris.map(async (uri) => ({ uri, result: this.openOrDisk(uri, this.store.get(uri) ? undefined : await this.readArticle(uri)) })));
    for (const { uri, result } of results) this.apply(uri, result);
    this.changed.fire();
  }

  private async rescanArticles(): Promise<void> {
    const found = new Set<string>();
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map(async (folder) => {
      const globs = ['**/*.article', ...articleGlobs(folder)];
      // One walk of the folder for all the globs; globs with their own braces cannot be nested in one.
      const patterns = globs.some((g) => /[{}]/.test(g)) ? globs : [`{${globs.join(',')}}`];
      for (const glob of patterns) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**')) found.add(uri.toString());
      }
    }));
    this.articleFiles = found;
  }

  private scheduleRescan(): void {
    if (!this.loaded) return;
    clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => void this.rescanArticles().then(() => this.changed.fire()), 500);
  }

  private onDecisionsFile(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.fsPath !== decisionsFile(folder.uri.toString())) return;
    const next = readDecisions(uri.fsPath);
    // The echo of our own write changes nothing.
    if (next.text === this.decisionStates.get(folder.uri.toString())?.text) return;
    this.setDecisionsState(folder.uri.toString(), next);
  }

  private setDecisionsState(folderKey: string, state: DecisionsState): void {
    this.decisionStates.set(folderKey, state);
    // A broken file groups by the rules alone until it is fixed; the views show its problem.
    this.indexes.get(folderKey)?.setDecisions(state.ok ? state.decisions : emptySpeakerDecisions());
    this.changed.fire();
  }

  /** Forgets everything and reads the workspace again (the views' Refresh). */
  async reload(): Promise<void> {
    this.reset();
    await this.ready();
  }

  /** Folders changed: start over on next use. */
  private reset(): void {
    this.generation++;
    this.records.clear();
    this.unreadableSidecars.clear();
    this.indexes.clear();
    this.decisionStates.clear();
    this.entities.clear();
    this.pending.clear();
    this.loaded = false;
    this.read = undefined;
    this.loading = undefined;
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.rescanTimer);
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

function decisionsFile(folderKey: string): string {
  return path.join(vscode.Uri.parse(folderKey).fsPath, SPEAKER_DECISIONS_PATH);
}

function readDecisions(file: string): DecisionsState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, decisions: emptySpeakerDecisions(), file };
    return { ok: false, problems: [{ line: 1, column: 1, message: `cannot be read (${errorText(err)})` }], file };
  }
  const load = parseSpeakerDecisions(text);
  return load.ok ? { ok: true, decisions: load.decisions, file, text } : { ok: false, problems: load.problems, file, text };
}

function fromSummary(uri: vscode.Uri, folderKey: string, s: IndexSummary): ArticleRecord {
  return { uri, folderKey, source: 'disk', status: s.status, speakers: s.speakers, quotations: s.quotations, entities: s.entities };
}

/** What the speaker index needs of a record, in strings of its own: it waits for the whole workspace to be read. */
function leanSpeakers(r: ArticleRecord): ArticleSpeakers {
  return {
    status: r.status,
    speakers: r.speakers.map((sp) => ({ id: ownCopy(sp.id), name: ownCopy(sp.name), aliases: sp.aliases.map(ownCopy), ...suggested(sp.suggested) })),
    quotations: r.quotations.map((q) => ({ id: ownCopy(q.id), speaker: q.speaker === null ? null : ownCopy(q.speaker), anchor: q.anchor, ...suggested(q.suggested) })),
  };
}

/** A copy of the store's annotations: the indexes keep it, and the store goes on changing its own. */
export function fromAnnotations(uri: vscode.Uri, folderKey: string, source: 'open' | 'disk', a: AnnotationSet): ArticleRecord {
  return {
    uri, folderKey, source, status: a.status,
    speakers: a.speakers.map((s) => ({ id: s.id, name: s.name, aliases: [...s.aliases], ...suggested(s.suggested) })),
    quotations: a.quotations.map((q) => ({ id: q.id, text: q.text, speaker: q.speaker, anchor: q.anchor, ...suggested(q.suggested) })),
    entities: a.entities.map((e) => ({ id: e.id, label: e.label, text: e.text, anchor: e.anchor, ...suggested(e.suggested) })),
  };
}

/** `{ suggested }` for an unconfirmed suggestion, `{}` for a confirmed annotation (the key stays absent). */
function suggested(confidence: number | undefined): { suggested?: number } {
  return confidence === undefined ? {} : { suggested: confidence };
}
