// Reads a sidecar against its article. Everything the file gets wrong is reported with its line,
// all at once where possible; any error means ok:false, and the caller must not overwrite the file.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type YAMLMap } from 'yaml';
import { articleSha256 } from './articleHash';
import type { AnchorState, Anchored, AnnotationSet, ArticleStatus, Entity, Extras, Quotation, Rejection, Speaker } from './model';
import { OffsetMap } from './offsets';
import { countOf } from './plural';
import { reanchor } from './reanchor';
import { readCanonicalSidecar } from './sidecarFastRead';
import {
  ARTICLE_STATUSES, ENTITY_KEYS, MAX_ALIAS_COUNT, MAX_PROBLEMS_PER_FILE, MAX_SIDECAR_BYTES, QUOTATION_KEYS, REJECTION_KEYS,
  SIDECAR_OFFSET_UNIT, SIDECAR_SCHEMA, SIDECAR_SCHEMA_VERSION, SPEAKER_KEYS, TOP_LEVEL_KEYS,
  type SidecarProblem, type SidecarSeverity,
} from './sidecarFormat';

export interface SidecarParseOptions {
  /** Path of the sidecar, used as `file` in problems. */
  sidecarPath: string;
  /** File name of the article beside it; a different `article` value is a warning. */
  articleFileName: string;
  /** Configured entity label ids; any other label is an error. */
  labels: readonly string[];
}

export type SidecarLoad =
  | { ok: true; annotations: AnnotationSet; problems: SidecarProblem[]; reanchored: boolean }
  | { ok: false; problems: SidecarProblem[] };

/** Parses `yamlText` against `articleText`; offsets in the result are UTF-16, as everywhere in memory. */
export function parseSidecar(yamlText: string, articleText: string, opts: SidecarParseOptions): SidecarLoad {
  // What this extension wrote, unchanged since: read in a fraction of the time, with the same result.
  const canonical = readCanonicalSidecar(yamlText, articleText, opts.articleFileName, opts.labels);
  if (canonical) return { ok: true, annotations: canonical, problems: [], reanchored: false };
  const report = new ProblemReport(opts.sidecarPath);
  try {
    const annotations = readSidecar(yamlText, articleText, opts, report);
    if (annotations && !report.hasErrors) return { ok: true, annotations: annotations.set, problems: report.done(), reanchored: annotations.reanchored };
  } catch (err) {
    // A stack overflow on absurd nesting, or a bug: still a clear refusal rather than a crash.
    const reason = err instanceof Error ? err.message : String(err);
    report.add(undefined, 'error', 'internal', `Could not read the sidecar (${reason}). The file was left untouched; check it for unusual structure, and report this with the file if it looks normal.`);
  }
  return { ok: false, problems: report.done() };
}

// ---------------------------------------------------------------------------------------------
// Problems and positions

class ProblemReport {
  private readonly problems: SidecarProblem[] = [];
  private dropped = { error: 0, warning: 0 };
  private errors = 0;
  lines: LineCounter | undefined;

  constructor(private readonly file: string) {}

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  /** `where`: a node (its start) or a character offset into the YAML text; undefined = line 1. */
  add(where: Node | number | null | undefined, severity: SidecarSeverity, code: string, message: string): void {
    if (severity === 'error') this.errors++;
    if (this.problems.length >= MAX_PROBLEMS_PER_FILE) {
      this.dropped[severity]++;
      return;
    }
    const offset = typeof where === 'number' ? where : where?.range?.[0];
    const pos = offset !== undefined && this.lines ? this.lines.linePos(offset) : { line: 1, col: 1 };
    this.problems.push({ file: this.file, line: pos.line, column: pos.col, severity, code, message });
  }

