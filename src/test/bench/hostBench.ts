// Helpers of the bench suite inside the extension host: recorded figures, the moment decorations
// were drawn (the extension publishes each redraw on a diagnostics channel), and the round trip to
// the workbench that tells when what the extension host sent has been applied there.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DRAWN_CHANNEL } from '../../extension/annotationDecorations';

// Each bench file is bundled on its own, with its own copy of this module: the figures live on
// the global object, so that index.ts prints what the test files recorded.
const KEY = Symbol.for('arabicNewsAnnotator.benchResults');
const results: Record<string, unknown> = ((globalThis as Record<symbol, unknown>)[KEY] ??= {}) as Record<string, unknown>;

/** Records a figure under a dotted path (`editor.big.keystroke`). */
export function record(key: string, value: unknown): void {
  results[key] = value;
  console.log(`  ${key}: ${JSON.stringify(value)}`);
}

export function benchResults(): Record<string, unknown> {
  return { ...results, memory: memory() };
}

export function memory(): { rssMB: number; heapUsedMB: number; externalMB: number } {
  const m = process.memoryUsage();
  const mb = (b: number): number => Math.round((b / 1048576) * 10) / 10;
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external + m.arrayBuffers) };
}

export const now = (): number => performance.now();

let pings = 0;
/**
 * A command the workbench (renderer) runs: when it answers, every message the extension host sent
 * before it, setDecorations included, has been handled there (one ordered channel).
 */
export async function workbenchRoundTrip(): Promise<number> {
  await vscode.commands.executeCommand('setContext', 'arabicNewsAnnotator.benchPing', ++pings);
  return now();
}

interface Waiter {
  uri: string;
  after: number;
  accept: (ranges: number) => boolean;
  resolve: (r: { drawnAt: number; drawMs: number; acked: Promise<number> }) => void;
}

/** Redraws of the extension, as they happen. */
export class DrawWatcher implements vscode.Disposable {
  private readonly waiters = new Set<Waiter>();
  private readonly listener = (message: unknown): void => {
    const { uri, ranges, ms } = message as { uri: string; ranges: number; ms: number };
    const t = now();
    for (const w of this.waiters) {
      if (w.uri === uri && t >= w.after && w.accept(ranges)) {
        this.waiters.delete(w);
        // Sent right behind the decorations, from inside the redraw.
        w.resolve({ drawnAt: t, drawMs: ms, acked: workbenchRoundTrip() });
      }
    }
  };

  constructor() {
    subscribe(DRAWN_CHANNEL, this.listener);
  }

  /** The next redraw of `uri` after `after` that `accept`s its range count. */
  next(uri: vscode.Uri, after: number, accept: (ranges: number) => boolean = () => true, timeoutMs = 60_000): Promise<{ drawnAt: number; drawMs: number; acked: Promise<number> }> {
    return new Promise((resolve, reject) => {
      const w: Waiter = { uri: uri.toString(), after, accept, resolve: (r) => { clearTimeout(timer); resolve(r); } };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error(`no redraw of ${uri.fsPath} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(w);
    });
  }

  dispose(): void {
    unsubscribe(DRAWN_CHANNEL, this.listener);
  }
}

/** Wall-clock time in ms with sub-millisecond precision, comparable with the page's (same machine). */
export const wallNow = (): number => performance.timeOrigin + performance.now();

let probes = 0;
/**
 * The workbench page as the user sees it (scripts/vscode-test/run.mjs, PAGE_PROBE_MARKER):
 * `observe` starts recording when editor decorations appear in its DOM, `read` returns those
 * times (wallNow's clock) and starts afresh. Undefined when not run by the runner.
 */
export async function pageProbe(what: 'observe' | 'read', timeoutMs = 30_000): Promise<number[] | undefined> {
  const ackDir = process.env.ANA_SCREENSHOT_ACK_DIR;
  if (!ackDir) return undefined;
  const stem = `page-probe-${process.pid}-${++probes}`;
  const ackFile = path.join(ackDir, `${stem}.done`);
  console.log(`@@PAGE_PROBE name=${stem} ${what}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ack = await fs.promises.readFile(ackFile, 'utf8').catch(() => undefined);
    if (ack !== undefined) {
      const result = JSON.parse(ack) as { times?: number[]; error?: string };
      if (result.times) return result.times;
      throw new Error(`page probe failed: ${result.error ?? 'unknown error'}`);
    }
    await sleep(20);
  }
  throw new Error(`page probe: no answer from the runner within ${timeoutMs} ms`);
}

/**
 * For each start, the time from it to the first of `times` at or after `from` (when the decorations
 * were sent: nothing the page did before that can show them) and before the next start; undefined when none.
 */
export function firstAfter(starts: readonly number[], from: readonly number[], times: readonly number[]): Array<number | undefined> {
  const sorted = [...times].sort((a, b) => a - b);
  let j = 0;
  return starts.map((t0, i) => {
    const until = starts[i + 1] ?? Infinity;
    while (j < sorted.length && sorted[j] < from[i]) j++;
    return j < sorted.length && sorted[j] < until ? sorted[j] - t0 : undefined;
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
