// Speakers merged across articles. Every sidecar has its own speaker records (s1, s2, ...); this
// index groups the records that name the same person, by these rules (docs/speakers.md):
//
//  1. Same key: names whose keys are equal (speakerNames.ts: spelling variants, diacritics,
//     tatweel, foreign g, titles) are one speaker: جون كيري = جون كيرى, شويغو = شويجو.
//  2. Aliases: a record's unambiguous names (its name and aliases) are one group. An ambiguous
//     name (speakerNames.ts: one word, or a family name after بن: محمد، الشيخ، الكلباني، بن سلمان)
//     is shared by different people across articles, so it joins nothing by itself: through
//     الشيخ, every sheikh quoted in the corpus became one speaker.
//  3. Ambiguous and short names: a name that is ambiguous and an alias of unambiguous names, or
//     the tail of fuller names (كيري of جون كيري), joins their group when exactly one group is a
//     candidate; with two (جورج بوش, جيب بوش) it stays on its own. Decided on the groups of rules
//     1-2 (and manual merges), for all names at once, so the result never depends on the order
//     of articles.
//  4. The team's decisions (speakerDecisions.ts) win: merged names are one group whatever the
//     rules say; split names are never joined by rules 2-3 (a merge wins over a split).
//
// Suggested records (found by the offline suggester, not confirmed: `suggested` set) group like
// any other; a group is a suggestion only while every one of its records is.
//
// Incremental, in two levels. The base classes are the groups of rules 1, 2 and 4 (merges): they
// depend only on the component of unambiguous alias links and merge links a key lies in, which is
// small. Rule 3 then plans, for each ambiguous or short name, the full name it joins (or none), from
// the base classes of its candidates; the groups are the base classes joined by the planned unions.
// An update that changes an article's names or aliases recomputes the base classes of their alias
// and merge components, re-plans those keys, their tails and their ambiguous aliases, and regroups
// only the groups these touch, closed under planned unions (not the whole component of short-name
// links, which in a news corpus joins thousands of names through one common word). Groups that come out with the
// same keys and untouched records are kept as they are. An update that keeps the names
// (quotations, status, suggestions accepted) regroups nothing: it only recounts the groups of the
// article's names. The sorted list of groups is patched, never re-sorted.
//
// Quotation texts are not kept (a workspace holds tens of thousands): a member lists its
// quotations' ids and flags, and the views read the texts from the article when they show them.
import type { AnchorState, ArticleStatus } from './model';
import { emptySpeakerDecisions, normalizeSpeakerDecisions, type SpeakerDecisions } from './speakerDecisions';
import { isAmbiguousKey, keyWordCount, shortKeysOf, speakerNameKey } from './speakerNames';
import { partitionPoint } from './sortedSearch';
import { ownCopy } from './strings';

export interface IndexedSpeaker {
  id: string;
  name: string;
  aliases: readonly string[];
  /** Confidence (0..1) of an unconfirmed suggestion; absent once confirmed. */
  suggested?: number;
}

/** A quotation as the index keeps it: without its text, which the views read from the article. */
export interface QuotationRef {
  readonly id: string;
  readonly anchor: AnchorState;
  /** Confidence (0..1) of an unconfirmed suggestion; absent once confirmed. */
  readonly suggested?: number;
}

/** A quotation as the index is given it: its text is not needed. */
export interface SpeakerQuotation extends QuotationRef {
  readonly speaker: string | null;
}

export interface IndexedQuotation extends SpeakerQuotation {
  readonly text: string;
}

/** What the index needs of one article. */
export interface ArticleSpeakers {
  status: ArticleStatus;
  speakers: readonly IndexedSpeaker[];
  quotations: readonly SpeakerQuotation[];
}

/** One speaker record of one article, with its quotations in document order. */
export interface SpeakerMember {
  readonly article: string;
  readonly speaker: IndexedSpeaker;
  readonly key: string;
  readonly quotations: readonly QuotationRef[];
}

