import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordMerge, recordSplit, renameInDecisions, type SpeakerDecisions } from '../../core/speakerDecisions';
import { SpeakerIndex, type QuotationRef, type SpeakerGroup } from '../../core/speakerIndex';
import { nameMatchesFilter, speakerNameKey } from '../../core/speakerNames';
import { errorText } from '../articleStore';
import type { Container } from '../container';
import { revealAnnotation } from './revealAnnotation';
import { renameSpeakers } from './speakerRename';
import { snapshotTree, type ViewItemSnapshot } from './treeSnapshot';
import { firstWords, ltrDescription, ViewControls, type CurrentArticle, type ViewScope } from './viewControls';
import { NO_FOLDER, type UnreadableSidecar, type WorkspaceAnnotations, type WorkspaceProgress } from './workspaceAnnotations';

export const SPEAKERS_VIEW = 'arabicNewsAnnotator.speakers';

/** The speakers view's commands; package.json lists the same ids. */
export const SpeakersCommand = {
  Refresh: 'arabicNewsAnnotator.speakers.refresh',
  ShowWorkspace: 'arabicNewsAnnotator.speakers.showWorkspace',
  ShowArticle: 'arabicNewsAnnotator.speakers.showArticle',
  Filter: 'arabicNewsAnnotator.speakers.filter',
  ClearFilter: 'arabicNewsAnnotator.speakers.clearFilter',
  Rename: 'arabicNewsAnnotator.speakers.rename',
  Merge: 'arabicNewsAnnotator.speakers.merge',
  Split: 'arabicNewsAnnotator.speakers.split',
  RevealQuotation: 'arabicNewsAnnotator.speakers.revealQuotation',
} as const;

/** Context keys: `…speakers.scope` (article | workspace) and `…speakers.filtered`. */
const CONTEXT_PREFIX = 'arabicNewsAnnotator.speakers';

export interface SpeakerNode {
  readonly kind: 'speaker';
  readonly scope: ViewScope;
  readonly folderKey: string;
  readonly group: SpeakerGroup;
  /** Several workspace folders: say which one the speaker belongs to. */
  readonly showFolder: boolean;
}

/** A quotation with its text, read from the article when its node is expanded. */
type ShownQuotation = QuotationRef & { readonly text: string };
type QuotationsOfArticle = { readonly article: string; readonly quotations: readonly QuotationRef[] };

export type SpeakersTreeNode =
  | { readonly kind: 'progress'; readonly progress: WorkspaceProgress }
  | { readonly kind: 'problem'; readonly label: string; readonly detail: string; readonly command?: vscode.Command }
  | { readonly kind: 'unreadable'; readonly items: readonly UnreadableSidecar[] }
  | { readonly kind: 'unreadableFile'; readonly item: UnreadableSidecar }
  | SpeakerNode
  | { readonly kind: 'article'; readonly parent: string; readonly article: vscode.Uri; readonly quotations: readonly ShownQuotation[] }
  | { readonly kind: 'quotation'; readonly parent: string; readonly article: vscode.Uri; readonly quotation: ShownQuotation }
  | { readonly kind: 'unattributed'; readonly scope: ViewScope; readonly entries: readonly QuotationsOfArticle[] };

/**
 * Speakers and their quotations, for the current article or merged across the workspace
 * (core/speakerIndex.ts). Owns its commands: scope, filter, refresh, rename, merge, split, reveal.
 * Merge and split decisions go to the folder's `.annotator/speakers.yaml`; renames to the sidecars.
 */
