// Runs the compiled mocha suite (out/test/suite/index.js) inside a real VS Code extension
// host: code-server serves VS Code's workbench, headless Debian Chromium opens it with a test
// payload, and the workbench reports the host's output and exit through two page functions.
// See shared/docs/testing-in-real-vscode.md for the facts this builds on.
//
// Exit codes: 0 pass, 1 test failures, 2 crash (extension host died, no result line, 0 tests),
// 3 hang (overall timeout), 4 setup or load error, 130 interrupted.
//
// Environment:
//   ANA_SHARED              shared data folder (default: ../shared beside the repo)
//   ANA_TEST_OUT            compiled output holding test/suite/index.js (default: out)
//   ANA_TEST_ENTRY          the extensionTestsPath module itself (default: $ANA_TEST_OUT/test/suite/index.js);
//                           `npm run bench` points it at its bench suite (out/test/bench/index.js)
//   ANA_EXTENSION_DIR       the extension folder to load (default: the repository; the bench loads a production build)
//   ANA_TEST_WORKSPACE_DIR  open this existing folder as the workspace instead of a temp copy of the seeds
//   ANA_TEST_RESULTS        folder for the log and screenshots (default: test-results)
//   ANA_VSCODE_TIMEOUT      overall timeout in seconds (default: 600)
//   ANA_TEST_GREP           only run tests whose title matches (read by the suite)
//   ANA_KEEP_TMP=1          keep the temporary folder (user data, workspace) for inspection
//   ANA_CHROMIUM            Chromium binary (default: /usr/bin/chromium)
//   ANA_VSCODE_VERBOSE=1    also print the workbench's info log (always in test-results/vscode-test.log)
// Given to the extension host: ANA_TEST_WORKSPACE (the workspace folder), ANA_SHARED,
// ANA_SCREENSHOT_ACK_DIR (see src/test/suite/screenshot.ts: screenshots and real keystrokes).
import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath, codeServerDir, codeServerEntry, ensureInstalled, node24 } from './install.mjs';

const EXIT = { pass: 0, fail: 1, crash: 2, hang: 3, setup: 4, interrupted: 130 };
// Protocol with src/test/suite/index.ts and screenshot.ts (see there).
const SUITE_TAG = '@@|';
const RESULT_LINE = /^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;
const SCREENSHOT_MARKER = /^@@SCREENSHOT name=(\S+)$/;
// `npm run bench` (src/test/bench/hostBench.ts): `@@PAGE_PROBE name=<stem> observe|read`. `observe`
// starts recording when editor decorations (elements with a `ced-` class) appear in the page's DOM;
// `read` acknowledges with their times (wall clock, ms, sub-millisecond) and starts a new list.
const PAGE_PROBE_MARKER = /^@@PAGE_PROBE name=(\S+) (observe|read)$/;
// `@@UI name=<stem> <json steps>` (src/test/suite/screenshot.ts, inPage): real keystrokes and
// waits in the page, in order; acknowledged with the texts of its `read` steps.
const UI_MARKER = /^@@UI name=(\S+) (.+)$/;
const LOAD_ERROR_MARKER = /^@@LOAD_ERROR /;
const SUITE_START_MARKER = '@@SUITE_START';
const STEM = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const VIEWPORT = { width: 1400, height: 900 };
const verbose = process.env.ANA_VSCODE_VERBOSE === '1';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDir = resolve(process.env.ANA_SHARED ?? join(repoRoot, '..', 'shared'));
const outDir = resolve(process.env.ANA_TEST_OUT ?? join(repoRoot, 'out'));
const testsEntry = resolve(process.env.ANA_TEST_ENTRY ?? join(outDir, 'test', 'suite', 'index.js'));
const extensionDir = resolve(process.env.ANA_EXTENSION_DIR ?? repoRoot);
const workspaceDir = process.env.ANA_TEST_WORKSPACE_DIR ? resolve(process.env.ANA_TEST_WORKSPACE_DIR) : undefined;
const timeoutMs = Number(process.env.ANA_VSCODE_TIMEOUT ?? 600) * 1000;
const resultsDir = resolve(process.env.ANA_TEST_RESULTS ?? join(repoRoot, 'test-results'));
const screenshotsDir = join(resultsDir, 'screenshots');
const logFile = join(resultsDir, 'vscode-test.log');

