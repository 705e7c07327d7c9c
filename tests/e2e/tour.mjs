// A look at every screen, for a person to read: launches the app with the demo property,
// visits each navigation entry, the first record of each kind and the main dialogs, and saves
// a screenshot of each in target/e2e-screenshots/<db>-tour-<lang>-<screen>.png. Prints any
// catalog key shown raw and any label that is cut off or wraps (to look at, not a verdict).
//
//   STEWARD_APP=… TAURI_DRIVER=… xvfb-run -a node tour.mjs [zh-CN|en|ja|ko]
//   TOUR_SCREENS=customer,unit,… limits the tour to those screen names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { byTestId, freshDataDir, launchApp, pageText, repoRoot, screenshot, waitForTestId } from './lib/app.mjs';

const lang = process.argv[2] ?? 'zh-CN';
const short = lang.split('-')[0];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const only = process.env.TOUR_SCREENS ? new Set(process.env.TOUR_SCREENS.split(',')) : null;
const wanted = (name) => !only || only.has(name);
// Every top-level section of the catalog, so a key of any section shown raw is caught.
const sections = Object.keys(JSON.parse(readFileSync(path.join(repoRoot, 'locales', 'en.json'), 'utf8')));
const RAW_KEY = new RegExp(`\\b(?:${sections.join('|')})\\.[a-z_]+(?:\\.[a-z0-9_]+)*\\b`, 'g');

/** Labels that should sit on one line and in full: reports those cut off or wrapped. */
function labelTrouble() {
  const selectors = [
    '.ant-menu-title-content', '.ant-table-thead th', '.ant-btn', '.ant-tag', '.ant-form-item-label > label',
    '.ant-descriptions-item-label', '.ant-card-head-title', '.ant-tabs-tab-btn', '.ant-statistic-title',
    '.ant-radio-button-wrapper', '.ant-segmented-item-label', '.ant-select-selection-item', '.ant-modal-title',
    '.ant-drawer-title', '.ant-checkbox-wrapper', '.ant-badge', '.ant-steps-item-title', '.ant-typography',
  ];
  const out = [];
  for (const el of document.querySelectorAll(selectors.join(','))) {
    const text = (el.innerText || '').trim();
    if (!text || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    const what = `${el.className.toString().split(' ')[0] || el.tagName.toLowerCase()} "${text.slice(0, 40)}"`;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && style.overflow !== 'visible') out.push(`cut ${what}`);
    else if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push(`ellipsis ${what}`);
    // Wrapped: the text takes more lines than it has line breaks (one-line labels only).
    if (!text.includes('\n') && !el.matches('.ant-typography') && text.length > 1) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => r.top);
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
      if (tops.length && Math.max(...tops) - Math.min(...tops) > lineHeight * 0.6) out.push(`wraps ${what}`);
    }
  }
  return [...new Set(out)];
}

