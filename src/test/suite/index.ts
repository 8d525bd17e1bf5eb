// Mocha runner inside the VS Code extension host: VS Code loads this module as
// extensionTestsPath and awaits run(); a rejection marks the run as failed.
//
// Lines printed here reach scripts/vscode-test/run.mjs through the workbench's
// codeAutomationLog, mixed with the workbench's own log. Under the runner
// (ANA_VSCODE_RUNNER=1) every console message of this host starts with `@@|`, which tells
// the two apart. Lines that are part of the protocol:
//   `@@SUITE_START`                    run() began; a host that ends without it never got to
//                                      the tests (setup/load error, exit code 4);
//   `@@LOAD_ERROR <message>`           a test file could not be loaded (exit code 4);
//   `vscode: N passed, N failed`       the suite's own result, always printed last: an extension
//                                      host that dies mid-run is reported by VS Code as a pass,
//                                      so a run without this line counts as a crash.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { formatConsole } from '../hostConsole';

function findTestFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

export async function run(): Promise<void> {
  formatConsole();
  console.log('@@SUITE_START');
  const mocha = new Mocha({
    ui: 'tdd', // suite/test, as in VS Code's samples and .vscode-test.mjs
    reporter: 'spec',
    color: false,
    timeout: 20_000,
    ...(process.env.ANA_TEST_GREP ? { grep: process.env.ANA_TEST_GREP } : {}),
  });
  // The spec reporter captured console.log when mocha was loaded, before formatConsole ran.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(...args);

  const files = findTestFiles(__dirname);
  for (const file of files) mocha.addFile(file);
  try {
    await mocha.loadFilesAsync();
  } catch (err) {
    console.error(`@@LOAD_ERROR ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    throw err;
  }

  const { passes, failures, pending } = await new Promise<Mocha.Stats>((resolve, reject) => {
    const runner = mocha.run(() => (runner.stats ? resolve(runner.stats) : reject(new Error('mocha reported no stats'))));
  });
  console.log(`vscode: ${passes} passed, ${failures} failed${pending > 0 ? `, ${pending} skipped` : ''}`);
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
  if (passes === 0) throw new Error(`no tests ran (${files.length} test files found)`);
}
