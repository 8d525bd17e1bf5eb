import * as path from 'node:path';
import * as vscode from 'vscode';
import { EntityIndex, type EntityMention, type EntityName } from '../../core/entityIndex';
import { nameMatchesFilter } from '../../core/speakerNames';
import type { Container } from '../container';
import { revealAnnotation } from './revealAnnotation';
import { snapshotTree, type ViewItemSnapshot } from './treeSnapshot';
import { ltrDescription, ViewControls, type CurrentArticle, type ViewScope } from './viewControls';
import type { WorkspaceAnnotations } from './workspaceAnnotations';

export const ENTITIES_VIEW = 'arabicNewsAnnotator.entities';

/** The entities view's commands; package.json lists the same ids. */
export const EntitiesCommand = {
  Refresh: 'arabicNewsAnnotator.entities.refresh',
  ShowWorkspace: 'arabicNewsAnnotator.entities.showWorkspace',
  ShowArticle: 'arabicNewsAnnotator.entities.showArticle',
  Filter: 'arabicNewsAnnotator.entities.filter',
  ClearFilter: 'arabicNewsAnnotator.entities.clearFilter',
  RevealEntity: 'arabicNewsAnnotator.entities.revealEntity',
} as const;

const CONTEXT_PREFIX = 'arabicNewsAnnotator.entities';

export type EntitiesTreeNode =
  | { readonly kind: 'label'; readonly scope: ViewScope; readonly label: string; readonly names: readonly EntityName[] }
  | { readonly kind: 'name'; readonly scope: ViewScope; readonly name: EntityName }
  | { readonly kind: 'mention'; readonly scope: ViewScope; readonly parent: string; readonly mention: EntityMention; readonly line: number | undefined };

/**
 * Entities by label, then by name (spelling variants counted together), then each mention. Owns
 * its commands: scope, filter, refresh, reveal.
 */