  /** The problems in file order (stable: same place keeps report order), plus a count of those left out. */
  done(): SidecarProblem[] {
    this.problems.sort((a, b) => a.line - b.line || a.column - b.column);
    const { error, warning } = this.dropped;
    if (error + warning > 0) {
      this.problems.push({
        file: this.file, line: 1, column: 1, severity: error > 0 ? 'error' : 'warning', code: 'too-many-problems',
        message: `${countOf(error + warning, 'more problem is', 'more problems are')} not listed (${countOf(error, 'error')}); fix the ones above and check again.`,
      });
    }
    return this.problems;
  }
}

/** A key of a YAML mapping with its value node as written (maybe an alias) and resolved. */
interface Field {
  keyNode: Node;
  /** The value as written; an alias stays an alias so that problems point where it is used. */
  written: Node | null;
  value: Node | null;
}

interface Item {
  node: YAMLMap;
  fields: Map<string, Field>;
  extra: Extras;
  /** `entity e3`, or `entities item 4` when the id is unusable; used in messages. */
  name: string;
}

class Reader {
  private readonly aliasTargets = new Map<Alias, Node | undefined>();

  constructor(readonly doc: Document.Parsed, readonly report: ProblemReport) {}

  /** Resolves every alias once (the yaml package would rescan the document per alias) and rejects bad ones. */
  checkAliases(): void {
    const anchors = new Map<string, Node>();
    visit(this.doc, {
      Node: (_key, node, path) => {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          this.aliasTargets.set(node, target);
          if (!target) {
            this.report.add(node, 'error', 'alias-unknown', `Alias *${node.source} has no anchor &${node.source} before it. Define the anchor first, or write the value out in place of the alias.`);
          } else if ((path as readonly unknown[]).includes(target)) {
            this.report.add(node, 'error', 'alias-cycle', `Alias *${node.source} refers to a node that contains it, which makes an endless structure. Replace the alias with a copy of the data.`);
          }
        } else if (node.anchor) {
          anchors.set(node.anchor, node);
        }
      },
    });
    if (this.report.hasErrors || this.aliasTargets.size === 0) return;
    try {
      this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      const first = [...this.aliasTargets.keys()][0];
      this.report.add(first, 'error', 'alias-limit', `The aliases in this file expand to an excessive amount of data (more than ${MAX_ALIAS_COUNT} nested alias expansions, as in a "billion laughs" attack), so it was not read. Sidecars need no aliases: write the values out.`);
    }
  }

  resolve(node: unknown): Node | null {
    if (isAlias(node)) return this.aliasTargets.get(node) ?? null;
    return (node as Node | null | undefined) ?? null;
  }

  /** The mapping's keys: known ones as fields, the rest as extras in their original order. */
  fields(map: YAMLMap, known: readonly string[]): { fields: Map<string, Field>; extra: Extras } {
    const fields = new Map<string, Field>();
    const extra: Extras = {};
    for (const pair of map.items) {
      const keyNode = this.resolve(pair.key);
      const key = isScalar(keyNode) ? String(keyNode.value) : String(this.toJS(keyNode));
      const written = (pair.value as Node | null) ?? null;
      if (known.includes(key) && isScalar(keyNode) && typeof keyNode.value === 'string') {
        fields.set(key, { keyNode: pair.key as Node, written, value: this.resolve(written) });
      } else {
        // defineProperty: a key such as __proto__ must stay data, not change the object's prototype.
        Object.defineProperty(extra, key, { value: this.toJS(written), enumerable: true, writable: true, configurable: true });
      }
    }
    return { fields, extra };
  }

  toJS(node: Node | null): unknown {
    if (node === null) return null;
    return node.toJS(this.doc, { maxAliasCount: MAX_ALIAS_COUNT });
  }
}

const where = (f: Field): Node => f.written ?? f.keyNode;

// ---------------------------------------------------------------------------------------------
// Typed values; each reports its own problem and returns undefined when the value is unusable.

function describe(node: Node | null): string {
  if (node === null || (isScalar(node) && node.value === null)) return 'nothing (null)';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return typeof node.value === 'string' ? `the string ${JSON.stringify(clip(node.value))}` : `${typeof node.value} ${String(node.value)}`;
  return 'an unsupported value';
}

