import * as path from 'node:path';
import * as vscode from 'vscode';
import { countOf } from '../../core/plural';
import type { Container } from '../container';
import { activeLoadedArticle } from './activeArticle';

/** Writes the current article's sidecar now (it is also written after every change) and says where. */
export async function exportAnnotations(container: Container): Promise<string | undefined> {
  const active = activeLoadedArticle(container);
  if (!active) return undefined;
  const { editor, state } = active;
  // Export always leaves a file, even for an article with no annotations yet.
  if (!(await container.store.save(state, editor.document, true))) return undefined;
  const { entities, quotations, speakers } = state.annotations;
  void vscode.window.showInformationMessage(`Exported ${countOf(entities.length, 'entity', 'entities')}, ${countOf(quotations.length, 'quotation')} and ${countOf(speakers.length, 'speaker')} to ${path.basename(state.sidecarPath)}.`);
  return state.sidecarPath;
}
