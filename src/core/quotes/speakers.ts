// Who said each quotation, and which mentions name the same speaker. A cue's explicit source
// wins (وقال المتحدث باسم الوزارة مارك تونير); a participle (مضيفا) takes the subject of its
// clause; a pronoun-only cue (وأضاف: «…») takes the speaker in force: the latest named source
// whose gender agrees with the cue (وأضافت skips a man). A person's mentions are grouped when one
// name is the end of the only fuller name that ends with it (كيري → جون كيري); bodies and roles by
// their normalised wording and bracketed aliases.

import { normalizeArabic } from '../arabicNormalize';
import { partitionPoint } from '../sortedSearch';
import { keyWordCount, shortKeysOf, speakerNameKey } from '../speakerNames';
import { type ArticleAnalysis, type Cue, phraseEndingAt } from './articleAnalysis';
import type { QuoteCandidate } from './quoteDetector';
import type { Agreement } from './speechCues';
import { type SourcePhrase, isFunctionWord, isPersonTitle } from './sourcePhrase';
import { givenNameGender } from './givenNames';
import { type Token, bareStem, hasArticle, tokenAt, tokenize } from './quoteTokens';

export interface Span { start: number; end: number }

export interface SpeakerGroup {
  id: string;
  /** The fullest name: personal name without title when known, else the body or role as written. */
  name: string;
  /** Other ways the article names this speaker (كيري, المتحدث باسم الوزارة مارك تونير). */
  aliases: string[];
  mentionSpans: Span[];
}

export interface Attribution {
  /** Source phrase of the quotation (as written, the nearest mention), or null when unknown. */
  mention: SourcePhrase | null;
  /** Group id in `speakers`, or null. */
  speaker: string | null;
  /** Cue word as written, or null. */
  cue: string | null;
  cueSpan: Span | null;
}

/** Words that open a relative or complement clause: a verb after them has another subject. */
const EMBEDDING = new Set(['الذي', 'التي', 'الذين', 'ان', 'بان', 'لان', 'انه', 'انها']);

const RELATIVE = new Set(['الذي', 'التي', 'الذين']);

/** Prepositions whose object is no subject: a body after مع or في is not who speaks next. */
const BARE_PREPOSITIONS = new Set(['في', 'فى', 'مع', 'عن', 'علي', 'الي', 'من', 'لدي', 'حول', 'ضد', 'بين', 'عند', 'نحو', 'عبر', 'امام']);

const compatible = (cue: Agreement, source: Agreement): boolean =>
  cue === 'any' || source === 'any' || cue === source;

export function attributeSpeakers(a: ArticleAnalysis, quotes: readonly QuoteCandidate[]): { attributions: Attribution[]; speakers: SpeakerGroup[] } {
  const genders = new Map<SourcePhrase, Agreement>();
  for (const p of a.phrases) genders.set(p, p.gender);
  // A verb agrees with the subject after it: وقالت حايك makes حايك feminine, وعلقت دار الإفتاء
  // makes the body feminine whatever its head word; a masculine verb only fills an unknown gender
  // (writers use it loosely: وقال الشرطة).
  for (const cue of a.cues) {
    const s = cue.subject;
    if (!s || cue.info.kind !== 'verb') continue;
    if (cue.info.agreement === 'f' || cue.info.agreement === 'm' && genders.get(s) === 'any') genders.set(s, cue.info.agreement);
  }
  const resolver = new Resolver(a, genders);

  const attributions: Attribution[] = [];
  let previous: SourcePhrase | null = null;
  for (const q of quotes) {
    let mention: SourcePhrase | null = null;
    if (q.colon >= 0) mention = phraseEndingAt(a, q.colon - 1);
    else if (q.cue) mention = resolver.resolve(q.cue);
    if (!mention && (q.continuation || !q.cue)) mention = previous ?? resolver.inForce('any', a.tokens.findIndex((t) => t.start >= q.start));
    const cueToken = q.cue ? a.tokens[q.cue.index] : null;
    const cueText = cueToken ? cueWords(a, q.cue as Cue) : null;
    attributions.push({ mention, speaker: null, cue: cueText, cueSpan: cueToken ? { start: cueToken.start, end: cueToken.end } : null });
    if (mention) previous = mention;
  }

  const speakers = groupSpeakers(a, attributions, resolver);
  return { attributions, speakers };
}

