// E2E harness: drives the real Steward window through tauri-driver (WebDriver).
//
// Environment:
//   STEWARD_APP                 absolute path of the built app binary (required)
//   STEWARD_E2E_DB              "sqlite" (default) or "postgres"
//   STEWARD_TEST_PG_ADMIN_URL   admin URL of a PostgreSQL server (postgres only); a fresh
//                               database is created for every launch without databaseUrl
//   TAURI_DRIVER                path of tauri-driver (else PATH, else ~/.cargo/bin)
//   STEWARD_PG_BIN              folder with psql (else PATH, else /usr/lib/postgresql/*/bin)
//   STEWARD_E2E_VERBOSE=1       also echo the driver/app output to stderr
//   STEWARD_E2E_KEEP=1          keep the temporary data folders (removed at exit otherwise)
//
// Driver and app output of every launch goes to target/e2e-logs/.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test as nodeTest } from 'node:test';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Root of the repository (tests/e2e/lib/../../..). */
export const repoRoot = path.resolve(here, '..', '..', '..');
/** "sqlite" or "postgres": the database this run uses. */
export const dbKind = process.env.STEWARD_E2E_DB === 'postgres' ? 'postgres' : 'sqlite';

const isWindows = process.platform === 'win32';
const exe = (name) => (isWindows ? `${name}.exe` : name);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Process groups of drivers still running, killed if the test process exits early. */
const liveDrivers = new Set();
/** Data folders made by freshDataDir, removed at exit. */
const tempDirs = new Set();
process.on('exit', () => {
  for (const child of liveDrivers) killTree(child, 'SIGKILL');
  if (!process.env.STEWARD_E2E_KEEP) {
    for (const dir of tempDirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // still in use or already gone
      }
    }
  }
});

function which(name) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const names = isWindows ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const dir of dirs) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function findTauriDriver() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const onPath = which('tauri-driver');
  if (onPath) return onPath;
  const cargoBin = path.join(os.homedir(), '.cargo', 'bin', exe('tauri-driver'));
  if (existsSync(cargoBin)) return cargoBin;
  throw new Error(
    'tauri-driver not found: `cargo install tauri-driver --version 2.1.0 --locked` ' +
      '(cargo xtask test does it) or set TAURI_DRIVER',
  );
}

function findPgTool(name) {
  if (process.env.STEWARD_PG_BIN) {
    const p = path.join(process.env.STEWARD_PG_BIN, exe(name));
    if (existsSync(p)) return p;
  }
  const onPath = which(name);
  if (onPath) return onPath;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) {
      const p = path.join(debian, major, 'bin', name);
      if (existsSync(p)) return p;
    }
  }
  throw new Error(`${name} not found: install the PostgreSQL client or set STEWARD_PG_BIN`);
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function killTree(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (isWindows) {
      spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    } else {
      process.kill(-child.pid, signal); // the whole group: driver, WebKitWebDriver, app
    }
  } catch {
    // already gone
  }
}

/** A new, empty temporary folder for the app's data (`--data-dir`). */
export function freshDataDir(name = 'app') {
  const safe = String(name).replace(/[^A-Za-z0-9_-]+/g, '-');
  const dir = mkdtempSync(path.join(os.tmpdir(), `steward-e2e-${safe}-`));
  tempDirs.add(dir);
  return dir;
}