export interface SpeakerGroup {
  /** `g:` and the group's smallest key: stable while the group keeps that name. */
  readonly id: string;
  /** The name shown: a merge decision's first name, else the most used full spelling. */
  readonly name: string;
  /** Distinct name keys in the group, sorted. */
  readonly keys: readonly string[];
  /** Names and aliases as written, most used first. */
  readonly spellings: readonly string[];
  /** Per key, its most used spelling (what a decision records for that key). */
  readonly spellingOfKey: ReadonlyMap<string, string>;
  /** Speaker records, by article then id. */
  readonly members: readonly SpeakerMember[];
  readonly quotationCount: number;
  /** Quotations that are unconfirmed suggestions (part of quotationCount). */
  readonly suggestedQuotationCount: number;
  /** Every record of the group is an unconfirmed suggestion; one confirmed record makes the group confirmed. */
  readonly suggested: boolean;
  readonly articleCount: number;
}

interface SpeakerRec extends SpeakerMember {
  readonly aliasKeys: readonly string[];
  quotations: QuotationRef[];
}

interface ArticleRec {
  status: ArticleStatus;
  speakers: SpeakerRec[];
  unattributed: QuotationRef[];
}

interface KeyNode {
  readonly key: string;
  readonly named: Set<SpeakerRec>;
  /** Aliases with this key. */
  aliasRefs: number;
  /** Alias links: other key → number of records linking the two. */
  readonly links: Map<string, number>;
  /** The key's short forms (rule 3), whether or not they exist. */
  readonly tails: readonly string[];
  /** The key's group; one without records (aliases only) is not listed, but kept for regrouping. */
  group: Group | undefined;
}

interface Group extends SpeakerGroup {
  readonly keys: string[];
}

const collator = new Intl.Collator('ar');
// One collator: localeCompare with options builds a new one on every call, which made sorting a
// large group's records take tens of milliseconds.
const numericIds = new Intl.Collator('en', { numeric: true });

export class SpeakerIndex {
  private readonly articles = new Map<string, ArticleRec>();
  private readonly nodes = new Map<string, KeyNode>();
  /** Short key → existing full keys it is the tail of (rule 3 candidates), whether or not the short key exists. */
  private readonly tails = new Map<string, Set<string>>();
  private readonly groupsById = new Map<string, Group>();
  private decisions: SpeakerDecisions = emptySpeakerDecisions();
  private mergeKeys: string[][] = [];
  private mergeNames: string[][] = [];
  private readonly mergeAdj = new Map<string, Set<string>>();
  private readonly splitAdj = new Map<string, Set<string>>();

  /** Key → its base class (rules 1, 2, 4), the same array for every key of the class. */
  private readonly baseOf = new Map<string, readonly string[]>();
  /** Short key → the full key it joins by rule 3, and the reverse. */
  private readonly planned = new Map<string, string>();
  private readonly plannedBy = new Map<string, Set<string>>();

  private batching = 0;
  /** Keys whose links changed: their base classes are recomputed at the next flush. */
  private pendingDirty = new Set<string>();
  /** Keys that no longer exist, and the keys of the groups they were in. */
  private pendingDeleted = new Set<string>();
  private pendingOldGroups = new Set<string>();
  /** Keys whose records changed: their groups are rebuilt, even where the grouping stays. */
  private pendingTouched = new Set<string>();
  private rebuildAll = false;
  /** Groups that lost a key which no longer exists; dropped at the next regrouping. */
  private staleGroups = new Set<string>();
  private sorted: Group[] | undefined;

  /** Sets (or with undefined, removes) one article's speakers and quotations. */
  setArticle(article: string, data: ArticleSpeakers | undefined): void {
    const old = this.articles.get(article);
    const recs = data ? this.records(article, data) : undefined;
    // A cold load regroups everything once at the end: nothing to track.
    if (!this.rebuildAll) {
      for (const rec of [...(old?.speakers ?? []), ...(recs?.speakers ?? [])]) addKeys(this.pendingTouched, rec);
      // Only records whose name or aliases changed change the graph: one with the same links before
      // and after (as many times) leaves every component as it was.
      const before = linkCounts(old), after = linkCounts(recs);
      for (const rec of [...(old?.speakers ?? []), ...(recs?.speakers ?? [])]) {
        const link = linkSignature(rec);
        if (before.get(link) !== after.get(link)) addKeys(this.pendingDirty, rec);
      }
    }
    // New records first: a key named before and after keeps its node (and its group).
    if (recs) {
      this.articles.set(article, recs);
      for (const s of recs.speakers) this.addRec(s);
    } else {
      this.articles.delete(article);
    }
    if (old) for (const s of old.speakers) this.removeRec(s);
    if (this.batching === 0) this.flush();
  }

