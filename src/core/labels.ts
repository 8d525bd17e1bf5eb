// The label table: which entity labels a team uses, the key that tags each in tagging mode, and
// optional colours. Teams share it as `.annotator/labels.yaml` committed with the corpus (or in
// settings); these defaults apply when neither exists.
import { parseDocument } from 'yaml';

export interface LabelColour {
  light: string;
  dark: string;
}

export interface LabelDefinition {
  id: string;
  name: string;
  /** One lower-case letter or digit that tags the label in tagging mode (with Shift: the whole token). */
  key: string;
  /** Colours for labels without a theme colour of their own (the default labels have theme colours). */
  colour?: LabelColour;
}

export interface LabelTable {
  labels: LabelDefinition[];
  /** The key that tags a quotation in tagging mode. */
  quotationKey: string;
}

export const DEFAULT_LABELS: readonly LabelDefinition[] = [
  { id: 'PER', name: 'Person', key: 'p' },
  { id: 'ORG', name: 'Organisation', key: 'o' },
  { id: 'LOC', name: 'Location', key: 'l' },
  { id: 'MISC', name: 'Miscellaneous', key: 'm' },
];

export const DEFAULT_LABEL_IDS: readonly string[] = DEFAULT_LABELS.map((l) => l.id);

export const DEFAULT_LABEL_TABLE: LabelTable = { labels: [...DEFAULT_LABELS], quotationKey: 'q' };

/** Keys of tagging mode that do something else than tagging, so labels cannot take them. */
export const RESERVED_KEYS: Readonly<Record<string, string>> = {
  a: 'accept the suggestion at the caret (Shift+A: many)',
  c: 'change the label at the caret',
  d: 'mark the article done',
  g: 'tag all occurrences (Shift+G: in the whole workspace)',
  s: 'set the speaker of the quotation',
  u: 'undo (Shift+U: redo)',
  v: 'set the cue (speech verb) of a quotation from the word at the caret',
  x: 'reject the suggestion at the caret (Shift+X: many)',
};

/** Keys a label may use: the ones tagging mode binds (see package.json keybindings). */
export const LABEL_KEY = /^[a-z0-9]$/;
const LABEL_ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const HEX_COLOUR = /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/;

export type LabelTableResult = { ok: true; table: LabelTable } | { ok: false; problems: Array<{ line: number; message: string }> };

/** Checks a label table (from a labels file or from settings): unique ids and keys, no reserved keys. */
export function checkLabelTable(raw: unknown, lineOf: (path: (string | number)[]) => number = () => 1): LabelTableResult {
  const problems: Array<{ line: number; message: string }> = [];
  const fail = (path: (string | number)[], message: string) => problems.push({ line: lineOf(path), message });
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { labels?: unknown }).labels)) {
    fail([], 'expected a mapping with a `labels` list, e.g. `labels: [{ id: PER, name: Person, key: p }]`.');
    return { ok: false, problems };
  }
  const source = raw as { labels: unknown[]; quotationKey?: unknown };
  const quotationKey = source.quotationKey ?? DEFAULT_LABEL_TABLE.quotationKey;
  if (typeof quotationKey !== 'string' || !LABEL_KEY.test(quotationKey) || RESERVED_KEYS[quotationKey]) {
    fail(['quotationKey'], `quotationKey must be one lower-case letter or digit not reserved for ${Object.keys(RESERVED_KEYS).join(', ')}.`);
  }
  const labels: LabelDefinition[] = [];
  const ids = new Set<string>();
  const keys = new Map<string, string>([[String(quotationKey), 'quotations']]);
  for (const [i, entry] of source.labels.entries()) {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const where = ['labels', i];
    if (typeof e.id !== 'string' || !LABEL_ID.test(e.id)) { fail(where, `label ${i + 1}: \`id\` must be a short name of letters, digits, _ or - starting with a letter (e.g. PER).`); continue; }
    if (ids.has(e.id)) { fail(where, `label ${e.id} is defined twice; keep one.`); continue; }
    ids.add(e.id);
    const key = typeof e.key === 'string' ? e.key.toLowerCase() : '';
    if (!LABEL_KEY.test(key)) { fail(where, `label ${e.id}: \`key\` must be one letter or digit (e.g. p).`); continue; }
    if (RESERVED_KEYS[key]) { fail(where, `label ${e.id}: key "${key}" is reserved in tagging mode to ${RESERVED_KEYS[key]}; pick another.`); continue; }
    if (keys.has(key)) { fail(where, `label ${e.id}: key "${key}" already tags ${keys.get(key)}; pick another.`); continue; }
    keys.set(key, e.id);
    let colour: LabelColour | undefined;
    if (e.colour !== undefined || e.color !== undefined) {
      const c = (e.colour ?? e.color) as unknown;
      const pair = typeof c === 'string' ? { light: c, dark: c } : (c as Partial<LabelColour> | null);
      if (!pair || typeof pair.light !== 'string' || typeof pair.dark !== 'string' || !HEX_COLOUR.test(pair.light) || !HEX_COLOUR.test(pair.dark)) {
        { fail(where, `label ${e.id}: \`colour\` must be "#rrggbb" or { light: "#rrggbb", dark: "#rrggbb" }.`); continue; }
      }
      colour = { light: pair.light, dark: pair.dark };
    }
    labels.push({ id: e.id, name: typeof e.name === 'string' && e.name ? e.name : e.id, key, ...(colour ? { colour } : {}) });
  }
  if (labels.length === 0 && problems.length === 0) fail(['labels'], 'the `labels` list is empty; define at least one label.');
  return problems.length ? { ok: false, problems } : { ok: true, table: { labels, quotationKey: String(quotationKey) } };
}

/** Reads `.annotator/labels.yaml`; problems carry the line they are on. */
export function parseLabelsFile(yamlText: string): LabelTableResult {
  const doc = parseDocument(yamlText, { prettyErrors: false });
  if (doc.errors.length) {
    return { ok: false, problems: doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 1, message: `not valid YAML: ${e.message.split('\n')[0]}` })) };
  }
  const lines = lineStarts(yamlText);
  const lineOf = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0] ?? 0;
    let line = 0;
    while (line + 1 < lines.length && lines[line + 1] <= offset) line++;
    return line + 1;
  };
  return checkLabelTable(doc.toJS({ maxAliasCount: 100 }), lineOf);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}
