// Entities of many articles by label and name, for the entities view. Mentions with the same
// normalised text (spelling variants, diacritics, foreign g: البنتاغون = البنتاجون) are one name.
// Updating an article subtracts its old mentions and adds the new ones; nothing else is touched.
// Mentions that are unconfirmed suggestions (`suggested` set) are counted apart from confirmed ones.
//
// A workspace holds hundreds of thousands of mentions, so none is kept as an object: each
// (label, text) spelling is interned once (its name key computed once), and an article keeps its
// mentions as packed integers (spelling, id number, anchor and confidence). Mention objects are
// made only when a name is expanded. The sorted name lists are patched, not re-sorted, on change.
import { normalizeArabic } from './arabicNormalize';
import type { AnchorState } from './model';
import { partitionPoint } from './sortedSearch';
import { ownCopy } from './strings';

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
  /** Spelling ids with at least one mention; replaced, not grown (a grown array reserves room for 17). */
  spellings: readonly number[];
  count: number;
  suggested: number;
  articles: number;
  /** Last article pass that counted this entry (articleCount bookkeeping). */
  pass: number;
  /** The snapshot in the label's sorted list, when that list exists. */
  view: EntityName | undefined;
}

interface Spelling {
  readonly label: string;
  readonly text: string;
  readonly entry: NameEntry;
  count: number;
}

/** One article's mentions: MENTION_INTS integers each; ids that are not `e<n>` and odd confidences apart. */
interface ArticleMentions {
  readonly packed: Int32Array;
  readonly ids: readonly string[] | undefined;
  readonly confidences: ReadonlyMap<number, number> | undefined;
}

// Per mention: spelling id; id number (`e12` → 12) or -1-i for ids[i]; flags.
const MENTION_INTS = 3;
// Flags: anchor in bits 0-1; bit 2 set for a suggestion; its confidence in thousandths from bit 3
// (the writer rounds to 3 places), or ODD_CONFIDENCE when the exact value is in `confidences`.
const ANCHORS: readonly AnchorState[] = ['ok', 'edited', 'unanchored'];
const SUGGESTED = 4;
const ODD_CONFIDENCE = 2047;
const ENTITY_ID = /^e([1-9][0-9]{0,8})$/;

