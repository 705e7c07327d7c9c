// Switching the UI language in the real window: English → 日本語 → 한국어 → English through the
// language select. The expected labels are read from the catalog files, not written here, and
// a date on the audit screen is checked against the language's CLDR medium date pattern
// (`format.date` in its catalog: "Nov 27, 2026", "2026/11/27", "2026. 11. 27.").
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { byTestId, clickTestId, freshDataDir, launchApp, press, repoRoot, screenshot, test, typeInto, waitForTestId, windowOnly } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Many-Tongues-2026', name: 'Alex Morgan' };
const LANGUAGES = ['ja', 'ko'];

function catalog(code) {
  const file = path.join(repoRoot, 'locales', `${code}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

function text(tree, key) {
  const value = key.split('.').reduce((node, part) => node?.[part], tree);
  assert.equal(typeof value, 'string', `catalog has ${key}`);
  return value;
}

/** A date written with a CLDR pattern from a catalog (y, M/MM/MMM/MMMM, d/dd, quoted text). */
function cldrDate(tree, date) {
  const pattern = text(tree, 'format.date');
  const month = date.getMonth() + 1;
  const pad = (n) => String(n).padStart(2, '0');
  return pattern.replace(/'([^']*)'|y+|M+|d+/g, (field, quoted) => {
    if (quoted !== undefined) return quoted;
    if (field[0] === 'y') return String(date.getFullYear());
    if (field[0] === 'd') return field.length > 1 ? pad(date.getDate()) : String(date.getDate());
    if (field.length >= 3) return text(tree, field.length === 3 ? 'format.months_abbr' : 'format.months_wide').split('_')[month - 1];
    return field.length > 1 ? pad(month) : String(month);
  });
}

/** Opens an antd Select and clicks the (visible) option with the given data-testid. */
async function pickOption(b, selectId, optionId) {
  await clickTestId(b, selectId);
  await b.waitUntil(
    async () => {
      for (const option of await b.$$(`[data-testid="${optionId}"]`)) {
        if (await option.isDisplayed()) {
          await press(b, option);
          return true;
        }
      }
      return false;
    },
    { timeout: 10_000, interval: 200, timeoutMsg: `option ${optionId} of ${selectId} not shown` },
  );
}

const LABELS = [
  ['nav-customers', 'nav.customers'],
  ['nav-units', 'nav.units'],
  ['nav-audit', 'nav.audit'],
  ['nav-group-records', 'nav.group.records'],
  ['current-role', 'enum.role.manager'],
  ['sign-out', 'nav.sign_out'],
];

async function expectLanguage(b, code) {
  const tree = catalog(code);
  await b.waitUntil(async () => (await byTestId(b, 'nav-customers').getText()) === text(tree, 'nav.customers'), {
    timeout: 10_000,
    timeoutMsg: `the menu did not switch to ${code}`,
  });
  for (const [id, key] of LABELS) assert.equal((await byTestId(b, id).getText()).trim(), text(tree, key), `${id} in ${code}`);
  assert.equal(await b.execute(() => document.documentElement.lang), code);
  // The select names the language in its own words.
  assert.match(await byTestId(b, 'language-select').getText(), new RegExp(text(tree, 'locale.name')));

  // The audit log's times carry today's date in the language's medium style.
  await clickTestId(b, 'nav-audit');
  await waitForTestId(b, 'audit-table');
  const today = cldrDate(tree, new Date());
  // Dates hold together with no-break spaces; the pattern is written with plain ones.
  await b.waitUntil(async () => (await byTestId(b, 'audit-table').getText()).replace(/\u00a0/g, ' ').includes(today), {
    timeout: 10_000,
    timeoutMsg: `the audit log shows no "${today}" (${code})`,
  });
  // No label is cut short: no text in the menu, the header or a column title overflows a box
  // that hides what does not fit.
  const clipped = await b.execute(() =>
    [...document.querySelectorAll('[data-testid="sidebar"] *, .steward-header *, .ant-table-thead th, .ant-table-thead th *')]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
      .filter((el) => getComputedStyle(el).overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent),
  );
  assert.deepEqual(clipped, [], `clipped labels in ${code}`);
  await screenshot(b, `languages-${code}`);
}

describe('UI languages', { timeout: 300_000, skip: windowOnly }, () => {
  const missing = LANGUAGES.filter((code) => !catalog(code));
  test(
    'switches the UI to ja, ko and a language dropped into the data folder, and back to English, labels and dates following',
    { skip: missing.length ? `locales/${missing.join('.json, locales/')}.json not in this checkout` : false },
    async (t) => {
      // French exists only as a test fixture: dropped into the data folder, it is a language.
      const dataDir = freshDataDir('languages');
      mkdirSync(path.join(dataDir, 'locales'), { recursive: true });
      copyFileSync(path.join(repoRoot, 'tests', 'fixtures', 'locales', 'fr.json'), path.join(dataDir, 'locales', 'fr.json'));
      const french = JSON.parse(readFileSync(path.join(dataDir, 'locales', 'fr.json'), 'utf8'));
      const app = await launchApp({ dataDir, lang: 'en' });
      t.after(() => app.close());
      const b = app.browser;
      const en = catalog('en');
      try {
        await waitForTestId(b, 'setup-form', 30_000);
        await typeInto(b, 'setup-username', MANAGER.username);
        await typeInto(b, 'setup-display-name', MANAGER.name);
        await typeInto(b, 'setup-password', MANAGER.password);
        await typeInto(b, 'setup-confirm', MANAGER.password);
        await clickTestId(b, 'setup-submit');
        await waitForTestId(b, 'nav-customers', 60_000);
        await expectLanguage(b, 'en');

        for (const code of LANGUAGES) {
          await pickOption(b, 'language-select', `language-option-${code}`);
          await expectLanguage(b, code);
        }

        await pickOption(b, 'language-select', 'language-option-fr');
        await b.waitUntil(async () => (await byTestId(b, 'sign-out').getText()).trim() === text(french, 'nav.sign_out'), {
          timeout: 10_000,
          timeoutMsg: 'the dropped-in French catalog did not take over the menu',
        });
        // What the file lacks reads as English.
        assert.equal((await byTestId(b, 'nav-customers').getText()).trim(), text(en, 'nav.customers'));
        await screenshot(b, 'languages-fr');

        await pickOption(b, 'language-select', 'language-option-en');
        await expectLanguage(b, 'en');
        assert.equal((await byTestId(b, 'nav-staff').getText()).trim(), text(en, 'nav.staff'));
      } catch (error) {
        await screenshot(b, 'languages-failure');
        throw error;
      }
    },
  );
});