function readString(r: Reader, owner: string, key: string, f: Field | undefined, opts: { nullable?: boolean; nonEmpty?: boolean } = {}): string | null | undefined {
  if (!f) {
    if (opts.nullable) return null;
    r.report.add(undefined, 'error', 'missing-key', `${owner} has no \`${key}\`; add it.`);
    return undefined;
  }
  const v = f.value;
  if (opts.nullable && (v === null || (isScalar(v) && v.value === null))) return null;
  if (isScalar(v) && typeof v.value === 'string') {
    if (opts.nonEmpty && v.value === '') {
      r.report.add(where(f), 'error', 'empty-value', `${owner}: \`${key}\` is empty; give it a value.`);
      return undefined;
    }
    return v.value;
  }
  const hint = isScalar(v) && v.value !== null ? ` (quote it: ${key}: "${String(v.value)}")` : '';
  r.report.add(where(f), 'error', 'wrong-type', `${owner}: \`${key}\` must be a string${opts.nullable ? ' or null' : ''}, found ${describe(v)}${hint}.`);
  return undefined;
}

function readOffset(r: Reader, owner: string, key: string, f: Field | undefined): number | undefined {
  if (!f) {
    r.report.add(undefined, 'error', 'missing-key', `${owner} has no \`${key}\` offset; add it (a code-point offset into the article).`);
    return undefined;
  }
  const v = f.value;
  if (isScalar(v) && typeof v.value === 'number' && Number.isSafeInteger(v.value) && v.value >= 0) return v.value;
  r.report.add(where(f), 'error', 'wrong-type', `${owner}: \`${key}\` must be a whole number ≥ 0 (a code-point offset into the article), found ${describe(v)}.`);
  return undefined;
}

/** `suggested: <confidence>`: present only on suggestions the team has not confirmed. */
function readSuggested(r: Reader, owner: string, f: Field | undefined): number | undefined {
  if (!f) return undefined;
  const v = f.value;
  if (isScalar(v) && typeof v.value === 'number' && v.value >= 0 && v.value <= 1) return v.value;
  r.report.add(where(f), 'error', 'wrong-type', `${owner}: \`suggested\` must be the suggestion's confidence, a number from 0 to 1, found ${describe(v)}; delete the key to confirm the annotation.`);
  return undefined;
}

function readRejection(r: Reader, item: Item, map: OffsetMap): Rejection | undefined {
  const kind = readString(r, item.name, 'kind', item.fields.get('kind'));
  if (kind !== 'entity' && kind !== 'quotation') {
    if (typeof kind === 'string') r.report.add(where(item.fields.get('kind')!), 'error', 'wrong-type', `${item.name}: \`kind\` must be entity or quotation, found "${clip(kind)}".`);
    return undefined;
  }
  const label = item.fields.has('label') ? readString(r, item.name, 'label', item.fields.get('label'), { nullable: true }) : null;
  const start = readOffset(r, item.name, 'start', item.fields.get('start'));
  const end = readOffset(r, item.name, 'end', item.fields.get('end'));
  const text = readString(r, item.name, 'text', item.fields.get('text'));
  if (start === undefined || end === undefined || typeof text !== 'string') return undefined;
  // A rejection's position is a hint for matching future suggestions, so it is clamped, not checked.
  const clamp = (n: number) => map.toUtf16(Math.min(n, map.codePointLength));
  return { kind, label: label ?? null, start: clamp(Math.min(start, end)), end: clamp(Math.max(start, end)), text };
}

