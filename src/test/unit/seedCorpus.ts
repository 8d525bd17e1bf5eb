// Test access to the real seed articles in ../shared (ANA_SHARED overrides), and annotations on
// them built by searching for known strings, so that tests run on text as the team receives it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeArticle } from '../../core/articleText';
import type { AnnotationSet, Entity, Quotation, Speaker } from '../../core/model';

/** The project root: the nearest package.json above this file, or above the working directory (tests built outside the repo). */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'arabic-news-annotator') return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`Cannot find the project root (a package.json named arabic-news-annotator) above ${__dirname} or ${process.cwd()}; run the tests from the repository.`);
}

/** The team's shared data folder: ../shared beside the repository, or ANA_SHARED. */
export function sharedDir(): string {
  return process.env.ANA_SHARED ?? join(repoRoot(), '..', 'shared');
}

export function seedsDir(): string {
  return join(sharedDir(), 'corpus', 'seeds');
}

/** Seed file names, or [] when the shared folder is absent (callers skip with a message). */
export function seedNames(): string[] {
  const dir = seedsDir();
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.txt')).sort() : [];
}

export function readSeed(name: string): string {
  return decodeArticle(readFileSync(join(seedsDir(), name)));
}

/** UTF-16 span of the first occurrence of `needle` at or after `from`; throws when absent so that tests fail loudly. */
export function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`"${needle}" is not in the article; the test's expectations need updating.`);
  return { start, end: start + needle.length };
}

const ENTITY_NEEDLES: Array<[string, string]> = [
  ['سوريا', 'LOC'], ['شويغو', 'PER'], ['شويجو', 'PER'], ['كارتر', 'PER'], ['البنتاغون', 'ORG'], ['البنتاجون', 'ORG'],
  ['وزارة الدفاع الروسية', 'ORG'], ['المكتب الصحفي', 'ORG'], ['واشنطن', 'LOC'], ['موسكو', 'LOC'],
];

/** Entities for every known name found (first and second occurrence), one quotation between the first pair of quote marks, one speaker. */
export function annotateSeed(text: string): AnnotationSet {
  const entities: Entity[] = [];
  for (const [needle, label] of ENTITY_NEEDLES) {
    let from = 0;
    for (let k = 0; k < 2; k++) {
      const at = text.indexOf(needle, from);
      if (at < 0) break;
      entities.push({ id: `e${entities.length + 1}`, label, start: at, end: at + needle.length, text: needle, anchor: 'ok', extra: {} });
      from = at + needle.length;
    }
  }
  const quotations: Quotation[] = [];
  for (const [open, close] of [['“', '”'], ['"', '"'], ['«', '»']]) {
    const o = text.indexOf(open);
    const c = o < 0 ? -1 : text.indexOf(close, o + 1);
    if (o >= 0 && c > o + 1) {
      quotations.push({ id: 'q1', start: o + 1, end: c, text: text.slice(o + 1, c), anchor: 'ok', speaker: 's1', cue: null, extra: {} });
      break;
    }
  }
  const person = entities.find((e) => e.label === 'PER') ?? entities[0];
  const speakers: Speaker[] = [{ id: 's1', name: person.text, aliases: [], mentions: [person.id], extra: {} }];
  return { status: 'in-progress', entities, quotations, speakers, rejected: [], extra: {} };
}