const app = await launchApp({ dataDir: freshDataDir(`tour-${short}`), lang, args: ['--demo', '--test-clock'] });
const b = app.browser;
try {
  const settle = async () => {
    await b
      .waitUntil(async () => b.execute(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton')), { timeout: 15_000 })
      .catch(() => undefined);
    await sleep(1500);
  };
  const look = async (name) => {
    await settle();
    const file = await screenshot(b, `tour-${short}-${name}`);
    const raw = [...new Set((await pageText(b)).match(RAW_KEY) ?? [])];
    const trouble = await b.execute(labelTrouble);
    console.log(`${name}: ${file}${raw.length ? `  RAW KEYS: ${raw.join(' ')}` : ''}`);
    for (const line of trouble) console.log(`  ${line}`);
  };
  const type = async (id, text) => {
    const element = await waitForTestId(b, id);
    await element.click();
    await element.addValue(text);
  };
  const go = async (nav) => {
    const entry = byTestId(b, `nav-${nav}`);
    if (!(await entry.isExisting())) return false;
    await entry.scrollIntoView();
    await entry.click();
    await settle();
    return true;
  };
  const scrollDown = () =>
    b.execute(() => {
      window.scrollTo(0, document.body.scrollHeight);
      document.querySelector('main, .ant-layout-content')?.scrollTo(0, 99999);
    });
  const closeOverlay = async () => {
    await b.keys(['Escape']);
    await sleep(600);
    // A form that asks before closing, or ignores Escape: its close button.
    await b.execute(() => {
      for (const x of document.querySelectorAll('.ant-modal-wrap .ant-modal-close, .ant-drawer-open .ant-drawer-close')) x.click();
    });
    await sleep(600);
  };

  await waitForTestId(b, 'setup-form', 30_000);
  if (wanted('setup')) await look('setup');
  await type('setup-username', 'manager');
  await type('setup-display-name', '王建国');
  await type('setup-password', 'Steward-Tour-2026!');
  await type('setup-confirm', 'Steward-Tour-2026!');
  await (await waitForTestId(b, 'setup-submit')).click();
  await waitForTestId(b, 'nav-my-cases', 60_000);

  // Every entry the sidebar offers, in its order (new screens join the tour by themselves).
  const NAV = await b.execute(() =>
    [...document.querySelectorAll('[data-testid^="nav-"]')]
      .map((element) => element.getAttribute('data-testid').slice(4))
      .filter((name) => !name.startsWith('group-') && !name.endsWith('-badge')),
  );
  console.log(`navigation: ${NAV.join(' ')}`);
  for (const screen of NAV) {
    if (!wanted(screen)) continue;
    if (!(await go(screen))) {
      console.log(`${screen}: not in the navigation`);
      continue;
    }
    await look(screen);
  }
  for (const tab of ['storage', 'lending']) {
    if (!wanted(`convenience-${tab}`) || !(await go('convenience'))) continue;
    await (await waitForTestId(b, `convenience-tab-${tab}`)).click();
    await look(`convenience-${tab}`);
  }

  // The first record of each kind: [navigation entry, what to click, screen name, scroll too].
  const RECORDS = [
    ['cases', '[data-testid^="case-row-"] a', 'case', true],
    ['kanban', 'a[href*="/work-orders/"]', 'work-order', true],
    ['customers', '[data-testid="customer-row-name"]', 'customer', true],
    ['units', '.ant-table-tbody .ant-table-row td', 'unit', false],
    ['packages', '[data-testid^="package-open-"]', 'package', true],
    ['statements', '[data-testid^="statement-open-"]', 'statement', false],
    ['listings', '[data-testid^="listing-row-"] a', 'listing', true],
    ['prospects', '[data-testid^="prospect-row-"] a', 'prospect', true],
    ['agencies', '[data-testid^="agency-open-"]', 'agency', false],
    ['referrals', '[data-testid^="referral-open-"]', 'referral', false],
  ];
  for (const [nav, selector, name, scroll] of RECORDS) {
    if (!wanted(name) || !(await go(nav))) continue;
    // The demo has no statements yet: issue the month's (a throwaway database).
    if (name === 'statement' && !(await b.$(selector).isExisting())) {
      const month = await waitForTestId(b, 'statements-month');
      await month.click();
      await b.keys(['Control', 'a']);
      await b.keys([...new Date().toISOString().slice(0, 7), 'Enter']);
      await settle();
      await (await waitForTestId(b, 'statements-issue')).click();
      await sleep(3000);
      await settle();
    }
    const open = await b.$(selector);
    if (!(await open.isExisting())) {
      console.log(`${name}: no record to open`);
      continue;
    }
    try {
      await open.click();
      await look(name);
      if (scroll) {
        await scrollDown();
        await look(`${name}-bottom`);
      }
    } catch (error) {
      console.log(`${name}: could not open (${error.message.split('\n')[0]})`);
    }
    await closeOverlay();
  }

  // Dialogs: [navigation entry, button, screen name].
  const DIALOGS = [
    ['my-cases', 'intake-open', 'intake'],
    ['customers', 'customer-new', 'customer-new'],
    ['suppliers', 'supplier-new', 'supplier-new'],
    ['staff', 'staff-new', 'staff-new'],
    ['packages', 'packages-new', 'package-new'],
    ['listings', 'listing-new', 'listing-new'],
    ['prospects', 'prospect-new', 'prospect-new'],
    ['convenience', 'mail-receive', 'mail-receive'],
  ];
  for (const [nav, button, name] of DIALOGS) {
    if (!wanted(name) || !(await go(nav))) continue;
    const open = byTestId(b, button);
    if (!(await open.isExisting())) {
      console.log(`${name}: no ${button} button`);
      continue;
    }
    try {
      await open.click();
      await look(name);
    } catch (error) {
      console.log(`${name}: could not open (${error.message.split('\n')[0]})`);
    }
    await closeOverlay();
  }

  if (wanted('login')) {
    await closeOverlay();
    await (await waitForTestId(b, 'sign-out')).click();
    await waitForTestId(b, 'login-screen', 15_000);
    await look('login');
  }
} finally {
  await app.close();
}