function readStringList(r: Reader, owner: string, key: string, f: Field | undefined): string[] | undefined {
  if (!f || f.value === null || (isScalar(f.value) && f.value.value === null)) return [];
  if (!isSeq(f.value)) {
    r.report.add(where(f), 'error', 'wrong-type', `${owner}: \`${key}\` must be a list of strings, found ${describe(f.value)}.`);
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  for (const written of f.value.items as Node[]) {
    const v = r.resolve(written);
    if (isScalar(v) && typeof v.value === 'string') out.push(v.value);
    else {
      r.report.add(written, 'error', 'wrong-type', `${owner}: every entry of \`${key}\` must be a string, found ${describe(v)}.`);
      ok = false;
    }
  }
  return ok ? out : undefined;
}

/**
 * The list under `key` as mapping items; null or absent means an empty list. `complete` is false
 * when some item could not be read, so that references to it are not reported as dangling too.
 */
function readItems(r: Reader, top: Map<string, Field>, key: string, singular: string, known: readonly string[]): { items: Item[]; complete: boolean } {
  const f = top.get(key);
  if (!f || f.value === null || (isScalar(f.value) && f.value.value === null)) return { items: [], complete: true };
  if (!isSeq(f.value)) {
    r.report.add(where(f), 'error', 'wrong-type', `\`${key}\` must be a list of ${singular} mappings (\`- id: ...\`), found ${describe(f.value)}.`);
    return { items: [], complete: false };
  }
  const items: Item[] = [];
  let complete = true;
  f.value.items.forEach((written, i) => {
    const node = r.resolve(written);
    if (!isMap(node)) {
      r.report.add(written as Node, 'error', 'wrong-type', `${key} item ${i + 1} must be a mapping of keys (id, start, ...), found ${describe(node)}.`);
      complete = false;
      return;
    }
    const { fields, extra } = r.fields(node, known);
    const idNode = fields.get('id')?.value;
    const name = isScalar(idNode) && typeof idNode.value === 'string' && idNode.value !== '' ? `${singular} ${idNode.value}` : `${key} item ${i + 1}`;
    items.push({ node: written as YAMLMap, fields, extra, name });
  });
  return { items, complete };
}

function clip(s: string, max = 40): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

// ---------------------------------------------------------------------------------------------
// The file

interface SpanDraft<T extends Anchored> {
  item: Item;
  /** Filled in with code-point offsets, converted to UTF-16 at the end. */
  value: T;
  /** Its own offsets and text are sound, so it can be checked against the article even if other things are wrong. */
  sound: boolean;
}

function readSidecar(yamlText: string, articleText: string, opts: SidecarParseOptions, report: ProblemReport): { set: AnnotationSet; reanchored: boolean } | undefined {
  if (yamlText.length > MAX_SIDECAR_BYTES || utf8Length(yamlText) > MAX_SIDECAR_BYTES) {
    report.add(undefined, 'error', 'too-large', `The sidecar is larger than ${MAX_SIDECAR_BYTES / 1024 / 1024} MB, far beyond any real annotation file, so it was not read. Check what wrote it, or move it away from the .ann.yaml name.`);
    return undefined;
  }
  const lines = new LineCounter();
  report.lines = lines;
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', schema: 'core' });
  for (const e of doc.errors) {
    report.add(e.pos[0], 'error', 'yaml-syntax', `Not valid YAML: ${e.message}. Fix the syntax here (or restore the file from version control).`);
  }
  for (const w of doc.warnings) {
    report.add(w.pos[0], 'warning', 'yaml-warning', `${w.message}. The value was read as plain data; remove the tag or fix the line so that every YAML reader (PyYAML's safe_load included) reads it the same way.`);
  }
  if (report.hasErrors) return undefined;

  const r = new Reader(doc, report);
  r.checkAliases();
  if (report.hasErrors) return undefined;

  const root = r.resolve(doc.contents);
  if (!isMap(root)) {
    const found = root === null || (isScalar(root) && root.value === null) ? 'The sidecar is empty' : `The sidecar's top level is ${describe(root)}`;
    report.add(root, 'error', 'not-mapping', `${found}; a sidecar is a mapping starting with \`schema: ${SIDECAR_SCHEMA}\`. Restore it from version control or delete it to start over.`);
    return undefined;
  }
  const { fields: top, extra } = r.fields(root, TOP_LEVEL_KEYS);
  if (!checkSchema(r, top)) return undefined;

  const articleName = readString(r, 'The sidecar', 'article', top.get('article'), { nonEmpty: true });
  if (typeof articleName === 'string' && articleName !== opts.articleFileName) {
    report.add(where(top.get('article')!), 'warning', 'article-name', `The sidecar names the article "${articleName}" but sits beside "${opts.articleFileName}" (renamed or copied?). It is read against "${opts.articleFileName}"; the next save corrects the name.`);
  }
  const sha = readString(r, 'The sidecar', 'sha256', top.get('sha256'));
  if (typeof sha === 'string' && !/^[0-9a-fA-F]{64}$/.test(sha)) {
    report.add(where(top.get('sha256')!), 'error', 'wrong-type', `\`sha256\` must be 64 hex digits (the SHA-256 of the article's UTF-8 text), found "${clip(sha)}".`);
  }
  const unit = readString(r, 'The sidecar', 'offsets', top.get('offsets'));
  if (typeof unit === 'string' && unit !== SIDECAR_OFFSET_UNIT) {
    report.add(where(top.get('offsets')!), 'error', 'offsets-unit', `Offset unit "${clip(unit)}" is not supported; sidecars count \`offsets: ${SIDECAR_OFFSET_UNIT}\` (Unicode code points, as Python string indices). Convert the offsets and set the unit.`);
  }
  const status = readString(r, 'The sidecar', 'status', top.get('status'));
  if (typeof status === 'string' && !ARTICLE_STATUSES.includes(status as ArticleStatus)) {
    report.add(where(top.get('status')!), 'error', 'status-invalid', `Status "${clip(status)}" is not one of ${ARTICLE_STATUSES.join(', ')}; use one of those.`);
  }

  const ids = new Map<string, Node>();
  const entityItems = readItems(r, top, 'entities', 'entity', ENTITY_KEYS);
  const entities = entityItems.items.map((item) => readEntity(r, item, opts.labels, ids));
  const quotations = readItems(r, top, 'quotations', 'quotation', QUOTATION_KEYS).items.map((item) => readQuotation(r, item, ids));
  const speakerItems = readItems(r, top, 'speakers', 'speaker', SPEAKER_KEYS);
  const speakers = speakerItems.items.map((item) => readSpeaker(r, item, ids));
  const spans = [...entities, ...quotations] as Array<SpanDraft<Anchored>>;
  const map = new OffsetMap(articleText);
  const rejected = readItems(r, top, 'rejected', 'rejection', REJECTION_KEYS).items
    .map((item) => readRejection(r, item, map))
    .filter((x): x is Rejection => x !== undefined);
  const shaKnown = typeof sha === 'string' && /^[0-9a-fA-F]{64}$/.test(sha);
  const changed = shaKnown && sha.toLowerCase() !== articleSha256(articleText);
  checkReferences(r, {
    entities, quotations, speakers,
    // An unreadable list or id would make every reference to it look dangling; those are reported once, at their cause.
    entitiesKnown: entityItems.complete && entities.every((e) => e.value.id !== ''),
    speakersKnown: speakerItems.complete && speakers.every((s) => s.value.id !== ''),
  });
  // Against the article the sidecar was written for, every sound span is checked, so that one run lists all problems.
  if (shaKnown && !changed) checkSpansAgainstArticle(r, spans.filter((s) => s.sound), map, articleText);
  if (report.hasErrors) return undefined;

  if (!changed) {
    for (const { value } of spans) {
      value.start = map.toUtf16(value.start);
      value.end = map.toUtf16(value.end);
    }
  } else {
    reanchorSpans(r, spans, map, articleText, top.get('sha256')!);
  }
  for (const { item, value } of spans) {
    if (value.anchor === 'unanchored') {
      report.add(item.node, 'warning', 'unanchored', `${item.name} ("${clip(value.text)}") was not found in the article; it is kept and flagged \`anchor: unanchored\`. Tag the text again or delete the annotation.`);
    }
  }

  return {
    set: {
      status: status as ArticleStatus,
      entities: entities.map((d) => d.value),
      quotations: quotations.map((d) => d.value),
      speakers: speakers.map((d) => d.value),
      rejected,
      extra,
    },
    reanchored: changed,
  };
}

/** Schema identity first: under another schema or version the other keys may mean something else. */
function checkSchema(r: Reader, top: Map<string, Field>): boolean {
  const schema = top.get('schema');
  if (!schema) {
    r.report.add(undefined, 'error', 'schema-missing', `No \`schema\` key, so this is not a recognisable Arabic News Annotator sidecar. Add \`schema: ${SIDECAR_SCHEMA}\` and \`schema_version: ${SIDECAR_SCHEMA_VERSION}\` at the top if it is one, or rename the file so it does not end in .ann.yaml.`);
    return false;
  }
  if (!isScalar(schema.value) || schema.value.value !== SIDECAR_SCHEMA) {
    r.report.add(where(schema), 'error', 'schema-unknown', `\`schema\` is ${describe(schema.value)}, not "${SIDECAR_SCHEMA}"; this file belongs to another tool. Rename it so it does not end in .ann.yaml, or fix the value.`);
    return false;
  }
  const version = top.get('schema_version');
  if (!version) {
    r.report.add(schema.keyNode, 'error', 'schema-version-missing', `No \`schema_version\`; add \`schema_version: ${SIDECAR_SCHEMA_VERSION}\` below \`schema\`.`);
    return false;
  }
  const v = isScalar(version.value) ? version.value.value : undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    r.report.add(where(version), 'error', 'schema-version-invalid', `\`schema_version\` must be a whole number such as ${SIDECAR_SCHEMA_VERSION}, found ${describe(version.value)}.`);
    return false;
  }
  if (v > SIDECAR_SCHEMA_VERSION) {
    r.report.add(where(version), 'error', 'schema-version-newer', `This sidecar uses schema version ${v}, but this version of Arabic News Annotator reads only version ${SIDECAR_SCHEMA_VERSION}. Update the extension (and the arabic-news-annotator CLI) to read it; the file was left untouched.`);
    return false;
  }
  return true;
}

