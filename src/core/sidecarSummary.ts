// A light read of a sidecar for workspace-wide views: status, and the ids, labels, texts,
// speakers and suggestion confidences of its annotations, without the article text and without
// checking spans against it. The `rejected` list is not needed by the views and is skipped.
// Workspaces hold tens of thousands of sidecars; the full reader (sidecarParse.ts) costs about
// 1.5 ms per file in the `yaml` package, so files in exactly the form sidecarWrite.ts produces are
// read line by line instead, and anything else (hand edits, comments, other layouts) falls back to
// the `yaml` package. Both paths give the same result; the unit tests hold them to that.
import { parse } from 'yaml';
import type { AnchorState, ArticleStatus } from './model';
import { ARTICLE_STATUSES, MAX_ALIAS_COUNT, MAX_SIDECAR_BYTES, SIDECAR_SCHEMA, SIDECAR_SCHEMA_VERSION } from './sidecarFormat';

export interface SummarySpan {
  id: string;
  /** Code-point offsets as in the file (not checked against the article). */
  start: number;
  end: number;
  text: string;
  anchor: AnchorState;
  /** Confidence (0..1) of an unconfirmed suggestion; absent (not undefined) once confirmed. */
  suggested?: number;
}

export interface SummarySpeaker {
  id: string;
  name: string;
  aliases: string[];
  /** Confidence (0..1) of an unconfirmed suggestion; absent (not undefined) once confirmed. */
  suggested?: number;
}

export interface SidecarSummary {
  status: ArticleStatus;
  entities: Array<SummarySpan & { label: string }>;
  quotations: Array<SummarySpan & { speaker: string | null }>;
  speakers: SummarySpeaker[];
}

export type SidecarSummaryRead = { ok: true; summary: SidecarSummary } | { ok: false; reason: string };

/** Reads what the views need from a sidecar's text; `fastPath: false` forces the `yaml` package (tests). */
export function readSidecarSummary(yamlText: string, options: { fastPath?: boolean } = {}): SidecarSummaryRead {
  if (yamlText.length > MAX_SIDECAR_BYTES) return { ok: false, reason: `larger than ${MAX_SIDECAR_BYTES / 1024 / 1024} MB` };
  if (options.fastPath !== false) {
    const fast = readWrittenForm(yamlText);
    if (fast) return { ok: true, summary: fast };
  }
  return readAnyForm(yamlText);
}

// ---------------------------------------------------------------------------------------------
// Fast path: the writer's own layout. Returns undefined as soon as anything differs from it.

// A key is plain, or double-quoted when an unknown key needs it (the writer quotes nothing it knows).
const KEY = /("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*)/.source;
const TOP = new RegExp(`^${KEY}:(?: (.*))?$`);
const ITEM_START = /^ {2}- id: (.+)$/;
const FIELD = new RegExp(`^ {4}${KEY}:(?: (.*))?$`);
const PLAIN_ID = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const YAML11_RESERVED = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
const LISTS = ['entities', 'quotations', 'speakers'] as const;
type ListName = (typeof LISTS)[number];
// The lines of the `rejected` list as the writer puts them (REJECTION_KEYS, no unknown keys). The
// views do not need them, but they are checked, so that a file taken here is one YAML reads.
const REJECTION_START = /^ {2}- kind: (?:entity|quotation)$/;
const REJECTION_FIELD = /^ {4}(label|start|end|text): (.+)$/;
const REJECTION_BITS: Record<string, number> = { label: 1, start: 2, end: 4, text: 8 };

interface Draft {
  fields: Map<string, string>;
}

/** The summary of a sidecar in exactly the writer's form; undefined for any other text (then use readSidecarSummary). */
export function readWrittenForm(text: string): SidecarSummary | undefined {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  const lists: Record<ListName, Draft[]> = { entities: [], quotations: [], speakers: [] };
  const top = new Map<string, string>();
  // 'other': an unknown top-level key, whose nested lines are skipped; 'closed': a list written `[]`;
  // 'rejected': the list of rejected suggestions, checked line by line and otherwise skipped.
  let section: ListName | 'rejected' | 'other' | 'closed' | undefined;
  let item: Draft | undefined;
  let rejection = -1; // keys seen in the current rejected item (REJECTION_BITS); -1 before the first
  let inExtra = false; // inside the nested value of an unknown key, which this reader skips
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line === '') return undefined;
    if (line.charCodeAt(0) !== 0x20) {
      const m = TOP.exec(line);
      if (!m || !plainOrUnknownKey(m[1], TOP_KEYS) || top.has(m[1])) return undefined;
      top.set(m[1], m[2] ?? '');
      item = undefined;
      inExtra = false;
      if ((LISTS as readonly string[]).includes(m[1]) || m[1] === 'rejected') {
        if (m[2] !== undefined && m[2] !== '[]') return undefined;
        section = m[2] === '[]' ? 'closed' : m[1] as ListName | 'rejected';
        rejection = -1;
      } else {
        section = 'other';
      }
      continue;
    }
    if (section === 'other') continue; // nested value of an unknown top-level key
    if (section === undefined || section === 'closed') return undefined;
    if (section === 'rejected') {
      if (REJECTION_START.test(line)) {
        rejection = 0;
        continue;
      }
      const r = REJECTION_FIELD.exec(line);
      if (!r || rejection < 0 || rejection & REJECTION_BITS[r[1]] || !rejectionValue(r[1], r[2])) return undefined;
      rejection |= REJECTION_BITS[r[1]];
      continue;
    }
    const start = ITEM_START.exec(line);
    if (start) {
      item = { fields: new Map() };
      item.fields.set('id', start[1]);
      lists[section].push(item);
      inExtra = false;
      continue;
    }
    if (!item) return undefined;
    const f = FIELD.exec(line);
    if (f) {
      if (!plainOrUnknownKey(f[1], KNOWN_FIELDS) || item.fields.has(f[1])) return undefined;
      item.fields.set(f[1], f[2] ?? '');
      inExtra = !KNOWN_FIELDS.has(f[1]);
      if (!inExtra && f[2] === undefined) return undefined;
      continue;
    }
    if (inExtra && line.startsWith('      ')) continue;
    return undefined;
  }
  if (top.get('schema') !== SIDECAR_SCHEMA || top.get('schema_version') !== String(SIDECAR_SCHEMA_VERSION) || top.get('offsets') !== 'code-points') return undefined;
  const status = top.get('status') as ArticleStatus;
  if (!ARTICLE_STATUSES.includes(status)) return undefined;
  for (const list of LISTS) if (!top.has(list)) return undefined;
  try {
    return {
      status,
      // Built field by field, not spread: this runs for every entity of every sidecar of a workspace.
      entities: lists.entities.map((d) => {
        const e = span(d) as SummarySpan & { label: string };
        e.label = id(need(d, 'label'));
        return e;
      }),
      quotations: lists.quotations.map((d) => {
        const q = span(d) as SummarySpan & { speaker: string | null };
        q.speaker = nullableId(d.fields.get('speaker') ?? 'null');
        return q;
      }),
      speakers: lists.speakers.map((d) => ({
        id: id(need(d, 'id')), name: quoted(need(d, 'name')), aliases: quotedList(d.fields.get('aliases') ?? '[]'), ...suggested(d),
      })),
    };
  } catch {
    return undefined;
  }
}

