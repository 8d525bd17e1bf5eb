// `arabic-news-annotator validate PATH...`: checks sidecars against their articles and prints each
// problem as `file:line:column: severity: message [code]`, the form editors and CI jump to.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeArticle } from '../core/articleText';
import { DEFAULT_LABEL_IDS } from '../core/labels';
import {
  articlePathFor, formatSidecarProblem, isSidecarPath, MAX_SIDECAR_BYTES, parseSidecar, sidecarPathFor, type SidecarProblem,
} from '../core/sidecar';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliCommand, type CliIo } from './cliTypes';

const USAGE = `Usage: arabic-news-annotator validate [options] PATH...

Checks annotation sidecars (<article>.ann.yaml) against the articles beside them.
Each PATH is
  - a sidecar (*.ann.yaml),
  - an article (its sidecar is checked when it has one; articles without one are fine), or
  - a directory, searched recursively for *.ann.yaml (hidden folders and node_modules are skipped).

Each problem is printed as  file:line:column: severity: message [code]
then one summary line.

Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 wrong usage.

Options:
  -h, --help   Show this help.`;

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check sidecars (*.ann.yaml) against their articles.',
  usage: USAGE,
  run: runValidate,
};

async function runValidate(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (parsed.values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('give at least one sidecar, article or directory to check.');

  const { sidecars, articlesWithoutSidecar } = await collectSidecars(parsed.positionals, io.cwd);
  const display = (p: string): string => displayPath(p, io.cwd);
  let errors = 0, warnings = 0, filesWithProblems = 0;
  for (const path of [...sidecars].sort((a, b) => compareStrings(display(a), display(b)))) {
    const problems = (await checkSidecar(path, display(path))).sort((a, b) => a.line - b.line || a.column - b.column);
    if (problems.length > 0) filesWithProblems++;
    for (const p of problems) {
      if (p.severity === 'error') errors++; else warnings++;
      io.out(formatSidecarProblem(p));
    }
  }
  io.out(summary(sidecars.size, errors, warnings, filesWithProblems, articlesWithoutSidecar));
  return errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function summary(checked: number, errors: number, warnings: number, files: number, withoutSidecar: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const tail = withoutSidecar > 0 ? ` (${plural(withoutSidecar, 'article')} without a sidecar)` : '';
  if (checked === 0) return `No sidecars found${tail}.`;
  if (errors + warnings === 0) return `${plural(checked, 'sidecar')} checked: no problems${tail}.`;
  return `${plural(checked, 'sidecar')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}${tail}.`;
}

async function collectSidecars(paths: readonly string[], cwd: string): Promise<{ sidecars: Set<string>; articlesWithoutSidecar: number }> {
  const sidecars = new Set<string>();
  let articlesWithoutSidecar = 0;
  for (const given of paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`no such file or directory: ${given}`);
    if (info.isDirectory()) {
      await findSidecars(path, sidecars);
    } else if (isSidecarPath(path)) {
      sidecars.add(path);
    } else if (await isFile(sidecarPathFor(path))) {
      sidecars.add(sidecarPathFor(path));
    } else {
      articlesWithoutSidecar++;
    }
  }
  return { sidecars, articlesWithoutSidecar };
}

// Symlinked folders are not followed (no loops); symlinked sidecar files are.
async function findSidecars(dir: string, into: Set<string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await findSidecars(path, into);
    } else if (isSidecarPath(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await isFile(path))))) {
      into.add(path);
    }
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

async function checkSidecar(path: string, file: string): Promise<SidecarProblem[]> {
  const fail = (code: string, message: string): SidecarProblem[] => [{ file, line: 1, column: 1, severity: 'error', code, message }];
  let yamlText: string;
  try {
    if ((await stat(path)).size > MAX_SIDECAR_BYTES) {
      return fail('too-large', `The sidecar is larger than ${MAX_SIDECAR_BYTES / 1024 / 1024} MB, far beyond any real annotation file, so it was not read. Check what wrote it, or move it away from the .ann.yaml name.`);
    }
    yamlText = strictUtf8.decode(await readFile(path));
  } catch (err) {
    if (err instanceof TypeError) return fail('not-utf8', 'The sidecar is not valid UTF-8 text. Re-save it as UTF-8 (the Python pipeline cannot read it either).');
    return fail('unreadable', `Could not read the sidecar: ${reason(err)}. Check its permissions.`);
  }
  const articlePath = articlePathFor(path);
  let articleBytes: Uint8Array;
  try {
    articleBytes = await readFile(articlePath);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return missing
      ? fail('article-missing', `The article ${basename(articlePath)} is not beside its sidecar. Restore or move the article next to it, or delete the sidecar if the article is gone for good.`)
      : fail('article-unreadable', `Could not read the article ${basename(articlePath)}: ${reason(err)}. Check its permissions.`);
  }
  const result = parseSidecar(yamlText, decodeArticle(articleBytes), { sidecarPath: file, articleFileName: basename(articlePath), labels: DEFAULT_LABEL_IDS });
  return result.problems;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Relative to the working directory when inside it (short, clickable), else absolute. */
function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