/** Creates an empty PostgreSQL database and returns its URL (needs STEWARD_TEST_PG_ADMIN_URL). */
export function createDatabase(prefix = 'steward_e2e') {
  const admin = process.env.STEWARD_TEST_PG_ADMIN_URL;
  if (!admin) throw new Error('STEWARD_E2E_DB=postgres needs STEWARD_TEST_PG_ADMIN_URL');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const result = spawnSync(
    findPgTool('psql'),
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', admin, '-c', `CREATE DATABASE "${name}"`],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`CREATE DATABASE ${name} failed: ${result.error ?? ''}${result.stderr ?? ''}`);
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

let launchCount = 0;

/**
 * Starts tauri-driver and opens the app in it.
 *
 * options:
 *   dataDir      app data folder (default: a fresh one); pass the same one to test restarts
 *   args         extra app arguments
 *   lang         forces the UI language (`--lang`)
 *   databaseUrl  (postgres) reuse this database instead of creating a fresh one
 *   server       the data folder's settings.json names an office server: no database
 *
 * Returns { browser, dataDir, databaseUrl, db, logFile, close }.
 */
export async function launchApp({ dataDir, args = [], lang, databaseUrl, server = false } = {}) {
  const application = process.env.STEWARD_APP;
  if (!application) throw new Error('set STEWARD_APP to the built app binary (cargo xtask test does)');
  if (!existsSync(application)) throw new Error(`STEWARD_APP=${application} does not exist`);

  dataDir ??= freshDataDir('app');
  let dbArgs = [];
  if (server) {
    // The desk talks to an office server named in its settings.json: no database here.
    databaseUrl = undefined;
  } else if (dbKind === 'postgres') {
    databaseUrl ??= createDatabase();
    dbArgs = ['--database-url', databaseUrl];
  } else {
    databaseUrl = undefined;
  }

  const port = await freePort();
  let nativePort = await freePort();
  while (nativePort === port) nativePort = await freePort();
  const driverArgs = ['--port', String(port), '--native-port', String(nativePort)];
  if (existsSync('/usr/bin/WebKitWebDriver')) {
    driverArgs.push('--native-driver', '/usr/bin/WebKitWebDriver');
  }

  const logDir = path.join(repoRoot, 'target', 'e2e-logs');
  mkdirSync(logDir, { recursive: true });
  launchCount += 1;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logFile = path.join(logDir, `${dbKind}-${stamp}-${process.pid}-${launchCount}.log`);
  const log = createWriteStream(logFile);
  let recent = '';
  const record = (chunk) => {
    log.write(chunk);
    recent = (recent + chunk.toString()).slice(-4000);
    if (process.env.STEWARD_E2E_VERBOSE) process.stderr.write(chunk);
  };

  const driver = spawn(findTauriDriver(), driverArgs, {
    detached: !isWindows, // own process group, so close() can kill the app with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveDrivers.add(driver);
  driver.stdout.on('data', record);
  driver.stderr.on('data', record);
  let spawnError = null;
  driver.on('error', (e) => {
    spawnError = e;
  });
  const exited = new Promise((resolve) => driver.once('exit', resolve));

  const stopDriver = async () => {
    killTree(driver, 'SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!done) killTree(driver, 'SIGKILL');
    liveDrivers.delete(driver);
    log.end();
  };

  // Wait until the driver answers, and the native driver behind it (on Linux, tauri-driver
  // starts WebKitWebDriver itself; a session request before it listens is refused).
  const waitPorts = isWindows ? [port] : [port, nativePort];
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (spawnError) throw new Error(`cannot start tauri-driver: ${spawnError.message}`);
    if (driver.exitCode !== null) {
      await stopDriver();
      throw new Error(`tauri-driver exited with ${driver.exitCode}:\n${recent}`);
    }
    const answers = await Promise.all(waitPorts.map(portAnswers));
    if (answers.every(Boolean)) break;
    if (Date.now() > deadline) {
      await stopDriver();
      throw new Error(`tauri-driver did not answer on ports ${waitPorts} within 20 s:\n${recent}`);
    }
    await sleep(100);
  }

  const appArgs = [
    '--data-dir',
    dataDir,
    ...(lang ? ['--lang', lang] : []),
    ...dbArgs,
    ...args,
  ];
  let browser;
  try {
    browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'warn',
      connectionRetryTimeout: 60_000,
      connectionRetryCount: 2,
      capabilities: {
        'tauri:options': { application, args: appArgs },
        // tauri-driver speaks classic WebDriver only (no BiDi).
        'wdio:enforceWebDriverClassic': true,
      },
    });
  } catch (e) {
    await stopDriver();
    throw new Error(`cannot open a session on the app: ${e.message}\nlog ${logFile}:\n${recent}`);
  }

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    openApps.delete(close);
    try {
      await browser.deleteSession();
    } catch {
      // the app may already be gone
    }
    await stopDriver();
  };

  openApps.add(close);
  return { browser, dataDir, databaseUrl, db: dbKind, logFile, close };
}

/**
 * The UI languages a flow repeated per language runs in: all of them on SQLite; one on
 * PostgreSQL, where what differs is the data layer, not the rendering.
 */
export function languagesFor(langs) {
  return dbKind === 'postgres' ? langs.slice(0, 1) : langs;
}

/** `skip` for tests of the window and the catalog alone, which are the same on both databases. */
export const windowOnly = dbKind === 'postgres' && 'window and catalog only, the same on both databases: run on SQLite';

/**
 * `skip` for window flows over core rules that the core's own PostgreSQL tests cover, with
 * no database-specific path in between: run on SQLite.
 */
export const sameOnBothDatabases =
  dbKind === 'postgres' && 'the core tests cover PostgreSQL; the window flow is the same: run on SQLite';

/** `close` of every app still open (a retry after a web-view crash closes them all). */
const openApps = new Set();

/**
 * WebKitGTK's web process sometimes dies under load on CI ("page crash or hang"); the
 * session is gone then, whatever the app did. Only that failure is retried, once, after
 * closing every app still open (their drivers and processes would linger otherwise).
 */
const WEB_VIEW_CRASH = /session deleted because of page crash or hang|invalid session id/;

/** `node:test`'s `test`, retrying once after a web-view crash (see `WEB_VIEW_CRASH`). */
export function test(name, ...rest) {
  const body = rest.pop();
  const options = rest[0] ?? {};
  return nodeTest(name, options, async (t) => {
    try {
      return await body(t);
    } catch (error) {
      if (!WEB_VIEW_CRASH.test(String(error?.message ?? error))) throw error;
      t.diagnostic(`the web view crashed (${String(error?.message ?? error).split('\n')[0]}); running once more in a new window`);
      await Promise.all([...openApps].map((close) => close()));
      return await body(t);
    }
  });
}

/** Saves target/e2e-screenshots/<db>-<name>.png and returns its path. */
export async function screenshot(browser, name) {
  const dir = path.join(repoRoot, 'target', 'e2e-screenshots');
  mkdirSync(dir, { recursive: true });
  const safe = String(name).replace(/[^A-Za-z0-9_.-]+/g, '-');
  const file = path.join(dir, `${dbKind}-${safe}.png`);
  await browser.saveScreenshot(file);
  return file;
}

/** Text of the whole page as the user sees it. */
export async function pageText(browser) {
  return browser.execute(() => (document.body ? document.body.innerText : ''));
}

/** Waits until the page shows `text` (default 10 s). */
export async function waitForText(browser, text, timeout = 10_000) {
  await browser.waitUntil(
    async () => (await pageText(browser)).includes(text),
    { timeout, interval: 200, timeoutMsg: `text "${text}" not shown within ${timeout} ms` },
  );
}

/** The element with `data-testid="<id>"` (a WebdriverIO element; it may not exist yet). */
export function byTestId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}

