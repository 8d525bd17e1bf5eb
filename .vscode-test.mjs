// For people with desktop VS Code: `npx vscode-test` (or the Extension Test Runner) runs the
// same compiled suite as `npm run test:vscode`, in a VS Code that @vscode/test-cli downloads
// (or the one given by VSCODE_TEST_EXECUTABLE). Build first: node scripts/build.mjs --tests.
// CI and machines without desktop VS Code use scripts/vscode-test/run.mjs instead.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const shared = resolve(process.env.ANA_SHARED ?? join(root, '..', 'shared'));
const workspace = join(root, '.vscode-test', 'workspace');

// A fresh copy of the seed articles each run: the tests write sidecars next to them.
rmSync(workspace, { recursive: true, force: true });
mkdirSync(join(workspace, 'articles'), { recursive: true });
const seeds = join(shared, 'corpus', 'seeds');
for (const name of readdirSync(seeds).filter((n) => n.endsWith('.txt'))) {
  cpSync(join(seeds, name), join(workspace, 'articles', name));
}

export default defineConfig({
  label: 'integration',
  files: 'out/test/suite/**/*.test.js',
  workspaceFolder: workspace,
  ...(process.env.VSCODE_TEST_EXECUTABLE
    ? { useInstallation: { fromPath: process.env.VSCODE_TEST_EXECUTABLE } }
    : { version: 'stable' }),
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  env: { ANA_TEST_WORKSPACE: workspace, ANA_SHARED: shared },
  mocha: { ui: 'tdd', timeout: 20_000 },
});
