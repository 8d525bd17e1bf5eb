// `arabic-news-annotator suggest [--out-dir DIR] PATH...`: pre-annotates articles offline (quotations
// with speakers, entities) and writes their sidecars, merging into existing ones without touching
// confirmed annotations or bringing back rejected suggestions.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeArticle } from '../core/articleText';
import { writeFileAtomic } from '../core/atomicWrite';
import { DEFAULT_LABEL_IDS } from '../core/labels';
import { emptyAnnotationSet, type AnnotationSet } from '../core/model';
import { loadNerModel, type NerModel } from '../core/ner/nerModel';
import { formatSidecarProblem, isSidecarPath, parseSidecar, serializeSidecar, sidecarPathFor } from '../core/sidecar';
import { mergeSuggestions } from '../core/suggestions';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliCommand, type CliIo } from './cliTypes';

const USAGE = `Usage: arabic-news-annotator suggest [options] PATH...

Suggests quotations with their speakers, and entities (PER, ORG, LOC, MISC), for articles, offline,
and writes each article's sidecar (<article file name>.ann.yaml). Suggestions carry
\`suggested: <confidence>\`; confirmed annotations and rejected suggestions of an existing sidecar
are kept as they are. A sidecar that does not load is reported and left untouched.
Each PATH is an article (.txt, .article) or a directory searched recursively for them
(hidden folders and node_modules are skipped).

Options:
  --out-dir DIR    Write sidecars under DIR (keeping paths relative to each PATH) instead of
                   beside the articles; existing sidecars there are merged into.
  --model FILE     The entity model (default: models/ner-model.json of this installation).
  --no-entities    Suggest quotations and speakers only.
  -q, --quiet      No progress on stderr.
  -h, --help       Show this help.

Exit status: 0 all written, 1 some articles skipped (broken sidecar, unreadable file), 2 wrong usage.`;

export const suggestCommand: CliCommand = {
  name: 'suggest',
  summary: 'Pre-annotate articles (quotations, speakers, entities) into their sidecars.',
  usage: USAGE,
  run: runSuggest,
};

interface Job {
  article: string;
  sidecar: string;
}

async function runSuggest(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        'out-dir': { type: 'string' }, model: { type: 'string' }, 'no-entities': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  if (v.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('give at least one article or directory.');
  const outDir = v['out-dir'] === undefined ? undefined : resolve(io.cwd, v['out-dir']);
  let ner: NerModel | undefined;
  if (!v['no-entities']) {
    const modelPath = v.model ? resolve(io.cwd, v.model) : defaultModelPath();
    try {
      ner = loadNerModel(await readFile(modelPath, 'utf8'));
    } catch (err) {
      io.err(`Could not load the entity model ${modelPath}: ${reason(err)}. Pass --model FILE, or --no-entities to suggest quotations only.`);
      return EXIT_PROBLEMS;
    }
  }
  const jobs = await collectJobs(parsed.positionals, io.cwd, outDir);
  let written = 0, skipped = 0, quotations = 0, entities = 0;
  const started = Date.now();
  let lastReport = started;
  for (const [i, job] of jobs.entries()) {
    try {
      const text = decodeArticle(await readFile(job.article));
      const set = await existingSidecar(job, text, io);
      if (!set) {
        skipped++;
        continue;
      }
      const added = mergeSuggestions(set, text, { ner });
      quotations += added.quotations;
      entities += added.entities;
      await mkdir(dirname(job.sidecar), { recursive: true });
      await writeFileAtomic(job.sidecar, serializeSidecar(set, text, basename(job.article)));
      written++;
    } catch (err) {
      io.err(`${relative(io.cwd, job.article) || job.article}: skipped: ${reason(err)}`);
      skipped++;
    }
    const now = Date.now();
    if (!v.quiet && (now - lastReport > 1000 || i === jobs.length - 1) && jobs.length > 1) {
      lastReport = now;
      const rate = (i + 1) / Math.max(0.001, (now - started) / 1000);
      io.err(`suggest: ${i + 1}/${jobs.length} articles (${rate.toFixed(0)}/s), ${quotations} quotations and ${entities} entities suggested`);
    }
  }
  io.out(`${written} sidecars written (${quotations} quotations, ${entities} entities suggested)${skipped ? `; ${skipped} articles skipped` : ''}.`);
  return skipped ? EXIT_PROBLEMS : EXIT_OK;
}

/** The sidecar to merge into (or a fresh set); undefined, after reporting, when it does not load. */
async function existingSidecar(job: Job, text: string, io: CliIo): Promise<AnnotationSet | undefined> {
  if (!existsSync(job.sidecar)) return emptyAnnotationSet();
  const loaded = parseSidecar(await readFile(job.sidecar, 'utf8'), text, { sidecarPath: job.sidecar, articleFileName: basename(job.article), labels: DEFAULT_LABEL_IDS });
  if (loaded.ok) return loaded.annotations;
  for (const p of loaded.problems) if (p.severity === 'error') io.err(formatSidecarProblem(p));
  io.err(`${job.sidecar}: not loaded, left untouched; fix it (arabic-news-annotator validate) and run suggest again.`);
  return undefined;
}

async function collectJobs(paths: readonly string[], cwd: string, outDir: string | undefined): Promise<Job[]> {
  const jobs = new Map<string, Job>();
  for (const p of paths) {
    const root = resolve(cwd, p);
    const info = await stat(root).catch(() => undefined);
    if (!info) throw new UsageError(`${p} does not exist.`);
    const articles = info.isDirectory() ? await findArticles(root) : [root];
    for (const article of articles) {
      const rel = info.isDirectory() ? relative(root, article) : basename(article);
      jobs.set(article, { article, sidecar: outDir ? join(outDir, sidecarPathFor(rel)) : sidecarPathFor(article) });
    }
  }
  return [...jobs.values()].sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : 0));
}

async function findArticles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') found.push(...await findArticles(path));
    } else if (entry.isFile() && /\.(txt|article)$/.test(entry.name) && !isSidecarPath(entry.name)) {
      found.push(path);
    }
  }
  return found;
}

/** models/ner-model.json of the installation: beside out/ in the repository and in the .vsix. */
function defaultModelPath(): string {
  // The bundle sits in out/ (or deeper, for tests); the model is in the package root's models/.
  for (let dir = __dirname, i = 0; i < 5; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'models', 'ner-model.json');
    if (existsSync(candidate)) return candidate;
  }
  return resolve(__dirname, '..', 'models', 'ner-model.json');
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
