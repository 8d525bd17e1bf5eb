import * as vscode from 'vscode';
import type { Container } from '../container';
import { CommandId } from './commandIds';
import { exportAnnotations } from './exportAnnotations';
import { exportWorkspaceAnnotations } from './exportWorkspaceAnnotations';
import { openAsArticle } from './openAsArticle';
import { reloadAnnotations } from './reloadAnnotations';
import { resolveBrokenSidecar } from './resolveBrokenSidecar';
import { tagEntity } from './tagEntity';
import { tagQuotation } from './tagQuotation';

type Handler = (container: Container, ...args: never[]) => unknown;

const handlers: Record<CommandId, Handler> = {
  [CommandId.OpenAsArticle]: openAsArticle,
  [CommandId.ExportAnnotations]: exportAnnotations,
  [CommandId.ExportWorkspaceAnnotations]: exportWorkspaceAnnotations,
  [CommandId.TagEntity]: tagEntity,
  [CommandId.TagQuotation]: tagQuotation,
  [CommandId.ResolveBrokenSidecar]: resolveBrokenSidecar,
  [CommandId.ReloadAnnotations]: reloadAnnotations,
};

export function registerCommands(container: Container): void {
  for (const [id, handler] of Object.entries(handlers)) {
    container.own(vscode.commands.registerCommand(id, (...args: never[]) => handler(container, ...args)));
  }
}