/** Waits until the element with `data-testid="<id>"` is displayed and returns it. */
export async function waitForTestId(browser, id, timeout = 10_000) {
  const element = byTestId(browser, id);
  await element.waitForDisplayed({ timeout, timeoutMsg: `data-testid="${id}" not shown within ${timeout} ms` });
  return element;
}

/** Classes antd's motions (rc-motion) carry while an element zooms, slides or fades in or out. */
const MOTION = '[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]';

/**
 * Waits until no antd enter/leave animation runs (a modal zooming in, the intake drawer
 * and its mask sliding out, a dropdown opening): a click during one lands on the moving
 * overlay ("element click intercepted") or on a field that is not interactable yet.
 */
export async function settled(browser, timeout = 10_000) {
  let moving = [];
  const still = async () => {
    moving = await browser.execute(
      (selector) =>
        [...document.querySelectorAll(selector)]
          // Only what is on screen and can cover something: a motion inside a hidden dialog
          // never ends (no transition runs there), and a button's own spinner covers nothing.
          // Toasts are left out too: they sit at the top and cover no control, and WebKit
          // under load can leave one in its fade-out class long after it faded (`press`
          // still retries a click one of them intercepts).
          .filter(
            (e) =>
              e.getClientRects().length > 0 &&
              !e.closest('.ant-btn, .ant-message, .ant-notification'),
          )
          .map((e) => (e.getAttribute('class') ?? '').slice(0, 100)),
      MOTION,
    );
    return moving.length === 0;
  };
  try {
    await browser.waitUntil(still, { timeout, interval: 100 });
  } catch {
    throw new Error(`still animating after ${timeout} ms: ${moving.join(' | ')}`);
  }
}

