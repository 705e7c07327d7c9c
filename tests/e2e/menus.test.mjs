// The service catalog in the real window, in Chinese and in English: the manager finds
// the demo's five services with the languages they lack, gives one its Japanese name,
// adds a later price, and sees today's price unchanged beside the upcoming one.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { byTestId, clickTestId, freshDataDir, languagesFor, launchApp, screenshot, test, typeInto, waitForTestId, sameOnBothDatabases } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Tea-Garden-Menu-2026', name: '王建国' };
const LANGS = [
  { code: 'zh-CN', short: 'zh', cleaning: '入室保洁', ja: '日语', ko: '韩语', upcoming: '待生效', today: '当前' },
  { code: 'en', short: 'en', cleaning: 'In-home cleaning', ja: 'Japanese', ko: 'Korean', upcoming: 'Upcoming', today: 'Today' },
];

const type = typeInto;
const click = clickTestId;

for (const lang of languagesFor(LANGS)) {
  describe(`service catalog (${lang.code})`, { timeout: 180_000, skip: sameOnBothDatabases }, () => {
    test('names per language, missing languages and a later price', async (t) => {
      const app = await launchApp({ dataDir: freshDataDir(`menus-${lang.short}`), lang: lang.code, args: ['--demo', '--test-clock'] });
      t.after(() => app.close());
      const b = app.browser;
      try {
        await waitForTestId(b, 'setup-form', 30_000);
        await type(b, 'setup-username', MANAGER.username);
        await type(b, 'setup-display-name', MANAGER.name);
        await type(b, 'setup-password', MANAGER.password);
        await type(b, 'setup-confirm', MANAGER.password);
        await click(b, 'setup-submit');
        await click(b, 'nav-catalog');
        await waitForTestId(b, 'catalog-screen', 30_000);
        await b.waitUntil(async () => (await b.$$('[data-testid^="catalog-row-"]')).length === 5, {
          timeout: 15_000,
          timeoutMsg: 'the demo catalog has five services',
        });
        const first = await b.$('[data-testid^="catalog-open-"]');
        const id = (await first.getAttribute('data-testid')).replace('catalog-open-', '');
        const row = () => byTestId(b, `catalog-row-${id}`);
        assert.ok((await row().getText()).includes(lang.cleaning));
        assert.ok((await row().getText()).includes(lang.ja), 'Japanese is missing at first');

        await click(b, `catalog-open-${id}`);
        await waitForTestId(b, 'catalog-prices');
        await click(b, 'catalog-tab-ja');
        await type(b, 'catalog-name-ja', 'ハウスクリーニング');
        await click(b, 'catalog-save');
        await b.waitUntil(async () => !(await row().getText()).includes(lang.ja), {
          timeout: 10_000,
          timeoutMsg: 'Japanese no longer missing after saving its name',
        });
        assert.ok((await row().getText()).includes(lang.ko), 'Korean still missing');

        const priceRows = async () => (await b.$$('[data-testid="catalog-prices"] tbody tr.ant-table-row')).length;
        const before = await priceRows();
        await type(b, 'catalog-price-amount', '70');
        await type(b, 'catalog-price-from', '2030-01-01');
        // Enter in the date field adds the price, as the add button does.
        await b.keys(['Enter']);
        await b.waitUntil(async () => (await byTestId(b, 'catalog-prices').getText()).includes('70.00'), {
          timeout: 10_000,
          timeoutMsg: 'the new price is in the history',
        });
        const prices = await byTestId(b, 'catalog-prices').getText();
        assert.equal(await priceRows(), before + 1);
        // The dialog stays open on the newer version: the saved name is there, the price form is empty.
        assert.equal(await byTestId(b, 'catalog-name-ja').getValue(), 'ハウスクリーニング');
        assert.equal(await byTestId(b, 'catalog-price-amount').getValue(), '');
        assert.equal(await b.$('.ant-modal .ant-alert-error').isExisting(), false, 'no error after adding');
        assert.ok(prices.includes(lang.upcoming) && prices.includes(lang.today));
        await screenshot(b, `menus-${lang.short}-catalog-editor`);
        assert.ok((await row().getText()).includes('60.00'), "today's price is unchanged");
      } catch (error) {
        await screenshot(b, `menus-${lang.short}-failure`).catch(() => {});
        throw error;
      }
    });
  });
}