  /** Runs `fn` (many setArticle calls) and regroups once at the end; a cold load into an empty index regroups everything once. */
  batch(fn: () => void): void {
    if (this.batching === 0 && this.articles.size === 0) this.rebuildAll = true;
    this.batching++;
    try {
      fn();
    } finally {
      this.batching--;
      if (this.batching === 0) this.flush();
    }
  }

  /** Replaces the team's decisions; regroups the components that hold a name of the old or new decisions. */
  setDecisions(decisions: SpeakerDecisions): void {
    const next = normalizeSpeakerDecisions(decisions);
    // Every edge that changes joins two of these keys and no key disappears, so their components
    // after the change cover those before it (unlike setArticle, which can delete a key).
    const touched = new Set([...decisionKeys(this.decisions), ...decisionKeys(next)]);
    this.decisions = next;
    this.mergeNames = next.merge;
    this.mergeKeys = next.merge.map((names) => names.map(speakerNameKey));
    this.mergeAdj.clear();
    this.splitAdj.clear();
    const link = (adj: Map<string, Set<string>>, a: string, b: string): void => {
      if (a === b) return;
      let s = adj.get(a);
      if (!s) adj.set(a, (s = new Set()));
      s.add(b);
    };
    for (const keys of this.mergeKeys) for (const a of keys) for (const b of keys) link(this.mergeAdj, a, b);
    for (const [a, b] of next.split.map((pair) => pair.map(speakerNameKey))) {
      link(this.splitAdj, a, b);
      link(this.splitAdj, b, a);
    }
    for (const k of touched) {
      this.pendingDirty.add(k);
      // A merge's first name is the name shown, even where the grouping stays.
      this.pendingTouched.add(k);
    }
    if (this.batching === 0) this.flush();
  }

  getDecisions(): SpeakerDecisions {
    return this.decisions;
  }

  /** Every group with at least one speaker record, sorted by name. */
  groups(): readonly SpeakerGroup[] {
    this.sorted ??= [...this.groupsById.values()].sort(byName);
    return this.sorted;
  }

  group(id: string): SpeakerGroup | undefined {
    return this.groupsById.get(id);
  }

  /** The group of one article's speaker record. */
  groupOf(article: string, speakerId: string): SpeakerGroup | undefined {
    const rec = this.articles.get(article)?.speakers.find((s) => s.speaker.id === speakerId);
    return rec ? this.nodes.get(rec.key)?.group : undefined;
  }

