import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { decodeArticle } from '../../core/articleText';
import { ID_PREFIX, nextId, type AnnotationSet } from '../../core/model';
import { findOccurrences } from '../../core/occurrences';
import { countOf } from '../../core/plural';
import { parseSidecar, serializeSidecar, sidecarPathFor } from '../../core/sidecar';
import { articleGlobs } from '../articleLanguage';
import type { Container } from '../container';
import { annotationTarget } from './annotationTarget';

export interface OccurrencesResult {
  /** Entities added in this article (confirmed). */
  article: number;
  /** Suggestions added in other articles of the workspace, and the files touched. */
  workspace: number;
  files: string[];
  /** Sidecars left alone because they do not load. */
  skipped: string[];
}

/** Adds entities (or suggestions) at every occurrence of `name` not yet covered by an entity. */
function addOccurrences(set: AnnotationSet, text: string, name: string, label: string, suggested: number | undefined): number {
  let added = 0;
  for (const span of findOccurrences(text, name)) {
    if (set.entities.some((e) => e.start < span.end && span.start < e.end && e.anchor !== 'unanchored')) continue;
    set.entities.push({ id: nextId(ID_PREFIX.entity, set.entities), label, ...span, text: text.slice(span.start, span.end), anchor: 'ok', ...(suggested === undefined ? {} : { suggested }), extra: {} });
    added++;
  }
  return added;
}

/**
 * Tags every occurrence of the entity at the caret, in any spelling variant and behind proclitics:
 * in this article as confirmed entities; with `{ workspace: true }` also in the other articles of
 * the workspace, as suggestions for the team to review there (A accepts, X rejects).
 */
export async function tagAllOccurrences(container: Container, arg: { workspace?: boolean } = {}): Promise<OccurrencesResult | undefined> {
  const target = annotationTarget(container);
  if (!target) return undefined;
  if (target.ref.kind !== 'entity') {
    void vscode.window.showInformationMessage('Put the caret on an entity to tag all its occurrences.');
    return undefined;
  }
  const { label, text: name } = target.ref.annotation;
  const result: OccurrencesResult = { article: 0, workspace: 0, files: [], skipped: [] };
  const doc = target.editor.document;
  await container.store.mutate(doc, (set, text) => {
    result.article = addOccurrences(set, text, name, label, undefined);
  });
  if (arg.workspace) {
    // Sidecars of other articles are read from disk: this window's pending writes land first.
    await container.store.flushAll();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uris = new Map<string, vscode.Uri>();
      for (const glob of ['**/*.article', ...articleGlobs(folder)]) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**')) uris.set(uri.fsPath, uri);
      }
      for (const uri of uris.values()) {
        if (uri.fsPath === doc.uri.fsPath) continue;
        const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath && container.store.get(d.uri)?.kind === 'loaded');
        if (open) {
          let n = 0;
          await container.store.mutate(open, (set, text) => { n = addOccurrences(set, text, name, label, 1); });
          if (n) { result.workspace += n; result.files.push(uri.fsPath); }
          continue;
        }
        const text = decodeArticle(fs.readFileSync(uri.fsPath));
        if (findOccurrences(text, name).length === 0) continue;
        const sidecarPath = sidecarPathFor(uri.fsPath);
        // Through the sidecar's own write queue, so that a write still due from closing the article is read, not overwritten.
        const n = await container.store.editClosedSidecar(uri, (yamlText) => {
          let set: AnnotationSet = { status: 'not-started', entities: [], quotations: [], speakers: [], rejected: [], extra: {} };
          if (yamlText !== undefined) {
            const loaded = parseSidecar(yamlText, text, { sidecarPath, articleFileName: path.basename(uri.fsPath), labels: container.labels.ids });
            if (!loaded.ok) return { content: undefined, result: undefined };
            set = loaded.annotations;
          }
          const added = addOccurrences(set, text, name, label, 1);
          return { content: added ? serializeSidecar(set, text, path.basename(uri.fsPath)) : undefined, result: added };
        });
        if (n === undefined) { result.skipped.push(sidecarPath); continue; }
        if (!n) continue;
        result.workspace += n;
        result.files.push(uri.fsPath);
      }
    }
  }
  const skipped = result.skipped.length ? ` ${countOf(result.skipped.length, 'sidecar that does not load was', 'sidecars that do not load were')} left alone (see "Resolve Broken Sidecar…").` : '';
  void vscode.window.showInformationMessage(`Tagged ${countOf(result.article, 'more occurrence', 'more occurrences')} of "${name}" here${arg.workspace ? ` and suggested ${result.workspace} in ${countOf(result.files.length, 'other article')}` : ''}.${skipped}`);
  return result;
}