const KNOWN_FIELDS: ReadonlySet<string> = new Set(['id', 'label', 'start', 'end', 'text', 'anchor', 'suggested', 'speaker', 'cue', 'name', 'aliases', 'mentions']);
const TOP_KEYS: ReadonlySet<string> = new Set(['schema', 'schema_version', 'article', 'sha256', 'offsets', 'status', ...LISTS, 'rejected']);

/** False for a quoted key that spells a known one (or cannot be read): only the yaml package reads such files right. */
function plainOrUnknownKey(key: string, known: ReadonlySet<string>): boolean {
  if (key[0] !== '"') return true;
  try {
    return !known.has(quoted(key));
  } catch {
    return false;
  }
}

class NotWrittenForm extends Error {}

function need(d: Draft, key: string): string {
  const v = d.fields.get(key);
  if (v === undefined) throw new NotWrittenForm(key);
  return v;
}

function span(d: Draft): SummarySpan {
  // The writer leaves `anchor` out when it is ok, and writes only these two values.
  const anchor = d.fields.get('anchor') ?? 'ok';
  if (d.fields.has('anchor') && anchor !== 'edited' && anchor !== 'unanchored') throw new NotWrittenForm('anchor');
  const out: SummarySpan = { id: id(need(d, 'id')), start: offset(need(d, 'start')), end: offset(need(d, 'end')), text: quoted(need(d, 'text')), anchor: anchor as AnchorState };
  const confidence = suggested(d).suggested;
  if (confidence !== undefined) out.suggested = confidence;
  return out;
}

/** `{ suggested }` when the item has the key, else `{}`: the key is absent on confirmed items. */
function suggested(d: Draft): { suggested?: number } {
  const s = d.fields.get('suggested');
  if (s === undefined) return {};
  // The writer rounds to 3 places: 0, 1, 0.85. Other spellings (.5, 5e-1, 1.5) go to the yaml package.
  if (!/^[01](?:\.[0-9]{1,17})?$/.test(s)) throw new NotWrittenForm('suggested');
  const value = Number(s);
  if (value > 1) throw new NotWrittenForm('suggested');
  return { suggested: value };
}

/** Whether one value of a rejected item is in the writer's form (and so reads back as YAML). */
function rejectionValue(key: string, value: string): boolean {
  try {
    if (key === 'start' || key === 'end') offset(value);
    else if (key === 'label') id(value);
    else quoted(value);
    return true;
  } catch {
    return false;
  }
}

function offset(s: string): number {
  if (!/^(?:0|[1-9][0-9]{0,14})$/.test(s)) throw new NotWrittenForm('offset');
  return Number(s);
}

function id(s: string): string {
  if (s.startsWith('"')) return quoted(s);
  if (!PLAIN_ID.test(s) || YAML11_RESERVED.test(s)) throw new NotWrittenForm('id');
  return s;
}

