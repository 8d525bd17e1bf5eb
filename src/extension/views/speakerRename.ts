import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { decodeArticle } from '../../core/articleText';
import { parseSidecar, serializeSidecar, sidecarPathFor } from '../../core/sidecar';
import type { SpeakerMember } from '../../core/speakerIndex';
import { speakerNameKey } from '../../core/speakerNames';
import { errorText, type ArticleStore } from '../articleStore';

export interface RenameResult {
  /** Speaker records renamed. */
  renamed: number;
  /** Articles whose sidecar was written. */
  articles: number;
  /** Articles left untouched, with why. */
  failed: Array<{ article: vscode.Uri; reason: string }>;
}

/**
 * Renames speaker records in their sidecars: open articles through the store (memory and file stay
 * one), the others by reading, changing and rewriting the sidecar in its write queue (after any
 * write still due from closing the article). A record is renamed
 * only if it still has the name the view showed (same key): a sidecar changed meanwhile by a
 * teammate is left alone and reported, as is any sidecar that does not load cleanly.
 */
export async function renameSpeakers(store: ArticleStore, labels: readonly string[], members: readonly SpeakerMember[], newName: string): Promise<RenameResult> {
  const byArticle = new Map<string, SpeakerMember[]>();
  for (const m of members) {
    const list = byArticle.get(m.article) ?? [];
    list.push(m);
    byArticle.set(m.article, list);
  }
  const result: RenameResult = { renamed: 0, articles: 0, failed: [] };
  for (const [key, list] of byArticle) {
    const article = vscode.Uri.parse(key);
    const wanted = new Map(list.map((m) => [m.speaker.id, m.key]));
    try {
      const n = await renameIn(store, labels, article, wanted, newName);
      if (n > 0) {
        result.renamed += n;
        result.articles++;
      }
    } catch (err) {
      result.failed.push({ article, reason: errorText(err) });
    }
  }
  return result;
}

/** Renames the records `id → expected key` of one article; throws with the reason when it must not touch it. */
async function renameIn(store: ArticleStore, labels: readonly string[], article: vscode.Uri, wanted: ReadonlyMap<string, string>, newName: string): Promise<number> {
  let count = 0;
  const change = (speakers: Array<{ id: string; name: string }>): void => {
    for (const s of speakers) {
      const key = wanted.get(s.id);
      if (key === undefined) continue;
      if (speakerNameKey(s.name) !== key && !key.startsWith('\u0000')) {
        throw new Error(`speaker ${s.id} is now called "${s.name}" (changed since the view was drawn)`);
      }
      if (s.name !== newName) {
        s.name = newName;
        count++;
      }
    }
  };
  const state = store.get(article);
  if (state?.kind === 'broken') throw new Error('its sidecar has errors (see the Problems panel)');
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === article.toString());
  if (state?.kind === 'loaded' && doc) {
    // Checked before the change, so that a refusal leaves memory and file as they were.
    change(structuredClone(state.annotations.speakers));
    if (count === 0) return 0;
    count = 0;
    if (!(await store.mutate(doc, (annotations) => change(annotations.speakers)))) throw new Error('the store refused the change (see the message about it)');
    return count;
  }
  const sidecarPath = sidecarPathFor(article.fsPath);
  const name = path.basename(article.fsPath);
  const text = decodeArticle(await fs.promises.readFile(article.fsPath));
  // Through the sidecar's own write queue, so that a write still due from closing the article is read, not overwritten.
  await store.editClosedSidecar(article, (yamlText) => {
    if (yamlText === undefined) throw new Error('its sidecar no longer exists');
    const load = parseSidecar(yamlText, text, { sidecarPath, articleFileName: name, labels });
    if (!load.ok) {
      const first = load.problems.find((p) => p.severity === 'error') ?? load.problems[0];
      throw new Error(`its sidecar does not load (line ${first?.line ?? 1}: ${first?.message ?? 'unreadable'})`);
    }
    change(load.annotations.speakers);
    return { content: count > 0 ? serializeSidecar(load.annotations, text, name) : undefined, result: count };
  });
  return count;
}