/** The cue as written; a verb of saying followed by بالقول keeps it (واستدركت بالقول). */
function cueWords(a: ArticleAnalysis, cue: Cue): string {
  const t = a.tokens[cue.index];
  const next = a.tokens[cue.index + 1];
  if (next && /^بال(قول|تاكيد)$/.test(next.norm)) return a.text.slice(t.start, next.end);
  if (cue.info.lemma === 'حد' && a.tokens[cue.index - 1] && next) return a.text.slice(a.tokens[cue.index - 1].start, next.end);
  return t.text;
}

class Resolver {
  private readonly memo = new Map<Cue, SourcePhrase | null>();
  private readonly cueOrder: Map<Cue, number>;
  private titles: TitleIndex | undefined;
  private subjects: Set<SourcePhrase | null> | undefined;
  constructor(private readonly a: ArticleAnalysis, private readonly genders: Map<SourcePhrase, Agreement>) {
    this.cueOrder = new Map(a.cues.map((c, k) => [c, k]));
  }

  /** Number of cues before token `index` (cues are in token order). */
  private cuesBefore(index: number): number {
    return partitionPoint(this.a.cues, (c) => c.index < index);
  }

  /** Number of phrases that start before token `index` (phrases are in text order). */
  phrasesBefore(index: number): number {
    return partitionPoint(this.a.phrases, (p) => p.first < index);
  }

  resolve(cue: Cue): SourcePhrase | null {
    if (this.memo.has(cue)) return this.memo.get(cue) as SourcePhrase | null;
    this.memo.set(cue, null); // guards against cycles
    const r = this.resolveUncached(cue);
    this.memo.set(cue, r);
    return r;
  }

  private resolveUncached(cue: Cue): SourcePhrase | null {
    if (cue.subject) return cue.subject;
    if (cue.official) return this.latestBody(cue.index);
    const { tokens, cues, phrases } = this.a;
    const agrees = (s: SourcePhrase | null): s is SourcePhrase => s !== null && compatible(cue.info.agreement, this.genders.get(s) ?? 'any');
    if (cue.info.kind === 'participle' || cue.info.kind === 'verb') {
      // The clause's subject: the nearest earlier cue of the same sentence that agrees, unless
      // that cue sits in a relative or complement clause (المزاعم التي تفيد …).
      for (let k = (this.cueOrder.get(cue) ?? -1) - 1; k >= 0; k--) {
        const prev = cues[k];
        if (prev.sentence !== cue.sentence) break;
        if (prev.info.kind === 'preposition' || prev.info.kind === 'masdar') continue;
        if (!prev.subject && EMBEDDING.has(tokens[prev.index - 1]?.norm ?? '')) continue;
        const s = this.resolve(prev);
        if (agrees(s)) return s;
      }
    }
    if (cue.info.kind === 'participle') {
      // … or whoever the sentence names as an actor before it: رفض الرئيس روحاني …، واصفا …
      for (let k = this.phrasesBefore(cue.index) - 1; k >= 0; k--) {
        const p = phrases[k];
        if (this.a.sentenceOf[p.first] !== cue.sentence) break;
        if (BARE_PREPOSITIONS.has(tokens[p.first - 1]?.norm ?? '')) continue;
        if (agrees(p)) return p;
      }
    }
    return this.inForce(cue.info.agreement, cue.index);
  }

