// `npm run try`: opens VS Code with the extension loaded on the sample articles the project
// ships (samples/articles, from SaudiNewsNet: see samples/SOURCES.md). They are copied to
// .cache/try-workspace/articles/, so annotations made there never dirty the repo; the copy (and
// your sidecars in it) is kept between runs, --reset starts over from the samples.
//
// - Desktop VS Code (`code` on PATH): code --extensionDevelopmentPath=<repo> <workspace>.
// - Otherwise, or with --code-server: code-server (installed into .cache/code-server by
//   scripts/vscode-test/install.mjs when missing) serves VS Code on 127.0.0.1 and this script
//   prints the address to open in a browser; it runs until Ctrl-C, then stops code-server.
//   A built code-server ignores the extensionDevelopmentPath of a URL payload (VS Code reads it
//   only with the smoke-test driver on, which also suppresses notification toasts), so the
//   extension that `npm run try` just built into out/ is packaged with vsce and installed into
//   the try instance's own extensions folder. Its state (user data, extensions, code-server's
//   config, data and caches) lives in .cache/try/; temporary files in a temp folder that is
//   removed on exit.
//
//   npm run try [-- --code-server] [-- --reset]
//   node scripts/try.mjs ...   (without building first)
// Environment: PORT  code-server's port (default: a free one).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CODE_SERVER_VERSION, codeServerEntry, ensureInstalled, node24 } from './vscode-test/install.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = join(repoRoot, 'samples', 'articles');
const workspace = join(repoRoot, '.cache', 'try-workspace');
const tryDir = join(repoRoot, '.cache', 'try');
const logFile = join(tryDir, 'code-server.log');

// Quiet defaults for a fresh instance; written once, the user's own changes stay.
const USER_SETTINGS = {
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

const t0 = Date.now();
const say = (msg) => console.log(`[try] ${msg}`);
const fail = (msg) => {
  console.error(`[try] ${msg}`);
  process.exit(1);
};
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

const USAGE = `usage: npm run try [-- --code-server] [-- --reset]
  --code-server  use code-server even when desktop VS Code (\`code\`) is on PATH
  --reset        recopy the sample articles, dropping the annotations made in ${workspace}
Environment: PORT  code-server's port (default: a free one)`;

const flags = new Set(process.argv.slice(2));
if (flags.has('--help') || flags.has('-h')) {
  console.log(USAGE);
  process.exit(0);
}
for (const flag of flags) {
  if (!['--code-server', '--reset'].includes(flag)) fail(`unknown option ${flag}\n${USAGE}`);
}

function prepareWorkspace() {
  if (flags.has('--reset')) rmSync(workspace, { recursive: true, force: true });
  const articles = join(workspace, 'articles');
  mkdirSync(articles, { recursive: true });
  const names = readdirSync(samplesDir).filter((n) => n.endsWith('.txt')).sort();
  if (names.length === 0) fail(`no sample articles in ${samplesDir}`);
  let copied = 0;
  for (const name of names) {
    if (existsSync(join(articles, name))) continue; // the user's copy, possibly edited, stays
    copyFileSync(join(samplesDir, name), join(articles, name));
    copied++;
  }
  // The workspace sits inside the repo's .cache: without this, VS Code's git offers to open the
  // project's repository on every start.
  const settings = join(workspace, '.vscode', 'settings.json');
  if (!existsSync(settings)) {
    mkdirSync(dirname(settings), { recursive: true });
    writeFileSync(settings, `${JSON.stringify({ 'git.openRepositoryInParentFolders': 'never' }, null, 2)}\n`);
  }
  say(`workspace: ${workspace} (${names.length} sample articles in articles/${copied < names.length ? ', kept from an earlier run; --reset starts over' : ''})`);
  return join(articles, names[0]);
}

function findOnPath(cmd) {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.CMD;.EXE').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const p = join(dir, cmd + ext);
      try {
        if (statSync(p).isFile()) return p;
      } catch {
        // not there
      }
    }
  }
  return undefined;
}