export class EntitiesView implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EntitiesTreeNode | undefined>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  readonly controls: ViewControls;
  readonly provider: vscode.TreeDataProvider<EntitiesTreeNode>;
  private readonly view: vscode.TreeView<EntitiesTreeNode>;

  constructor(private readonly container: Container, private readonly data: WorkspaceAnnotations, private readonly current: CurrentArticle) {
    this.controls = new ViewControls(CONTEXT_PREFIX, {
      showWorkspace: EntitiesCommand.ShowWorkspace, showArticle: EntitiesCommand.ShowArticle, filter: EntitiesCommand.Filter, clearFilter: EntitiesCommand.ClearFilter,
    }, {
      title: 'Filter Entities',
      prompt: 'Show the entities whose text contains this, in any spelling (البنتاغون also finds البنتاجون). Empty shows all.',
    }, () => this.refresh());
    this.provider = {
      onDidChangeTreeData: this.changed.event,
      getTreeItem: (node) => this.treeItem(node),
      getChildren: (node) => this.children(node),
    };
    this.view = vscode.window.createTreeView(ENTITIES_VIEW, { treeDataProvider: this.provider, showCollapseAll: true });
    const command = (id: string, run: (...args: never[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, run);
    this.subscriptions.push(
      this.view,
      this.controls,
      data.onDidChange(() => { if (this.controls.scope === 'workspace') this.refresh(); }),
      container.store.onDidChange((uri) => { if (this.controls.scope === 'article' && uri.toString() === current.uri?.toString()) this.refresh(); }),
      current.onDidChange(() => this.refresh()),
      container.labels.onDidChange(() => this.refresh()),
      command(EntitiesCommand.Refresh, async () => { if (this.controls.scope === 'workspace') await data.reload(); this.refresh(); }),
      command(EntitiesCommand.RevealEntity, (article: string | vscode.Uri, id: string) => revealAnnotation(container.store, typeof article === 'string' ? vscode.Uri.parse(article) : article, 'entity', id)),
    );
    this.refresh();
  }

  /** The tree as the view shows it, `depth` levels deep, after pending workspace reads (tests, tools). */
  async snapshot(depth = 3): Promise<ViewItemSnapshot[]> {
    if (this.controls.scope === 'workspace') await this.data.ready();
    return snapshotTree(this.provider, depth);
  }

  private refresh(): void {
    this.view.description = this.controls.description(this.current.uri);
    this.changed.fire(undefined);
  }

  private async index(): Promise<EntityIndex | undefined> {
    if (this.controls.scope === 'workspace') {
      await this.data.ready();
      return this.data.entities;
    }
    const uri = this.current.uri;
    const record = uri && this.data.openRecord(uri);
    if (!uri || !record || record === 'broken') return undefined;
    const index = new EntityIndex();
    index.setArticle(uri.toString(), record.entities);
    return index;
  }

  private async children(node?: EntitiesTreeNode): Promise<EntitiesTreeNode[]> {
    const scope = this.controls.scope;
    if (!node) {
      const index = await this.index();
      if (!index) return [];
      const order = this.container.labels.ids;
      return index.labelCounts()
        .sort((a, b) => rank(order, a.label) - rank(order, b.label) || (a.label < b.label ? -1 : 1))
        .map(({ label }) => ({ kind: 'label' as const, scope, label, names: index.names(label).filter((n) => this.matches(n)) }))
        .filter((n) => n.names.length > 0);
    }
    if (node.kind === 'label') return node.names.map((name) => ({ kind: 'name', scope: node.scope, name }));
    if (node.kind === 'name') {
      const parent = `name:${node.scope}:${node.name.id}`;
      const doc = node.scope === 'article' ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.current.uri?.toString()) : undefined;
      const state = doc ? this.container.store.get(doc.uri) : undefined;
      return node.name.mentions().map((mention) => {
        // In article scope the line helps tell mentions apart; the store has the current offsets.
        const live = state?.kind === 'loaded' ? state.annotations.entities.find((e) => e.id === mention.entity.id) : undefined;
        return { kind: 'mention', scope: node.scope, parent, mention, line: doc && live ? doc.positionAt(live.start).line + 1 : undefined };
      });
    }
    return [];
  }

  private matches(name: EntityName): boolean {
    return this.controls.filter === '' || nameMatchesFilter(name.name, this.controls.filter);
  }

  private treeItem(node: EntitiesTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'label': {
        const count = node.names.reduce((n, x) => n + x.count, 0);
        const suggested = node.names.reduce((n, x) => n + x.suggestedCount, 0);
        const item = new vscode.TreeItem(this.container.labels.byId(node.label)?.name ?? node.label, vscode.TreeItemCollapsibleState.Expanded);
        // Confirmed mentions, then the suggestions not confirmed yet: `PER · 12 mentions · 5 suggested · 4 names`.
        const confirmed = count - suggested;
        const mentions = suggested === 0 ? plural(count, 'mention') : confirmed === 0 ? `${suggested} suggested` : `${plural(confirmed, 'mention')} · ${suggested} suggested`;
        item.description = ltrDescription(`${node.label} · ${mentions} · ${plural(node.names.length, 'name')}`);
        if (suggested) item.tooltip = `${plural(confirmed, 'confirmed mention')} and ${plural(suggested, 'suggestion')} not confirmed yet`;
        item.iconPath = new vscode.ThemeIcon('tag');
        item.id = `label:${node.scope}:${node.label}`;
        item.contextValue = 'label';
        return item;
      }
      case 'name': {
        const n = node.name;
        const item = new vscode.TreeItem(n.name, vscode.TreeItemCollapsibleState.Collapsed);
        const counts = confirmedAndSuggested(n.count, n.suggestedCount);
        item.description = ltrDescription(node.scope === 'workspace' ? `${counts} · ${plural(n.articleCount, 'article')}` : counts);
        if (n.suggestedCount) item.tooltip = `${plural(n.count - n.suggestedCount, 'confirmed mention')} and ${plural(n.suggestedCount, 'suggestion')} not confirmed yet`;
        // A name only the suggester found looks like a suggestion; one confirmed mention makes it a name.
        item.iconPath = new vscode.ThemeIcon(n.suggestedCount === n.count ? 'sparkle' : 'symbol-text');
        item.id = `name:${node.scope}:${n.id}`;
        item.contextValue = 'entityName';
        return item;
      }
      case 'mention': {
        const { article, entity } = node.mention;
        const uri = vscode.Uri.parse(article);
        const item = new vscode.TreeItem(entity.text, vscode.TreeItemCollapsibleState.None);
        const where = node.scope === 'workspace' ? path.basename(uri.fsPath) : node.line !== undefined ? `line ${node.line}` : '';
        const flag = entity.anchor === 'edited' ? 'needs review' : entity.anchor === 'unanchored' ? 'not found in the text' : '';
        const confidence = entity.suggested;
        item.description = ltrDescription([where, confidence === undefined ? '' : 'suggested', flag].filter(Boolean).join(' · '));
        item.tooltip = `${vscode.workspace.asRelativePath(uri)} — ${entity.id}${confidence === undefined ? '' : ` — suggested (confidence ${Math.round(confidence * 100)}%), not confirmed yet`}`;
        item.iconPath = new vscode.ThemeIcon(confidence === undefined ? 'symbol-field' : 'lightbulb');
        item.id = `${node.parent}/${article}#${entity.id}`;
        item.contextValue = confidence === undefined ? 'mention' : 'mention.suggested';
        item.command = { command: EntitiesCommand.RevealEntity, title: 'Show Entity', arguments: [article, entity.id] };
        return item;
      }
    }
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

function rank(order: readonly string[], label: string): number {
  const i = order.indexOf(label);
  return i < 0 ? order.length : i;
}

/** Confirmed mentions, then suggested ones: `12`, `12 · 5 suggested`, or `5 suggested` when none is confirmed. */
function confirmedAndSuggested(count: number, suggested: number): string {
  if (suggested === 0) return String(count);
  return count > suggested ? `${count - suggested} · ${suggested} suggested` : `${suggested} suggested`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
