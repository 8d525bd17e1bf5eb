import * as vscode from 'vscode';

/** One tree item as a view shows it, read through the view's TreeDataProvider. */
export interface ViewItemSnapshot {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  /** The codicon id of a ThemeIcon (`person`, `sparkle`, …); undefined for other icons. */
  icon?: string;
  id?: string;
  command?: vscode.Command;
  collapsible: boolean;
  /** The provider's own element: pass it back to the view's commands. */
  element: unknown;
  /** Present when the walk went this deep and the item has children. */
  children?: ViewItemSnapshot[];
}

/** Walks a tree through its provider, `depth` levels deep (1: the root items only). */
export async function snapshotTree<T>(provider: vscode.TreeDataProvider<T>, depth: number, parent?: T): Promise<ViewItemSnapshot[]> {
  const elements = (await provider.getChildren(parent)) ?? [];
  const out: ViewItemSnapshot[] = [];
  for (const element of elements) {
    const item = await provider.getTreeItem(element);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    const collapsible = item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None;
    const snapshot: ViewItemSnapshot = {
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
      contextValue: item.contextValue,
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
      id: item.id,
      command: item.command,
      collapsible,
      element,
    };
    if (collapsible && depth > 1) snapshot.children = await snapshotTree(provider, depth - 1, element);
    out.push(snapshot);
  }
  return out;
}
