// The session lifecycle in the real window, with the test clock: 16 idle minutes lock the
// screen over the open work (a drawer with typed text stays as it was), the password
// unlocks the same session, and 12 hours after sign-in the window is back at sign-in,
// saying why.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { byTestId, clickTestId, freshDataDir, launchApp, sameOnBothDatabases, screenshot as shoot, test, typeInto, waitForTestId } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Harbour-Lights-2026', name: 'Wang Jianguo' };
const DRAFT = 'Typed before the lock';

let app;
let browser;

/** A screenshot once the window has painted the last change (WebKit's lag a frame behind). */
async function screenshot(b, name) {
  await b.pause(500);
  await shoot(b, name);
}

/** Moves the app's test clock forward; returns the new time or { error }. */
async function advanceClock(minutes) {
  await browser.waitUntil(async () => browser.execute(() => Boolean(window.__stewardTest)), {
    timeout: 10_000,
    timeoutMsg: 'window.__stewardTest missing: was the app started with --test-clock?',
  });
  return browser.executeAsync((minutes, done) => {
    window.__stewardTest.advanceTestClock(minutes).then(done, (e) => done({ error: e }));
  }, minutes);
}

async function draftValue() {
  return browser.execute(() => document.querySelector('[data-testid="customer-name"]')?.value ?? null);
}

describe('Session lifecycle', { timeout: 300_000, skip: sameOnBothDatabases }, () => {
  before(async () => {
    app = await launchApp({ dataDir: freshDataDir('session'), lang: 'en', args: ['--test-clock'] });
    browser = app.browser;
  });

  after(async () => {
    await app?.close();
  });

  test('the first manager signs in (no demo data)', async () => {
    await waitForTestId(browser, 'setup-form', 30_000);
    await typeInto(browser, 'setup-username', MANAGER.username);
    await typeInto(browser, 'setup-display-name', MANAGER.name);
    await typeInto(browser, 'setup-password', MANAGER.password);
    await typeInto(browser, 'setup-confirm', MANAGER.password);
    // The checkbox's input is hidden under antd's box: click it from the page.
    await browser.execute(() => {
      const demo = document.querySelector('[data-testid="setup-demo"]');
      if (demo?.checked) demo.click();
    });
    await clickTestId(browser, 'setup-submit');
    await waitForTestId(browser, 'nav-customers', 60_000);
  });

  test('16 idle minutes lock the screen; the password unlocks it with the typed text still there', async () => {
    await clickTestId(browser, 'nav-customers');
    await clickTestId(browser, 'customer-new');
    await waitForTestId(browser, 'customer-form');
    await typeInto(browser, 'customer-name', DRAFT);
    const route = await browser.execute(() => window.location.hash);

    const moved = await advanceClock(16);
    assert.equal(typeof moved, 'string', `test clock refused: ${JSON.stringify(moved)}`);
    await waitForTestId(browser, 'lock-screen', 15_000);
    assert.match(await byTestId(browser, 'lock-who').getText(), new RegExp(MANAGER.name));
    await screenshot(browser, 'session-locked');
    // Beneath the lock the drawer is still open with the text in it.
    assert.equal(await draftValue(), DRAFT);

    await typeInto(browser, 'lock-password', 'not-the-password');
    await clickTestId(browser, 'lock-unlock');
    await browser.waitUntil(async () => /Wrong password/.test(await byTestId(browser, 'lock-form').getText()), {
      timeout: 10_000,
      timeoutMsg: 'a wrong password is not refused on the lock screen',
    });
    await screenshot(browser, 'session-lock-wrong-password');

    await typeInto(browser, 'lock-password', MANAGER.password);
    await clickTestId(browser, 'lock-unlock');
    await browser.waitUntil(async () => !(await byTestId(browser, 'lock-screen').isExisting()), {
      timeout: 10_000,
      timeoutMsg: 'the lock screen did not go after the right password',
    });
    assert.equal(await draftValue(), DRAFT, 'the typed text survived the lock');
    assert.equal(await browser.execute(() => window.location.hash), route, 'the route survived the lock');
    assert.ok(await byTestId(browser, 'customer-form').isDisplayed(), 'the drawer is still open');
    await screenshot(browser, 'session-unlocked');
  });

  test('12 hours after sign-in the window is back at sign-in, saying the session ended', async () => {
    const moved = await advanceClock(12 * 60);
    assert.equal(typeof moved, 'string', `test clock refused: ${JSON.stringify(moved)}`);
    const notice = await waitForTestId(browser, 'login-notice', 15_000);
    assert.match(await notice.getText(), /session has ended/i);
    await waitForTestId(browser, 'login-form');
    await screenshot(browser, 'session-ended');
  });
});