const t0 = Date.now();
const seconds = () => ((Date.now() - t0) / 1000).toFixed(1);
const say = (msg) => console.log(`[vscode-test ${seconds()}s] ${msg}`);
const record = (source, text) => appendFileSync(logFile, text.replace(/^(?=.)/gm, `${source} | `).replace(/\n?$/, '\n'));

// What the suite's own result line said (index.ts prints it last).
const result = { passed: 0, failed: 0, line: undefined };

class SetupError extends Error {}
// Thrown to leave the setup steps when a signal or the timeout ended the run first.
class Stopped extends Error {}

// Builtins with code of their own start with the workbench (git scans, TypeScript server…);
// declarative ones (themes for the screenshots, grammars, language settings) cost nothing.
// GitHub authentication stays: without its provider the workbench's account service retries
// for ~20 s and logs errors (it only registers a provider, nothing goes online).
const KEEP_BUILTINS = new Set(['vscode.github-authentication']);

function builtinsToSkip() {
  const dir = join(codeServerDir, 'lib', 'vscode', 'extensions');
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => {
    const manifest = join(dir, e.name, 'package.json');
    if (!existsSync(manifest)) return [];
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const id = `${pkg.publisher}.${pkg.name}`;
    return (pkg.main || pkg.browser) && !KEEP_BUILTINS.has(id) ? [id] : [];
  });
}

// A quiet, predictable workbench: no chat panel or startup editor in the screenshots, nothing
// that reaches for accounts or updates. Tests change settings through the API as they need.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

function makeTempTree() {
  const root = mkdtempSync(join(tmpdir(), 'ana-vscode-test-'));
  const dirs = Object.fromEntries(['home', 'tmp', 'config', 'cache', 'data', 'state', 'runtime', 'user-data', 'extensions', 'screenshots', 'workspace']
    .map((name) => [name, join(root, name)]));
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs['user-data'], 'User'));
  writeFileSync(join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  chmodSync(dirs.runtime, 0o700);
  if (workspaceDir) {
    if (!existsSync(workspaceDir)) throw new SetupError(`workspace folder not found: ${workspaceDir} (ANA_TEST_WORKSPACE_DIR)`);
    dirs.workspace = workspaceDir;
    return { root, dirs };
  }
  // Fixture workspace: the seed articles, as a labeling team receives them.
  const seeds = join(sharedDir, 'corpus', 'seeds');
  if (!existsSync(seeds)) throw new SetupError(`seed articles not found: ${seeds} (set ANA_SHARED)`);
  const articles = join(dirs.workspace, 'articles');
  mkdirSync(articles);
  for (const name of readdirSync(seeds).filter((n) => n.endsWith('.txt'))) copyFileSync(join(seeds, name), join(articles, name));
  return { root, dirs };
}

// Everything the server, its extension host and Chromium write stays in the temp folder.
function isolatedEnv(dirs) {
  return {
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.config,
    XDG_CACHE_HOME: dirs.cache,
    XDG_DATA_HOME: dirs.data,
    XDG_STATE_HOME: dirs.state,
    XDG_RUNTIME_DIR: dirs.runtime,
  };
}