function claimId(r: Reader, item: Item, ids: Map<string, Node>): string | undefined {
  const f = item.fields.get('id');
  if (!f) {
    r.report.add(item.node, 'error', 'missing-key', `${item.name} has no \`id\`; add a unique one such as e12.`);
    return undefined;
  }
  const id = readString(r, item.name, 'id', f, { nonEmpty: true });
  if (typeof id !== 'string') return undefined;
  const first = ids.get(id);
  if (first) {
    const line = r.report.lines?.linePos(first.range?.[0] ?? 0).line;
    r.report.add(where(f!), 'error', 'id-duplicate', `Id "${id}" is already used on line ${line}; every entity, quotation and speaker needs its own id. Rename one of them (and the references to it).`);
  } else {
    ids.set(id, where(f!));
  }
  return id;
}

function readAnchor(r: Reader, item: Item): AnchorState | undefined {
  const f = item.fields.get('anchor');
  if (!f) return 'ok';
  const v = isScalar(f.value) ? f.value.value : undefined;
  if (v === 'ok' || v === 'edited' || v === 'unanchored') return v;
  r.report.add(where(f), 'error', 'anchor-invalid', `${item.name}: \`anchor\` must be edited or unanchored (or absent when the span is fine), found ${describe(f.value)}.`);
  return undefined;
}

