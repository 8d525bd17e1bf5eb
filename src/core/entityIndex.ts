// Entities of many articles by label and name, for the entities view. Mentions with the same
// normalised text (spelling variants, diacritics, foreign g: البنتاغون = البنتاجون) are one name.
// Updating an article subtracts its old mentions and adds the new ones; nothing else is touched.
// Mentions that are unconfirmed suggestions (`suggested` set) are counted apart from confirmed ones.
import { normalizeArabic } from './arabicNormalize';
import type { AnchorState } from './model';

export interface IndexedEntity {
  id: string;
  label: string;
  text: string;
  anchor: AnchorState;
  /** Confidence (0..1) of an unconfirmed suggestion; absent once confirmed. */
  suggested?: number;
}

export interface EntityMention {
  readonly article: string;
  readonly entity: IndexedEntity;
}

export interface EntityName {
  /** `label` and key: unique in the index. */
  readonly id: string;
  readonly label: string;
  /** The most used spelling. */
  readonly name: string;
  /** Mentions, confirmed and suggested. */
  readonly count: number;
  /** Mentions that are unconfirmed suggestions (part of count). */
  readonly suggestedCount: number;
  readonly articleCount: number;
  /** Mentions by article, then in document order. */
  mentions(): EntityMention[];
}

interface NameEntry {
  readonly label: string;
  readonly key: string;
  readonly byArticle: Map<string, IndexedEntity[]>;
  readonly spellings: Map<string, number>;
  count: number;
  suggested: number;
}

/** The key under which entity texts are counted as one name. */
export function entityNameKey(text: string): string {
  return normalizeArabic(text, { foldForeignG: true }).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const collator = new Intl.Collator('ar');

export class EntityIndex {
  private readonly articles = new Map<string, IndexedEntity[]>();
  /** label → key → entry. */
  private readonly labels = new Map<string, Map<string, NameEntry>>();
  private readonly sorted = new Map<string, EntityName[]>();

  setArticle(article: string, entities: readonly IndexedEntity[] | undefined): void {
    const old = this.articles.get(article);
    if (old) for (const e of old) this.remove(article, e);
    if (entities && entities.length) {
      const copy = [...entities];
      this.articles.set(article, copy);
      for (const e of copy) this.add(article, e);
    } else {
      this.articles.delete(article);
    }
  }

  clear(): void {
    this.articles.clear();
    this.labels.clear();
    this.sorted.clear();
  }

  /** Labels with at least one mention: label, number of mentions (suggested ones included, and apart), number of distinct names. */
  labelCounts(): Array<{ label: string; count: number; suggested: number; names: number }> {
    const out: Array<{ label: string; count: number; suggested: number; names: number }> = [];
    for (const [label, names] of this.labels) {
      let count = 0, suggested = 0;
      for (const n of names.values()) {
        count += n.count;
        suggested += n.suggested;
      }
      out.push({ label, count, suggested, names: names.size });
    }
    return out;
  }

  /** The names of one label, most confirmed mentions first, then most mentions. */
  names(label: string): readonly EntityName[] {
    let list = this.sorted.get(label);
    if (!list) {
      const confirmed = (n: EntityName): number => n.count - n.suggestedCount;
      list = [...(this.labels.get(label)?.values() ?? [])].map(view)
        .sort((a, b) => confirmed(b) - confirmed(a) || b.count - a.count || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
      this.sorted.set(label, list);
    }
    return list;
  }

  private add(article: string, e: IndexedEntity): void {
    let names = this.labels.get(e.label);
    if (!names) this.labels.set(e.label, (names = new Map()));
    const key = entityNameKey(e.text) || e.text;
    let entry = names.get(key);
    if (!entry) names.set(key, (entry = { label: e.label, key, byArticle: new Map(), spellings: new Map(), count: 0, suggested: 0 }));
    let list = entry.byArticle.get(article);
    if (!list) entry.byArticle.set(article, (list = []));
    list.push(e);
    entry.spellings.set(e.text, (entry.spellings.get(e.text) ?? 0) + 1);
    entry.count++;
    if (e.suggested !== undefined) entry.suggested++;
    this.sorted.delete(e.label);
  }

  private remove(article: string, e: IndexedEntity): void {
    const names = this.labels.get(e.label);
    const key = entityNameKey(e.text) || e.text;
    const entry = names?.get(key);
    const list = entry?.byArticle.get(article);
    if (!names || !entry || !list) return;
    const i = list.indexOf(e);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) entry.byArticle.delete(article);
    const n = (entry.spellings.get(e.text) ?? 1) - 1;
    if (n > 0) entry.spellings.set(e.text, n);
    else entry.spellings.delete(e.text);
    entry.count--;
    if (e.suggested !== undefined) entry.suggested--;
    if (entry.count === 0) names.delete(key);
    if (names.size === 0) this.labels.delete(e.label);
    this.sorted.delete(e.label);
  }
}

function view(entry: NameEntry): EntityName {
  const name = [...entry.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]?.[0] ?? entry.key;
  return {
    id: `${entry.label}\u0000${entry.key}`,
    label: entry.label,
    name,
    count: entry.count,
    suggestedCount: entry.suggested,
    articleCount: entry.byArticle.size,
    mentions: () => [...entry.byArticle]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .flatMap(([article, list]) => list.map((entity) => ({ article, entity }))),
  };
}