const TRANSIENT = /element click intercepted|element not interactable/;

/**
 * Clicks once nothing covers the element. A toast or a tooltip that appears after
 * `settled` can still sit over the target for a moment: wait for it to go (up to 5 s)
 * rather than fail on a click a person would simply repeat.
 */
export async function press(browser, element) {
  const until = Date.now() + 5_000;
  for (;;) {
    await settled(browser);
    try {
      await element.click();
      return;
    } catch (error) {
      if (!TRANSIENT.test(String(error?.message ?? error)) || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Clicks the element with `data-testid="<id>"` once it is shown and free. */
export async function clickTestId(browser, id, timeout) {
  await press(browser, await waitForTestId(browser, id, timeout));
}

/**
 * Replaces a field's text the way a person does (WebDriver's clear bypasses React state).
 * A test id on a wrapper (antd Input.Search, affixes) types into the input inside it.
 */
export async function typeInto(browser, id, text) {
  let element = await waitForTestId(browser, id);
  if (!['input', 'textarea'].includes(await element.getTagName())) {
    const inner = await element.$('input, textarea');
    if (await inner.isExisting()) element = inner;
  }
  await press(browser, element);
  await browser.keys(['Control', 'a']);
  await browser.keys(['Backspace']);
  await element.addValue(text);
}

/**
 * Runs core commands as `user` in a separate session, through the shell's `call`, and
 * returns their outputs; a failed step fails the test unless it says `mayFail`. An input
 * given as a string may name an earlier output's field: "$0.id".
 */
export async function ipc(browser, user, steps) {
  const results = await browser.executeAsync(
    (username, password, steps, done) => {
      const invoke = window.__TAURI_INTERNALS__.invoke;
      const call = (command, token, input) => invoke('call', { command, session: { token, locale: 'en' }, input });
      call('login', null, { username, password })
        .then(async (login) => {
          const out = [];
          for (const step of steps) {
            let input = step.input;
            if (typeof input === 'string') input = JSON.parse(input.replace(/\$(\d+)\.([a-z_]+)/g, (_, i, f) => JSON.stringify(out[Number(i)]?.ok?.[f])));
            try {
              out.push({ ok: await call(step.command, login.token, input) });
            } catch (error) {
              out.push({ error });
            }
          }
          return out;
        })
        .then(done, (error) => done([{ error: { loginFailed: true, error } }]));
    },
    user.username,
    user.password,
    steps,
  );
  for (const [i, r] of results.entries()) {
    assert.ok(r.ok !== undefined || steps[i]?.mayFail, `${steps[i]?.command ?? 'login'} failed: ${JSON.stringify(r.error)}`);
  }
  return results.map((r) => r.ok);
}

/**
 * After the test clock moved past the idle time (15 minutes by default) the window locks:
 * waits for the lock screen and unlocks it with `password` (the signed-in staff member's).
 */
export async function unlock(browser, password, timeout = 15_000) {
  await waitForTestId(browser, 'lock-screen', timeout);
  await typeInto(browser, 'lock-password', password);
  await clickTestId(browser, 'lock-unlock');
  await browser.waitUntil(async () => !(await byTestId(browser, 'lock-screen').isExisting()), {
    timeout,
    timeoutMsg: 'the lock screen did not go after the password',
  });
}