  /**
   * A definite description without a name (الرئيس الإيراني, الدبلوماسي الأمريكي) usually points
   * back to a person named earlier with the same title or the same nationality adjective.
   */
  antecedent(p: SourcePhrase): SourcePhrase | null {
    const { tokens, phrases } = this.a;
    if (p.kind === 'organisation') return this.namedBody(p);
    if (p.kind !== 'role') return null;
    const words = tokens.slice(p.first, p.last + 1);
    if (!words.every((t) => t.kind === 'word' && /^ال/.test(t.norm)) || words.length > 3) return null;
    const head = bareStem(words[0].norm);
    const adjectives = words.slice(1).map((t) => t.norm).filter((n) => /ي$/.test(n));
    // The latest titled person before p whose title has the head word or one of the adjectives.
    this.titles ??= titleIndex(this.a);
    const before = this.phrasesBefore(p.first);
    const latest = (list: readonly number[] | undefined): number => (list ? list[partitionPoint(list, (k) => k < before) - 1] ?? -1 : -1);
    const k = Math.max(latest(this.titles.byStem.get(head)), ...adjectives.map((adj) => latest(this.titles!.byWord.get(adj))));
    if (k >= 0) return phrases[k];
    // A bare title no earlier name carries, as the subject of a cue (وقال المدرب after وقال
    // بليجريني), is the person who spoke last: a writer names someone new by name, not by a title alone.
    this.subjects ??= new Set(this.a.cues.map((c) => c.subject));
    if (words.length === 1 && isPersonTitle(head) && this.subjects.has(p)) return this.latestPersonSpeaker(p);
    return null;
  }

  /**
   * A body named by its kind alone (الموقع, الشركة) points back to the latest body of that kind
   * named by a proper name before it (موقع «كل شيء عن الجزائر», شركة هيربالايف).
   */
  private namedBody(p: SourcePhrase): SourcePhrase | null {
    const { tokens, phrases } = this.a;
    const word = tokens[p.first].norm;
    if (p.first !== p.last || !hasArticle(word)) return null;
    const head = bareStem(word);
    for (let k = this.phrasesBefore(p.first) - 1; k >= 0; k--) {
      const q = phrases[k];
      // Only a proper name makes the fuller mention one body: شركة التدوين, حكومة الرئيس are kinds too.
      const named = q.last > q.first && !hasArticle(tokens[q.first + 1].norm);
      if (q.kind === 'organisation' && named && !hasArticle(tokens[q.first].norm) && bareStem(tokens[q.first].norm) === head) return q;
    }
    return null;
  }

  /** The subject of the latest cue before `p` that is a person of p's gender. */
  private latestPersonSpeaker(p: SourcePhrase): SourcePhrase | null {
    const gender = this.genders.get(p) ?? 'any';
    for (let k = this.cuesBefore(p.first) - 1; k >= 0; k--) {
      const s = this.a.cues[k].subject;
      if (s && s.kind === 'person' && s.first < p.first && compatible(gender, this.genders.get(s) ?? 'any')) return s;
    }
    return null;
  }

  /**
   * The speaker in force before token `index`. Within the paragraph: the source of its latest
   * agreeing cue (explicit or itself resolved), or, when no cue precedes, its latest titled
   * person or body not governed by a preposition. Else the latest explicit cue source of the
   * article, else its latest titled mention.
   */
  inForce(agreement: Agreement, index: number): SourcePhrase | null {
    const { tokens, cues, phrases } = this.a;
    let paragraph = index;
    while (paragraph > 0 && tokens[paragraph - 1].kind !== 'break') paragraph--;
    const agrees = (p: SourcePhrase | null): p is SourcePhrase => p !== null && compatible(agreement, this.genders.get(p) ?? 'any');
    let cueInParagraph = false;
    for (let k = this.cuesBefore(index) - 1; k >= 0; k--) {
      const c = cues[k];
      if (c.index < paragraph) break;
      // الحكومة اليونانية التي تنتقد …: a verb in a relative clause does not hand over the word.
      if (RELATIVE.has(tokens[c.index - 1]?.norm ?? '')) continue;
      cueInParagraph = true;
      const s = c.subject ?? this.resolve(c);
      if (agrees(s)) return s;
    }
    const mention = (from: number): SourcePhrase | null => {
      for (let k = this.phrasesBefore(index) - 1; k >= 0; k--) {
        const p = phrases[k];
        if (p.first < from) break;
        const prev = tokens[p.first - 1];
        if (prev && BARE_PREPOSITIONS.has(prev.norm)) continue;
        if (agrees(p)) return p;
      }
      return null;
    };
    if (!cueInParagraph) {
      const m = mention(paragraph);
      if (m) return m;
    }
    for (let k = this.cuesBefore(paragraph) - 1; k >= 0; k--) {
      const c = cues[k];
      if (agrees(c.subject) && !RELATIVE.has(tokens[c.index - 1]?.norm ?? '')) return c.subject;
    }
    return mention(0);
  }