export class SpeakersView implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SpeakersTreeNode | undefined>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  readonly controls: ViewControls;
  readonly provider: vscode.TreeDataProvider<SpeakersTreeNode>;
  private readonly view: vscode.TreeView<SpeakersTreeNode>;

  constructor(private readonly container: Container, private readonly data: WorkspaceAnnotations, private readonly current: CurrentArticle) {
    this.controls = new ViewControls(CONTEXT_PREFIX, {
      showWorkspace: SpeakersCommand.ShowWorkspace, showArticle: SpeakersCommand.ShowArticle, filter: SpeakersCommand.Filter, clearFilter: SpeakersCommand.ClearFilter,
    }, {
      title: 'Filter Speakers',
      prompt: 'Show the speakers whose name contains this text, in any spelling (كيري also finds كيرى). Empty shows all.',
    }, () => this.refresh());
    this.provider = {
      onDidChangeTreeData: this.changed.event,
      getTreeItem: (node) => this.treeItem(node),
      getChildren: (node) => this.children(node),
    };
    this.view = vscode.window.createTreeView(SPEAKERS_VIEW, { treeDataProvider: this.provider, canSelectMany: true, showCollapseAll: true });
    const command = (id: string, run: (...args: never[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, run);
    this.subscriptions.push(
      this.view,
      this.controls,
      // In article scope the workspace data matters through the decisions file only; a redraw is cheap either way.
      data.onDidChange(() => this.refresh()),
      container.store.onDidChange((uri) => { if (this.controls.scope === 'article' && uri.toString() === current.uri?.toString()) this.refresh(); }),
      current.onDidChange(() => this.refresh()),
      command(SpeakersCommand.Refresh, () => this.refreshCommand()),
      // From a context menu VS Code passes (node, selected nodes): only strings count as arguments.
      command(SpeakersCommand.Rename, (node?: SpeakerNode, newName?: unknown) => this.renameCommand(node, typeof newName === 'string' ? newName : undefined)),
      command(SpeakersCommand.Merge, (node?: SpeakerNode, selected?: readonly SpeakersTreeNode[]) => this.mergeCommand(node, selected)),
      command(SpeakersCommand.Split, (node?: SpeakerNode, names?: unknown) => this.splitCommand(node, isStringArray(names) ? names : undefined)),
      command(SpeakersCommand.RevealQuotation, (article: string | vscode.Uri, id: string) => revealAnnotation(container.store, typeof article === 'string' ? vscode.Uri.parse(article) : article, 'quotation', id)),
    );
    this.updateDescription();
  }

  /** The tree as the view shows it, `depth` levels deep, after pending workspace reads (tests, tools). */
  async snapshot(depth = 3): Promise<ViewItemSnapshot[]> {
    if (this.controls.scope === 'workspace') await this.data.ready();
    return snapshotTree(this.provider, depth);
  }

  private refresh(): void {
    this.updateDescription();
    this.changed.fire(undefined);
  }

  private updateDescription(): void {
    this.view.description = this.controls.description(this.current.uri);
  }

  // -------------------------------------------------------------------------------------------
  // Tree

  private async children(node?: SpeakersTreeNode): Promise<SpeakersTreeNode[]> {
    if (!node) return this.controls.scope === 'workspace' ? this.workspaceRoots() : this.articleRoots();
    switch (node.kind) {
      case 'speaker':
        return this.speakerChildren(node);
      case 'article':
        return node.quotations.map((quotation) => ({ kind: 'quotation', parent: `${node.parent}/${node.article.toString()}`, article: node.article, quotation }));
      case 'unattributed':
        return this.quotationsByArticle(`unattributed:${node.scope}`, node.scope, node.entries);
      case 'unreadable':
        return node.items.map((item) => ({ kind: 'unreadableFile', item }));
      default:
        return [];
    }
  }

  private async workspaceRoots(): Promise<SpeakersTreeNode[]> {
    await this.data.ready();
    const problems: SpeakersTreeNode[] = [];
    const speakers: SpeakersTreeNode[] = [];
    const unattributed: QuotationsOfArticle[] = [];
    const folders = this.data.folderKeys();
    for (const folderKey of folders) {
      problems.push(...this.decisionProblems(folderKey));
      const index = this.data.speakerIndex(folderKey);
      for (const group of index.groups()) {
        if (this.matches(group)) speakers.push({ kind: 'speaker', scope: 'workspace', folderKey, group, showFolder: folders.length > 1 });
      }
      unattributed.push(...index.unattributed());
    }
    const unreadable = this.data.unreadable();
    if (unreadable.length) problems.push({ kind: 'unreadable', items: unreadable });
    if (unattributed.length && !this.controls.filter) speakers.push({ kind: 'unattributed', scope: 'workspace', entries: unattributed });
    // Empty stays empty, so that the welcome text shows instead of a lone progress line.
    if (speakers.length === 0 && problems.length === 0) return [];
    return [{ kind: 'progress', progress: this.data.progress() }, ...problems, ...speakers];
  }

  private articleRoots(): SpeakersTreeNode[] {
    const uri = this.current.uri;
    if (!uri) return [];
    const record = this.data.openRecord(uri);
    if (record === undefined) return [];
    if (record === 'broken') {
      return [{
        kind: 'problem', label: `The sidecar of ${path.basename(uri.fsPath)} could not be loaded`, detail: 'Annotating this article is paused. Resolve the broken sidecar to see its speakers.',
        command: { command: 'arabicNewsAnnotator.resolveBrokenSidecar', title: 'Resolve Broken Sidecar…' },
      }];
    }
    // One article is small: its own index, with the folder's decisions, built on every redraw.
    const index = new SpeakerIndex();
    const decisions = this.data.decisions(record.folderKey);
    if (decisions?.ok) index.setDecisions(decisions.decisions);
    index.setArticle(uri.toString(), record);
    const speakers: SpeakersTreeNode[] = index.groups().filter((g) => this.matches(g))
      .map((group) => ({ kind: 'speaker', scope: 'article', folderKey: record.folderKey, group, showFolder: false }));
    const unattributed = index.unattributed();
    if (unattributed.length && !this.controls.filter) speakers.push({ kind: 'unattributed', scope: 'article', entries: unattributed });
    // Empty stays empty, so that the welcome text shows.
    return speakers.length === 0 ? [] : [...this.decisionProblems(record.folderKey), ...speakers];
  }

  private decisionProblems(folderKey: string): SpeakersTreeNode[] {
    const state = this.data.decisions(folderKey);
    if (!state || state.ok) return [];
    const first = state.problems[0];
    return [{
      kind: 'problem',
      label: `${path.basename(state.file)} has errors: merges and splits are ignored`,
      detail: `Line ${first?.line ?? 1}: ${first?.message ?? 'unreadable'} Fix the file; it is read again when saved.`,
      command: { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(state.file), { selection: new vscode.Range((first?.line ?? 1) - 1, 0, (first?.line ?? 1) - 1, 0) }] },
    }];
  }

  private speakerChildren(node: SpeakerNode): Promise<SpeakersTreeNode[]> {
    const byArticle = new Map<string, QuotationRef[]>();
    for (const m of node.group.members) {
      if (m.quotations.length === 0) continue;
      let list = byArticle.get(m.article);
      if (!list) byArticle.set(m.article, (list = []));
      list.push(...m.quotations);
    }
    return this.quotationsByArticle(this.nodeId(node), node.scope, [...byArticle].map(([article, quotations]) => ({ article, quotations })));
  }

  /**
   * Quotation nodes (article scope) or article nodes with their quotations (workspace scope), with
   * the texts read now: the index keeps none. A quotation gone from its article since the index was
   * updated is left out; the update that removes it is on its way.
   */
  private async quotationsByArticle(parent: string, scope: ViewScope, entries: readonly QuotationsOfArticle[]): Promise<SpeakersTreeNode[]> {
    const shown = await Promise.all(entries.map(async (e) => {
      const texts = await this.data.quotationTexts(e.article);
      const quotations = e.quotations.flatMap((q): ShownQuotation[] => {
        const text = texts.get(q.id);
        return text === undefined ? [] : [{ ...q, text }];
      });
      return { article: vscode.Uri.parse(e.article), quotations };
    }));
    if (scope === 'article') return shown.flatMap((e) => e.quotations.map((quotation) => ({ kind: 'quotation' as const, parent, article: e.article, quotation })));
    return shown.filter((e) => e.quotations.length > 0).map((e) => ({ kind: 'article', parent, article: e.article, quotations: e.quotations }));
  }

  private matches(group: SpeakerGroup): boolean {
    const filter = this.controls.filter;
    return filter === '' || nameMatchesFilter(group.name, filter) || group.spellings.some((s) => nameMatchesFilter(s, filter));
  }

  private nodeId(node: SpeakerNode): string {
    return `speaker:${node.scope}:${node.folderKey}:${node.group.id}`;
  }

  private treeItem(node: SpeakersTreeNode): vscode.TreeItem {
    const None = vscode.TreeItemCollapsibleState.None, Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'progress': {
        const { notStarted, inProgress, done, unreadable } = node.progress;
        const total = notStarted + inProgress + done;
        const item = new vscode.TreeItem(`${done} of ${total} articles done`, None);
        item.description = ltrDescription(`${inProgress} in progress · ${notStarted} not started${unreadable ? ` · ${unreadable} unreadable` : ''}`);
        item.tooltip = `${done} done, ${inProgress} in progress, ${notStarted} not started${unreadable ? `, ${unreadable} with an unreadable sidecar` : ''}: the status in each article's sidecar ("Mark Done" sets it); articles without a sidecar are not started.`;
        item.iconPath = new vscode.ThemeIcon('checklist');
        item.id = 'progress';
        item.contextValue = 'progress';
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(node.label, None);
        item.tooltip = node.detail;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.command = node.command;
        item.contextValue = 'problem';
        return item;
      }
      case 'unreadable': {
        const item = new vscode.TreeItem(`${node.items.length} sidecar${node.items.length === 1 ? '' : 's'} could not be read`, Collapsed);
        item.tooltip = 'Left out of this view and never changed by it. Open each to fix it; the view updates when it is saved.';
        item.iconPath = new vscode.ThemeIcon('warning');
        item.id = 'unreadable';
        item.contextValue = 'unreadable';
        return item;
      }
      case 'unreadableFile': {
        const item = new vscode.TreeItem(path.basename(node.item.sidecar.fsPath), None);
        item.description = ltrDescription(node.item.reason);
        item.tooltip = `${vscode.workspace.asRelativePath(node.item.sidecar)}: ${node.item.reason}`;
        item.resourceUri = node.item.sidecar;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [node.item.sidecar] };
        item.id = `unreadable:${node.item.sidecar.toString()}`;
        return item;
      }
      case 'speaker': {
        const g = node.group;
        const item = new vscode.TreeItem(g.name, g.quotationCount > 0 ? Collapsed : None);
        const parts = [groupCounts(g)];
        if (node.scope === 'workspace') parts.push(plural(g.articleCount, 'article'));
        if (node.showFolder) parts.push(folderName(node.folderKey));
        item.description = ltrDescription(parts.join(' · '));
        const others = g.spellings.filter((s) => s !== g.name);
        const suggestion = g.suggested
          ? '\n\n*Suggested*: found by the offline suggester and not confirmed yet. Accept or reject it in the article.'
          : g.suggestedQuotationCount ? `\n\n${plural(g.suggestedQuotationCount, 'quotation')} suggested, not confirmed yet.` : '';
        item.tooltip = new vscode.MarkdownString(`**${g.name}**${others.length ? `\n\nAlso written: ${others.join('، ')}` : ''}\n\n${plural(g.members.length, 'speaker record')} in ${plural(g.articleCount, 'article')}${suggestion}`);
        // A group with one confirmed record is confirmed; only all-suggested groups look like suggestions.
        item.iconPath = new vscode.ThemeIcon(g.suggested ? 'sparkle' : 'person');
        item.id = this.nodeId(node);
        // `speaker.merged`: more than one name, so Split has something to separate.
        item.contextValue = g.keys.length > 1 ? 'speaker.merged' : 'speaker';
        return item;
      }
      case 'article': {
        const item = new vscode.TreeItem(path.basename(node.article.fsPath), vscode.TreeItemCollapsibleState.Expanded);
        item.description = ltrDescription(quotationCounts(node.quotations));
        item.tooltip = vscode.workspace.asRelativePath(node.article);
        item.resourceUri = node.article;
        item.iconPath = vscode.ThemeIcon.File;
        item.id = `${node.parent}/${node.article.toString()}`;
        item.contextValue = 'article';
        return item;
      }
      case 'quotation': {
        const q = node.quotation;
        const item = new vscode.TreeItem(firstWords(q.text), None);
        const flags = [
          q.suggested !== undefined ? 'suggested' : '',
          q.anchor === 'edited' ? 'needs review' : q.anchor === 'unanchored' ? 'not found in the text' : '',
        ].filter(Boolean);
        if (flags.length) item.description = ltrDescription(flags.join(' · '));
        item.tooltip = q.suggested === undefined ? q.text : `${q.text}\n\nSuggested (confidence ${Math.round(q.suggested * 100)}%), not confirmed yet.`;
        item.iconPath = new vscode.ThemeIcon(q.suggested === undefined ? 'quote' : 'lightbulb');
        item.id = `${node.parent}#${q.id}`;
        item.contextValue = q.suggested === undefined ? 'quotation' : 'quotation.suggested';
        item.command = { command: SpeakersCommand.RevealQuotation, title: 'Show Quotation', arguments: [node.article.toString(), q.id] };
        return item;
      }
      case 'unattributed': {
        const counts = quotationCounts(node.entries.flatMap((e) => e.quotations));
        const item = new vscode.TreeItem('Without speaker', Collapsed);
        item.description = ltrDescription(node.scope === 'workspace' ? `${counts} · ${plural(node.entries.length, 'article')}` : counts);
        item.tooltip = 'Quotations whose speaker is not set yet.';
        item.iconPath = new vscode.ThemeIcon('question');
        item.id = `unattributed:${node.scope}`;
        item.contextValue = 'unattributed';
        return item;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Commands

  private async refreshCommand(): Promise<void> {
    if (this.controls.scope === 'workspace') await this.data.reload();
    this.refresh();
  }

  /** The speakers of the view as it stands, for quick picks when a command is run from the palette. */
  private async speakerNodes(): Promise<SpeakerNode[]> {
    const roots = this.controls.scope === 'workspace' ? await this.workspaceRoots() : this.articleRoots();
    return roots.filter((n): n is SpeakerNode => n.kind === 'speaker');
  }

  private async pickSpeaker(placeHolder: string): Promise<SpeakerNode | undefined> {
    const nodes = await this.speakerNodes();
    if (nodes.length === 0) {
      void vscode.window.showErrorMessage(`There are no speakers in ${this.controls.scope === 'workspace' ? 'the workspace' : 'this article'} yet. Set the speaker of a quotation first.`);
      return undefined;
    }
    return (await vscode.window.showQuickPick(nodes.map((node) => ({ label: node.group.name, description: groupCounts(node.group), node })), { placeHolder }))?.node;
  }

  private async renameCommand(node?: SpeakerNode, newName?: string): Promise<number | undefined> {
    if (node?.kind !== 'speaker') node = await this.pickSpeaker('Speaker to rename');
    if (!node) return undefined;
    const where = node.scope === 'workspace' ? `in ${plural(node.group.articleCount, 'article')}` : 'in this article';
    const name = (newName ?? await vscode.window.showInputBox({
      title: `Rename ${node.group.name} ${where}`,
      prompt: node.scope === 'workspace' ? 'Every sidecar that has this speaker is rewritten.' : 'Only this article\'s sidecar changes; switch to the whole workspace to rename everywhere.',
      value: node.group.name,
      validateInput: (v) => (speakerNameKey(v) === '' ? 'A name needs at least one letter.' : undefined),
    }))?.trim();
    if (!name || (name === node.group.name && node.group.spellings.length === 1)) return undefined;
    if (speakerNameKey(name) === '') {
      void vscode.window.showErrorMessage(`"${name}" has no letters, so it cannot name a speaker. Type the speaker's name.`);
      return undefined;
    }
    const result = await renameSpeakers(this.container.store, this.container.labels.ids, node.group.members, name);
    if (node.scope === 'workspace' && node.folderKey !== NO_FOLDER) {
      // Decisions that named the old spellings follow the speaker to the new name.
      const state = this.data.decisions(node.folderKey);
      if (state?.ok) {
        const next = renameInDecisions(state.decisions, new Set(node.group.keys), name);
        if (JSON.stringify(next) !== JSON.stringify(state.decisions)) await this.saveDecisions(node.folderKey, next);
      }
    }
    await this.data.whenProcessed();
    if (result.failed.length) {
      const list = result.failed.map((f) => `${path.basename(f.article.fsPath)} (${f.reason})`).join('; ');
      void vscode.window.showWarningMessage(`Renamed ${plural(result.renamed, 'speaker record')} to "${name}" in ${plural(result.articles, 'article')}. Not renamed, and left untouched: ${list}. Fix those sidecars, then rename again.`);
    } else {
      vscode.window.setStatusBarMessage(`Renamed ${plural(result.renamed, 'speaker record')} to "${name}" in ${plural(result.articles, 'article')}.`, 5000);
    }
    this.refresh();
    return result.renamed;
  }

  private async mergeCommand(node?: SpeakerNode, selected?: readonly SpeakersTreeNode[]): Promise<boolean> {
    // The clicked speaker first: its name is the one kept.
    let groups = uniqueSpeakers([...(node ? [node] : []), ...(Array.isArray(selected) ? selected : [])]);
    if (groups.length < 2) {
      const first = groups[0] ?? await this.pickSpeaker('Speaker to merge others into (its name is kept)');
      if (!first) return false;
      const others = (await this.speakerNodes()).filter((n) => n.group.id !== first.group.id && n.folderKey === first.folderKey);
      if (others.length === 0) {
        void vscode.window.showErrorMessage(`There is no other speaker to merge with ${first.group.name}.`);
        return false;
      }
      const picked = await vscode.window.showQuickPick(others.map((n) => ({ label: n.group.name, description: groupCounts(n.group), node: n })), {
        canPickMany: true, placeHolder: `Speakers that are the same person as ${first.group.name}`,
      });
      if (!picked?.length) return false;
      groups = [first, ...picked.map((p) => p.node)];
    }
    const folderKey = groups[0].folderKey;
    if (groups.some((g) => g.folderKey !== folderKey)) {
      void vscode.window.showErrorMessage('These speakers belong to different workspace folders, and each folder keeps its own .annotator/speakers.yaml. Merge speakers of one folder at a time.');
      return false;
    }
    const state = this.decisionsOrReport(folderKey);
    if (!state) return false;
    const next = recordMerge(state, groups.map((g) => namesOf(g.group)));
    return this.saveDecisions(folderKey, next);
  }

  private async splitCommand(node?: SpeakerNode, names?: readonly string[]): Promise<boolean> {
    if (node?.kind !== 'speaker') node = await this.pickSpeaker('Speaker to split');
    if (!node) return false;
    const g = node.group;
    if (g.keys.length < 2) {
      void vscode.window.showErrorMessage(`${g.name} has only one name (spelling variants of one name cannot be split). To separate records, rename them first.`);
      return false;
    }
    let partKeys: string[];
    if (names) {
      partKeys = names.map(speakerNameKey).filter((k) => g.keys.includes(k));
    } else if (g.keys.length === 2) {
      // Two names: nothing to choose; the one that is not shown goes its own way.
      partKeys = g.keys.filter((k) => k !== speakerNameKey(g.name)).slice(0, 1);
      if (partKeys.length === 0) partKeys = [g.keys[1]];
    } else {
      const picked = await vscode.window.showQuickPick(g.keys.map((key) => ({ label: g.spellingOfKey.get(key) ?? key, key })), {
        canPickMany: true, placeHolder: `Names that are NOT the same person as the rest of ${g.name}`,
      });
      partKeys = (picked ?? []).map((p) => p.key);
    }
    if (partKeys.length === 0 || partKeys.length === g.keys.length) {
      if (names) void vscode.window.showErrorMessage(`Choose some but not all of the names of ${g.name} to split off: ${g.keys.map((k) => g.spellingOfKey.get(k) ?? k).join('، ')}.`);
      return false;
    }
    const state = this.decisionsOrReport(node.folderKey);
    if (!state) return false;
    const spelling = (k: string): string => g.spellingOfKey.get(k) ?? k;
    const next = recordSplit(state, partKeys.map(spelling), g.keys.filter((k) => !partKeys.includes(k)).map(spelling));
    return this.saveDecisions(node.folderKey, next);
  }

  private decisionsOrReport(folderKey: string): SpeakerDecisions | undefined {
    if (folderKey === NO_FOLDER) {
      void vscode.window.showErrorMessage('This article is outside the workspace folders, so there is no .annotator/speakers.yaml to record the decision in. Open its folder (File > Open Folder) and try again.');
      return undefined;
    }
    const state = this.data.decisions(folderKey)!;
    if (!state.ok) {
      const first = state.problems[0];
      void vscode.window.showErrorMessage(`${state.file} has errors (line ${first?.line ?? 1}: ${first?.message ?? 'unreadable'}), so it was not changed. Fix it by hand (or restore it from version control) and try again.`);
      return undefined;
    }
    return state.decisions;
  }

  private async saveDecisions(folderKey: string, decisions: SpeakerDecisions): Promise<boolean> {
    try {
      await this.data.saveDecisions(folderKey, decisions);
      this.refresh();
      return true;
    } catch (err) {
      void vscode.window.showErrorMessage(errorText(err));
      return false;
    }
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function uniqueSpeakers(nodes: readonly SpeakersTreeNode[]): SpeakerNode[] {
  const seen = new Set<string>();
  const out: SpeakerNode[] = [];
  for (const n of nodes) {
    if (n.kind !== 'speaker' || seen.has(`${n.folderKey}\u0000${n.group.id}`)) continue;
    seen.add(`${n.folderKey}\u0000${n.group.id}`);
    out.push(n);
  }
  return out;
}

/** A group's names for a decision: its shown name first, then one spelling per key. */
function namesOf(g: SpeakerGroup): string[] {
  return [g.name, ...g.keys.map((k) => g.spellingOfKey.get(k) ?? k)];
}

/** `2 quotations`, `2 suggested quotations`, or `3 quotations (1 suggested)`. */
function quotationCounts(quotations: readonly QuotationRef[]): string {
  return countWithSuggested(quotations.length, quotations.filter((q) => q.suggested !== undefined).length);
}

function countWithSuggested(total: number, suggested: number): string {
  if (suggested === 0) return plural(total, 'quotation');
  if (suggested === total) return plural(total, 'suggested quotation');
  return `${plural(total, 'quotation')} (${suggested} suggested)`;
}

/** `suggested · 2 quotations` for a speaker the suggester found, else its quotations as quotationCounts says. */
function groupCounts(g: SpeakerGroup): string {
  if (!g.suggested) return countWithSuggested(g.quotationCount, g.suggestedQuotationCount);
  // Quotations of a suggested speaker are suggestions too, as a rule: said once, on the speaker.
  return `suggested · ${g.suggestedQuotationCount === g.quotationCount ? plural(g.quotationCount, 'quotation') : countWithSuggested(g.quotationCount, g.suggestedQuotationCount)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function folderName(folderKey: string): string {
  return folderKey === NO_FOLDER ? 'outside the workspace' : path.basename(vscode.Uri.parse(folderKey).fsPath);
}
