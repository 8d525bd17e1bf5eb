// Writes an annotation set as a sidecar. The output is a function of the annotations and the
// article text alone: same input, byte-identical file, in an order that diffs well in git.
import { articleSha256 } from './articleHash';
import { compareIds, type AnnotationSet, type Anchored, type Extras } from './model';
import { OffsetMap } from './offsets';
import {
  ENTITY_KEYS, QUOTATION_KEYS, SIDECAR_OFFSET_UNIT, SIDECAR_SCHEMA, SIDECAR_SCHEMA_VERSION, SPEAKER_KEYS, TOP_LEVEL_KEYS,
} from './sidecarFormat';
import { emitYamlDocument, YamlBlock, yamlFlowList, YamlMapping, yamlPlainOrQuoted, yamlQuoted, YamlRaw, yamlSequenceLines } from './yamlEmit';

type Entry = readonly [string, unknown];

/** The sidecar text for `set` against `articleText` (the text its UTF-16 offsets refer to). */
export function serializeSidecar(set: AnnotationSet, articleText: string, articleFileName: string): string {
  return new SidecarSerializer().serialize(set, articleText, articleFileName);
}

/**
 * Serializes one article's sidecar again and again, cheaply: the article's hash and offset map are
 * kept while its text stays the same, and each annotation's YAML while the annotation (and its
 * code-point offsets) do, so that after a change to a few of 10,000 annotations a save costs little
 * more than joining strings. The output is always byte-identical to a fresh `serializeSidecar`.
 */
export class SidecarSerializer {
  private text: string | undefined;
  private sha = '';
  private map = new OffsetMap('');
  /** The YAML of each annotation object, with the values it was written from. */
  private readonly written = new WeakMap<object, { values: unknown[]; yaml: string }>();

  serialize(set: AnnotationSet, articleText: string, articleFileName: string): string {
    if (articleText !== this.text) {
      this.text = articleText;
      this.sha = articleSha256(articleText);
      this.map = new OffsetMap(articleText);
    }
    const map = this.map;
    const entities = inFileOrder(set.entities, map).map(({ item, start, end }) => this.item(item,
      [item.id, item.label, start, end, item.text, item.anchor, item.suggested],
      () => mapping([
        ['id', id(item.id)], ['label', id(item.label)], ['start', start], ['end', end], ['text', quoted(item.text)],
        ...anchorEntry(item), ...suggestedEntry(item.suggested),
      ], item.extra, ENTITY_KEYS)));
    const quotations = inFileOrder(set.quotations, map).map(({ item, start, end }) => this.item(item,
      [item.id, start, end, item.text, item.speaker, item.cue, item.anchor, item.suggested],
      () => mapping([
        ['id', id(item.id)], ['start', start], ['end', end], ['text', quoted(item.text)],
        ['speaker', item.speaker === null ? null : id(item.speaker)],
        ['cue', item.cue === null ? null : quoted(item.cue)],
        ...anchorEntry(item), ...suggestedEntry(item.suggested),
      ], item.extra, QUOTATION_KEYS)));
    const speakers = [...set.speakers].sort((a, b) => byId(a.id, b.id)).map((s) => itemYaml(mapping([
      ['id', id(s.id)], ['name', quoted(s.name)],
      ['aliases', yamlFlowList(s.aliases, yamlQuoted)], ['mentions', yamlFlowList(s.mentions)],
      ...suggestedEntry(s.suggested),
    ], s.extra, SPEAKER_KEYS)));
    const rejected = [...set.rejected]
      .map((x) => ({ x, start: map.toCodePoint(Math.min(x.start, map.utf16Length)), end: map.toCodePoint(Math.min(x.end, map.utf16Length)) }))
      .sort((a, b) => a.start - b.start || a.end - b.end || a.x.kind.localeCompare(b.x.kind) || (a.x.label ?? '').localeCompare(b.x.label ?? '') || (a.x.text < b.x.text ? -1 : a.x.text > b.x.text ? 1 : 0))
      .map(({ x, start, end }) => new YamlMapping([
        ['kind', x.kind], ...(x.label === null ? [] : [['label', id(x.label)] as Entry]), ['start', start], ['end', end], ['text', quoted(x.text)],
      ]));
    return emitYamlDocument(mapping([
      ['schema', SIDECAR_SCHEMA],
      ['schema_version', SIDECAR_SCHEMA_VERSION],
      ['article', quoted(articleFileName)],
      ['sha256', quoted(this.sha)],
      ['offsets', SIDECAR_OFFSET_UNIT],
      ['status', set.status],
      ['entities', block(entities)],
      ['quotations', block(quotations)],
      ['speakers', block(speakers)],
      // Written only once something was rejected, so that files without suggestions stay as they were.
      ...(rejected.length ? [['rejected', rejected] as Entry] : []),
    ], set.extra, TOP_LEVEL_KEYS));
  }

  /** The YAML of one annotation, reused while `values` are the same. Unknown keys may be changed in place, so items with any are always written afresh. */
  private item(item: Anchored, values: unknown[], render: () => YamlMapping): string {
    if (hasKeys(item.extra)) return itemYaml(render());
    const last = this.written.get(item);
    if (last && last.values.every((v, i) => v === values[i])) return last.yaml;
    const yaml = itemYaml(render());
    this.written.set(item, { values, yaml });
    return yaml;
  }
}

/** One item of a top-level list, as the lines the emitter writes for it. */
function itemYaml(item: YamlMapping): string {
  const lines: string[] = [];
  yamlSequenceLines([item], '  ', lines);
  return lines.join('\n');
}

function block(items: string[]): YamlBlock | [] {
  return items.length ? new YamlBlock(items.join('\n')) : [];
}

function hasKeys(extra: Extras): boolean {
  for (const key in extra) if (Object.hasOwn(extra, key)) return true;
  return false;
}

const quoted = (s: string): YamlRaw => new YamlRaw(yamlQuoted(s));
const id = (s: string): YamlRaw => new YamlRaw(yamlPlainOrQuoted(s));

/** Known keys first, then unknown keys in their original order (skipping any that shadow a known key). */
function mapping(known: Entry[], extra: Extras, knownKeys: readonly string[]): YamlMapping {
  const rest = Object.entries(extra).filter(([k]) => !knownKeys.includes(k));
  return new YamlMapping([...known, ...rest]);
}

// Only a problem is recorded; `ok` is the default and keeps the file quiet.
function anchorEntry(item: Anchored): Entry[] {
  return item.anchor === 'ok' ? [] : [['anchor', item.anchor]];
}

// Confidence rounded to 3 places: enough to sort by, stable across runs and platforms.
function suggestedEntry(confidence: number | undefined): Entry[] {
  return confidence === undefined ? [] : [['suggested', Math.round(confidence * 1000) / 1000]];
}

function byId(a: string, b: string): number {
  // compareIds is numeric-aware; the code-unit comparison breaks its ties (e01 vs e1) so order never depends on input order.
  return compareIds(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Items with code-point offsets, sorted by start, longer first, then id (model.ts compareSpans, in file units). */
function inFileOrder<T extends Anchored>(items: readonly T[], map: OffsetMap): Array<{ item: T; start: number; end: number }> {
  // Clamped so that even an inconsistent in-memory span yields a file that loads.
  const clamp = (n: number): number => Math.min(Math.max(0, n), map.utf16Length);
  return items
    .map((item) => {
      const start = map.toCodePoint(clamp(item.start));
      return { item, start, end: Math.max(start, map.toCodePoint(clamp(item.end))) };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end || byId(a.item.id, b.item.id));
}
