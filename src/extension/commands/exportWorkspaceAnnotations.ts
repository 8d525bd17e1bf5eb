import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/atomicWrite';
import { decodeArticle } from '../../core/articleText';
import { countOf } from '../../core/plural';
import { parseSidecar, serializeSidecar, sidecarPathFor } from '../../core/sidecar';
import { articleGlobs } from '../articleLanguage';
import { errorText } from '../articleStore';
import type { Container } from '../container';

export interface WorkspaceExport {
  targetDir: string;
  written: string[];
  /** Articles without any sidecar yet. */
  notAnnotated: number;
  /** Sidecars that failed to load, left out of the export (their problems are in the Problems panel and the log). */
  failed: string[];
}

/**
 * Copies the annotations of every article in the workspace into one folder, keeping the
 * articles' relative paths: open articles as they are in this window, the others from their
 * sidecars after checking them. Broken sidecars are reported and left out, never "repaired".
 */
export async function exportWorkspaceAnnotations(container: Container, targetDir?: string): Promise<WorkspaceExport | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Open the folder of articles first (File > Open Folder); the export covers the articles of the workspace.');
    return undefined;
  }
  targetDir ??= await vscode.window.showInputBox({
    prompt: 'Folder to export every article\'s annotations into (created if missing)',
    value: path.join(folder.uri.fsPath, 'annotations-export'),
    ignoreFocusOut: true,
  });
  if (!targetDir) return undefined;
  const result: WorkspaceExport = { targetDir, written: [], notAnnotated: 0, failed: [] };
  // Closed articles are exported from disk: this window's pending writes land first.
  await container.store.flushAll();
  const articles = await findArticles();
  for (const article of articles) {
    const rel = path.relative(folder.uri.fsPath, article.fsPath);
    const out = path.join(targetDir, sidecarPathFor(rel));
    try {
      const content = currentSidecar(container, article);
      if (content === undefined) {
        result.notAnnotated++;
        continue;
      }
      if (content === null) {
        result.failed.push(rel);
        continue;
      }
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await writeFileAtomic(out, content);
      result.written.push(out);
    } catch (err) {
      container.log.error(`Export of ${rel} failed: ${errorText(err)}`);
      result.failed.push(rel);
    }
  }
  const failedNote = result.failed.length ? ` ${countOf(result.failed.length, 'article')} could not be exported (broken sidecar or unreadable file: see the Problems panel and the "Arabic News Annotator" output).` : '';
  const message = `Exported the annotations of ${countOf(result.written.length, 'article')} to ${targetDir}; ${countOf(result.notAnnotated, 'article has', 'articles have')} no annotations yet.${failedNote}`;
  if (result.failed.length) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
  return result;
}

async function findArticles(): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const glob of ['**/*.article', ...articleGlobs(folder)]) {
      for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**')) found.set(uri.toString(), uri);
    }
  }
  return [...found.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** The sidecar text of an article as it stands: undefined when it has none, null when its sidecar is broken. */
function currentSidecar(container: Container, article: vscode.Uri): string | undefined | null {
  const state = container.store.get(article);
  const name = path.basename(article.fsPath);
  if (state?.kind === 'broken') return null;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === article.toString());
  if (state?.kind === 'loaded' && doc) return serializeSidecar(state.annotations, doc.getText(), name);
  const sidecarPath = sidecarPathFor(article.fsPath);
  if (!fs.existsSync(sidecarPath)) return undefined;
  // As VS Code and Python read it: UTF-8 without the byte-order mark, line endings kept.
  const text = decodeArticle(fs.readFileSync(article.fsPath));
  const loaded = parseSidecar(fs.readFileSync(sidecarPath, 'utf8'), text, { sidecarPath, articleFileName: name, labels: container.labels.ids });
  if (!loaded.ok) {
    for (const p of loaded.problems) container.log.error(`${p.file}:${p.line}:${p.column}: ${p.message}`);
    return null;
  }
  return serializeSidecar(loaded.annotations, text, name);
}
