// `arabic-news-annotator suggest [--out-dir DIR] PATH...`: pre-annotates articles offline (quotations
// with speakers, entities) and writes their sidecars, merging into existing ones without touching
// confirmed annotations or bringing back rejected suggestions.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
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
  -j, --jobs N     Worker threads (default: one per CPU; one thread for fewer than 32 articles).
                   The sidecars and messages are the same whatever N; only the time differs.
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

/** What one article came to: the lines to print (in article order, whatever thread did the work) and the counts. */
interface JobResult {
  written: boolean;
  quotations: number;
  entities: number;
  messages: string[];
}

/** Articles in flight at once within one thread: reading and the durable write of one overlap the tagging of the next. */
const IO_OVERLAP = 4;
/** Articles handed to a worker at a time, and batches kept queued per worker (the rest stay unread until then). */
const BATCH = 8;
const BATCHES_AHEAD = 2;
/** Below this many articles, threads cost more to start (each loads the entity model) than they save. */
const MIN_ARTICLES_FOR_THREADS = 32;

/** Set on the worker threads this command starts (see runWorker). */
interface WorkerSetup {
  anaSuggestWorker: true;
  modelPath: string | undefined;
  cwd: string;
}

type ToWorker = { type: 'jobs'; first: number; jobs: Job[] } | { type: 'end' };
type FromWorker = { type: 'results'; first: number; results: JobResult[] } | { type: 'model-error'; message: string };

async function runSuggest(args: string[], io: CliIo): Promise<number> {
  if (!isMainThread && (workerData as WorkerSetup | undefined)?.anaSuggestWorker) return runWorker(workerData as WorkerSetup);
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        'out-dir': { type: 'string' }, model: { type: 'string' }, 'no-entities': { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
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
  if (v.jobs !== undefined && !/^[1-9][0-9]{0,3}$/.test(v.jobs)) throw new UsageError(`--jobs must be a whole number from 1 to 9999, not "${v.jobs}".`);
  const outDir = v['out-dir'] === undefined ? undefined : resolve(io.cwd, v['out-dir']);
  let ner: NerModel | undefined;
  let modelPath: string | undefined;
  if (!v['no-entities']) {
    modelPath = v.model ? resolve(io.cwd, v.model) : defaultModelPath();
    try {
      ner = loadNerModel(await readFile(modelPath, 'utf8'));
    } catch (err) {
      io.err(`Could not load the entity model ${modelPath}: ${reason(err)}. Pass --model FILE, or --no-entities to suggest quotations only.`);
      return EXIT_PROBLEMS;
    }
  }
  const jobs = await collectJobs(parsed.positionals, io.cwd, outDir);
  // Threads need this bundle as their script: when the CLI runs as a program, not when it is
  // imported (tests, other tools), where the work stays on the calling thread.
  const canThread = typeof require !== 'undefined' && require.main === module;
  const requested = v.jobs === undefined ? undefined : Number(v.jobs);
  let threads = Math.min(requested ?? availableParallelism(), jobs.length);
  if (requested === undefined && jobs.length < MIN_ARTICLES_FOR_THREADS) threads = 1;
  if (!canThread) threads = 1;

  let written = 0, skipped = 0, quotations = 0, entities = 0, done = 0;
  const started = Date.now();
  let lastReport = started;
  const report = (r: JobResult): void => {
    for (const m of r.messages) io.err(m);
    if (r.written) written++;
    else skipped++;
    quotations += r.quotations;
    entities += r.entities;
    done++;
    const now = Date.now();
    if (!v.quiet && (now - lastReport > 1000 || done === jobs.length) && jobs.length > 1) {
      lastReport = now;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      io.err(`suggest: ${done}/${jobs.length} articles (${rate.toFixed(0)}/s${threads > 1 ? `, ${threads} threads` : ''}), ${quotations} quotations and ${entities} entities suggested`);
    }
  };
  if (threads > 1) {
    const modelError = await inWorkers(jobs, threads, { anaSuggestWorker: true, modelPath: ner ? modelPath : undefined, cwd: io.cwd }, report);
    if (modelError !== undefined) {
      io.err(modelError);
      return EXIT_PROBLEMS;
    }
  } else {
    const ordered = inOrder(report);
    const dirs = new Set<string>();
    await pool(jobs.length, IO_OVERLAP, async (i) => ordered(i, await suggestOne(jobs[i], ner, io.cwd, dirs)));
  }
  io.out(`${written} sidecars written (${quotations} quotations, ${entities} entities suggested)${skipped ? `; ${skipped} articles skipped` : ''}.`);
  return skipped ? EXIT_PROBLEMS : EXIT_OK;
}

/** Reads, suggests and writes one article; never throws (a failure is a message and `written: false`). */
async function suggestOne(job: Job, ner: NerModel | undefined, cwd: string, dirs: Set<string>): Promise<JobResult> {
  const messages: string[] = [];
  try {
    const text = decodeArticle(await readFile(job.article));
    const set = await existingSidecar(job, text, (line) => messages.push(line));
    if (!set) return { written: false, quotations: 0, entities: 0, messages };
    const added = mergeSuggestions(set, text, { ner });
    const content = serializeSidecar(set, text, basename(job.article));
    const dir = dirname(job.sidecar);
    if (!dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      dirs.add(dir);
    }
    await writeFileAtomic(job.sidecar, content);
    return { written: true, quotations: added.quotations, entities: added.entities, messages };
  } catch (err) {
    messages.push(`${relative(cwd, job.article) || job.article}: skipped: ${reason(err)}`);
    return { written: false, quotations: 0, entities: 0, messages };
  }
}

/** Hands results to `report` in job order, whichever order they arrive in. */
function inOrder(report: (r: JobResult) => void): (index: number, result: JobResult) => void {
  const waiting = new Map<number, JobResult>();
  let next = 0;
  return (index, result) => {
    waiting.set(index, result);
    for (let r = waiting.get(next); r; r = waiting.get(next)) {
      waiting.delete(next++);
      report(r);
    }
  };
}

/** Runs task(0..count-1) with at most `width` in flight, starting them in order. */
async function pool(count: number, width: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}

/**
 * Spreads the articles over `threads` worker threads (this bundle again, see runWorker), a few
 * batches ahead each, and reports results in article order. Resolves to the model error a worker
 * met, if any (the calling thread has loaded the same file, so that is only a race with its change).
 */
function inWorkers(jobs: readonly Job[], threads: number, setup: WorkerSetup, report: (r: JobResult) => void): Promise<string | undefined> {
  const ordered = inOrder(report);
  let nextJob = 0;
  let failure: string | undefined;
  return new Promise<string | undefined>((resolveAll, rejectAll) => {
    let running = threads;
    const workers: Worker[] = [];
    const stopAll = (): void => { for (const w of workers) void w.terminate(); };
    for (let t = 0; t < threads; t++) {
      // `argv` makes the worker's copy of the CLI dispatch to this command, which sees workerData.
      const worker = new Worker(__filename, { argv: ['suggest'], workerData: setup, stdout: false, stderr: false });
      workers.push(worker);
      let outstanding = 0;
      const feed = (): void => {
        while (outstanding < BATCHES_AHEAD && nextJob < jobs.length && failure === undefined) {
          const first = nextJob;
          const batch = jobs.slice(first, first + BATCH);
          nextJob += batch.length;
          outstanding++;
          worker.postMessage({ type: 'jobs', first, jobs: batch } satisfies ToWorker);
        }
        if (outstanding === 0) worker.postMessage({ type: 'end' } satisfies ToWorker);
      };
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'model-error') {
          failure ??= msg.message;
          stopAll();
          return;
        }
        outstanding--;
        msg.results.forEach((r, k) => ordered(msg.first + k, r));
        feed();
      });
      worker.on('error', (err) => {
        stopAll();
        rejectAll(err);
      });
      worker.on('exit', () => {
        if (--running === 0) resolveAll(failure);
      });
      feed();
    }
  });
}