/** The key under which entity texts are counted as one name. */
export function entityNameKey(text: string): string {
  return normalizeArabic(text, { foldForeignG: true }).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const collator = new Intl.Collator('ar');

export class EntityIndex {
  private readonly articles = new Map<string, ArticleMentions>();
  /** label → text → spelling id. */
  private readonly spellingIds = new Map<string, Map<string, number>>();
  private readonly spellings: Array<Spelling | undefined> = [];
  private readonly freeSpellings: number[] = [];
  /** label → key → entry. */
  private readonly labels = new Map<string, Map<string, NameEntry>>();
  private readonly totals = new Map<string, { count: number; suggested: number }>();
  /** label → names in view order; built on first use, then patched from `changed`. */
  private readonly sorted = new Map<string, EntityName[]>();
  private readonly changed = new Set<NameEntry>();
  private pass = 0;

  setArticle(article: string, entities: readonly IndexedEntity[] | undefined): void {
    const old = this.articles.get(article);
    if (old) this.count(old, -1);
    if (entities && entities.length) {
      const packed = new Int32Array(entities.length * MENTION_INTS);
      let ids: string[] | undefined;
      let confidences: Map<number, number> | undefined;
      entities.forEach((e, i) => {
        const m = ENTITY_ID.exec(e.id);
        let idNumber: number;
        if (m) {
          idNumber = Number(m[1]);
        } else {
          ids ??= [];
          idNumber = -1 - ids.length;
          ids.push(ownCopy(e.id));
        }
        let flags = ANCHORS.indexOf(e.anchor);
        if (e.suggested !== undefined) {
          const thousandths = Math.round(e.suggested * 1000);
          const exact = thousandths / 1000 === e.suggested && thousandths >= 0 && thousandths <= 1000;
          if (!exact) (confidences ??= new Map()).set(i, e.suggested);
          flags |= SUGGESTED | ((exact ? thousandths : ODD_CONFIDENCE) << 3);
        }
        packed[i * MENTION_INTS] = this.spellingId(e.label, e.text);
        packed[i * MENTION_INTS + 1] = idNumber;
        packed[i * MENTION_INTS + 2] = flags;
      });
      const rec: ArticleMentions = { packed, ids, confidences };
      this.articles.set(article, rec);
      this.count(rec, 1);
    } else {
      this.articles.delete(article);
    }
    if (old) this.releaseSpellings(old);
  }

  clear(): void {
    this.articles.clear();
    this.spellingIds.clear();
    this.spellings.length = 0;
    this.freeSpellings.length = 0;
    this.labels.clear();
    this.totals.clear();
    this.sorted.clear();
    this.changed.clear();
  }

  /** Labels with at least one mention: label, number of mentions (suggested ones included, and apart), number of distinct names. */
  labelCounts(): Array<{ label: string; count: number; suggested: number; names: number }> {
    const out: Array<{ label: string; count: number; suggested: number; names: number }> = [];
    for (const [label, names] of this.labels) {
      const t = this.totals.get(label)!;
      out.push({ label, count: t.count, suggested: t.suggested, names: names.size });
    }
    return out;
  }

  /** The names of one label, most confirmed mentions first, then most mentions. */
  names(label: string): readonly EntityName[] {
    let list = this.sorted.get(label);
    if (!list) {
      list = [...(this.labels.get(label)?.values() ?? [])].map((entry) => (entry.view = this.view(entry))).sort(byRank);
      this.sorted.set(label, list);
      for (const entry of this.changed) if (entry.label === label) this.changed.delete(entry);
      return list;
    }
    for (const entry of this.changed) {
      if (entry.label !== label) continue;
      this.changed.delete(entry);
      if (entry.view) list.splice(lowerBound(list, entry.view), 1);
      entry.view = entry.count > 0 ? this.view(entry) : undefined;
      if (entry.view) list.splice(lowerBound(list, entry.view), 0, entry.view);
    }
    return list;
  }

  // -------------------------------------------------------------------------------------------

  private spellingId(label: string, text: string): number {
    let byText = this.spellingIds.get(label);
    if (!byText) this.spellingIds.set(label, (byText = new Map()));
    let id = byText.get(text);
    if (id === undefined) {
      // Own copies: the caller's strings are often slices that keep a whole sidecar's text alive.
      const own = ownCopy(text);
      // Made from `own` (never a slice of the caller's text); often the text itself, then one string serves both.
      const normalized = entityNameKey(own);
      const key = normalized === '' || normalized === own ? own : normalized;
      let names = this.labels.get(label);
      if (!names) {
        this.labels.set(label, (names = new Map()));
        this.totals.set(label, { count: 0, suggested: 0 });
      }
      let entry = names.get(key);
      if (!entry) names.set(key, (entry = { label: ownCopy(label), key, spellings: [], count: 0, suggested: 0, articles: 0, pass: 0, view: undefined }));
      id = this.freeSpellings.pop() ?? this.spellings.length;
      this.spellings[id] = { label: entry.label, text: own, entry, count: 0 };
      byText.set(own, id);
    }
    return id;
  }

  /** Adds (sign 1) or subtracts (-1) an article's mentions from the counts. */
  private count(rec: ArticleMentions, sign: 1 | -1): void {
    const pass = ++this.pass;
    for (let i = 0; i < rec.packed.length; i += MENTION_INTS) {
      const s = this.spellings[rec.packed[i]]!;
      const entry = s.entry;
      const suggested = rec.packed[i + 2] & SUGGESTED ? 1 : 0;
      s.count += sign;
      if (s.count === 1 && sign === 1) entry.spellings = entry.spellings.concat([rec.packed[i]]);
      else if (s.count === 0) entry.spellings = entry.spellings.filter((id) => id !== rec.packed[i]);
      entry.count += sign;
      entry.suggested += sign * suggested;
      if (entry.pass !== pass) {
        entry.pass = pass;
        entry.articles += sign;
      }
      const t = this.totals.get(entry.label)!;
      t.count += sign;
      t.suggested += sign * suggested;
      // Only a list that exists needs patching; the others are sorted when first asked for.
      if (this.sorted.has(entry.label)) this.changed.add(entry);
    }
  }

  /** Forgets the spellings and names an article's old mentions were the last users of. */
  private releaseSpellings(rec: ArticleMentions): void {
    for (let i = 0; i < rec.packed.length; i += MENTION_INTS) {
      const id = rec.packed[i];
      const s = this.spellings[id];
      if (!s || s.count > 0) continue;
      this.spellings[id] = undefined;
      this.freeSpellings.push(id);
      this.spellingIds.get(s.label)?.delete(s.text);
      const entry = s.entry;
      const names = this.labels.get(entry.label);
      // Several spellings of one name can go at once: the first of them removes the name.
      if (entry.count > 0 || names?.get(entry.key) !== entry) continue;
      names.delete(entry.key);
      if (names.size === 0) {
        this.labels.delete(entry.label);
        this.totals.delete(entry.label);
        this.spellingIds.delete(entry.label);
        this.sorted.delete(entry.label);
      }
    }
  }

  private view(entry: NameEntry): EntityName {
    let name = entry.key, best = -1;
    for (const id of entry.spellings) {
      const s = this.spellings[id]!;
      if (s.count > best || (s.count === best && s.text < name)) {
        name = s.text;
        best = s.count;
      }
    }
    return {
      id: `${entry.label}\u0000${entry.key}`,
      label: entry.label,
      name,
      count: entry.count,
      suggestedCount: entry.suggested,
      articleCount: entry.articles,
      mentions: () => this.mentionsOf(entry),
    };
  }

  /** Every mention of a name, by article then in document order: a scan of the packed mentions. */
  private mentionsOf(entry: NameEntry): EntityMention[] {
    const found: Array<[string, IndexedEntity[]]> = [];
    for (const [article, rec] of this.articles) {
      let list: IndexedEntity[] | undefined;
      for (let i = 0; i < rec.packed.length; i += MENTION_INTS) {
        const s = this.spellings[rec.packed[i]]!;
        if (s.entry !== entry) continue;
        if (!list) found.push([article, (list = [])]);
        list.push(this.entity(rec, i / MENTION_INTS, s));
      }
    }
    found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return found.flatMap(([article, list]) => list.map((entity) => ({ article, entity })));
  }

  private entity(rec: ArticleMentions, k: number, s: Spelling): IndexedEntity {
    const idNumber = rec.packed[k * MENTION_INTS + 1], flags = rec.packed[k * MENTION_INTS + 2];
    const e: IndexedEntity = { id: idNumber >= 0 ? `e${idNumber}` : rec.ids![-1 - idNumber], label: s.label, text: s.text, anchor: ANCHORS[flags & 3] };
    if (flags & SUGGESTED) {
      const thousandths = flags >> 3;
      e.suggested = thousandths === ODD_CONFIDENCE ? rec.confidences!.get(k)! : thousandths / 1000;
    }
    return e;
  }
}

function byRank(a: EntityName, b: EntityName): number {
  const confirmed = (n: EntityName): number => n.count - n.suggestedCount;
  return confirmed(b) - confirmed(a) || b.count - a.count || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function lowerBound(list: readonly EntityName[], v: EntityName): number {
  return partitionPoint(list, (x) => byRank(x, v) < 0);
}
