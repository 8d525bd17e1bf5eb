// The team's decisions about who is who: `.annotator/speakers.yaml` at the workspace folder root,
// committed with the sidecars. Automatic grouping (speakerIndex.ts) proposes; these decisions
// override it. Names are stored as people wrote them and matched by key (speakerNames.ts), so the
// file reads well in a diff and survives spelling variants. Written in one canonical form, so the
// same decisions always give the same bytes whoever saved them. See docs/speakers.md.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Extras } from './model';
import { speakerNameKey } from './speakerNames';
import { emitYamlDocument, yamlFlowList, YamlMapping, yamlQuoted } from './yamlEmit';

/** Path of the decisions file relative to the workspace folder. */
export const SPEAKER_DECISIONS_PATH = '.annotator/speakers.yaml';
export const SPEAKER_DECISIONS_SCHEMA = 'arabic-news-annotator/speakers';
export const SPEAKER_DECISIONS_VERSION = 1;
/** A decisions file is a few kilobytes; anything far larger is not read. */
const MAX_DECISIONS_BYTES = 5 * 1024 * 1024;

export interface SpeakerDecisions {
  /** Each entry names one speaker; the first name is the one shown for the group. */
  merge: string[][];
  /** Each entry: two names of different speakers, never grouped by the automatic rules. */
  split: string[][];
  /** Unknown top-level keys, kept and written back. */
  extra: Extras;
}

export interface DecisionsProblem {
  line: number;
  column: number;
  message: string;
}

export type SpeakerDecisionsLoad =
  | { ok: true; decisions: SpeakerDecisions }
  | { ok: false; problems: DecisionsProblem[] };

export function emptySpeakerDecisions(): SpeakerDecisions {
  return { merge: [], split: [], extra: {} };
}

const KNOWN_KEYS = ['schema', 'schema_version', 'merge', 'split'];