  /**
   * Official wording without an author (حسب التعبير الرسمي, وقال البيان): the latest body that
   * spoke before, else the latest body named before.
   */
  private latestBody(index: number): SourcePhrase | null {
    for (let k = this.cuesBefore(index) - 1; k >= 0; k--) {
      const c = this.a.cues[k];
      if (c.subject && c.subject.kind === 'organisation') return c.subject;
    }
    for (let k = this.phrasesBefore(index) - 1; k >= 0; k--) {
      const p = this.a.phrases[k];
      if (p.kind === 'organisation') return p;
    }
    return null;
  }
}

interface TitleIndex {
  /** Bare stem of a title word → phrase numbers (ascending) of titled persons whose title has it. */
  byStem: Map<string, number[]>;
  /** The same by the title word itself (for nationality adjectives: الأمريكي). */
  byWord: Map<string, number[]>;
}

function titleIndex(a: ArticleAnalysis): TitleIndex {
  const index: TitleIndex = { byStem: new Map(), byWord: new Map() };
  const add = (map: Map<string, number[]>, key: string, k: number): void => {
    const list = map.get(key);
    if (!list) map.set(key, [k]);
    else if (list[list.length - 1] !== k) list.push(k);
  };
  a.phrases.forEach((q, k) => {
    if (q.kind !== 'person' || q.nameStart === q.start) return;
    for (const t of a.tokens.slice(q.first, tokenAt(a.tokens, q.nameStart))) {
      add(index.byStem, bareStem(t.norm), k);
      add(index.byWord, t.norm, k);
    }
  });
  return index;
}

// ---- grouping ---------------------------------------------------------------------------------

interface Group {
  key: string;
  person: boolean;
  members: SourcePhrase[];
  aliasKeys: Set<string>;
  id: string | null;
  /** Creation order: lookups answer the earliest group that matches. */
  order: number;
  /** Another person of the article has the same family name. */
  sharedFamily?: boolean;
}

const matchKey = (s: string): string =>
  tokenize(s).filter((t) => t.kind === 'word' || t.kind === 'number').map((t) => normalizeArabic(t.text, { foldForeignG: true })).join(' ');

function lastWord(key: string): string {
  const w = key.split(' ');
  return w[w.length - 1];
}

/** Same family name, allowing one swap of neighbouring letters (ارودغان / اردوغان). */
function sameName(x: string, y: string): boolean {
  if (x === y) return true;
  if (x.length !== y.length || x.length < 5) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
}

/** Every y with sameName(x, y): x and its swaps of two different neighbouring letters, for map lookups. */
function sameNameVariants(x: string): string[] {
  const out = [x];
  if (x.length < 5) return out;
  for (let i = 0; i + 1 < x.length; i++) {
    if (x[i] !== x[i + 1]) out.push(x.slice(0, i) + x[i + 1] + x[i] + x.slice(i + 2));
  }
  return out;
}

const earliest = (a: Group | undefined, b: Group | undefined): Group | undefined => (!a || b && b.order < a.order ? b : a);

