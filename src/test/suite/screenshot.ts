// Asks scripts/vscode-test/run.mjs for a screenshot of the whole workbench.
// Handshake: the test prints `@@SCREENSHOT name=<stem>`; the runner (which owns the
// browser) saves test-results/screenshots/<stem>.png, then writes
// $ANA_SCREENSHOT_ACK_DIR/<stem>.done holding JSON `{ "path": ... }` or `{ "error": ... }`.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const STEM = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Resolves to the PNG's path, or undefined when not running under the runner. */
export async function takeScreenshot(name: string, timeoutMs = 30_000): Promise<string | undefined> {
  const ackDir = process.env.ANA_SCREENSHOT_ACK_DIR;
  if (!ackDir) return undefined;
  if (!STEM.test(name)) throw new Error(`screenshot name must be a plain file stem: ${JSON.stringify(name)}`);
  const ackFile = path.join(ackDir, `${name}.done`);
  // A stale acknowledgement from an earlier screenshot of the same name must not count.
  await fs.rm(ackFile, { force: true });
  console.log(`@@SCREENSHOT name=${name}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ack = await fs.readFile(ackFile, 'utf8').catch(() => undefined);
    if (ack !== undefined) {
      const result = JSON.parse(ack) as { path?: string; error?: string };
      if (result.path) return result.path;
      throw new Error(`screenshot ${name} failed: ${result.error ?? 'unknown error'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`screenshot ${name}: no acknowledgement from the runner within ${timeoutMs} ms`);
}