function openDesktop(code) {
  const args = [`--extensionDevelopmentPath=${repoRoot}`, workspace];
  say(`code ${args.join(' ')}`);
  // code is a .cmd on Windows, which only runs through a shell.
  const win = process.platform === 'win32';
  const r = spawnSync(code, win ? args.map((a) => `"${a}"`) : args, { stdio: 'inherit', shell: win });
  if (r.error) fail(`could not run ${code}: ${r.error.message}`);
  if (r.status === 0) say('VS Code opened in an Extension Development Host window; open an article from the explorer (articles/)');
  process.exit(r.status ?? 1);
}

function run(cmd, args, options, what) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error || r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    fail(`${what} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
  }
  return `${r.stdout}${r.stderr}`;
}

// Everything code-server and its extension host write outside the try folders goes to .cache/try
// (XDG folders) or a temp folder (sockets, temp files) instead of the home folder and /tmp.
function serverEnv(runtime) {
  const env = { ...process.env };
  // Set when started from a VS Code terminal; they would point code-server at that instance.
  for (const key of Object.keys(env)) if (/^VSCODE_/.test(key) || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  delete env.PORT; // code-server reads it and it would win over --bind-addr
  const xdg = (name) => join(tryDir, 'xdg', name);
  return {
    ...env,
    EXTENSIONS_GALLERY: '{}', // no online marketplace
    XDG_CONFIG_HOME: xdg('config'),
    XDG_DATA_HOME: xdg('data'),
    XDG_CACHE_HOME: xdg('cache'),
    XDG_STATE_HOME: xdg('state'),
    XDG_RUNTIME_DIR: runtime,
    TMPDIR: runtime,
  };
}

function prepareInstance() {
  const dirs = { userData: join(tryDir, 'user-data'), extensions: join(tryDir, 'extensions') };
  for (const d of [dirs.userData, dirs.extensions, join(dirs.userData, 'User')]) mkdirSync(d, { recursive: true });
  const settings = join(dirs.userData, 'User', 'settings.json');
  if (!existsSync(settings)) writeFileSync(settings, `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  // Its own config file, so that code-server neither reads nor writes ~/.config/code-server.
  dirs.config = join(tryDir, 'code-server.yaml');
  if (!existsSync(dirs.config)) writeFileSync(dirs.config, '# code-server settings for npm run try; scripts/try.mjs passes the rest on the command line.\nauth: none\ncert: false\n');
  return dirs;
}