function startServer(dirs, env) {
  const args = [
    codeServerEntry,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--user-data-dir', dirs['user-data'],
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    // Without it a built VS Code ignores the payload's test entries and the run hangs.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  // Own process group, so teardown can end the server with everything it spawned.
  const server = spawn(node24, args, { cwd: dirs.workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const listening = new Promise((resolveUrl, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      record('server', text);
      buffered += text;
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(buffered);
      if (m) resolveUrl(Number(m[2]));
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('error', (err) => reject(new SetupError(`code-server did not start: ${err.message}`)));
    server.on('exit', (code, signal) => reject(new SetupError(`code-server exited during start (${code ?? signal}); see ${logFile}`)));
  });
  return { server, listening };
}

function killGroup(child, signal) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

async function main() {
  let tree;
  let server;
  let browserServer;
  let browser;
  let end;
  let settle;
  const outcome = new Promise((r) => { settle = r; });
  const finish = (how) => {
    if (!end) {
      end = how;
      settle(how);
    }
  };
  // Last resort on any exit path: no server process may outlive the runner.
  process.on('exit', () => {
    killGroup(server, 'SIGKILL');
    killGroup(browserServer?.process(), 'SIGKILL');
  });
  let interrupts = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (++interrupts > 1) process.exit(EXIT.interrupted);
      say(`${signal}: stopping`);
      finish({ kind: 'interrupted' });
    });
  }

  let loadError = false;
  let suiteStarted = false;
  let screenshots = Promise.resolve();
  let hang;
  let page;

  const ackScreenshot = (ackDir, stem, body) => {
    const tmp = join(ackDir, `${stem}.done.tmp`);
    writeFileSync(tmp, JSON.stringify(body));
    renameSync(tmp, join(ackDir, `${stem}.done`)); // atomic: the test never reads half a file
  };
  const onSuiteLine = (line, ackDir) => {
    const shot = SCREENSHOT_MARKER.exec(line);
    if (shot) {
      const stem = shot[1];
      screenshots = screenshots.then(async () => {
        if (!STEM.test(stem)) return;  // screenshot.ts never sends such a name
        const file = join(screenshotsDir, `${stem}.png`);
        try {
          mkdirSync(screenshotsDir, { recursive: true });
          await page.screenshot({ path: file });
          say(`screenshot ${file}`);
          ackScreenshot(ackDir, stem, { path: file });
        } catch (err) {
          ackScreenshot(ackDir, stem, { error: String(err?.message ?? err) });
        }
      });
      return;
    }
    const ui = UI_MARKER.exec(line);
    if (ui) {
      const [, stem, json] = ui;
      screenshots = screenshots.then(async () => {
        if (!STEM.test(stem)) return;
        try {
          ackScreenshot(ackDir, stem, { reads: await pageSteps(JSON.parse(json)) });
        } catch (err) {
          ackScreenshot(ackDir, stem, { error: String(err?.message ?? err) });
        }
      });
      return;
    }
    const probe = PAGE_PROBE_MARKER.exec(line);
    if (probe) {
      const [, stem, what] = probe;
      screenshots = screenshots.then(async () => {
        if (!STEM.test(stem)) return;
        try {
          ackScreenshot(ackDir, stem, { times: await page.evaluate(pageProbe, what) });
        } catch (err) {
          ackScreenshot(ackDir, stem, { error: String(err?.message ?? err) });
        }
      });
      return;
    }
    if (line === SUITE_START_MARKER) {
      suiteStarted = true;
      return;
    }
    if (LOAD_ERROR_MARKER.test(line)) {
      loadError = true;
      line = line.replace(LOAD_ERROR_MARKER, 'Load error: ');
    }
    const m = RESULT_LINE.exec(line.trim());
    if (m) Object.assign(result, { passed: Number(m[1]), failed: Number(m[2]), line: line.trim() });
    console.log(line);
  };
  const pageSteps = async (steps) => {
    const reads = [];
    for (const step of steps) {
      if (step.press !== undefined) await page.keyboard.press(step.press);
      else if (step.type !== undefined) await page.keyboard.type(step.type);
      else if (step.waitFor !== undefined) await page.waitForSelector(step.waitFor, { state: step.state ?? 'visible', timeout: 10_000 });
      else if (step.read !== undefined) reads.push(await page.$$eval(step.read, (els) => els.map((e) => e.textContent ?? '')));
      else throw new Error(`unknown page step ${JSON.stringify(step)}`);
    }
    return reads;
  };
  const onHostMessage = (level, text, ackDir) => {
    record(`host:${level}`, text);
    if (text.startsWith(SUITE_TAG)) {
      for (const line of text.slice(SUITE_TAG.length).split(/\r?\n/)) onSuiteLine(line, ackDir);
    } else if (verbose || level === 'warn' || level === 'error') {
      // The workbench's own log: only its complaints, unless asked for everything.
      console.log(`[workbench ${level}] ${text}`);
    }
  };

  try {
    // Screenshots of an earlier run must not pass for this one's.
    rmSync(screenshotsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(logFile, '');
    try {
      ensureInstalled();
    } catch (err) {
      throw new SetupError(`install failed: ${err.message}`);
    }
    if (!existsSync(testsEntry)) throw new SetupError(`${testsEntry} missing: run node scripts/build.mjs --tests`);
    if (!existsSync(join(extensionDir, 'package.json'))) throw new SetupError(`no extension in ${extensionDir} (ANA_EXTENSION_DIR)`);
    tree = makeTempTree();
    const { dirs } = tree;
    // Playwright puts its own scratch files in os.tmpdir(), which follows TMPDIR.
    process.env.TMPDIR = dirs.tmp;
    hang = setTimeout(() => finish({ kind: 'hang' }), timeoutMs);

    const serverEnv = {
      ...process.env,
      ...isolatedEnv(dirs),
      EXTENSIONS_GALLERY: '{}', // no online marketplace
      VSCODE_SKIP_BUILTIN_EXTENSIONS: builtinsToSkip().join(','),
      ANA_VSCODE_RUNNER: '1',
      ANA_TEST_WORKSPACE: dirs.workspace,
      ANA_SHARED: sharedDir,
      ANA_SCREENSHOT_ACK_DIR: dirs.screenshots,
    };
    const started = startServer(dirs, serverEnv);
    server = started.server;
    server.on('exit', (code, signal) => finish({ kind: 'crash', reason: `code-server exited (${code ?? signal})` }));
    started.listening.catch(() => {}); // settled by the race below; a later rejection is no news
    const port = await Promise.race([started.listening, outcome.then(() => { throw new Stopped(); })]);
    say(`code-server listening on 127.0.0.1:${port}`);

    // launchServer rather than launch: it gives the browser's process, so teardown can check
    // that its whole process group is gone.
    browserServer = await chromium.launchServer({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      // Its profile goes to a fresh folder under os.tmpdir(), i.e. our temp folder.
      env: { ...process.env, ...isolatedEnv(dirs) },
      // The runner ends Chromium itself, after the server, and exits with its own code.
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    }).catch((err) => { throw new SetupError(`Chromium did not start: ${err.message}`); });
    browser = await chromium.connect(browserServer.wsEndpoint());
    browser.on('disconnected', () => finish({ kind: 'crash', reason: 'Chromium went away' }));
    const context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.on('crash', () => finish({ kind: 'crash', reason: 'the workbench page crashed' }));
    page.on('console', (msg) => record('page', `${msg.type()}: ${msg.text()}`));
    page.on('pageerror', (err) => record('page', `uncaught: ${err.stack ?? err.message}`));
    await page.exposeFunction('codeAutomationLog', (level, message) => onHostMessage(level, String(message), dirs.screenshots));
    await page.exposeFunction('codeAutomationExit', (code) => finish({ kind: 'exit', code: Number(code) }));

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDir)],
      ['extensionTestsPath', remote(testsEntry)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `http://127.0.0.1:${port}/?${new URLSearchParams({ folder: dirs.workspace, payload: JSON.stringify(payload) })}`;
    await page.goto(url, { waitUntil: 'domcontentloaded' })
      .catch((err) => { throw new SetupError(`workbench did not load: ${err.message}`); });
    say('workbench loaded, running the suite');

    await outcome;
    await screenshots;
    return verdict(end, suiteStarted, loadError);
  } catch (err) {
    if (end && (err instanceof Stopped || end.kind === 'interrupted' || end.kind === 'hang')) return verdict(end, suiteStarted, loadError);
    if (err instanceof SetupError) {
      console.error(`[vscode-test] setup error: ${err.message}`);
      return EXIT.setup;
    }
    console.error(`[vscode-test] runner error: ${err?.stack ?? err}`);
    return EXIT.crash;
  } finally {
    clearTimeout(hang);
    finish({ kind: 'teardown' });
    await teardown(browser, browserServer, server, tree);
  }
}

