// Bundles the extension and the CLI with esbuild; with --tests also compiles every
// test file on its own (mocha loads them one by one), keeping `vscode` external.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const args = new Set(argv);
const production = args.has('--production');
// --out DIR lets parallel builds (helpers, benches) avoid clobbering one another.
const outDir = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : 'out';
const common = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  sourcemap: !production, minify: production, logLevel: 'warning',
  external: ['vscode'],
};

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

rmSync(outDir, { recursive: true, force: true });
// Each bundle is built even when another fails, so one broken entry does not hide the others' errors.
const results = await Promise.allSettled([
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: join(outDir, 'extension.js') }),
  // The workspace index's worker threads (src/core/indexWorker.ts), started by the extension.
  build({ ...common, entryPoints: ['src/core/indexWorker.ts'], outfile: join(outDir, 'indexWorker.js') }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: join(outDir, 'cli.js'), banner: { js: '#!/usr/bin/env node' } })
    .then(() => chmodSync(join(outDir, 'cli.js'), 0o755)),
  ...(args.has('--tests') ? [build({
    ...common,
    entryPoints: walk('src/test').filter((f) => f.endsWith('.ts')),
    outdir: join(outDir, 'test'),
    outbase: 'src/test',
    external: ['vscode', 'mocha'],
  })] : []),
]);
if (results.some((r) => r.status === 'rejected')) process.exitCode = 1;
