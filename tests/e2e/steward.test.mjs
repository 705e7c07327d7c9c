// The main user journeys of Steward, driven through the real window (tauri-driver).
// One app instance is shared by the steps below; they run in order and build on each other.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { byTestId, clickTestId, freshDataDir, launchApp, pageText, press, screenshot, settled, test, typeInto, waitForTestId, waitForText } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Harbour-Lights-2026', name: '王建国' };
const DESK = { username: `desk${Date.now() % 100000}`, password: 'Front-Desk-Tea-2026', name: '李小红' };
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const tag = Array.from({ length: 4 }, () => LETTERS[Math.floor(Math.random() * 26)]).join('');
const CUSTOMER = { name: '张晓明', latin: `Zhang Xiaoming ${tag[0].toUpperCase()}${tag.slice(1)}`, phone: '13912345678' };

let app;
let browser;

async function click(id) {
  await clickTestId(browser, id);
}

async function type(id, text) {
  await typeInto(browser, id, text);
}

async function textOf(id) {
  return (await waitForTestId(browser, id)).getText();
}

/** Opens an antd Select and clicks the (visible) option with the given data-testid. */
async function pickOption(selectId, optionId) {
  await click(selectId);
  await browser.waitUntil(
    async () => {
      for (const option of await browser.$$(`[data-testid="${optionId}"]`)) {
        if (await option.isDisplayed()) {
          await press(browser, option);
          return true;
        }
      }
      return false;
    },
    { timeout: 10_000, interval: 200, timeoutMsg: `option ${optionId} of ${selectId} not shown` },
  );
}

async function go(section) {
  await click(`nav-${section}`);
  await waitForTestId(browser, `${section}-screen`);
}

async function signIn(user) {
  await waitForTestId(browser, 'login-form', 20_000);
  await type('login-username', user.username);
  await type('login-password', user.password);
  await click('login-submit');
  await waitForTestId(browser, 'nav-customers', 20_000);
}

async function signOut() {
  await click('sign-out');
  await waitForTestId(browser, 'login-form');
}

/** Calls a backend command as a separate session, straight through Tauri's IPC. */
async function asSecondSession(user, steps) {
  return browser.executeAsync(
    (username, password, steps, done) => {
      const ipc = window.__TAURI_INTERNALS__;
      const session = (token) => ({ token, locale: 'en' });
      ipc
        .invoke('call', { command: 'login', session: session(null), input: { username, password } })
        .then(async (login) => {
          const results = [];
          for (const step of steps) {
            let input = step.input;
            if (step.updateCustomerNotes) {
              const detail = await ipc.invoke('call', { command: 'customer_get', session: session(login.token), input: { id: step.id } });
              input = {
                id: detail.id,
                version: detail.version,
                customer: {
                  kind: detail.kind,
                  name: detail.name,
                  name_latin: detail.name_latin,
                  phones: detail.phones,
                  email: detail.email,
                  nationality: detail.nationality,
                  preferred_language: detail.preferred_language,
                  vip: detail.vip,
                  id_document_kind: detail.id_document_kind,
                  id_document_number: null,
                  notes: step.updateCustomerNotes,
                },
              };
            }
            try {
              results.push({ ok: await ipc.invoke('call', { command: step.command, session: session(login.token), input }) });
            } catch (error) {
              results.push({ error });
            }
          }
          return results;
        })
        .then(done, (error) => done([{ error: { loginFailed: true, error } }]));
    },
    user.username,
    user.password,
    steps,
  );
}