/** Common part of entities and quotations; offsets stay in code points until checked. */
function readSpan(r: Reader, item: Item, ids: Map<string, Node>): { span: Anchored; sound: boolean } {
  const missing = (key: string): void => {
    if (!item.fields.has(key)) r.report.add(item.node, 'error', 'missing-key', `${item.name} has no \`${key}\`; add it.`);
  };
  ['start', 'end', 'text'].forEach(missing);
  const id = claimId(r, item, ids) ?? '';
  const start = item.fields.has('start') ? readOffset(r, item.name, 'start', item.fields.get('start')) : undefined;
  const end = item.fields.has('end') ? readOffset(r, item.name, 'end', item.fields.get('end')) : undefined;
  const text = item.fields.has('text') ? readString(r, item.name, 'text', item.fields.get('text')) : undefined;
  const anchor = readAnchor(r, item) ?? 'ok';
  let sound = start !== undefined && end !== undefined && typeof text === 'string';
  if (start !== undefined && end !== undefined) {
    if (start > end) {
      r.report.add(where(item.fields.get('start')!), 'error', 'span-inverted', `${item.name}: \`start\` (${start}) is after \`end\` (${end}); swap them or correct the offsets.`);
      sound = false;
    } else if (start === end && anchor !== 'unanchored') {
      r.report.add(where(item.fields.get('start')!), 'error', 'span-empty', `${item.name}: the span is empty (start = end = ${start}); an annotation must cover at least one character. Correct \`end\` or delete the annotation.`);
      sound = false;
    }
  }
  const suggested = readSuggested(r, item.name, item.fields.get('suggested'));
  return { span: { id, start: start ?? 0, end: end ?? 0, text: text ?? '', anchor, ...(suggested === undefined ? {} : { suggested }), extra: item.extra }, sound };
}

