// Bundles the extension and the CLI with esbuild; with --tests also compiles every
// test file on its own (mocha loads them one by one), keeping `vscode` external.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
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

rmSync('out', { recursive: true, force: true });
await build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'out/extension.js' });
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' } });
chmodSync('out/cli.js', 0o755);
if (args.has('--tests')) {
  const entryPoints = walk('src/test').filter((f) => f.endsWith('.ts'));
  await build({ ...common, entryPoints, outdir: 'out/test', outbase: 'src/test', external: ['vscode', 'mocha'] });
}