/** Waits until nothing on screen is still loading (no spinning antd Spin, no skeleton). */
async function waitForIdle(timeout = 15_000) {
  await browser.waitUntil(
    async () =>
      browser.execute(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton')),
    { timeout, interval: 100, timeoutMsg: 'screen still loading (spinner or skeleton shown)' },
  );
}

/** Screenshot of a settled screen: nothing loading, pointer parked in the sidebar's empty corner (no hover styles). */
async function settledShot(name) {
  await waitForIdle();
  const height = await browser.execute(() => window.innerHeight);
  await browser
    .action('pointer')
    .move({ x: 5, y: Math.max(0, height - 10) })
    .perform();
  await browser.pause(200); // let hover transitions fade out
  await screenshot(browser, name);
  await assertNoRawKeys(name);
}

/** A catalog key shown as is ("desk.case.title") means a missing or misspelt translation. */
const RAW_KEY = /\b(?:desk|enum|common|nav|error|validation|staff|customer|unit|settings|audit|language)\.[a-z_]+(?:\.[a-z_]+)*\b/g;
async function assertNoRawKeys(name) {
  const raw = [...new Set((await pageText(browser)).match(RAW_KEY) ?? [])];
  assert.deepEqual(raw, [], `${name} shows catalog keys instead of text`);
}

async function shotEveryScreen(lang) {
  await go('customers');
  await settledShot(`${lang}-customers`);
  await go('units');
  await browser.waitUntil(async () => (await browser.$$('[data-testid="units-table"] tr.ant-table-row')).length > 0, {
    timeout: 10_000,
    timeoutMsg: 'no units listed (demo property expected)',
  });
  await settledShot(`${lang}-units`);
  // WebKit's driver cannot click a <tr> itself; its first cell works.
  const firstUnit = await browser.$('[data-testid="units-table"] tr.ant-table-row td');
  await firstUnit.click();
  await waitForTestId(browser, 'unit-form');
  await browser.pause(700); // let the drawer finish sliding in
  await settledShot(`${lang}-unit-drawer`);
  await browser.keys(['Escape']);
  await browser.waitUntil(async () => !(await browser.$('.ant-drawer-open').isExisting()), {
    timeout: 10_000,
    timeoutMsg: 'unit drawer did not close',
  });
  await go('staff');
  await settledShot(`${lang}-staff`);
  await go('audit');
  await settledShot(`${lang}-audit`);
  for (const desk of ['my-cases', 'my-work-orders', 'follow-ups', 'kanban', 'cases', 'dashboard', 'suppliers', 'desk-settings']) {
    await go(desk);
    await settledShot(`${lang}-${desk}`);
  }
  await go('settings');
  await settledShot(`${lang}-settings`);
}

describe('Steward', { timeout: 600_000 }, () => {
  before(async () => {
    app = await launchApp({ dataDir: freshDataDir('journeys'), lang: 'zh-CN' });
    browser = app.browser;
  });

  after(async () => {
    await app?.close();
  });

  test('first start: creates the manager in Chinese with the demo property', async () => {
    await waitForTestId(browser, 'setup-form', 30_000);
    if (!(await pageText(browser)).includes('创建首位管理处经理账号')) {
      await pickOption('language-select', 'language-option-zh-CN');
    }
    await waitForText(browser, '创建首位管理处经理账号');
    assert.match(await textOf('app-title'), /物业管家/);
    assert.equal(await byTestId(browser, 'setup-demo').isSelected(), true, 'demo checkbox starts checked');
    await screenshot(browser, 'zh-setup');

    await type('setup-username', MANAGER.username);
    await type('setup-display-name', MANAGER.name);
    await type('setup-password', MANAGER.password);
    await type('setup-confirm', MANAGER.password);
    await click('setup-submit');

    await waitForTestId(browser, 'nav-customers', 60_000);
    assert.equal(await textOf('current-user'), MANAGER.name);
    assert.equal(await textOf('current-role'), '管理处经理');
    assert.equal(await textOf('nav-customers'), '客户');
    assert.equal(await textOf('nav-staff'), '员工');
  });

  test('signs out, refuses a wrong password, signs in', async () => {
    await signOut();
    await screenshot(browser, 'zh-login');
    await type('login-username', MANAGER.username);
    await type('login-password', 'not-the-password');
    await click('login-submit');
    const error = await waitForTestId(browser, 'form-error');
    assert.match(await error.getText(), /用户名或密码错误/);
    await signIn(MANAGER);
    assert.equal(await textOf('current-user'), MANAGER.name);
  });

  test('creates a customer with a Chinese name and finds them by pinyin initials', async () => {
    await go('customers');
    await click('customer-new');
    await waitForTestId(browser, 'customer-form');
    await type('customer-name', CUSTOMER.name);
    await type('customer-name-latin', CUSTOMER.latin);
    await type('customer-phone-0', CUSTOMER.phone);
    await screenshot(browser, 'zh-customer-form');
    await click('customer-submit');

    await waitForTestId(browser, 'customer-screen', 20_000);
    assert.equal(await textOf('customer-title'), CUSTOMER.name);
    assert.match(await textOf('customer-details'), new RegExp(CUSTOMER.latin));
    await screenshot(browser, 'zh-customer');

    await click('customer-back');
    await waitForTestId(browser, 'customers-screen');
    await type('customer-search', 'zxm');
    await browser.waitUntil(
      async () => (await textOf('customer-table')).includes(CUSTOMER.latin),
      { timeout: 10_000, timeoutMsg: `searching "zxm" did not list ${CUSTOMER.latin}` },
    );
    const rows = await textOf('customer-table');
    assert.match(rows, new RegExp(CUSTOMER.name));
    await screenshot(browser, 'zh-customer-search');
  });

  test('every main screen in Chinese', async () => {
    await shotEveryScreen('zh');
    assert.match(await pageText(browser), /修改我的密码/);
  });

  test('switches to English at run time', async () => {
    assert.equal(await textOf('nav-units'), '房屋单元');
    await pickOption('language-select', 'language-option-en');
    await browser.waitUntil(async () => (await textOf('nav-units')) === 'Units', {
      timeout: 10_000,
      timeoutMsg: 'menu did not switch to English',
    });
    assert.equal(await textOf('nav-customers'), 'Customers');
    assert.equal(await textOf('nav-audit'), 'Audit log');
    // WebKitWebDriver's getText answers '' for the ellipsis-styled brand; read what is rendered.
    assert.equal(await (await waitForTestId(browser, 'app-title')).getProperty('innerText'), 'Steward');
    assert.equal(await textOf('current-role'), 'Office manager');
    await shotEveryScreen('en');
  });

  test('a stale edit shows the conflict message and reloads', async () => {
    await go('customers');
    await type('customer-search', 'zxm');
    await browser.waitUntil(async () => (await textOf('customer-table')).includes(CUSTOMER.latin), {
      timeout: 10_000,
      timeoutMsg: 'customer not found again by pinyin initials',
    });
    const opened = await browser.execute((latin) => {
      const row = [...document.querySelectorAll('[data-testid="customer-table"] tr.ant-table-row')].find((tr) =>
        tr.textContent.includes(latin),
      );
      row?.click();
      return row ? Number(row.getAttribute('data-row-key')) : null;
    }, CUSTOMER.latin);
    assert.ok(opened, 'customer row found');
    await waitForTestId(browser, 'customer-screen');
    await screenshot(browser, 'en-customer');

    await click('customer-edit');
    await waitForTestId(browser, 'customer-form');

    const [update] = await asSecondSession(MANAGER, [
      { command: 'customer_update', id: opened, updateCustomerNotes: 'Changed by a colleague' },
    ]);
    assert.ok(update.ok, `second session update failed: ${JSON.stringify(update)}`);

    const notes = await waitForTestId(browser, 'customer-notes');
    await notes.addValue('Prefers calls after 6 pm');
    await click('customer-submit');
    const alert = await waitForTestId(browser, 'conflict-alert');
    assert.match(await alert.getText(), /Someone else changed this record/);
    await screenshot(browser, 'en-conflict');

    await click('conflict-reload');
    await browser.waitUntil(async () => (await notes.getValue()) === 'Changed by a colleague', {
      timeout: 10_000,
      timeoutMsg: 'reload did not bring the colleague’s notes',
    });
    assert.equal(await byTestId(browser, 'conflict-alert').isExisting(), false);
    await click('customer-submit');
    await browser.waitUntil(async () => !(await byTestId(browser, 'customer-form').isDisplayed()), {
      timeout: 10_000,
      timeoutMsg: 'save after reload did not close the form',
    });
    assert.match(await textOf('customer-details'), /Changed by a colleague/);
  });

  test('a desk account sees no staff or audit and is refused staff_create', async () => {
    await go('staff');
    await click('staff-new');
    await waitForTestId(browser, 'staff-form');
    await type('staff-username', DESK.username);
    await type('staff-display-name', DESK.name);
    await pickOption('staff-role', 'staff-role-option-desk');
    await type('staff-password', DESK.password);
    await screenshot(browser, 'en-staff-form');
    await click('staff-submit');
    // The form closes only when the account was saved; if it stays, say what it shows.
    const form = byTestId(browser, 'staff-form');
    const formCloses = (timeout) =>
      browser.waitUntil(async () => !(await form.isDisplayed()), { timeout, interval: 200 }).catch(() => false);
    let closed = await formCloses(5_000);
    const errorsShown = () =>
      browser.execute(() =>
        [...document.querySelectorAll('.ant-modal [data-testid="form-error"], .ant-modal [data-testid="conflict-alert"], .ant-modal .ant-form-item-explain-error')]
          .map((e) => e.textContent.trim())
          .filter(Boolean)
          .join(' | '),
      );
    if (!closed && !(await errorsShown())) {
      // Under load a press of this button has been lost (the form stayed open, nothing
      // shown): press it once more. Had the first press saved, the form would be closed.
      await click('staff-submit');
      closed = await formCloses(15_000);
    }
    if (!closed) {
      await screenshot(browser, 'en-staff-form-not-closed');
      const shown = await errorsShown();
      assert.fail(`staff form still open after submit: ${shown || '(no error shown)'}`);
    }
    // The list is paged and sorted by department: find the new account by its username.
    await type('staff-search', DESK.username);
    await browser.waitUntil(async () => (await textOf('staff-table')).includes(DESK.username), {
      timeout: 10_000,
      timeoutMsg: 'new desk account not listed',
    });
    await screenshot(browser, 'en-staff-listed');

    await signOut();
    await signIn(DESK);
    assert.equal(await textOf('current-user'), DESK.name);
    assert.equal(await byTestId(browser, 'nav-customers').isExisting(), true);
    assert.equal(await byTestId(browser, 'nav-staff').isExisting(), false, 'desk must not see Staff');
    assert.equal(await byTestId(browser, 'nav-audit').isExisting(), false, 'desk must not see Audit log');
    await go('settings');
    assert.equal(await byTestId(browser, 'connection-card').isExisting(), false, 'desk must not see the connection');
    await screenshot(browser, 'en-desk-settings');

    const [created] = await asSecondSession(DESK, [
      {
        command: 'staff_create',
        input: {
          username: 'intruder',
          display_name: 'Intruder',
          role: 'manager',
          department: 'management',
          languages: [],
          password: 'Sneaky-Password-2026',
        },
      },
    ]);
    assert.equal(created.ok, undefined, 'staff_create must be refused');
    assert.equal(created.error?.code, 'forbidden', JSON.stringify(created));
  });
});