  /** Quotations without a speaker (or with an id that names no speaker), per article. */
  unattributed(): Array<{ article: string; quotations: readonly QuotationRef[] }> {
    const out: Array<{ article: string; quotations: readonly QuotationRef[] }> = [];
    for (const [article, rec] of this.articles) if (rec.unattributed.length) out.push({ article, quotations: rec.unattributed });
    return out.sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : 0));
  }

  articleKeys(): IterableIterator<string> {
    return this.articles.keys();
  }

  status(article: string): ArticleStatus | undefined {
    return this.articles.get(article)?.status;
  }

  get size(): { articles: number; keys: number; groups: number } {
    return { articles: this.articles.size, keys: this.nodes.size, groups: this.groupsById.size };
  }

  // -------------------------------------------------------------------------------------------
  // Records and the key graph

  private records(article: string, data: ArticleSpeakers): ArticleRec {
    const byId = new Map<string, SpeakerRec>();
    const speakers = data.speakers.map((given) => {
      // Own copies of what is kept: the caller's strings are often slices of a whole sidecar's text.
      const speaker: IndexedSpeaker = { id: ownCopy(given.id), name: ownCopy(given.name), aliases: given.aliases.map(ownCopy), ...suggestedOf(given.suggested) };
      const nameKey = speakerNameKey(speaker.name);
      // A name without letters never matches anything: a key of its own.
      const key = nameKey === '' ? `\u0000${article}\u0000${speaker.id}` : nameKey;
      const aliasKeys = [...new Set(speaker.aliases.map(speakerNameKey))].filter((k) => k !== '' && k !== key).slice();
      const rec: SpeakerRec = { article, speaker, key, aliasKeys, quotations: [] };
      if (!byId.has(speaker.id)) byId.set(speaker.id, rec);
      return rec;
    });
    let unattributed: QuotationRef[] = [];
    for (const q of data.quotations) {
      const rec = q.speaker === null ? undefined : byId.get(q.speaker);
      const ref: QuotationRef = { id: ownCopy(q.id), anchor: q.anchor, ...suggestedOf(q.suggested) };
      if (rec) rec.quotations.push(ref);
      else unattributed.push(ref);
    }
    // Kept for long: trimmed to size (a grown array reserves room for 17).
    for (const rec of speakers) rec.quotations = rec.quotations.slice();
    unattributed = unattributed.slice();
    return { status: data.status, speakers, unattributed };
  }

  private node(key: string): KeyNode {
    let n = this.nodes.get(key);
    if (!n) {
      n = { key, named: new Set(), aliasRefs: 0, links: new Map(), tails: tailsOf(key).slice(), group: undefined };
      this.nodes.set(key, n);
      for (const tail of n.tails) {
        let s = this.tails.get(tail);
        if (!s) this.tails.set(tail, (s = new Set()));
        s.add(key);
      }
    }
    return n;
  }

  private dropIfUnused(n: KeyNode): void {
    if (n.named.size > 0 || n.aliasRefs > 0) return;
    if (n.group) {
      this.staleGroups.add(n.group.id);
      for (const k of n.group.keys) this.pendingOldGroups.add(k);
    }
    // Its base class loses it, whatever linked them (a merge decision links keys no record changed).
    for (const k of this.baseOf.get(n.key) ?? []) this.pendingDirty.add(k);
    this.pendingDeleted.add(n.key);
    this.nodes.delete(n.key);
    for (const tail of n.tails) {
      const s = this.tails.get(tail);
      s?.delete(n.key);
      if (s?.size === 0) this.tails.delete(tail);
    }
  }

  private addRec(rec: SpeakerRec): void {
    this.node(rec.key).named.add(rec);
    for (const k of rec.aliasKeys) this.node(k).aliasRefs++;
    for (const [a, b] of linkPairs(rec)) {
      const na = this.nodes.get(a)!, nb = this.nodes.get(b)!;
      na.links.set(b, (na.links.get(b) ?? 0) + 1);
      nb.links.set(a, (nb.links.get(a) ?? 0) + 1);
    }
  }

  private removeRec(rec: SpeakerRec): void {
    for (const [a, b] of linkPairs(rec)) {
      decrement(this.nodes.get(a)!.links, b);
      decrement(this.nodes.get(b)!.links, a);
    }
    this.nodes.get(rec.key)!.named.delete(rec);
    for (const k of rec.aliasKeys) {
      const a = this.nodes.get(k)!;
      a.aliasRefs--;
      this.dropIfUnused(a);
    }
    this.dropIfUnused(this.nodes.get(rec.key)!);
  }

  /** The existing keys connected to any of `seeds` by merge links and alias links between unambiguous keys (the reach of a base class). */
  private aliasComponent(seeds: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...seeds];
    while (stack.length) {
      const key = stack.pop()!;
      const n = this.nodes.get(key);
      if (!n || seen.has(key)) continue;
      seen.add(key);
      if (!ambiguous(key)) for (const k of n.links.keys()) if (!ambiguous(k)) stack.push(k);
      const merged = this.mergeAdj.get(key);
      if (merged) for (const k of merged) stack.push(k);
    }
    return seen;
  }

  // -------------------------------------------------------------------------------------------
  // Grouping

  private flush(): void {
    const full = this.rebuildAll;
    const touched = this.pendingTouched, dirty = this.pendingDirty, deleted = this.pendingDeleted;
    const seeds = this.pendingOldGroups;
    this.rebuildAll = false;
    this.pendingDirty = new Set();
    this.pendingTouched = new Set();
    this.pendingDeleted = new Set();
    this.pendingOldGroups = new Set();
    let region: string[];
    if (full) {
      this.groupsById.clear();
      this.sorted = undefined;
      this.baseOf.clear();
      this.planned.clear();
      this.plannedBy.clear();
      region = [...this.nodes.keys()].sort();
      for (const cls of this.baseClasses(region)) for (const k of cls) this.baseOf.set(k, cls);
      for (const k of region) this.plan(k, this.decide(k));
    } else {
      for (const k of deleted) {
        if (this.nodes.has(k)) continue;
        this.baseOf.delete(k);
        const target = this.planned.get(k);
        if (target !== undefined) seeds.add(target);
        this.plan(k, undefined);
      }
      // Base classes of the changed keys' alias and merge components (whole: a removal can split one).
      const changed = this.aliasComponent(dirty);
      for (const cls of this.baseClasses([...changed].sort())) for (const k of cls) this.baseOf.set(k, cls);
      // Keys whose plan can change: the changed keys, the tails of changed or deleted keys, and the
      // ambiguous aliases of changed keys (those of deleted keys changed with them, so are dirty).
      const replan = new Set(changed);
      for (const k of [...changed, ...deleted]) for (const t of tailsOf(k)) if (this.nodes.has(t)) replan.add(t);
      for (const k of changed) if (!ambiguous(k)) for (const l of this.nodes.get(k)!.links.keys()) if (ambiguous(l)) replan.add(l);
      for (const k of changed) seeds.add(k);
      for (const k of replan) {
        const before = this.planned.get(k), after = this.decide(k);
        if (before === after) continue;
        seeds.add(k);
        if (before !== undefined) seeds.add(before);
        if (after !== undefined) seeds.add(after);
        this.plan(k, after);
      }
      region = this.closure(seeds);
    }

    const removed = new Set<Group>();
    for (const id of this.staleGroups) {
      const g = this.groupsById.get(id);
      if (g) removed.add(g);
    }
    this.staleGroups = new Set();
    const built = new Set<Group>();
    const rebuild = (keys: string[]): void => {
      for (const k of keys) {
        const g = this.nodes.get(k)!.group;
        if (g) removed.add(g);
      }
      const group = this.buildGroup(keys);
      for (const k of keys) this.nodes.get(k)!.group = group;
      built.add(group);
    };
    const inRegion = new Set(region);
    for (const keys of this.finalClasses(region)) {
      const old = this.nodes.get(keys[0])!.group;
      // Same keys and no record of them changed: the group is the same; keep it (and its place).
      if (old && !removed.has(old) && sameKeys(old.keys, keys) && !keys.some((k) => touched.has(k))) continue;
      rebuild(keys);
    }
    // Records changed under keys whose grouping stays: the same keys, new counts and names.
    for (const k of touched) {
      const g = this.nodes.get(k)?.group;
      if (g && !inRegion.has(k) && !built.has(g)) rebuild(g.keys);
    }
    for (const g of removed) {
      if (this.groupsById.get(g.id) === g) this.groupsById.delete(g.id);
      if (!this.sorted) continue;
      const i = lowerBound(this.sorted, g);
      if (this.sorted[i] === g) this.sorted.splice(i, 1);
    }
    for (const g of built) {
      if (g.members.length === 0) continue;
      this.groupsById.set(g.id, g);
      if (this.sorted) this.sorted.splice(lowerBound(this.sorted, g), 0, g);
    }
  }

  /** Rules 1, 2 and 4 on whole alias and merge components: merges forced, then aliases between unambiguous keys in key order, never across a split. */
  private baseClasses(keys: readonly string[]): string[][] {
    const c = new KeyClasses(keys, this.splitAdj);
    for (const entry of this.mergeKeys) {
      const present = entry.filter((k) => c.has(k));
      for (const k of present.slice(1)) c.union(present[0], k, true);
    }
    for (const key of keys) {
      const node = this.nodes.get(key)!;
      if (node.links.size === 0 || ambiguous(key)) continue;
      for (const k of [...node.links.keys()].filter((l) => l > key && !ambiguous(l)).sort()) if (c.has(k)) c.union(key, k, false);
    }
    return c.classes();
  }

  /**
   * Rule 3 for one key: the full key it joins, when exactly one base class holds unambiguous keys
   * it is the tail of or (for an ambiguous key) an alias of, and that class is not its own
   * (decided on base classes, so for all keys at once, whatever the order of articles).
   */
  private decide(key: string): string | undefined {
    const full = [...this.tails.get(key) ?? []];
    if (ambiguous(key)) full.push(...this.nodes.get(key)!.links.keys());
    const own = this.baseOf.get(key);
    let only: readonly string[] | undefined;
    let first: string | undefined;
    for (const f of full) {
      if (ambiguous(f)) continue;
      const b = this.baseOf.get(f)!;
      if (b === own || (only !== undefined && b !== only)) return undefined;
      only = b;
      if (first === undefined || f < first) first = f;
    }
    return first;
  }

  private plan(key: string, target: string | undefined): void {
    const before = this.planned.get(key);
    if (before === target) return;
    if (before !== undefined) {
      const by = this.plannedBy.get(before)!;
      by.delete(key);
      if (by.size === 0) this.plannedBy.delete(before);
    }
    if (target === undefined) {
      this.planned.delete(key);
      return;
    }
    this.planned.set(key, target);
    let by = this.plannedBy.get(target);
    if (!by) this.plannedBy.set(target, (by = new Set()));
    by.add(key);
  }

  /** The keys whose groups must be recomputed: `seeds`, with their old groups and new base classes, closed under planned unions. */
  private closure(seeds: Iterable<string>): string[] {
    const out = new Set<string>();
    // Each group and base class is expanded once, not once per key (some hold hundreds of keys).
    const expanded = new Set<readonly string[]>();
    const expand = (keys: readonly string[] | undefined): void => {
      if (!keys || expanded.has(keys)) return;
      expanded.add(keys);
      for (const k of keys) stack.push(k);
    };
    const stack = [...seeds];
    while (stack.length) {
      const key = stack.pop()!;
      if (out.has(key) || !this.nodes.has(key)) continue;
      out.add(key);
      expand(this.nodes.get(key)!.group?.keys);
      expand(this.baseOf.get(key));
      const target = this.planned.get(key);
      if (target !== undefined) stack.push(target);
      const by = this.plannedBy.get(key);
      if (by) stack.push(...by);
    }
    return [...out].sort();
  }

  /** The groups of keys closed under base classes and planned unions: base classes joined by the plans, in key order, never across a split. */
  private finalClasses(keys: readonly string[]): string[][] {
    const c = new KeyClasses(keys, this.splitAdj);
    for (const key of keys) {
      const base = this.baseOf.get(key)!;
      if (base[0] !== key) c.union(base[0], key, true);
    }
    for (const key of keys) {
      const target = this.planned.get(key);
      if (target !== undefined) c.union(key, target, false);
    }
    return c.classes();
  }

  private buildGroup(keys: string[]): Group {
    const members: SpeakerRec[] = [];
    const keySet = new Set(keys);
    const uses = new Map<string, { count: number; key: string; named: number }>();
    const use = (name: string, key: string, named: boolean): void => {
      const u = uses.get(name) ?? { count: 0, key, named: 0 };
      u.count++;
      if (named) u.named++;
      uses.set(name, u);
    };
    for (const k of keys) {
      for (const rec of this.nodes.get(k)!.named) {
        members.push(rec);
        use(rec.speaker.name, rec.key, true);
        for (const a of rec.speaker.aliases) {
          const ak = speakerNameKey(a);
          if (keySet.has(ak)) use(a, ak, false);
        }
      }
    }
    members.sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : 0) || numericIds.compare(a.speaker.id, b.speaker.id));
    const byUse = (a: [string, { count: number }], b: [string, { count: number }]): number => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    const spellings = [...uses].sort(byUse);
    const spellingOfKey = new Map<string, string>();
    for (const [name, u] of spellings) if (!spellingOfKey.has(u.key)) spellingOfKey.set(u.key, name);
    return {
      id: `g:${keys[0]}`,
      name: this.displayName(keys, spellings),
      keys,
      spellings: spellings.map(([name]) => name),
      spellingOfKey,
      members: members.slice(),
      quotationCount: members.reduce((n, m) => n + m.quotations.length, 0),
      suggestedQuotationCount: members.reduce((n, m) => n + m.quotations.reduce((k, q) => k + (q.suggested === undefined ? 0 : 1), 0), 0),
      suggested: members.length > 0 && members.every((m) => m.speaker.suggested !== undefined),
      articleCount: new Set(members.map((m) => m.article)).size,
    };
  }

  /**
   * A merge decision's first name when one applies; else, among the names of records, the full
   * names (not the tail of another name in the group) before short ones, several words before
   * one, the most used, the shortest, then code-unit order.
   */
  private displayName(keys: string[], spellings: Array<[string, { count: number; key: string; named: number }]>): string {
    const keySet = new Set(keys);
    const entry = this.mergeKeys.findIndex((ks) => ks.some((k) => keySet.has(k)));
    if (entry >= 0) return this.mergeNames[entry][0];
    const tails = new Set(keys.flatMap((k) => tailsOf(k)));
    const named = spellings.filter(([, u]) => u.named > 0);
    const candidates = named.length ? named : spellings;
    const rank = ([name, u]: [string, { count: number; key: string; named: number }]): number[] =>
      [tails.has(u.key) ? 1 : 0, keyWordCount(u.key) > 1 ? 0 : 1, -u.named, [...name].length];
    return [...candidates].sort((a, b) => {
      const ra = rank(a), rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
      return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
    })[0]?.[0] ?? keys[0];
  }
}