interface PersonClusters {
  /** Name key → cluster number. */
  byName: Map<string, number>;
  /** Cluster number → its fullest name key. */
  fullest: string[];
  /** A name key and every short form of it (كيري, with a swap of two letters) → the clusters it may name. */
  tails: Map<string, number[]>;
}

/**
 * Which person names of one article are one person. A name joins a fuller name only when it is
 * the end of it (كيري of جون كيري, not سلمان of محمد بن سلمان) and that fuller name is its only
 * candidate: سعود الفيصل and تركي الفيصل stay two people, and الفيصل alone joins neither.
 * Fuller names are placed first, so the result does not depend on which the article writes first.
 */
function personClusters(keys: readonly string[]): PersonClusters {
  const out: PersonClusters = { byName: new Map(), fullest: [], tails: new Map() };
  const distinct = [...new Set(keys)].filter((k) => k !== '')
    .sort((x, y) => keyWordCount(y) - keyWordCount(x) || (x < y ? -1 : x > y ? 1 : 0));
  const variants = (key: string): string[] => {
    const words = key.split(' ');
    const last = words.pop() as string;
    return sameNameVariants(last).map((v) => [...words, v].join(' '));
  };
  for (const key of distinct) {
    const candidates = new Set(variants(key).flatMap((v) => out.tails.get(v) ?? []));
    let cluster: number;
    if (candidates.size === 1) cluster = [...candidates][0];
    else { cluster = out.fullest.length; out.fullest.push(key); }
    out.byName.set(key, cluster);
    for (const tail of [key, ...shortKeysOf(key)]) {
      const list = out.tails.get(tail);
      if (!list) out.tails.set(tail, [cluster]);
      else if (!list.includes(cluster)) list.push(cluster);
    }
  }
  return out;
}

function groupSpeakers(a: ArticleAnalysis, attributions: Attribution[], resolver: Resolver): SpeakerGroup[] {
  const groups: Group[] = [];
  const groupOf = new Map<SourcePhrase, Group>();
  const all = [...a.phrases];
  const listed = new Set(all);
  for (const at of attributions) {
    if (at.mention && !listed.has(at.mention)) { all.push(at.mention); listed.add(at.mention); }
  }
  all.sort((x, y) => x.start - y.start);

  // Persons are joined by name before mentions are placed in text order, so that a short name
  // finds every fuller name of the article, whichever comes first.
  const nameKeyOf = (p: SourcePhrase): string => speakerNameKey(a.text.slice(p.nameStart, p.nameEnd));
  const clusterOf = personClusters(all.filter((p) => p.kind === 'person').map(nameKeyOf));
  const persons = new Map<number, Group>(); // person cluster → its group
  const bodies = new Map<string, Group>(); // wording or bracketed alias → the earliest body group
  for (const p of all) {
    const ante = resolver.antecedent(p);
    const anteGroup = ante ? groupOf.get(ante) : undefined;
    if (anteGroup) { anteGroup.members.push(p); groupOf.set(p, anteGroup); continue; }
    const nameKey = matchKey(a.text.slice(p.nameStart, p.nameEnd));
    if (!nameKey) continue;
    const isPerson = p.kind === 'person';
    const aliasKeys = p.aliases.map((s) => matchKey(a.text.slice(s.start, s.end)));
    // A bare one-word mention of a body's alias (وأضاف البنتاجون) is no person.
    const bodyAsPerson = !isPerson && !nameKey.includes(' ') ? clusterOf.tails.get(speakerNameKey(nameKey)) : undefined;
    const cluster = isPerson ? clusterOf.byName.get(nameKeyOf(p)) : bodyAsPerson?.length === 1 ? bodyAsPerson[0] : undefined;
    let g = cluster !== undefined ? persons.get(cluster) : bodies.get(nameKey);
    if (!g) {
      const personal = cluster !== undefined;
      g = { key: personal ? lastWord(clusterOf.fullest[cluster]) : nameKey, person: personal, members: [], aliasKeys: new Set(), id: null, order: groups.length };
      groups.push(g);
      if (personal) persons.set(cluster, g);
      else if (!bodies.has(g.key)) bodies.set(g.key, g);
    }
    g.members.push(p);
    for (const k of aliasKeys) {
      g.aliasKeys.add(k);
      if (!g.person) bodies.set(k, earliest(bodies.get(k), g)!);
    }
    groupOf.set(p, g);
  }
  // A body met first under its short name joins the body that names it in brackets later.
  const byAlias = new Map<string, Group[]>();
  for (const h of groups) {
    if (h.person) continue;
    for (const k of h.aliasKeys) {
      const list = byAlias.get(k);
      if (list) list.push(h); else byAlias.set(k, [h]);
    }
  }
  for (const g of groups) {
    if (g.person) continue;
    const host = byAlias.get(g.key)?.find((h) => h !== g);
    if (host) {
      for (const m of g.members) { host.members.push(m); groupOf.set(m, host); }
      g.members = [];
    }
  }

  // Only describe reads it, and many articles attribute no quotation.
  let familyNames: FamilyNameIndex | undefined;
  // A family name two persons of the article share (سعود الفيصل, تركي الفيصل) names neither alone.
  const families = new Map<string, number>();
  for (const key of clusterOf.fullest) families.set(lastWord(key), (families.get(lastWord(key)) ?? 0) + 1);
  for (const g of groups) if (g.person && (families.get(g.key) ?? 0) > 1) g.sharedFamily = true;
  const out: SpeakerGroup[] = [];
  for (const at of attributions) {
    if (!at.mention) continue;
    const g = groupOf.get(at.mention);
    if (!g) continue;
    if (!g.id) {
      g.id = `s${out.length + 1}`;
      out.push(describe(a, g, (familyNames ??= familyNameIndex(a))));
    }
    at.speaker = g.id;
  }
  return out;
}