function packageAndInstall(dirs, env) {
  for (const f of ['out/extension.js', 'out/cli.js']) {
    if (!existsSync(join(repoRoot, f))) fail(`${f} missing: run npm run try (it builds first) or node scripts/build.mjs`);
  }
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(vsce)) fail(`${vsce} missing: run npm ci`);
  const vsix = join(tryDir, 'arabic-news-annotator-try.vsix');
  const started = Date.now();
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }, 'vsce package');
  const packaged = Date.now();
  const out = run(node24, [codeServerEntry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--install-extension', vsix, '--force'], { cwd: tryDir, env, stdio: ['ignore', 'pipe', 'pipe'] }, 'installing the extension into code-server');
  if (!/successfully installed/i.test(out)) {
    process.stderr.write(out);
    fail('code-server did not report the extension as installed');
  }
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  say(`extension ${version} from out/ packaged (${((packaged - started) / 1000).toFixed(1)} s) and installed into ${dirs.extensions} (${((Date.now() - packaged) / 1000).toFixed(1)} s)`);
}

// Live (non-zombie) members of a process group; /proc where there is one.
function groupAlive(pgid) {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return readdirSync('/proc').some((d) => {
    if (!/^\d+$/.test(d)) return false;
    try {
      const [state, , pgrp] = readFileSync(`/proc/${d}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      return Number(pgrp) === pgid && state !== 'Z';
    } catch {
      return false;
    }
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function serve(firstArticle) {
  // Until code-server runs, a signal just ends the script (the 'exit' handlers clean up); it
  // waits for a synchronous step (install, vsce) to return first.
  let stop;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (stop) stop(signal);
      else {
        say(`${signal}: stopped before code-server started`);
        process.exit(130);
      }
    });
  }
  try {
    ensureInstalled({ browser: false });
  } catch (err) {
    fail(`installing code-server failed: ${err.message}`);
  }
  mkdirSync(tryDir, { recursive: true });
  const runtime = mkdtempSync(join(tmpdir(), 'ana-try-'));
  chmodSync(runtime, 0o700);
  process.on('exit', () => rmSync(runtime, { recursive: true, force: true }));
  const env = serverEnv(runtime);
  const dirs = prepareInstance();
  packageAndInstall(dirs, env);

  const port = process.env.PORT ?? '0';
  if (!/^\d+$/.test(port)) fail(`PORT=${port} is not a port number`);
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--config', dirs.config,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  writeFileSync(logFile, '');
  // Its own process group (detached): Ctrl-C reaches only this script, which then stops the
  // server and everything it started.
  const server = spawn(node24, args, { cwd: workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const exit = new Promise((r) => server.once('exit', (code, signal) => {
    exited = true;
    r(code ?? signal);
  }));
  process.on('exit', () => killGroup(server, 'SIGKILL'));

  let stopping = false;
  stop = async (why) => {
    if (stopping) {
      killGroup(server, 'SIGKILL');
      process.exit(130);
    }
    stopping = true;
    say(`${why}: stopping code-server`);
    // The main process first, so that VS Code's server shuts its extension host down itself
    // (the extension flushes its sidecars); then whatever is left of the group.
    if (!exited) {
      try {
        process.kill(server.pid, 'SIGTERM');
      } catch {
        // gone
      }
      if (await Promise.race([exit.then(() => true), sleep(10_000).then(() => false)]) === false) say('code-server did not end within 10 s');
    }
    for (let i = 0; i < 60 && groupAlive(server.pid); i++) await sleep(50);
    killGroup(server, 'SIGKILL');
    for (let i = 0; i < 100 && groupAlive(server.pid); i++) await sleep(50);
    if (groupAlive(server.pid)) say(`processes of code-server survived (process group ${server.pid})`);
    else say('code-server stopped');
    process.exit(0);
  };

  const listening = new Promise((resolvePort, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      writeFileSync(logFile, text, { flag: 'a' });
      if (buffered !== undefined) {
        buffered += text;
        const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buffered);
        if (m) {
          buffered = undefined;
          resolvePort(Number(m[1]));
        }
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('error', (err) => reject(new Error(`code-server did not start: ${err.message}`)));
    exit.then((how) => reject(new Error(`code-server exited (${how})`)));
    setTimeout(() => reject(new Error('code-server did not listen within 60 s')), 60_000).unref();
  });
  let actualPort;
  try {
    actualPort = await listening;
  } catch (err) {
    if (stopping) return;
    process.stderr.write(readFileSync(logFile, 'utf8').slice(-4000));
    killGroup(server, 'SIGKILL');
    fail(`${err.message}; log: ${logFile}`);
  }

  const authority = `127.0.0.1:${actualPort}`;
  // The payload opens the first article; its vscode-remote authority must be the page's host.
  const payload = [
    ['openFile', `vscode-remote://${authority}${pathToFileURL(firstArticle).pathname}`],
    ['skipWelcome', 'true'],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(workspace).replace(/%2F/g, '/')}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  say(`code-server ${CODE_SERVER_VERSION} listening on http://${authority}/ (ready after ${elapsed()}; log: ${logFile})`);
  console.log(`\n  Open in your browser:\n\n  ${url}\n`);
  say(`On another machine, forward the port first: ssh -L ${actualPort}:127.0.0.1:${actualPort} <this host>`);
  say('Ctrl-C stops code-server.');

  const how = await exit;
  if (!stopping) {
    process.stderr.write(readFileSync(logFile, 'utf8').slice(-4000));
    fail(`code-server exited on its own (${how}); log: ${logFile}`);
  }
}

const firstArticle = prepareWorkspace();
const code = flags.has('--code-server') ? undefined : findOnPath('code');
if (code) openDesktop(code);
else await serve(firstArticle);