function readEntity(r: Reader, item: Item, labels: readonly string[], ids: Map<string, Node>): SpanDraft<Entity> {
  const { span, sound } = readSpan(r, item, ids);
  const f = item.fields.get('label');
  if (!f) r.report.add(item.node, 'error', 'missing-key', `${item.name} has no \`label\`; add one of ${labels.join(', ')}.`);
  const label = f ? readString(r, item.name, 'label', f, { nonEmpty: true }) : undefined;
  if (typeof label === 'string' && !labels.includes(label)) {
    r.report.add(where(f!), 'error', 'label-unknown', `${item.name}: label "${clip(label)}" is not one of the configured labels (${labels.join(', ')}). Change the label, or add it to the label configuration.`);
  }
  return { item, value: { ...span, label: label ?? '' }, sound };
}

function readQuotation(r: Reader, item: Item, ids: Map<string, Node>): SpanDraft<Quotation> {
  const { span, sound } = readSpan(r, item, ids);
  const speaker = readString(r, item.name, 'speaker', item.fields.get('speaker'), { nullable: true, nonEmpty: true });
  const cue = readString(r, item.name, 'cue', item.fields.get('cue'), { nullable: true });
  return { item, value: { ...span, speaker: speaker ?? null, cue: cue ?? null }, sound };
}

function readSpeaker(r: Reader, item: Item, ids: Map<string, Node>): { item: Item; value: Speaker } {
  const id = claimId(r, item, ids) ?? '';
  const nameField = item.fields.get('name');
  if (!nameField) r.report.add(item.node, 'error', 'missing-key', `${item.name} has no \`name\`; add the speaker's name as written in the article.`);
  const name = nameField ? readString(r, item.name, 'name', nameField) : undefined;
  const aliases = readStringList(r, item.name, 'aliases', item.fields.get('aliases'));
  const mentions = readStringList(r, item.name, 'mentions', item.fields.get('mentions'));
  const suggested = readSuggested(r, item.name, item.fields.get('suggested'));
  return { item, value: { id, name: name ?? '', aliases: aliases ?? [], mentions: mentions ?? [], ...(suggested === undefined ? {} : { suggested }), extra: item.extra } };
}

interface ReferenceCheck {
  entities: Array<SpanDraft<Entity>>;
  quotations: Array<SpanDraft<Quotation>>;
  speakers: Array<{ item: Item; value: Speaker }>;
  entitiesKnown: boolean;
  speakersKnown: boolean;
}

