import * as vscode from 'vscode';
import type { Container } from '../container';
import { acceptSuggestion, rejectSuggestion } from './acceptSuggestion';
import { changeLabel } from './changeLabel';
import { markDone } from './markDone';
import { reviewSuggestions } from './reviewSuggestions';
import { setCue } from './setCue';
import { setSpeaker } from './setSpeaker';
import { tagAllOccurrences } from './tagAllOccurrences';
import { tagEntity } from './tagEntity';
import { tagQuotation } from './tagQuotation';
import { redoAnnotation, undoAnnotation } from './undoAnnotation';

export interface KeyArg {
  key: string;
  shift?: boolean;
}

/**
 * One key in tagging mode. Label keys come from the team's label table, so package.json binds
 * every letter and digit to this command and the table decides what each one does.
 */
export async function keyPress(container: Container, arg: KeyArg): Promise<unknown> {
  const key = arg?.key?.toLowerCase();
  if (!key) return undefined;
  const label = container.labels.byKey(key);
  if (label) return tagEntity(container, label.id, { wholeToken: arg.shift });
  if (key === container.labels.table.quotationKey) return tagQuotation(container);
  switch (key) {
    case 'escape': return container.taggingMode.hoverClosed(); // the Esc that closed a hover (package.json)
    case 'u': return arg.shift ? redoAnnotation(container) : undoAnnotation(container);
    case 's': return setSpeaker(container);
    case 'v': return setCue(container);
    case 'c': return changeLabel(container);
    case 'd': return markDone(container);
    case 'g': return tagAllOccurrences(container, { workspace: arg.shift });
    case 'a': return arg.shift ? reviewSuggestions(container, { verdict: 'accept' }) : acceptSuggestion(container);
    case 'x': return arg.shift ? reviewSuggestions(container, { verdict: 'reject' }) : rejectSuggestion(container);
  }
  const keys = container.labels.table.labels.map((l) => `${l.key.toUpperCase()} ${l.id}`).join(', ');
  void vscode.window.setStatusBarMessage(`Key ${key.toUpperCase()} does nothing in tagging mode. Labels: ${keys}; ${container.labels.table.quotationKey.toUpperCase()} quotation; Esc leaves tagging mode.`, 5000);
  return undefined;
}