function byName(a: SpeakerGroup, b: SpeakerGroup): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Union-find over keys where a union that is not forced never joins two classes holding a split pair. */
class KeyClasses {
  private readonly index = new Map<string, number>();
  private readonly parent: number[];
  private readonly members: number[][];

  constructor(private readonly keys: readonly string[], private readonly splitAdj: ReadonlyMap<string, ReadonlySet<string>>) {
    keys.forEach((k, i) => this.index.set(k, i));
    this.parent = keys.map((_, i) => i);
    this.members = keys.map((_, i) => [i]);
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  union(a: string, b: string, force: boolean): void {
    let ra = this.find(this.index.get(a)!), rb = this.find(this.index.get(b)!);
    if (ra === rb || (!force && !this.canJoin(ra, rb))) return;
    if (this.members[ra].length < this.members[rb].length) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.members[ra].push(...this.members[rb]);
    this.members[rb] = [];
  }

  /** Every class, its keys sorted. */
  classes(): string[][] {
    const out: string[][] = [];
    for (let r = 0; r < this.keys.length; r++) {
      if (this.members[r].length > 0 && this.find(r) === r) out.push(this.members[r].map((i) => this.keys[i]).sort());
    }
    return out;
  }

  private find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }

  private canJoin(ra: number, rb: number): boolean {
    const [small, other] = this.members[ra].length <= this.members[rb].length ? [ra, rb] : [rb, ra];
    for (const i of this.members[small]) {
      for (const partner of this.splitAdj.get(this.keys[i]) ?? []) {
        const j = this.index.get(partner);
        if (j !== undefined && this.find(j) === other) return false;
      }
    }
    return true;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function lowerBound(list: readonly SpeakerGroup[], g: SpeakerGroup): number {
  return partitionPoint(list, (x) => byName(x, g) < 0);
}

function decisionKeys(d: SpeakerDecisions): string[] {
  return [...d.merge, ...d.split].flat().map(speakerNameKey);
}

/**
 * The links a record makes between its name and aliases (rule 2): its first unambiguous key to
 * each other key, so that an ambiguous name (محمد with the alias الشيخ محمد أمين) does not keep its
 * aliases apart. A record without an unambiguous key links nothing: ambiguous keys join nothing.
 */
function linkPairs(rec: SpeakerRec): Array<[string, string]> {
  const keys = [rec.key, ...rec.aliasKeys];
  const hub = keys.find((k) => !ambiguous(k));
  return hub === undefined ? [] : keys.filter((k) => k !== hub).map((k) => [hub, k]);
}

function linkSignature(rec: SpeakerRec): string {
  return [rec.key, ...[...rec.aliasKeys].sort()].join('\u0001');
}

function linkCounts(rec: ArticleRec | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of rec?.speakers ?? []) counts.set(linkSignature(s), (counts.get(linkSignature(s)) ?? 0) + 1);
  return counts;
}

function suggestedOf(confidence: number | undefined): { suggested?: number } {
  return confidence === undefined ? {} : { suggested: confidence };
}

function addKeys(into: Set<string>, rec: SpeakerRec): void {
  into.add(rec.key);
  for (const k of rec.aliasKeys) into.add(k);
}

/** A key different people share (speakerNames.ts); never the own key of a name without letters. */
function ambiguous(key: string): boolean {
  return key.charCodeAt(0) !== 0 && isAmbiguousKey(key);
}

function tailsOf(key: string): string[] {
  return key.charCodeAt(0) === 0 ? [] : shortKeysOf(key);
}

function decrement(map: Map<string, number>, key: string): void {
  const n = (map.get(key) ?? 0) - 1;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