/** The worker side of inWorkers: loads the model, then suggests each batch it is sent. */
async function runWorker(setup: WorkerSetup): Promise<number> {
  const port = parentPort!;
  let ner: NerModel | undefined;
  if (setup.modelPath !== undefined) {
    try {
      ner = loadNerModel(await readFile(setup.modelPath, 'utf8'));
    } catch (err) {
      port.postMessage({ type: 'model-error', message: `Could not load the entity model ${setup.modelPath}: ${reason(err)}. Pass --model FILE, or --no-entities to suggest quotations only.` } satisfies FromWorker);
      port.close();
      return EXIT_PROBLEMS;
    }
  }
  const dirs = new Set<string>();
  // Batches run one after another, each with its reads and writes overlapping its tagging.
  let queue = Promise.resolve();
  await new Promise<void>((finished) => {
    port.on('message', (msg: ToWorker) => {
      if (msg.type === 'end') {
        void queue.then(() => { port.close(); finished(); });
        return;
      }
      queue = queue.then(async () => {
        const results: JobResult[] = new Array(msg.jobs.length);
        await pool(msg.jobs.length, IO_OVERLAP, async (k) => { results[k] = await suggestOne(msg.jobs[k], ner, setup.cwd, dirs); });
        port.postMessage({ type: 'results', first: msg.first, results } satisfies FromWorker);
      });
    });
  });
  return EXIT_OK;
}

/** The sidecar to merge into (or a fresh set); undefined, after reporting, when it does not load. */
async function existingSidecar(job: Job, text: string, err: (line: string) => void): Promise<AnnotationSet | undefined> {
  let yamlText: string;
  try {
    yamlText = await readFile(job.sidecar, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyAnnotationSet();
    throw e;
  }
  const loaded = parseSidecar(yamlText, text, { sidecarPath: job.sidecar, articleFileName: basename(job.article), labels: DEFAULT_LABEL_IDS });
  if (loaded.ok) return loaded.annotations;
  for (const p of loaded.problems) if (p.severity === 'error') err(formatSidecarProblem(p));
  err(`${job.sidecar}: not loaded, left untouched; fix it (arabic-news-annotator validate) and run suggest again.`);
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
