// Serving foreign residents in the real window (in Chinese, as the office works): a call
// is logged on an English-speaking customer's communication timeline and shows there; a
// case opened for her gives a confirmation in English, which is copied and marked given
// by SMS — and then shows on her timeline too. The customer list sorts mixed Chinese and
// Latin names by pinyin and alphabet together, and finds 王磊 by its pinyin initials.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { byTestId, clickTestId, freshDataDir, ipc, launchApp, screenshot, test, typeInto, waitForTestId, waitForText, sameOnBothDatabases } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Orchid-Contacts-2026', name: '王建国' };
const CALL = 'Asked when the lift in block A is repaired';

const person = (name, language) => ({
  kind: 'person',
  name,
  name_latin: null,
  phones: [],
  email: null,
  nationality: null,
  preferred_language: language,
  vip: false,
  id_document_kind: null,
  id_document_number: null,
  notes: '',
});

async function go(b, hash, testId) {
  await b.execute((h) => {
    window.location.hash = h;
  }, hash);
  return waitForTestId(b, testId, 20_000);
}

describe('communication records and confirmations (zh-CN)', { timeout: 300_000, skip: sameOnBothDatabases }, () => {
  test('log a call, give a case confirmation in English, see both on the timeline', async (t) => {
    const app = await launchApp({ dataDir: freshDataDir('contacts'), lang: 'zh-CN', args: ['--demo'] });
    t.after(() => app.close());
    const b = app.browser;
    try {
      await waitForTestId(b, 'setup-form', 30_000);
      await typeInto(b, 'setup-username', MANAGER.username);
      await typeInto(b, 'setup-display-name', MANAGER.name);
      await typeInto(b, 'setup-password', MANAGER.password);
      await typeInto(b, 'setup-confirm', MANAGER.password);
      await clickTestId(b, 'setup-submit');
      await waitForTestId(b, 'nav-customers', 60_000);

      const [emily] = await ipc(b, MANAGER, [{ command: 'customer_create', input: person('Emily Zephyr', 'en') }]);
      await ipc(b, MANAGER, [
        { command: 'customer_create', input: person('王磊', 'ko') },
        { command: 'customer_create', input: person('Walter Aaberg', 'ko') },
        { command: 'customer_create', input: person('Emily Zephyr', 'ko') },
      ]);
      const [opened] = await ipc(b, MANAGER, [
        {
          command: 'case_open',
          input: {
            kind: 'repair',
            channel: 'hotline',
            priority: 'normal',
            title: 'Kitchen tap drips',
            description: 'The kitchen tap drips all night.',
            customer_id: emily.id,
            unit_id: null,
            caller_name: null,
            caller_phone: null,
            language: null,
          },
        },
      ]);
      const number = opened.case.number;

      // The call, logged on her timeline.
      await go(b, `#/customers/${emily.id}`, 'contact-timeline');
      await clickTestId(b, 'contact-log');
      await waitForTestId(b, 'contact-form');
      await clickTestId(b, 'contact-kind-call');
      await typeInto(b, 'contact-summary', CALL);
      await clickTestId(b, 'contact-save');
      await b.waitUntil(async () => (await byTestId(b, 'contact-rows').getText()).includes(CALL), {
        timeout: 15_000,
        timeoutMsg: 'the logged call is not on the timeline',
      });
      await screenshot(b, 'zh-contacts-call-logged');

      // The case's confirmation: in her language, copied, given by SMS.
      await go(b, `#/cases/${opened.case.id}`, 'case-confirmation');
      await clickTestId(b, 'case-confirmation');
      const text = await waitForTestId(b, 'confirmation-text', 20_000);
      await b.waitUntil(async () => (await text.getValue()).includes(number), { timeout: 10_000, timeoutMsg: 'no confirmation text' });
      const value = await text.getValue();
      assert.ok(value.startsWith('Dear Emily Zephyr') || value.includes(': Dear Emily Zephyr'), value);
      assert.ok(value.includes('Kitchen tap drips'), value);
      assert.equal(await byTestId(b, 'confirmation-language').getAttribute('data-language'), 'en');
      assert.equal(await byTestId(b, 'confirmation-fallback').isExisting(), false);
      await clickTestId(b, 'confirmation-copy');
      await waitForText(b, '已复制');
      await screenshot(b, 'zh-contacts-confirmation');
      await clickTestId(b, 'confirmation-given');
      await b.waitUntil(async () => !(await byTestId(b, 'confirmation-given').isEnabled()), {
        timeout: 15_000,
        timeoutMsg: 'the confirmation is not marked given',
      });
      await clickTestId(b, 'confirmation-close');

      // Both on her timeline, newest first: the confirmation with its channel, then the call.
      await go(b, `#/customers/${emily.id}`, 'contact-timeline');
      await b.waitUntil(async () => (await byTestId(b, 'contact-rows').getText()).includes(number), {
        timeout: 15_000,
        timeoutMsg: 'the confirmation is not on the timeline',
      });
      const rows = await b.$$('[data-testid="contact-rows"] [data-kind]');
      const kinds = [];
      for (const row of rows) kinds.push(await row.getAttribute('data-kind'));
      assert.deepEqual(kinds, ['confirmation', 'call']);
      const timeline = await byTestId(b, 'contact-rows').getText();
      assert.ok(timeline.includes('短信') && timeline.includes(CALL), timeline);
      await screenshot(b, 'zh-contacts-timeline');

      // Mixed names in one order: emily zephyr, walter aaberg, wang lei (王磊).
      const [list] = await ipc(b, MANAGER, [
        { command: 'customer_list', input: { search: null, kind: null, language: 'ko', vip: null, page: 1, page_size: 200 } },
      ]);
      const names = list.items.map((c) => c.name).filter((n) => ['Walter Aaberg', '王磊', 'Emily Zephyr'].includes(n));
      assert.deepEqual(names, ['Emily Zephyr', 'Walter Aaberg', '王磊']);
      const [wl] = await ipc(b, MANAGER, [
        { command: 'customer_list', input: { search: 'wl', kind: null, language: 'ko', vip: null, page: 1, page_size: 50 } },
      ]);
      assert.ok(wl.items.some((c) => c.name === '王磊'), JSON.stringify(wl.items.map((c) => c.name)));
    } catch (error) {
      await screenshot(b, 'zh-contacts-failure').catch(() => {});
      throw error;
    }
  });
});
