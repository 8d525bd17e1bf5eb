// Requests to scripts/vscode-test/run.mjs, which owns the browser: screenshots of the whole
// workbench, and real keystrokes in the page.
// Handshake: the test prints a marker line (`@@SCREENSHOT name=<stem>`, `@@UI name=<stem> <steps>`);
// the runner acts, then writes $ANA_SCREENSHOT_ACK_DIR/<stem>.done holding JSON: `{ "path": ... }`
// (the PNG, saved as test-results/screenshots/<stem>.png), `{ "reads": ... }` or `{ "error": ... }`.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const STEM = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Prints `marker` and waits for the runner's answer; undefined when not running under the runner. */
async function askRunner(name: string, marker: string, timeoutMs: number): Promise<{ path?: string; reads?: string[][] } | undefined> {
  const ackDir = process.env.ANA_SCREENSHOT_ACK_DIR;
  if (!ackDir) return undefined;
  if (!STEM.test(name)) throw new Error(`request name must be a plain file stem: ${JSON.stringify(name)}`);
  const ackFile = path.join(ackDir, `${name}.done`);
  // A stale acknowledgement from an earlier request of the same name must not count.
  await fs.rm(ackFile, { force: true });
  console.log(marker);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ack = await fs.readFile(ackFile, 'utf8').catch(() => undefined);
    if (ack !== undefined) {
      const result = JSON.parse(ack) as { path?: string; reads?: string[][]; error?: string };
      if (result.error !== undefined || (!result.path && !result.reads)) throw new Error(`${name} failed in the page: ${result.error ?? 'unknown error'}`);
      return result;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name}: no acknowledgement from the runner within ${timeoutMs} ms`);
}

/** Resolves to the PNG's path, or undefined when not running under the runner. */
export async function takeScreenshot(name: string, timeoutMs = 30_000): Promise<string | undefined> {
  return (await askRunner(name, `@@SCREENSHOT name=${name}`, timeoutMs))?.path;
}

/**
 * One step of real input in the workbench page: a key (Playwright names: `Escape`, `Enter`), text
 * typed, waiting for an element (CSS selector) to be shown or hidden, or reading the text of the
 * elements a selector matches.
 */
export type PageStep = { press: string } | { type: string } | { waitFor: string; state?: 'visible' | 'hidden' } | { read: string };

/**
 * Runs the steps in the page as a user would (keys go to whatever has focus, and VS Code's
 * keybindings and `when` clauses decide what they do); resolves to the texts of each `read` step,
 * or undefined when not running under the runner (desktop `npx vscode-test`).
 */
export async function inPage(name: string, steps: PageStep[], timeoutMs = 30_000): Promise<string[][] | undefined> {
  return (await askRunner(name, `@@UI name=${name} ${JSON.stringify(steps)}`, timeoutMs))?.reads;
}
