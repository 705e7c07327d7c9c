// Language-aware routing and consultations in the real window (in English): the desk opens
// a car-rental consultation for an English-speaking tenant of the demo office; the case is
// routed to the demo's English speaker on the desk (刘芳, liu.fang) as its language contact,
// while the desk member who received it owns it; an answer from the knowledge base goes on
// the case's timeline in English; answered on the spot, the follow-up call is assigned to
// the English speaker. The knowledge base screen lists the answers with the languages they lack.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { byTestId, clickTestId, freshDataDir, ipc, launchApp, press, screenshot, test, typeInto, waitForTestId, sameOnBothDatabases } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Orchid-Routing-2026', name: 'Grace Wu' };
const DESK = { username: 'desk.kim', password: 'Lotus-Desk-2026', name: 'Kim Desk' };
const TENANT = { name: 'Oliver Bennett', phone: '13900005555' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function pick(b, selectId, optionId) {
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

async function idle(b) {
  await b.waitUntil(async () => b.execute(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton')), {
    timeout: 15_000,
    interval: 100,
    timeoutMsg: 'screen still loading',
  });
  await sleep(300);
}

describe('language-aware routing (en)', { timeout: 300_000, skip: sameOnBothDatabases }, () => {
  test('a car-rental consultation for an English-speaking tenant goes to an English speaker', async (t) => {
    const app = await launchApp({ dataDir: freshDataDir('routing'), lang: 'en', args: ['--demo', '--test-clock'] });
    t.after(() => app.close());
    const b = app.browser;
    try {
      await waitForTestId(b, 'setup-form', 30_000);
      await typeInto(b, 'setup-username', MANAGER.username);
      await typeInto(b, 'setup-display-name', MANAGER.name);
      await typeInto(b, 'setup-password', MANAGER.password);
      await typeInto(b, 'setup-confirm', MANAGER.password);
      await clickTestId(b, 'setup-submit');
      await waitForTestId(b, 'nav-my-cases', 60_000);

      // A desk member who speaks only Chinese receives the call; an English-speaking tenant.
      const [units, speakers, , english] = await ipc(b, MANAGER, [
        { command: 'unit_list', input: { building_id: null, floor: null, use_kind: 'residential', status: null, search: null, page: 1, page_size: 20 } },
        { command: 'desk_speakers', input: { language: 'en', department: 'customer_service' } },
        {
          command: 'staff_create',
          input: {
            username: DESK.username,
            display_name: DESK.name,
            role: 'desk',
            department: 'customer_service',
            languages: [{ language: 'zh-CN', level: 'native' }],
            password: DESK.password,
          },
        },
        { command: 'staff_lookup', input: { search: 'liu.fang', department: null, page: 1, page_size: 5 } },
      ]);
      const speaker = english.items[0];
      assert.equal(speaker.username, 'liu.fang', 'the demo has an English speaker on the desk');
      assert.equal(speakers[0].staff_id, speaker.id, 'and she is the best English speaker there');
      assert.ok(speaker.languages.some((l) => l.language === 'en' && ['native', 'fluent', 'working'].includes(l.level)));
      const unit = units.items[5];
      const [tenant] = await ipc(b, MANAGER, [
        {
          command: 'customer_create',
          input: {
            kind: 'person', name: TENANT.name, name_latin: TENANT.name, phones: [TENANT.phone], email: null, nationality: 'GB',
            preferred_language: 'en', vip: false, id_document_kind: null, id_document_number: null, notes: '',
          },
        },
      ]);
      await ipc(b, MANAGER, [{ command: 'occupancy_add', input: { customer_id: tenant.id, unit_id: unit.id, role: 'tenant', start_date: '2025-01-01' } }]);

      await clickTestId(b, 'sign-out');
      await waitForTestId(b, 'login-form', 20_000);
      await typeInto(b, 'login-username', DESK.username);
      await typeInto(b, 'login-password', DESK.password);
      await clickTestId(b, 'login-submit');
      await waitForTestId(b, 'sidebar', 20_000);

      // The intake: the tenant by phone, an inquiry about renting a car.
      await clickTestId(b, 'intake-open');
      await waitForTestId(b, 'intake-form');
      await typeInto(b, 'customer-finder-input', TENANT.phone.slice(-4));
      await b.$(`[data-testid="customer-option-${tenant.id}"]`).waitForDisplayed({ timeout: 10_000 });
      await b.keys(['Enter']);
      await waitForTestId(b, 'intake-customer-summary');
      await waitForTestId(b, 'intake-foreign-language');
      await clickTestId(b, 'intake-kind-inquiry');
      await pick(b, 'intake-topic', 'intake-topic-option-car_rental');
      await typeInto(b, 'intake-description', 'Wants to rent a car next weekend: which papers, how much deposit?');
      await screenshot(b, 'en-routing-intake');
      await b.keys(['Control', 'Enter']);
      await waitForTestId(b, 'case-screen', 20_000);
      await idle(b);

      // Routed: the English speaker is the language contact; the receiver owns the case.
      assert.equal(await byTestId(b, 'case-topic').getAttribute('data-topic'), 'car_rental');
      const contact = await waitForTestId(b, 'case-language-contact');
      assert.equal(await contact.getAttribute('data-staff-id'), String(speaker.id));
      assert.equal((await contact.getText()).trim(), speaker.display_name);
      assert.equal((await byTestId(b, 'case-owner').getText()).trim(), DESK.name);

      // An answer from the knowledge base, in English, onto the timeline.
      await waitForTestId(b, 'kb-panel');
      const answerRow = await b.$('[data-testid^="kb-use-"]');
      await answerRow.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no car-rental answer offered' });
      const title = (await b.$('[data-testid="kb-answer-title"]').getText()).trim();
      assert.equal(title, 'Renting a car as a foreign resident');
      await press(b, answerRow);
      await waitForTestId(b, 'kb-used');
      await b.waitUntil(async () => (await b.execute(() => document.body.innerText)).includes('An international driving permit'), {
        timeout: 10_000,
        timeoutMsg: 'the answer is not on the timeline',
      });

      // Answered on the spot: the follow-up goes to the English speaker.
      await clickTestId(b, 'case-resolve');
      await waitForTestId(b, 'resolve-form');
      await typeInto(b, 'reason-input', 'Told him what the rental office needs and the deposit.');
      await clickTestId(b, 'action-confirm');
      await b.waitUntil(async () => (await byTestId(b, 'case-status').getAttribute('data-status')) === 'awaiting_follow_up', {
        timeout: 15_000,
        timeoutMsg: 'the case did not go to follow-up',
      });
      await idle(b);
      const number = (await byTestId(b, 'case-number').getText()).trim();
      const [cases] = await ipc(b, DESK, [
        { command: 'case_list', input: { search: number, kind: null, status: null, department: null, owner_id: null, building_id: null, customer_id: null, unit_id: null, overdue: null, received_from: null, received_to: null, channel: null, language: null, page: 1, page_size: 5 } },
      ]);
      const [detail] = await ipc(b, DESK, [{ command: 'case_get', input: { id: cases.items[0].id } }]);
      assert.equal(detail.case.language_contact_id, speaker.id);
      assert.equal(detail.follow_ups.at(-1).owner_id, speaker.id, 'the follow-up is assigned to the English speaker');
      assert.ok(detail.timeline.some((e) => e.data?.kb_answer_id && e.data.language === 'en' && e.data.fallback === false));
      await b.execute(() => window.scrollTo(0, 0));
      await screenshot(b, 'en-routing-case');

      // The knowledge base: answers by topic, missing languages shown; the editor's tabs.
      await clickTestId(b, 'nav-knowledge');
      await waitForTestId(b, 'kb-screen', 20_000);
      await idle(b);
      await screenshot(b, 'en-routing-knowledge');
      const first = await b.$('[data-testid^="kb-row-"] td');
      await press(b, first);
      await waitForTestId(b, 'kb-form');
      await idle(b);
      await screenshot(b, 'en-routing-knowledge-editor');
    } catch (error) {
      await screenshot(b, 'en-routing-failure').catch(() => undefined);
      throw error;
    }
  });
});
