// A look at every screen, for a person to read: launches the app with the demo property,
// visits each navigation entry and the first case, and saves a screenshot of each in
// target/e2e-screenshots/<db>-tour-<lang>-<screen>.png. Prints any catalog key shown raw.
//
//   STEWARD_APP=… TAURI_DRIVER=… xvfb-run -a node tour.mjs [zh-CN|en]
import { byTestId, freshDataDir, launchApp, pageText, screenshot, waitForTestId } from './lib/app.mjs';

const lang = process.argv[2] ?? 'zh-CN';
const short = lang.split('-')[0];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const SCREENS = process.env.TOUR_SCREENS ? process.env.TOUR_SCREENS.split(',') : [
  'my-cases', 'my-work-orders', 'follow-ups', 'kanban', 'cases', 'dashboard', 'suppliers', 'desk-settings',
  'catalog', 'packages', 'statements', 'convenience', 'referrals', 'listings', 'prospects', 'agencies', 'viewings',
  'leasing-reminders', 'customers', 'units', 'staff', 'audit', 'settings',
];
const RAW_KEY = /\b(?:desk|menus|leasing|convenience|enum|common|nav|error|validation|staff|customer|unit|settings|audit|language)\.[a-z_]+(?:\.[a-z_]+)*\b/g;

const app = await launchApp({ dataDir: freshDataDir(`tour-${short}`), lang, args: ['--demo', '--test-clock'] });
const b = app.browser;
try {
  const type = async (id, text) => {
    const element = await waitForTestId(b, id);
    await element.click();
    await element.addValue(text);
  };
  await waitForTestId(b, 'setup-form', 30_000);
  await type('setup-username', 'manager');
  await type('setup-display-name', '王建国');
  await type('setup-password', 'Steward-Tour-2026!');
  await type('setup-confirm', 'Steward-Tour-2026!');
  await (await waitForTestId(b, 'setup-submit')).click();
  await waitForTestId(b, 'nav-my-cases', 60_000);
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
    console.log(`${name}: ${file}${raw.length ? `  RAW KEYS: ${raw.join(' ')}` : ''}`);
  };
  for (const screen of SCREENS) {
    const nav = byTestId(b, `nav-${screen}`);
    if (!(await nav.isExisting())) {
      console.log(`${screen}: not in the navigation`);
      continue;
    }
    await nav.click();
    await look(screen);
  }
  if (SCREENS.includes('packages')) {
    await (await waitForTestId(b, 'nav-packages')).click();
    await settle();
    const open = await b.$('[data-testid^="package-open-"]');
    if (await open.isExisting()) {
      await open.click();
      await look('package');
      await b.execute(() => document.querySelector('main, .ant-layout-content')?.scrollTo(0, 99999));
      await look('package-bottom');
    }
  }
  // The leasing desk's records: the first of each, and a referral's drawer.
  for (const [nav, link, name] of [
    ['listings', '[data-testid^="listing-row-"] a', 'listing'],
    ['prospects', '[data-testid^="prospect-row-"] a', 'prospect'],
    ['agencies', '[data-testid^="agency-open-"]', 'agency'],
    ['referrals', '[data-testid^="referral-open-"]', 'referral'],
  ]) {
    const entry = byTestId(b, `nav-${nav}`);
    if (!(await entry.isExisting())) continue;
    await entry.click();
    await settle();
    const open = await b.$(link);
    if (await open.isExisting()) {
      await open.click();
      await look(name);
      if (name === 'referral') await b.keys(['Escape']);
    }
  }
  await (await waitForTestId(b, 'nav-cases')).click();
  await settle();
  const link = await b.$('[data-testid^="case-row-"] a');
  if (await link.isExisting()) {
    await link.click();
    await look('case');
    await b.execute(() => window.scrollTo(0, document.body.scrollHeight));
    await b.execute(() => document.querySelector('main, .ant-layout-content')?.scrollTo(0, 99999));
    await look('case-bottom');
  }
  await (await waitForTestId(b, 'intake-open')).click();
  await look('intake');
} finally {
  await app.close();
}
