// Several desks through the office server, on PostgreSQL: a steward-server on its own
// database and two app windows connected to it as two staff members. A case opened at one
// desk appears in the other's list within a second (the server's event stream); the desk
// account is refused a manager-only command by the server; a desk refuses a server whose
// certificate changed, saying so; a server killed and started again loses no acknowledged
// save, and the desks carry on.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, describe } from 'node:test';
import {
  byTestId,
  clickTestId,
  createDatabase,
  dbKind,
  freePort,
  freshDataDir,
  ipc,
  launchApp,
  screenshot,
  test,
  typeInto,
  waitForTestId,
} from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Office-Server-2026', name: 'Li Wei' };
const DESK = { username: 'desk.b', password: 'Second-Desk-2026', name: 'Chen Jing' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const serverBin = process.env.STEWARD_APP
  ? path.join(path.dirname(process.env.STEWARD_APP), process.platform === 'win32' ? 'steward-server.exe' : 'steward-server')
  : '';

/** steward-server with a subcommand, to the end; its output. */
function serverRun(args, env = {}) {
  const r = spawnSync(serverBin, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  assert.equal(r.status, 0, `steward-server ${args[0]} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** GET /v1/hello without trusting the certificate: true once the server answers. */
function answers(port) {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/v1/hello', rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

class OfficeServer {
  constructor() {
    this.dataDir = freshDataDir('office-server');
    this.databaseUrl = createDatabase('steward_office');
    this.child = null;
  }

  args() {
    return ['--data-dir', this.dataDir, '--database-url', this.databaseUrl];
  }

  async start() {
    this.child = spawn(serverBin, ['serve', ...this.args(), '--listen', `127.0.0.1:${this.port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    this.child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const deadline = Date.now() + 60_000;
    while (!(await answers(this.port))) {
      if (this.child.exitCode !== null) throw new Error(`steward-server exited ${this.child.exitCode}:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`steward-server did not answer on ${this.port}:\n${stderr}`);
      await sleep(200);
    }
  }

  kill() {
    this.child?.kill('SIGKILL');
  }

  fingerprint() {
    return serverRun(['fingerprint', ...this.args()]).trim().split(/\s+/).pop();
  }

  /** The settings.json of a desk pinned to this server. */
  desk(name, fingerprint = this.fingerprint()) {
    const dir = freshDataDir(name);
    const connection = { kind: 'server', address: `https://127.0.0.1:${this.port}`, fingerprint };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ connection }, null, 2));
    return dir;
  }
}

async function signIn(browser, user) {
  await waitForTestId(browser, 'login-form', 60_000);
  await typeInto(browser, 'login-username', user.username);
  await typeInto(browser, 'login-password', user.password);
  await clickTestId(browser, 'login-submit');
  await waitForTestId(browser, 'sidebar', 30_000);
}

/** Opens the customer found by `search` and its edit form. */
async function editCustomer(browser, search) {
  await clickTestId(browser, 'nav-customers');
  await waitForTestId(browser, 'customers-screen');
  await typeInto(browser, 'customer-search', search);
  await browser.waitUntil(
    () =>
      browser.execute((s) => {
        const row = [...document.querySelectorAll('[data-testid="customer-table"] tr.ant-table-row')].find((tr) => tr.textContent.includes(s));
        row?.click();
        return Boolean(row);
      }, search),
    { timeout: 10_000, interval: 200, timeoutMsg: `customer ${search} not listed` },
  );
  await waitForTestId(browser, 'customer-screen');
  await clickTestId(browser, 'customer-edit');
  await waitForTestId(browser, 'customer-form');
}

/** The case numbers listed on the All cases screen. */
function listedCases(browser) {
  return browser.execute(() => [...document.querySelectorAll('[data-testid^="case-row-"]')].map((r) => r.textContent));
}

describe('several desks through the office server', { timeout: 600_000, skip: dbKind !== 'postgres' && 'the office server E2E runs on PostgreSQL' }, () => {
  const apps = [];
  let server;
  after(async () => {
    for (const app of apps) await app.close();
    server?.kill();
  });

  test('live list, server-side refusal, pinned certificate, restart without loss', async () => {
    assert.ok(existsSync(serverBin), `${serverBin} is missing: cargo build -p steward-server`);
    server = new OfficeServer();
    server.port = await freePort();
    // As an office would: the tables first (as the database's owner), then the first manager.
    serverRun(['init', ...server.args()]);
    serverRun(['create-manager', '--username', MANAGER.username, '--name', MANAGER.name, ...server.args()], {
      STEWARD_MANAGER_PASSWORD: MANAGER.password,
    });
    await server.start();
    const fingerprint = server.fingerprint();
    assert.match(fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const a = await launchApp({ dataDir: server.desk('office-desk-a', fingerprint), lang: 'en', server: true });
    apps.push(a);
    await signIn(a.browser, MANAGER);
    await ipc(a.browser, MANAGER, [
      {
        command: 'staff_create',
        input: { username: DESK.username, display_name: DESK.name, role: 'desk', department: 'customer_service', languages: [], password: DESK.password },
      },
    ]);
    // Desk B works in Chinese: what the server says reaches it in its own language.
    const b = await launchApp({ dataDir: server.desk('office-desk-b', fingerprint), lang: 'zh-CN', server: true });
    apps.push(b);
    await signIn(b.browser, DESK);

    // Desk B watches All cases; desk A opens a case: B's list shows it without a reload.
    await clickTestId(b.browser, 'nav-cases');
    await waitForTestId(b.browser, 'case-search');
    const before = (await listedCases(b.browser)).length;
    const [detail] = await ipc(a.browser, MANAGER, [
      {
        command: 'case_open',
        input: {
          kind: 'repair',
          channel: 'hotline',
          priority: 'normal',
          title: '',
          description: 'Lift B stops between floors 7 and 8',
          customer_id: null,
          unit_id: null,
          caller_name: 'Mr Huang',
          caller_phone: null,
          language: null,
        },
      },
    ]);
    const opened = detail.case;
    const shownAt = Date.now();
    await b.browser.waitUntil(async () => (await listedCases(b.browser)).some((t) => t.includes(opened.number)), {
      timeout: 5_000,
      interval: 100,
      timeoutMsg: `case ${opened.number} opened at desk A never reached desk B's list`,
    });
    const lag = Date.now() - shownAt;
    assert.ok((await listedCases(b.browser)).length > before);
    await sleep(500); // the next paint, for the picture
    await screenshot(b.browser, 'office-desk-b-live');
    // "Within a second" is the design target; the test allows the slower CI machine twice that.
    assert.ok(lag < 2_000, `desk B saw the case after ${lag} ms`);

    // The server refuses the desk account a manager-only command.
    const [refused] = await ipc(b.browser, DESK, [
      {
        command: 'staff_create',
        input: { username: 'intruder', display_name: 'Intruder', role: 'manager', department: 'management', languages: [], password: 'Sneaky-Password-2026' },
        mayFail: true,
      },
    ]);
    assert.equal(refused, undefined, 'staff_create must be refused to the desk account');

    // Both desks edit one customer; the second save is refused with the conflict, in
    // desk B's language, and nothing of A's save is overwritten.
    await ipc(a.browser, MANAGER, [
      {
        command: 'customer_create',
        input: {
          kind: 'person', name: '黄丽', name_latin: 'Huang Li', phones: ['13812345678'], email: null, nationality: 'CN',
          preferred_language: 'zh-CN', vip: false, id_document_kind: null, id_document_number: null, notes: '',
        },
      },
    ]);
    await editCustomer(a.browser, 'Huang Li');
    await editCustomer(b.browser, 'Huang Li');
    await typeInto(a.browser, 'customer-notes', 'Key at the desk');
    await clickTestId(a.browser, 'customer-submit');
    await a.browser.waitUntil(async () => !(await byTestId(a.browser, 'customer-form').isExisting()) || !(await byTestId(a.browser, 'customer-form').isDisplayed()), {
      timeout: 10_000,
      timeoutMsg: 'desk A could not save the customer',
    });
    await typeInto(b.browser, 'customer-notes', 'Call after 6 pm');
    await clickTestId(b.browser, 'customer-submit');
    const conflict = await waitForTestId(b.browser, 'conflict-alert');
    assert.match(await conflict.getText(), /其他人已修改/);
    await sleep(500);
    await screenshot(b.browser, 'office-conflict-zh');
    const [kept] = await ipc(a.browser, MANAGER, [{ command: 'customer_list', input: { search: 'Huang Li', kind: null, language: null, vip: null, page: 1, page_size: 5 } }]);
    const [stored] = await ipc(a.browser, MANAGER, [{ command: 'customer_get', input: { id: kept.items[0].id } }]);
    assert.equal(stored.notes, 'Key at the desk');
    await clickTestId(b.browser, 'customer-cancel');

    // Killed and started again: the acknowledged case is there, and the desks carry on.
    server.kill();
    await waitForTestId(b.browser, 'offline-banner', 30_000);
    await screenshot(b.browser, 'office-offline');
    await server.start();
    await b.browser.waitUntil(async () => !(await byTestId(b.browser, 'offline-banner').isExisting()), {
      timeout: 30_000,
      timeoutMsg: 'the offline banner stayed after the server came back',
    });
    const [found] = await ipc(a.browser, MANAGER, [{ command: 'case_get', input: { id: opened.id } }]);
    assert.equal(found.case.number, opened.number);

    // A new certificate (the server's files replaced): a desk pinned to the old one refuses it.
    server.kill();
    for (const f of ['server-cert.pem', 'server-key.pem']) rmSync(path.join(server.dataDir, f), { force: true });
    await server.start();
    assert.notEqual(server.fingerprint(), fingerprint);
    const c = await launchApp({ dataDir: server.desk('office-desk-c', fingerprint), lang: 'en', server: true });
    apps.push(c);
    await waitForTestId(c.browser, 'startup-error', 60_000);
    const reason = byTestId(c.browser, 'startup-reason');
    assert.equal(await reason.getAttribute('data-problem'), 'server_certificate_changed');
    assert.match(await reason.getText(), /certificate/i);
    await screenshot(c.browser, 'office-certificate-changed');
  });
});