function nullableId(s: string): string | null {
  return s === 'null' ? null : id(s);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A whole one-line double-quoted YAML scalar, unescaped. */
function quoted(s: string): string {
  const r = quotedAt(s, 0);
  if (r.next !== s.length) throw new NotWrittenForm('quoted');
  return r.value;
}

function quotedAt(s: string, at: number): { value: string; next: number } {
  if (s[at] !== '"') throw new NotWrittenForm('quoted');
  let out = '';
  let i = at + 1;
  for (;;) {
    const close = s.indexOf('"', i);
    const slash = s.indexOf('\\', i);
    if (close < 0) throw new NotWrittenForm('quoted');
    if (slash < 0 || close < slash) {
      out += s.slice(i, close);
      return { value: out, next: close + 1 };
    }
    out += s.slice(i, slash);
    const c = s[slash + 1];
    if (c !== undefined && c in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[c];
      i = slash + 2;
    } else if (c !== undefined && c in HEX_LENGTH) {
      const hex = s.slice(slash + 2, slash + 2 + HEX_LENGTH[c]);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== HEX_LENGTH[c]) throw new NotWrittenForm('escape');
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new NotWrittenForm('escape');
      out += String.fromCodePoint(code);
      i = slash + 2 + hex.length;
    } else {
      throw new NotWrittenForm('escape');
    }
  }
}

/** `["a", "b"]` or `[]`, as yamlFlowList writes it with quoted items. */
function quotedList(s: string): string[] {
  if (s === '[]') return [];
  if (s[0] !== '[' || s[s.length - 1] !== ']') throw new NotWrittenForm('list');
  const out: string[] = [];
  let i = 1;
  for (;;) {
    const r = quotedAt(s, i);
    out.push(r.value);
    if (s[r.next] === ']' && r.next === s.length - 1) return out;
    if (s.slice(r.next, r.next + 2) !== ', ') throw new NotWrittenForm('list');
    i = r.next + 2;
  }
}

// ---------------------------------------------------------------------------------------------
// Any layout: the `yaml` package, then a check of the shapes this summary needs.

function readAnyForm(text: string): SidecarSummaryRead {
  let data: unknown;
  try {
    data = parse(text, { strict: true, uniqueKeys: true, version: '1.2', schema: 'core', maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { ok: false, reason: `not valid YAML (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  if (!isRecord(data)) return { ok: false, reason: 'the top level is not a mapping' };
  if (data.schema !== SIDECAR_SCHEMA) return { ok: false, reason: `\`schema\` is not ${SIDECAR_SCHEMA}` };
  if (data.schema_version !== SIDECAR_SCHEMA_VERSION) return { ok: false, reason: `\`schema_version\` is not ${SIDECAR_SCHEMA_VERSION}` };
  if (data.offsets !== 'code-points') return { ok: false, reason: '`offsets` is not code-points' };
  if (!ARTICLE_STATUSES.includes(data.status as ArticleStatus)) return { ok: false, reason: '`status` is not one of not-started, in-progress, done' };
  try {
    return {
      ok: true,
      summary: {
        status: data.status as ArticleStatus,
        entities: list(data.entities, 'entities').map((e) => ({ ...anySpan(e), label: str(e.label, 'label') })),
        quotations: list(data.quotations, 'quotations').map((q) => ({ ...anySpan(q), speaker: q.speaker === null || q.speaker === undefined ? null : str(q.speaker, 'speaker') })),
        speakers: list(data.speakers, 'speakers').map((s) => ({
          id: str(s.id, 'id'), name: str(s.name, 'name'),
          aliases: s.aliases === null || s.aliases === undefined ? [] : (Array.isArray(s.aliases) ? s.aliases.map((a) => str(a, 'aliases')) : fail('aliases')),
          ...anySuggested(s),
        })),
      },
    };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(what: string): never {
  throw new Error(`\`${what}\` has the wrong type`);
}

function list(v: unknown, what: string): Array<Record<string, unknown>> {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v) || !v.every(isRecord)) fail(what);
  return v as Array<Record<string, unknown>>;
}

function str(v: unknown, what: string): string {
  return typeof v === 'string' ? v : fail(what);
}

function anySpan(v: Record<string, unknown>): SummarySpan {
  const off = (x: unknown, what: string): number => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : fail(what));
  const anchor = v.anchor === undefined || v.anchor === 'ok' ? 'ok' : v.anchor === 'edited' || v.anchor === 'unanchored' ? v.anchor : fail('anchor');
  return { id: str(v.id, 'id'), start: off(v.start, 'start'), end: off(v.end, 'end'), text: str(v.text, 'text'), anchor, ...anySuggested(v) };
}

/** As the full reader: `suggested`, when present, is a number from 0 to 1 (not null). */
function anySuggested(v: Record<string, unknown>): { suggested?: number } {
  if (!('suggested' in v)) return {};
  const s = v.suggested;
  return typeof s === 'number' && s >= 0 && s <= 1 ? { suggested: s } : fail('suggested');
}