// Runs in the page (see PAGE_PROBE_MARKER).
function pageProbe(what) {
  const w = /** @type {any} */ (window);
  if (what === 'observe' && !w.__anaProbe) {
    w.__anaProbe = [];
    const isDecoration = (n) => n.nodeType === 1 && (/\bced-/.test(n.className) || n.querySelector?.('[class*="ced-"]'));
    new MutationObserver((records) => {
      const t = performance.timeOrigin + performance.now();
      if (records.some((r) => [...r.addedNodes].some(isDecoration) || (r.type === 'attributes' && isDecoration(r.target)))) w.__anaProbe.push(t);
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  }
  const times = w.__anaProbe ?? [];
  if (what === 'read') w.__anaProbe = [];
  return times;
}

function verdict(end, suiteStarted, loadError) {
  switch (end.kind) {
    case 'interrupted':
      return EXIT.interrupted;
    case 'hang':
      console.error(`[vscode-test] hang: no result within ${timeoutMs / 1000} s (ANA_VSCODE_TIMEOUT)`);
      return EXIT.hang;
    case 'crash':
      console.error(`[vscode-test] crash: ${end.reason}`);
      return EXIT.crash;
    default:
      break;
  }
  if (!suiteStarted) {
    console.error(`[vscode-test] load error: the extension host ended (code ${end.code}) before the suite started; see ${logFile}`);
    return EXIT.setup;
  }
  if (loadError) {
    console.error('[vscode-test] load error: a test file failed to load');
    return EXIT.setup;
  }
  if (!result.line) {
    console.error(`[vscode-test] crash: the extension host ended (code ${end.code}) before the suite's result line: it crashed, or a test called process.exit`);
    return EXIT.crash;
  }
  if (result.passed + result.failed === 0) {
    console.error('[vscode-test] crash: the suite ran 0 tests');
    return EXIT.crash;
  }
  return result.failed > 0 || end.code !== 0 ? EXIT.fail : EXIT.pass;
}

// Resolves to the promise's value, or to `fallback` after ms, without holding the event loop.
function within(promise, ms, fallback) {
  let timer;
  const timeout = new Promise((r) => { timer = setTimeout(() => r(fallback), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Live (non-zombie) processes of a process group, from /proc. kill(-pgid, 0) would also
// count zombies that wait for init to reap them, which can take seconds here.
function groupMembers(pgid) {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => {
    try {
      // Fields after the parenthesised command name: state, ppid, pgrp, ...
      const [state, , pgrp] = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      return Number(pgrp) === pgid && state !== 'Z';
    } catch {
      return false; // ended while we looked
    }
  });
}

async function groupGone(pgid, ms) {
  const deadline = Date.now() + ms;
  while (groupMembers(pgid).length > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

// The main process is asked to end first; what is left of its group after that (helpers
// that take seconds to wind down) only holds temp data, so it is killed outright.
async function endGroup(name, child, graceful) {
  if (!child?.pid) return;
  if (!(await within(graceful().then(() => true, () => true), 10_000, false))) say(`${name} did not end in 10 s`);
  killGroup(child, 'SIGKILL');
  if (!(await groupGone(child.pid, 5_000))) say(`${name} processes survived SIGKILL (process group ${child.pid})`);
}

async function teardown(browser, browserServer, server, tree) {
  const started = Date.now();
  await browser?.close().catch(() => {});
  // Both run in their own process group (detached), which takes their children along.
  await endGroup('Chromium', browserServer?.process(), () => browserServer.close());
  await endGroup('code-server', server, async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      killGroup(server, 'SIGTERM');
      await exited;
    }
  });
  if (tree && process.env.ANA_KEEP_TMP !== '1') rmSync(tree.root, { recursive: true, force: true });
  else if (tree) say(`kept ${tree.root}`);
  say(`teardown took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const code = await main();
say(`exit ${code} (${Object.keys(EXIT).find((k) => EXIT[k] === code)})`);
// The suite's result line goes last: CI reads a run's closing lines for it.
if (result.line) console.log(result.line);
process.exitCode = code;