/** Reads a decisions file; any problem means ok:false, and the caller must not overwrite the file. */
export function parseSpeakerDecisions(text: string): SpeakerDecisionsLoad {
  const problems: DecisionsProblem[] = [];
  if (text.length > MAX_DECISIONS_BYTES) {
    return { ok: false, problems: [{ line: 1, column: 1, message: `The file is larger than ${MAX_DECISIONS_BYTES / 1024 / 1024} MB, far beyond any real decisions file, so it was not read. Check what wrote it.` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', schema: 'core' });
  const add = (node: Node | number | null | undefined, message: string): void => {
    const offset = typeof node === 'number' ? node : node?.range?.[0];
    const pos = offset === undefined ? { line: 1, col: 1 } : lines.linePos(offset);
    problems.push({ line: pos.line, column: pos.col, message });
  };
  for (const e of doc.errors) add(e.pos[0], `Not valid YAML: ${e.message}. Fix the syntax here (or restore the file from version control).`);
  if (problems.length) return { ok: false, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { ok: true, decisions: emptySpeakerDecisions() };
  if (!isMap(root)) {
    add(root, `The top level must be a mapping with \`merge:\` and \`split:\` lists; restore the file from version control or delete it.`);
    return { ok: false, problems };
  }
  const decisions = emptySpeakerDecisions();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'schema') {
      if (!isScalar(value) || value.value !== SPEAKER_DECISIONS_SCHEMA) add(value ?? (pair.key as Node), `\`schema\` must be "${SPEAKER_DECISIONS_SCHEMA}"; this file belongs to another tool, or the value is mistyped.`);
    } else if (key === 'schema_version') {
      const v = isScalar(value) ? value.value : undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) add(value ?? (pair.key as Node), `\`schema_version\` must be a whole number such as ${SPEAKER_DECISIONS_VERSION}.`);
      else if (v > SPEAKER_DECISIONS_VERSION) add(value, `This file uses version ${v}; this version of Arabic News Annotator reads only version ${SPEAKER_DECISIONS_VERSION}. Update the extension; the file was left untouched.`);
    } else if (key === 'merge' || key === 'split') {
      const lists = readNameLists(value, key, add);
      if (lists) decisions[key] = lists;
    } else if (!KNOWN_KEYS.includes(key)) {
      let data: unknown = null;
      try {
        data = value?.toJS(doc, { maxAliasCount: 100 }) ?? null;
      } catch {
        add(value, `The value of \`${key}\` expands to an excessive amount of data through aliases; write it out without aliases.`);
      }
      // defineProperty: a key such as __proto__ must stay data, not change the object's prototype.
      Object.defineProperty(decisions.extra, key, { value: data, enumerable: true, writable: true, configurable: true });
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, decisions: normalizeSpeakerDecisions(decisions) };
}

function readNameLists(value: Node | null, key: string, add: (node: Node | null | undefined, message: string) => void): string[][] | undefined {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  const example = key === 'merge' ? '- ["جون كيري", "كيري"]' : '- ["جورج بوش", "بوش"]';
  if (!isSeq(value)) {
    add(value, `\`${key}\` must be a list of name lists, one per line (\`${example}\`).`);
    return undefined;
  }
  const out: string[][] = [];
  for (const item of value.items as Node[]) {
    if (!isSeq(item) || item.items.length < 2 || !(item.items as Node[]).every((n) => isScalar(n) && typeof n.value === 'string')) {
      add(item, `Every entry of \`${key}\` must be a list of at least two names in quotes (\`${example}\`).`);
      continue;
    }
    out.push((item.items as Node[]).map((n) => String((n as { value: unknown }).value)));
  }
  return out;
}

/**
 * The canonical form: names deduplicated by key within an entry (the first spelling wins); merge
 * entries sharing a name combined (merging is transitive; the earliest entry's first name stays
 * first); split lists expanded to pairs of different keys; everything sorted by key.
 */
export function normalizeSpeakerDecisions(d: SpeakerDecisions): SpeakerDecisions {
  // Merge entries that share a key become one, in the order of their first appearance.
  const entries = d.merge.map((names) => dedupeByKey(names)).filter((names) => names.length >= 2);
  const owner = new Map<string, number>();
  const combined: string[][] = [];
  for (const names of entries) {
    const hits = [...new Set(names.map((n) => owner.get(speakerNameKey(n))).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
    const target = hits.length ? hits[0] : combined.push([]) - 1;
    for (const other of hits.slice(1)) {
      combined[target].push(...combined[other]);
      for (const n of combined[other]) owner.set(speakerNameKey(n), target);
      combined[other] = [];
    }
    combined[target].push(...names);
    for (const n of names) owner.set(speakerNameKey(n), target);
  }
  const merge = combined
    .map((names) => dedupeByKey(names))
    .filter((names) => names.length >= 2)
    .map(([first, ...rest]) => [first, ...rest.sort(byKeyThenName)])
    .sort((a, b) => byKeyThenName(a[0], b[0]));

  const pairs = new Map<string, string[]>();
  for (const names of d.split) {
    const distinct = dedupeByKey(names);
    for (let i = 0; i < distinct.length; i++) {
      for (let j = i + 1; j < distinct.length; j++) {
        const pair = [distinct[i], distinct[j]].sort(byKeyThenName);
        const id = `${speakerNameKey(pair[0])}\u0000${speakerNameKey(pair[1])}`;
        if (!pairs.has(id)) pairs.set(id, pair);
      }
    }
  }
  const split = [...pairs.values()].sort((a, b) => byKeyThenName(a[0], b[0]) || byKeyThenName(a[1], b[1]));
  return { merge, split, extra: d.extra };
}

function dedupeByKey(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const key = speakerNameKey(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

// Code-unit order, not locale order: the file must sort the same on every machine.
function byKeyThenName(a: string, b: string): number {
  const ka = speakerNameKey(a), kb = speakerNameKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** The file text for `d`, with a header that tells a reader what the file is. */
export function serializeSpeakerDecisions(d: SpeakerDecisions): string {
  const n = normalizeSpeakerDecisions(d);
  const header = [
    '# Speaker decisions of this workspace (Arabic News Annotator); commit this file with the sidecars.',
    '# merge: names of one speaker, the first is the name shown. split: two names that are different speakers.',
    '# Names match whatever their spelling (diacritics, alef and yeh forms, foreign g); see docs/speakers.md.',
  ];
  const extra = Object.entries(n.extra).filter(([k]) => !KNOWN_KEYS.includes(k));
  const body = emitYamlDocument(new YamlMapping([
    ['schema', SPEAKER_DECISIONS_SCHEMA],
    ['schema_version', SPEAKER_DECISIONS_VERSION],
    ['merge', n.merge.map((names) => yamlFlowList(names, yamlQuoted))],
    ['split', n.split.map((names) => yamlFlowList(names, yamlQuoted))],
    ...extra,
  ]));
  return `${header.join('\n')}\n${body}`;
}

/**
 * Records that the given groups are one speaker. `groups[i]` lists the names of group i (any
 * spellings; the first of the first group is shown). Splits between any of these names are
 * dropped, and merge entries that touch them are combined into one.
 */
export function recordMerge(decisions: SpeakerDecisions, groups: ReadonlyArray<readonly string[]>): SpeakerDecisions {
  const d = normalizeSpeakerDecisions(decisions);
  const named = groups.filter((g) => g.length > 0);
  if (named.length < 2) return d;
  const keys = new Set(named.flat().map(speakerNameKey));
  const touching = d.merge.filter((entry) => entry.some((n) => keys.has(speakerNameKey(n))));
  const others = d.merge.filter((entry) => !touching.includes(entry));
  const entry = [named[0][0], ...named.slice(1).map((g) => g[0]), ...touching.flat()];
  const split = d.split.filter(([a, b]) => !(keys.has(speakerNameKey(a)) && keys.has(speakerNameKey(b))));
  return normalizeSpeakerDecisions({ merge: [entry, ...others], split, extra: d.extra });
}

/**
 * Records that the names in `part` are a different speaker from the names in `rest` (both: one
 * spelling per key is enough). Merge entries joining the two sides are cut in two.
 */
export function recordSplit(decisions: SpeakerDecisions, part: readonly string[], rest: readonly string[]): SpeakerDecisions {
  const d = normalizeSpeakerDecisions(decisions);
  const partKeys = new Set(part.map(speakerNameKey));
  const restKeys = new Set(rest.map(speakerNameKey));
  const merge: string[][] = [];
  for (const entry of d.merge) {
    const inPart = entry.filter((n) => partKeys.has(speakerNameKey(n)));
    const inRest = entry.filter((n) => restKeys.has(speakerNameKey(n)));
    if (inPart.length === 0 || inRest.length === 0) {
      merge.push(entry);
      continue;
    }
    // Names of neither side stay with the side of the entry's first name, which keeps its display name.
    const neither = entry.filter((n) => !partKeys.has(speakerNameKey(n)) && !restKeys.has(speakerNameKey(n)));
    const firstInPart = partKeys.has(speakerNameKey(entry[0]));
    merge.push(firstInPart ? [...inPart, ...neither] : inPart, firstInPart ? inRest : [...inRest, ...neither]);
  }
  const split = [...d.split];
  for (const p of dedupeByKey(part)) for (const r of dedupeByKey(rest)) split.push([p, r]);
  return normalizeSpeakerDecisions({ merge, split, extra: d.extra });
}

/** Replaces every name whose key is in `oldKeys` by `newName` (a renamed speaker keeps its decisions). */
export function renameInDecisions(d: SpeakerDecisions, oldKeys: ReadonlySet<string>, newName: string): SpeakerDecisions {
  const swap = (n: string): string => (oldKeys.has(speakerNameKey(n)) ? newName : n);
  return normalizeSpeakerDecisions({ merge: d.merge.map((e) => e.map(swap)), split: d.split.map((e) => e.map(swap)), extra: d.extra });
}
