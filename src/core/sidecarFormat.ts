// The sidecar file format, version 1: identifiers, key orders, limits and the problem type that
// the reader reports. docs/sidecar.md and schema/sidecar.schema.json describe the same format.
import type { ArticleStatus } from './model';

/** Value of the `schema` key: says what the file is, independent of its name. */
export const SIDECAR_SCHEMA = 'arabic-news-annotator/sidecar';
/** Value of `schema_version` that this code reads and writes; newer files are refused, not guessed at. */
export const SIDECAR_SCHEMA_VERSION = 1;
/** Value of `offsets`: offsets count Unicode code points (Python string indices), half-open. */
export const SIDECAR_OFFSET_UNIT = 'code-points';

/** Files larger than this are refused before parsing (a real sidecar is a few kilobytes). */
export const MAX_SIDECAR_BYTES = 50 * 1024 * 1024;
/**
 * Limit on alias expansion (the `yaml` package's maxAliasCount): stops "billion laughs" files whose
 * aliases expand exponentially. Plain aliases such as PyYAML writes for shared lists stay far below it.
 */
export const MAX_ALIAS_COUNT = 100;
/** At most this many problems are listed per file; a final one says how many more there were. */
export const MAX_PROBLEMS_PER_FILE = 200;

export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['not-started', 'in-progress', 'done'];

/** Known keys in the order they are written; unknown keys follow, in their original order. */
export const TOP_LEVEL_KEYS = ['schema', 'schema_version', 'article', 'sha256', 'offsets', 'status', 'entities', 'quotations', 'speakers', 'rejected'] as const;
export const ENTITY_KEYS = ['id', 'label', 'start', 'end', 'text', 'anchor', 'suggested'] as const;
export const QUOTATION_KEYS = ['id', 'start', 'end', 'text', 'speaker', 'cue', 'anchor', 'suggested'] as const;
export const SPEAKER_KEYS = ['id', 'name', 'aliases', 'mentions', 'suggested'] as const;
export const REJECTION_KEYS = ['kind', 'label', 'start', 'end', 'text'] as const;

export type SidecarSeverity = 'error' | 'warning';

/** One finding about a sidecar, positioned in that file (1-based line and column). */
export interface SidecarProblem {
  file: string;
  line: number;
  column: number;
  severity: SidecarSeverity;
  /** Stable, machine-readable kind, e.g. `text-mismatch`; see docs/sidecar.md. */
  code: string;
  message: string;
}

/** `file:line:column: severity: message [code]`, the form editors and CI problem matchers jump to. */
export function formatSidecarProblem(p: SidecarProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.code}]`;
}
