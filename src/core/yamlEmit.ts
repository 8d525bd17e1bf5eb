// A small, deterministic YAML emitter for sidecars. We write ourselves rather than through the
// `yaml` package's stringifier because the pipeline reads with PyYAML (YAML 1.1): the package
// leaves U+2028/U+2029 and C1 controls raw (PyYAML reads them as line breaks or rejects the file)
// and turns `\n` inside double quotes into real line breaks. Here every string is either a plain
// scalar that both YAML 1.1 and 1.2 read back as the same string, or a one-line double-quoted
// string with explicit escapes. Reading stays with the `yaml` package.

/** A scalar or flow collection already rendered as YAML text. */
export class YamlRaw {
  constructor(readonly yaml: string) {}
}

/** A non-empty top-level sequence already rendered as its lines (see `yamlSequenceLines`), joined by newlines. */
export class YamlBlock {
  constructor(readonly lines: string) {}
}

/** A mapping with a fixed key order. */
export class YamlMapping {
  constructor(readonly entries: ReadonlyArray<readonly [string, unknown]>) {}
}

// Plain scalars that no YAML 1.1 or 1.2 reader takes for a number, bool, null, date or indicator.
const SAFE_PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const YAML11_RESERVED = /^(?:y|n|yes|no|true|false|on|off|null)$/i;

const NAMED_ESCAPES: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f',
  '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\u2028': '\\L', '\u2029': '\\P',
};

// Escaped: quote and backslash; control characters (C0, DEL, C1); line and paragraph separators;
// lone surrogates; U+FFFE/U+FFFF (PyYAML refuses them raw); and invisible format and space
// characters (bidi marks, zero-width, NBSP, ...) so that a diff shows them.
const MUST_ESCAPE =
  /["\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufffe\uffff]/gu;

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}

function escapeChar(ch: string): string {
  const named = NAMED_ESCAPES[ch];
  if (named) return named;
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

/** A one-line double-quoted YAML string; Arabic and emoji stay as UTF-8, invisibles are escaped. */
export function yamlQuoted(s: string): string {
  return `"${s.replace(MUST_ESCAPE, escapeChar)}"`;
}

/** Plain when every YAML reader gets the same string back (ids, labels), else double-quoted. */
export function yamlPlainOrQuoted(s: string): string {
  return SAFE_PLAIN.test(s) && !YAML11_RESERVED.test(s) ? s : yamlQuoted(s);
}

/** A number that YAML 1.1 (PyYAML) and 1.2 read back as the same JavaScript number. */
export function yamlNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Object.is(n, -0)) return '-0.0';
  let s = String(n);
  // YAML 1.1 floats need a dot: 1e+21 → 1.0e+21.
  if (s.includes('e') && !s.includes('.')) s = s.replace('e', '.0e');
  return s;
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return yamlPlainOrQuoted(value);
  if (typeof value === 'number') return yamlNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  return yamlQuoted(String(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof YamlRaw) && !(value instanceof YamlMapping);
}

function entriesOf(value: YamlMapping | Record<string, unknown>): ReadonlyArray<readonly [string, unknown]> {
  return value instanceof YamlMapping ? value.entries : Object.entries(value);
}

/** The value's one-line form, or undefined when it needs block lines (a non-empty collection). */
function inline(value: unknown): string | undefined {
  if (value instanceof YamlRaw) return value.yaml;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  if (value instanceof YamlMapping || isPlainObject(value)) return entriesOf(value).length === 0 ? '{}' : undefined;
  return scalar(value);
}

const MAX_IMPLICIT_KEY = 1000;

function mappingLines(entries: ReadonlyArray<readonly [string, unknown]>, indent: string, out: string[]): void {
  for (const [key, value] of entries) {
    const k = yamlPlainOrQuoted(key);
    if (value instanceof YamlBlock) {
      out.push(`${indent}${k}:`, value.lines);
      continue;
    }
    const one = inline(value);
    if (k.length > MAX_IMPLICIT_KEY) {
      // YAML readers refuse longer implicit keys; the explicit form `? key` / `: value` has no limit.
      out.push(`${indent}? ${k}`);
      if (one !== undefined) out.push(`${indent}: ${one}`);
      else { out.push(`${indent}:`); blockLines(value, `${indent}  `, out); }
    } else if (one !== undefined) {
      out.push(`${indent}${k}: ${one}`);
    } else {
      out.push(`${indent}${k}:`);
      blockLines(value, `${indent}  `, out);
    }
  }
}

/** The lines of a block sequence at `indent`, appended to `out`. */
export function yamlSequenceLines(items: readonly unknown[], indent: string, out: string[]): void {
  for (const item of items) {
    const one = inline(item);
    if (one !== undefined) {
      out.push(`${indent}- ${one}`);
      continue;
    }
    // A nested collection starts on the dash's line: `- id: e1` / `  label: PER`.
    const nested: string[] = [];
    blockLines(item, `${indent}  `, nested);
    nested[0] = `${indent}- ${nested[0].slice(indent.length + 2)}`;
    out.push(...nested);
  }
}

function blockLines(value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) yamlSequenceLines(value, indent, out);
  else mappingLines(entriesOf(value as YamlMapping | Record<string, unknown>), indent, out);
}

/** `[a, "b c"]` for short lists of scalars that read well on one line. */
export function yamlFlowList(items: readonly string[], render: (s: string) => string = yamlPlainOrQuoted): YamlRaw {
  return new YamlRaw(`[${items.map((s) => render(s)).join(', ')}]`);
}

/** A whole document whose root is the given mapping, ending in a newline. */
export function emitYamlDocument(root: YamlMapping): string {
  const lines: string[] = [];
  mappingLines(root.entries, '', lines);
  return `${lines.join('\n')}\n`;
}
