// Opening an article reads its sidecar; the `yaml` package takes seconds on a sidecar of 10,000
// annotations. Nearly every sidecar is exactly what sidecarWrite.ts wrote, so this reader takes
// that canonical form line by line, and checks it as parseSidecar does. It answers only for a file
// that parseSidecar would load without a single problem; for anything else (another layout, unknown
// keys, a changed article, any problem to report) it returns undefined and the full reader runs.
import { articleSha256 } from './articleHash';
import type { AnchorState, AnnotationSet, ArticleStatus, Entity, Quotation, Rejection, Speaker } from './model';
import { OffsetMap } from './offsets';
import { ARTICLE_STATUSES, MAX_SIDECAR_BYTES, SIDECAR_OFFSET_UNIT, SIDECAR_SCHEMA, SIDECAR_SCHEMA_VERSION } from './sidecarFormat';

/** Thrown inside the reader when the text leaves the canonical form: the full reader takes over. */
class NotCanonical extends Error {}

const fail = (): never => {
  throw new NotCanonical();
};

/** The annotations of a canonical, problem-free sidecar (UTF-16 offsets); undefined otherwise. */
export function readCanonicalSidecar(yamlText: string, articleText: string, articleFileName: string, labels: readonly string[]): AnnotationSet | undefined {
  // Larger files go to the full reader, which reports them (by UTF-8 size: 3 bytes per unit at most).
  if (yamlText.length * 3 > MAX_SIDECAR_BYTES || yamlText.includes('\r') || yamlText.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new Reader(yamlText.split('\n'), articleText, articleFileName, labels).read();
  } catch (err) {
    if (err instanceof NotCanonical) return undefined;
    throw err;
  }
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
const INTEGER = /^(?:0|[1-9]\d{0,15})$/;
const DECIMAL = /^\d{1,16}(?:\.\d{1,16})?$/;
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\', N: '\x85', L: '\u2028', P: '\u2029',
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

class Reader {
  private at = 0;
  private readonly ids = new Set<string>();
  private readonly map: OffsetMap;

  constructor(private readonly lines: string[], private readonly article: string, private readonly articleFileName: string, private readonly labels: readonly string[]) {
    this.map = new OffsetMap(article);
  }

  read(): AnnotationSet {
    if (this.top('schema') !== SIDECAR_SCHEMA) fail();
    if (this.top('schema_version') !== String(SIDECAR_SCHEMA_VERSION)) fail();
    if (quoted(this.top('article')) !== this.articleFileName) fail();
    if (quoted(this.top('sha256')) !== articleSha256(this.article)) fail();
    if (this.top('offsets') !== SIDECAR_OFFSET_UNIT) fail();
    const status = this.top('status') as ArticleStatus;
    if (!ARTICLE_STATUSES.includes(status)) fail();
    const entities = this.list('entities', ['id', 'label', 'start', 'end', 'text'], ['anchor', 'suggested']).map((f) => this.entity(f));
    const quotations = this.list('quotations', ['id', 'start', 'end', 'text', 'speaker', 'cue'], ['anchor', 'suggested']).map((f) => this.quotation(f));
    const speakers = this.list('speakers', ['id', 'name', 'aliases', 'mentions'], ['suggested']).map((f) => this.speaker(f));
    const rejected = this.lines[this.at]?.startsWith('rejected:') ? this.list('rejected', ['kind'], ['label', 'start', 'end', 'text']).map((f) => this.rejection(f)) : [];
    // Nothing after the last list but the final newline.
    if (this.at !== this.lines.length - 1 || this.lines[this.at] !== '') fail();
    const speakerIds = new Set(speakers.map((s) => s.id));
    for (const q of quotations) if (q.speaker !== null && !speakerIds.has(q.speaker)) fail();
    const entityIds = new Set(entities.map((e) => e.id));
    for (const s of speakers) for (const m of s.mentions) if (!entityIds.has(m)) fail();
    return { status, entities, quotations, speakers, rejected, extra: {} };
  }

  /** `key: value` on the next line, at the top level. */
  private top(key: string): string {
    const line = this.lines[this.at++] ?? fail();
    if (!line.startsWith(`${key}: `)) fail();
    return line.slice(key.length + 2);
  }

  /** A top-level list of mappings: `key: []`, or `key:` and items whose keys come in the written order. */
  private list(key: string, required: readonly string[], optional: readonly string[]): Array<Map<string, string>> {
    const line = this.lines[this.at++] ?? fail();
    if (line === `${key}: []`) return [];
    if (line !== `${key}:`) fail();
    const items: Array<Map<string, string>> = [];
    while (this.lines[this.at]?.startsWith('  - ')) {
      const fields = new Map<string, string>();
      let first = true;
      for (;;) {
        const l = this.lines[this.at];
        if (l === undefined || !l.startsWith(first ? '  - ' : '    ') || (!first && l.startsWith('    ') && l[4] === ' ')) break;
        const colon = l.indexOf(': ', 4);
        if (colon < 0) fail();
        const k = l.slice(4, colon);
        if (fields.has(k)) fail();
        fields.set(k, l.slice(colon + 2));
        this.at++;
        first = false;
      }
      // Exactly the keys the writer writes, in its order.
      const expected = [...required, ...optional];
      let i = 0;
      for (const k of fields.keys()) {
        while (i < expected.length && expected[i] !== k) {
          if (i < required.length && key !== 'rejected') fail();
          i++;
        }
        if (i === expected.length) fail();
        i++;
      }
      if (key !== 'rejected' && required.some((k) => !fields.has(k))) fail();
      items.push(fields);
    }
    if (items.length === 0) fail();
    return items;
  }

  private claim(raw: string): string {
    const id = scalarString(raw);
    if (id === '' || this.ids.has(id)) fail();
    this.ids.add(id);
    return id;
  }

  /** Offsets, text and anchor of an entity or quotation, checked against the article like parseSidecar does. */
  private span(f: Map<string, string>): { id: string; start: number; end: number; text: string; anchor: AnchorState; suggested?: number } {
    const id = this.claim(f.get('id')!);
    const start = integer(f.get('start')!), end = integer(f.get('end')!);
    const text = quoted(f.get('text')!);
    const anchorRaw = f.get('anchor');
    const anchor: AnchorState = anchorRaw === undefined ? 'ok' : anchorRaw === 'edited' ? 'edited' : fail();
    // Unanchored annotations and empty spans are reported by the full reader (a warning at least).
    if (start >= end || end > this.map.codePointLength) fail();
    const from = this.map.toUtf16(start), to = this.map.toUtf16(end);
    if (this.article.slice(from, to) !== text) fail();
    const suggestedRaw = f.get('suggested');
    return { id, start: from, end: to, text, anchor, ...(suggestedRaw === undefined ? {} : { suggested: confidence(suggestedRaw) }) };
  }

  private entity(f: Map<string, string>): Entity {
    const { id, start, end, text, anchor, ...rest } = this.span(f);
    const label = scalarString(f.get('label')!);
    if (!this.labels.includes(label)) fail();
    return { id, start, end, text, anchor, ...rest, extra: {}, label };
  }

  private quotation(f: Map<string, string>): Quotation {
    const { id, start, end, text, anchor, ...rest } = this.span(f);
    const speakerRaw = f.get('speaker')!, cueRaw = f.get('cue')!;
    const speaker = speakerRaw === 'null' ? null : scalarString(speakerRaw);
    if (speaker === '') fail();
    const cue = cueRaw === 'null' ? null : quoted(cueRaw);
    return { id, start, end, text, anchor, ...rest, extra: {}, speaker, cue };
  }

  private speaker(f: Map<string, string>): Speaker {
    const id = this.claim(f.get('id')!);
    const suggestedRaw = f.get('suggested');
    return {
      id, name: quoted(f.get('name')!), aliases: flowList(f.get('aliases')!), mentions: flowList(f.get('mentions')!),
      ...(suggestedRaw === undefined ? {} : { suggested: confidence(suggestedRaw) }), extra: {},
    };
  }

  private rejection(f: Map<string, string>): Rejection {
    const kind = f.get('kind');
    if (kind !== 'entity' && kind !== 'quotation') fail();
    const labelRaw = f.get('label');
    if (!f.has('start') || !f.has('end') || !f.has('text')) fail();
    const start = integer(f.get('start')!), end = integer(f.get('end')!);
    const clamp = (n: number): number => this.map.toUtf16(Math.min(n, this.map.codePointLength));
    return {
      kind: kind as Rejection['kind'], label: labelRaw === undefined ? null : scalarString(labelRaw),
      start: clamp(Math.min(start, end)), end: clamp(Math.max(start, end)), text: quoted(f.get('text')!),
    };
  }
}

function integer(raw: string): number {
  if (!INTEGER.test(raw)) fail();
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : fail();
}

function confidence(raw: string): number {
  if (!DECIMAL.test(raw)) fail();
  const n = Number(raw);
  return n >= 0 && n <= 1 ? n : fail();
}

/** A string written plain (ids, labels) or double-quoted. */
function scalarString(raw: string): string {
  if (raw.startsWith('"')) return quoted(raw);
  return PLAIN.test(raw) && !RESERVED.test(raw) ? raw : fail();
}

/** The whole of `raw` as one double-quoted string with the writer's escapes. */
function quoted(raw: string): string {
  const [value, next] = quotedAt(raw, 0);
  return next === raw.length ? value : fail();
}

/** A double-quoted string starting at `i`: its value and the index after its closing quote. */
function quotedAt(raw: string, i: number): [string, number] {
  if (raw[i] !== '"') fail();
  let out = '';
  let from = i + 1;
  for (let j = from; j < raw.length; j++) {
    const c = raw[j];
    if (c === '"') return [out + raw.slice(from, j), j + 1];
    if (c !== '\\') continue;
    out += raw.slice(from, j);
    const e = raw[j + 1];
    const digits = HEX_DIGITS[e];
    if (digits) {
      const hex = raw.slice(j + 2, j + 2 + digits);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) fail();
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) fail();
      out += String.fromCodePoint(code);
      j += 1 + digits;
    } else {
      out += ESCAPES[e] ?? fail();
      j += 1;
    }
    from = j + 1;
  }
  return fail();
}

/** `[]`, or `[a, "b c"]`: plain or double-quoted strings separated by `, `. */
function flowList(raw: string): string[] {
  if (raw === '[]') return [];
  if (!raw.startsWith('[') || !raw.endsWith(']')) fail();
  const out: string[] = [];
  let i = 1;
  for (;;) {
    let value: string;
    if (raw[i] === '"') [value, i] = quotedAt(raw, i);
    else {
      let j = i;
      while (j < raw.length - 1 && raw[j] !== ',') j++;
      value = scalarString(raw.slice(i, j));
      i = j;
    }
    out.push(value);
    if (i === raw.length - 1) return out;
    if (raw.slice(i, i + 2) !== ', ') fail();
    i += 2;
  }
}