/**
 * Words outside quotations by their normalised form, and those with a proclitic (و ب ل ف) by the
 * form without it: where a person's family name is written, found without scanning the article.
 */
interface FamilyNameIndex {
  bare: Map<string, Token[]>;
  proclitic: Map<string, Token[]>;
}

function familyNameIndex(a: ArticleAnalysis): FamilyNameIndex {
  const index: FamilyNameIndex = { bare: new Map(), proclitic: new Map() };
  const add = (map: Map<string, Token[]>, key: string, t: Token): void => {
    const list = map.get(key);
    if (list) list.push(t); else map.set(key, [t]);
  };
  for (const t of a.tokens) {
    if (t.kind !== 'word' || a.pairOf[t.index] >= 0) continue;
    const n = normalizeArabic(t.text, { foldForeignG: true });
    add(index.bare, n, t);
    if (/^[وبلف]/.test(n)) add(index.proclitic, n.slice(1), t);
  }
  return index;
}

function describe(a: ArticleAnalysis, g: Group, familyNames: FamilyNameIndex): SpeakerGroup {
  const names: string[] = [];
  const mentions: string[] = [];
  const spans: Span[] = [];
  const nameOf = (m: SourcePhrase): string => {
    const name = a.text.slice(m.nameStart, m.nameEnd);
    if (!g.person) return name;
    // Keep the name up to the family name: a stray word after it (كيري دعم) is not a name.
    const words = name.split(/\s+/);
    const at = words.findIndex((w) => sameName(normalizeArabic(w, { foldForeignG: true }), g.key));
    return at >= 0 ? words.slice(0, at + 1).join(' ') : name;
  };
  for (const m of g.members) {
    names.push(nameOf(m));
    mentions.push(a.text.slice(m.start, m.end));
    spans.push({ start: m.start, end: m.end });
    for (const s of m.aliases) { names.push(a.text.slice(s.start, s.end)); }
  }
  // The name comes from members that carry it: not bracketed aliases, not descriptions (الرئيس الإيراني).
  const carriers = g.members.filter((m) => !g.aliasKeys.has(matchKey(a.text.slice(m.nameStart, m.nameEnd)))
    && (!g.person || m.kind === 'person'));
  const pool = (carriers.length > 0 ? carriers : g.members).map((m) => nameOf(m));
  let name = pool.reduce((best, n) => (n.split(/\s+/).length > best.split(/\s+/).length ? n : best), pool[0]);
  const aliases = [...new Set([...names, ...mentions])].filter((n) => n !== name && identifies(n, g));
  // A given name alone (محمد) is no one's name when a mention gives more of it (الشيخ محمد أمين).
  if (g.person && keyWordCount(speakerNameKey(name)) === 1 && givenNameGender(wordsOf(name).join('')) !== undefined) {
    const key = speakerNameKey(name);
    const fuller = [...names, ...mentions].map(withoutTitles).filter((n) => speakerNameKey(n).startsWith(`${key} `))
      .sort((x, y) => keyWordCount(speakerNameKey(y)) - keyWordCount(speakerNameKey(x)))[0];
    if (fuller) name = fuller;
  }
  // Every other place the family name is written outside quotations also names the speaker.
  if (g.person && !g.sharedFamily) {
    for (const v of sameNameVariants(g.key)) {
      for (const t of [...familyNames.bare.get(v) ?? [], ...familyNames.proclitic.get(v) ?? []]) spans.push({ start: t.start, end: t.end });
    }
  }
  spans.sort((x, y) => x.start - y.start || y.end - x.end);
  const mentionSpans: Span[] = [];
  for (const s of spans) {
    const last = mentionSpans[mentionSpans.length - 1];
    if (last && s.start < last.end) continue;
    mentionSpans.push(s);
  }
  return { id: g.id as string, name, aliases: aliases.filter((n) => n !== name), mentionSpans };
}