function checkReferences(r: Reader, { entities, quotations, speakers, entitiesKnown, speakersKnown }: ReferenceCheck): void {
  const speakerIds = new Set(speakers.map((s) => s.value.id));
  const entityIds = new Set(entities.map((e) => e.value.id));
  for (const { item, value } of quotations) {
    if (speakersKnown && value.speaker !== null && !speakerIds.has(value.speaker)) {
      r.report.add(where(item.fields.get('speaker')!), 'error', 'speaker-dangling', `${item.name}: speaker "${clip(value.speaker)}" is not the id of any speaker in this file. Use an id from \`speakers\`, or null when the speaker is unknown.`);
    }
  }
  for (const { item, value } of speakers) {
    const list = item.fields.get('mentions')?.value;
    if (!entitiesKnown || !isSeq(list)) continue;
    value.mentions.forEach((m, i) => {
      if (!entityIds.has(m)) {
        r.report.add(list.items[i] as Node, 'error', 'mention-dangling', `${item.name}: mention "${clip(m)}" is not the id of any entity in this file. Remove it or use the id of the entity that names this speaker.`);
      }
    });
  }
}

/** The article is the one the sidecar was written for: every span must be in range and cover its text. */
function checkSpansAgainstArticle(r: Reader, spans: Array<SpanDraft<Anchored>>, map: OffsetMap, articleText: string): void {
  for (const { item, value } of spans) {
    if (value.end > map.codePointLength) {
      const key = value.start > map.codePointLength ? 'start' : 'end';
      r.report.add(where(item.fields.get(key)!), 'error', 'span-out-of-range', `${item.name}: \`${key}\` (${value[key]}) is past the end of the article (${map.codePointLength} code points). Correct the offsets.`);
      continue;
    }
    if (value.anchor === 'unanchored') continue; // flagged, not checked: its position is only a hint
    const actual = articleText.slice(map.toUtf16(value.start), map.toUtf16(value.end));
    if (actual !== value.text) {
      r.report.add(where(item.fields.get('text')!), 'error', 'text-mismatch', `${item.name}: \`text\` "${clip(value.text)}" differs from the article's text at [${value.start}, ${value.end}), "${clip(actual)}". Correct the offsets (code points, end exclusive) or the text.`);
    }
  }
}

/** The article changed since the sidecar was saved: find each annotation again by its text near its old place. */
function reanchorSpans(r: Reader, spans: Array<SpanDraft<Anchored>>, map: OffsetMap, articleText: string, shaField: Field): void {
  const clamp = (n: number): number => Math.min(n, map.codePointLength);
  const items = spans.map((s) => s.value);
  for (const v of items) {
    v.start = map.toUtf16(clamp(v.start));
    v.end = map.toUtf16(clamp(v.end));
  }
  const { moved, edited, unanchored } = reanchor(items, articleText);
  const details = [`${moved} of ${items.length} annotations moved`];
  if (edited.length) details.push(`${countOf(edited.length, 'was', 'were')} found only with different spelling (flagged \`anchor: edited\`)`);
  if (unanchored.length) details.push(`${unanchored.length} could not be found (flagged \`anchor: unanchored\`)`);
  r.report.add(where(shaField), 'warning', 'article-changed', `The article changed since this sidecar was saved (its sha256 differs); annotations were re-found by their text: ${details.join(', ')}. Review them; the next save records the new positions.`);
  const editedIds = new Set(edited);
  for (const { item, value } of spans) {
    if (editedIds.has(value.id)) {
      r.report.add(item.node, 'warning', 'reanchored-edited', `${item.name} was found only with different spelling or diacritics; it now covers "${clip(value.text)}" and is flagged \`anchor: edited\`. Check that it is still right.`);
    }
  }
}

/** UTF-8 byte length without allocating a buffer. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
