import * as vscode from 'vscode';
import type { Container } from '../container';
import { acceptSuggestion, rejectSuggestion } from './acceptSuggestion';
import { changeLabel } from './changeLabel';
import { CommandId } from './commandIds';
import { exportAnnotations } from './exportAnnotations';
import { exportWorkspaceAnnotations } from './exportWorkspaceAnnotations';
import { nextAnnotation, previousAnnotation } from './jumpToAnnotation';
import { keyPress } from './keyPress';
import { markDone } from './markDone';
import { openAsArticle } from './openAsArticle';
import { pickLabel } from './pickLabel';
import { reloadAnnotations } from './reloadAnnotations';
import { removeAnnotation } from './removeAnnotation';
import { resizeAnnotation } from './resizeAnnotation';
import { resolveBrokenSidecar } from './resolveBrokenSidecar';
import { reviewSuggestions } from './reviewSuggestions';
import { setCue } from './setCue';
import { setSpeaker } from './setSpeaker';
import { tagAllOccurrences } from './tagAllOccurrences';
import { tagEntity } from './tagEntity';
import { tagQuotation } from './tagQuotation';
import { toggleTaggingMode } from './toggleTaggingMode';
import { redoAnnotation, undoAnnotation } from './undoAnnotation';

type Handler = (container: Container, ...args: never[]) => unknown;

const handlers: Record<CommandId, Handler> = {
  [CommandId.OpenAsArticle]: openAsArticle,
  [CommandId.ExportAnnotations]: exportAnnotations,
  [CommandId.ExportWorkspaceAnnotations]: exportWorkspaceAnnotations,
  [CommandId.TagEntity]: tagEntity,
  [CommandId.TagQuotation]: tagQuotation,
  [CommandId.PickLabel]: pickLabel,
  [CommandId.RemoveAnnotation]: removeAnnotation,
  [CommandId.ChangeLabel]: changeLabel,
  [CommandId.ResizeAnnotation]: resizeAnnotation,
  [CommandId.NextAnnotation]: nextAnnotation,
  [CommandId.PreviousAnnotation]: previousAnnotation,
  [CommandId.SetSpeaker]: setSpeaker,
  [CommandId.SetCue]: setCue,
  [CommandId.UndoAnnotation]: (container) => undoAnnotation(container),
  [CommandId.RedoAnnotation]: redoAnnotation,
  [CommandId.MarkDone]: markDone,
  [CommandId.ToggleTaggingMode]: toggleTaggingMode,
  [CommandId.KeyPress]: keyPress,
  [CommandId.AcceptSuggestion]: (container, arg) => acceptSuggestion(container, arg),
  [CommandId.RejectSuggestion]: rejectSuggestion,
  [CommandId.ReviewSuggestions]: reviewSuggestions,
  [CommandId.TagAllOccurrences]: tagAllOccurrences,
  [CommandId.ResolveBrokenSidecar]: resolveBrokenSidecar,
  [CommandId.ReloadAnnotations]: reloadAnnotations,
};

export function registerCommands(container: Container): void {
  for (const [id, handler] of Object.entries(handlers)) {
    container.own(vscode.commands.registerCommand(id, (...args: never[]) => handler(container, ...args)));
  }
}