/** The words of a name: normalised, without punctuation. */
const wordsOf = (s: string): string[] => tokenize(s).filter((t) => t.kind === 'word').map((t) => t.norm);

/** The name without its leading titles, as written: الشيخ محمد أمين → محمد أمين. */
function withoutTitles(s: string): string {
  const words = tokenize(s).filter((t) => t.kind === 'word');
  const k = words.findIndex((t) => !isPersonTitle(t.norm));
  return k > 0 ? s.slice(words[k].start) : s;
}

/**
 * An alias must say who its speaker is: a full name or a title with a name. Titles and roles alone
 * (الشيخ، المتحدث الرسمي), a given name alone (محمد), the parts of a compound name (الله of عبد الله)
 * and phrases in which the name belongs to someone else (مستشارة الأمن القومي للرئيس أوباما) are
 * shared by many people, and across articles they would join them.
 */
function identifies(alias: string, g: Group): boolean {
  const words = wordsOf(alias);
  if (g.person) {
    // A person's alias ends with the family name (a title after it, جون كيري وزير الخارجية, would
    // name whoever holds the title), with no title of someone else (للرئيس) before it.
    const key = speakerNameKey(alias).split(' ');
    // Looked up unfolded: the key folds ك and ق (مبارك, قاسم), the list of given names does not.
    const givenAlone = key.length === 1 && givenNameGender(words.join('')) !== undefined && !words.some((w) => isPersonTitle(w));
    if (givenAlone || !sameName(key[key.length - 1], g.key)) return false;
    return !words.slice(0, -1).some((w) => /^[وف]?لل/.test(w) || /^[وف]?ل/.test(w) && isPersonTitle(w.replace(/^[وف]?ل/, '')));
  }
  const named = words.filter((w) => !isPersonTitle(w) && !isFunctionWord(w) && !(hasArticle(w) && /ي(ه|ون|ين)?$/.test(w)));
  if (named.length === 0) return false;
  return !(named.length === 1 && (givenNameGender(named[0]) !== undefined || named[0] === 'الله' || hasArticle(named[0]) && words.length > 1));
}
