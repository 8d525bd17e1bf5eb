// The bench suite's entry inside the VS Code extension host (extensionTestsPath), run by
// scripts/vscode-test/run.mjs with ANA_TEST_ENTRY pointing here; `npm run bench` drives it
// (scripts/bench/run.mjs). Not part of `npm test`: the test suite loads out/test/suite only.
//
// ANA_BENCH_SESSION picks the files (`<session>.bench.js`). Each test measures and records figures
// (hostBench.ts); at the end one line `@@BENCH {json}` carries them all to the bench script, then
// the result line the runner requires (`bench: N passed, N failed`). Protocol as in ../suite/index.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { formatConsole } from '../hostConsole';
import { benchResults } from './hostBench';

export async function run(): Promise<void> {
  formatConsole();
  console.log('@@SUITE_START');
  const session = process.env.ANA_BENCH_SESSION ?? 'editor';
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 600_000 });
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(...args);
  const files = fs.readdirSync(__dirname).filter((f) => f === `${session}.bench.js`).map((f) => path.join(__dirname, f));
  for (const file of files) mocha.addFile(file);
  try {
    await mocha.loadFilesAsync();
  } catch (err) {
    console.error(`@@LOAD_ERROR ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    throw err;
  }
  const { passes, failures } = await new Promise<Mocha.Stats>((resolve, reject) => {
    const runner = mocha.run(() => (runner.stats ? resolve(runner.stats) : reject(new Error('mocha reported no stats'))));
  });
  console.log(`@@BENCH ${JSON.stringify({ session, ...benchResults() })}`);
  console.log(`bench: ${passes} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} bench step(s) failed`);
  if (passes === 0) throw new Error(`no bench steps ran (${files.length} files for session ${session})`);
}
