// The leasing desk in the real window (in Chinese, as the office works): an owner's unit
// is listed; a Japanese-speaking prospect is registered; the listing shows among the
// prospect's matches and is referred through a partner agency; a viewing is scheduled
// and recorded; the offer is signed — the prospect is then the unit's tenant and a
// customer whose language is Japanese, and the agency's commission is due; the listing
// sheet is printed in Japanese (the PDF's text checked).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { byTestId, clickTestId, dbKind, freshDataDir, ipc, launchApp, press, repoRoot, screenshot, test, typeInto, waitForTestId, sameOnBothDatabases } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Orchid-Leasing-2026', name: '王建国' };
const OWNER = { name: '周业主', phone: '13900003333' };
const PROSPECT = { name: '佐藤 美咲', phone: '13900004444', nationality: 'JP' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('leasing desk (zh-CN)', { timeout: 300_000, skip: sameOnBothDatabases }, () => {
  test('list, match, refer through an agency, view, sign: a Japanese-speaking tenant and a commission due', async (t) => {
    const app = await launchApp({ dataDir: freshDataDir('leasing'), lang: 'zh-CN', args: ['--demo', '--test-clock'] });
    t.after(() => app.close());
    const b = app.browser;
    try {
      await waitForTestId(b, 'setup-form', 30_000);
      await typeInto(b, 'setup-username', MANAGER.username);
      await typeInto(b, 'setup-display-name', MANAGER.name);
      await typeInto(b, 'setup-password', MANAGER.password);
      await typeInto(b, 'setup-confirm', MANAGER.password);
      await clickTestId(b, 'setup-submit');
      await waitForTestId(b, 'nav-listings', 60_000);

      // A vacant demo unit whose owner wants it let (the owner registered at the desk before).
      const [units, agencies] = await ipc(b, MANAGER, [
        { command: 'unit_list', input: { building_id: null, floor: null, use_kind: 'residential', status: 'vacant', search: null, page: 1, page_size: 50 } },
        { command: 'agency_list', input: { search: null, include_inactive: false, page: 1, page_size: 20 } },
      ]);
      const unit = units.items.at(-1);
      assert.ok(unit, 'the demo has a vacant unit');
      const agency = agencies.items.find((a) => a.commission_kind === 'percent_of_rent') ?? agencies.items[0];
      assert.ok(agency, 'the demo has a partner agency');
      const [owner] = await ipc(b, MANAGER, [
        {
          command: 'customer_create',
          input: { kind: 'person', name: OWNER.name, name_latin: null, phones: [OWNER.phone], email: null, nationality: null, preferred_language: 'zh-CN', vip: false, id_document_kind: null, id_document_number: null, notes: '' },
        },
      ]);
      await ipc(b, MANAGER, [{ command: 'occupancy_add', input: { customer_id: owner.id, unit_id: unit.id, role: 'owner', start_date: '2020-01-01' } }]);

      // The listing: the unit found by its number, the owner filled in from the unit.
      await clickTestId(b, 'nav-listings');
      await clickTestId(b, 'listing-new');
      await waitForTestId(b, 'listing-form');
      await typeInto(b, 'listing-unit', unit.number);
      await clickTestId(b, `unit-option-${unit.id}`);
      await b.waitUntil(async () => (await byTestId(b, 'listing-form').getText()).includes(OWNER.name), {
        timeout: 10_000,
        timeoutMsg: "the unit's owner is not filled in",
      });
      await typeInto(b, 'listing-rent', '12000');
      await typeInto(b, 'listing-deposit-months', '2');
      await typeInto(b, 'listing-available', '2026-12-15');
      await b.keys(['Enter']);
      await typeInto(b, 'listing-min-term', '12');
      await typeInto(b, 'listing-rooms', '2');
      await press(b, await byTestId(b, 'listing-furnished'));
      await typeInto(b, 'listing-title-zh-CN', '精装两居 近地铁');
      await typeInto(b, 'listing-description-zh-CN', '南北通透，家具家电齐全。');
      await clickTestId(b, 'listing-tab-ja');
      await typeInto(b, 'listing-title-ja', '家具付き2LDK 駅近');
      await typeInto(b, 'listing-description-ja', '南北に窓があり明るいお部屋です。');
      await screenshot(b, 'zh-leasing-listing-editor');
      await clickTestId(b, 'listing-save');
      const [listings] = await waitIpc(b, [{ command: 'listing_list', input: { status: null, unit_id: unit.id, owner_id: null, page: 1, page_size: 5 } }], (r) => r[0].items.length === 1);
      const listing = listings.items[0];
      await waitForTestId(b, 'listing-screen', 20_000);
      await clickTestId(b, 'listing-status-open');
      await b.waitUntil(async () => (await waitIpc(b, [{ command: 'listing_get', input: { id: listing.id } }]))[0].row.status === 'open', {
        timeout: 15_000,
        timeoutMsg: 'the listing is not open',
      });

      // The listing sheet in Japanese: its text holds the Japanese title and the rent.
      const folder = path.join(app.dataDir, 'documents');
      const saved = (ext) => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(ext)) : []);
      await clickTestId(b, 'listing-sheet-language');
      await clickTestId(b, 'listing-sheet-language-ja');
      await clickTestId(b, 'listing-sheet');
      await b.waitUntil(async () => saved('.pdf').length > 0, { timeout: 20_000, timeoutMsg: 'no listing sheet saved' });
      await sleep(300);
      const pdfFile = path.join(folder, saved('.pdf')[0]);
      copyFileSync(pdfFile, path.join(repoRoot, 'target', 'e2e-screenshots', `${dbKind}-zh-listing-sheet-ja.pdf`));
      const pdf = spawnSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
      assert.equal(pdf.status, 0, pdf.stderr);
      for (const expected of ['家具付き2LDK 駅近', '12,000', unit.number]) {
        assert.ok(pdf.stdout.includes(expected), `the listing sheet lacks "${expected}":\n${pdf.stdout}`);
      }
      await screenshot(b, 'zh-leasing-listing');

      // The prospect, who speaks Japanese.
      await clickTestId(b, 'nav-prospects');
      await clickTestId(b, 'prospect-new');
      await waitForTestId(b, 'prospect-form');
      await typeInto(b, 'prospect-name', PROSPECT.name);
      await typeInto(b, 'prospect-phone', PROSPECT.phone);
      await clickTestId(b, 'prospect-language');
      await clickTestId(b, 'prospect-language-ja');
      await typeInto(b, 'prospect-nationality', PROSPECT.nationality);
      await typeInto(b, 'prospect-budget-max', '15000');
      await typeInto(b, 'prospect-rooms', '2');
      await typeInto(b, 'prospect-move-in', '2027-01-01');
      await b.keys(['Enter']);
      await typeInto(b, 'prospect-term', '12');
      await press(b, await byTestId(b, 'prospect-must-furnished'));
      await screenshot(b, 'zh-leasing-prospect-editor');
      await clickTestId(b, 'prospect-save');
      const [prospects] = await waitIpc(b, [{ command: 'prospect_list', input: { search: PROSPECT.name, source: null, agency_id: null, include_inactive: false, page: 1, page_size: 5 } }], (r) => r[0].items.length === 1);
      const prospect = prospects.items[0];
      assert.equal(prospect.preferred_language, 'ja');

      // The match: the new listing fits, and is referred through the agency.
      await waitForTestId(b, 'prospect-screen', 20_000);
      await waitForTestId(b, `match-row-${listing.id}`, 20_000);
      await screenshot(b, 'zh-leasing-prospect-matches');
      await clickTestId(b, `match-refer-${listing.id}`);
      await waitForTestId(b, 'referral-form');
      await clickTestId(b, 'referral-via-agency');
      await clickTestId(b, 'referral-agency');
      await clickTestId(b, `agency-option-${agency.id}`);
      await clickTestId(b, 'referral-save');
      const [referrals] = await waitIpc(b, [{ command: 'referral_list', input: { stage: null, agency_id: null, listing_id: listing.id, prospect_id: prospect.id, page: 1, page_size: 5 } }], (r) => r[0].items.length === 1);
      const referral = referrals.items[0];
      assert.equal(referral.agency_id, agency.id);

      // On the board: a viewing scheduled, then recorded; the offer; the signing.
      await clickTestId(b, 'nav-referrals');
      await clickTestId(b, `referral-open-${referral.id}`, 20_000);
      await waitForTestId(b, 'referral-drawer');
      await clickTestId(b, 'viewing-schedule');
      await typeInto(b, 'viewing-start', '2026-12-02 10:00');
      await b.keys(['Enter']);
      await clickTestId(b, 'viewing-save');
      await waitStage(b, referral.id, 'viewing_scheduled');
      await clickTestId(b, 'viewing-record');
      await typeInto(b, 'viewing-record-notes', '客户满意，希望尽快签约');
      await clickTestId(b, 'viewing-record-save');
      await waitStage(b, referral.id, 'viewed');
      await clickTestId(b, 'referral-move-offer');
      await waitStage(b, referral.id, 'offer');
      await screenshot(b, 'zh-leasing-referral-offer');
      await clickTestId(b, 'referral-sign');
      await waitForTestId(b, 'sign-dialog');
      await typeInto(b, 'sign-start', '2027-01-01');
      await b.keys(['Enter']);
      await typeInto(b, 'sign-end', '2027-12-31');
      await b.keys(['Enter']);
      await typeInto(b, 'sign-rent', '12000');
      await typeInto(b, 'sign-deposit', '24000');
      await typeInto(b, 'sign-payment-day', '5');
      await screenshot(b, 'zh-leasing-sign');
      await clickTestId(b, 'sign-save');
      await waitStage(b, referral.id, 'signed');
      await waitForTestId(b, 'referral-tenant-link', 20_000);
      const commissionText = await byTestId(b, 'referral-commission').getText();
      const [signed] = await waitIpc(b, [{ command: 'referral_get', input: { id: referral.id } }]);
      assert.ok(signed.commission, 'a commission is recorded for the agency');
      await screenshot(b, 'zh-leasing-signed');

      // The tenant: a customer of the unit, in Japanese.
      await clickTestId(b, 'referral-tenant-link');
      await waitForTestId(b, 'customer-screen', 20_000);
      const customerText = await byTestId(b, 'customer-screen').getText();
      assert.ok(customerText.includes(PROSPECT.name), customerText);
      assert.ok(customerText.includes('日语'), `the customer's language is Japanese: ${customerText}`);
      assert.ok(customerText.includes(unit.number), `the customer lives in the unit: ${customerText}`);
      await screenshot(b, 'zh-leasing-tenant');
      const [customers, unitDetail] = await ipc(b, MANAGER, [
        { command: 'customer_list', input: { search: PROSPECT.name, kind: null, language: null, vip: null, page: 1, page_size: 5 } },
        { command: 'unit_get', input: { id: unit.id } },
      ]);
      const tenant = customers.items.find((c) => c.name === PROSPECT.name);
      assert.equal(tenant?.preferred_language, 'ja', JSON.stringify(customers.items));
      assert.ok(JSON.stringify(unitDetail).includes(PROSPECT.name), 'the unit shows its new tenant');

      // The agency's commission is due (half a month's rent for a percent agency).
      await clickTestId(b, 'nav-agencies');
      await clickTestId(b, `agency-open-${agency.id}`, 20_000);
      await waitForTestId(b, `commission-row-${signed.commission.id}`, 20_000);
      const row = await byTestId(b, `commission-row-${signed.commission.id}`).getText();
      assert.ok(row.includes(PROSPECT.name) || row.includes(unit.number), row);
      assert.ok(!signed.commission.paid_on, 'the commission is still due');
      assert.ok(commissionText.length > 0);
      await screenshot(b, 'zh-leasing-agency');
    } catch (error) {
      await screenshot(b, 'zh-leasing-failure').catch(() => undefined);
      throw error;
    }
  });
});

/** Core reads as the manager, repeated until `ready` holds (the screen's write may still be on its way). */
async function waitIpc(b, steps, ready = () => true) {
  let out;
  await b.waitUntil(
    async () => {
      out = (await ipc(b, MANAGER, steps)).map((r) => r);
      return ready(out);
    },
    { timeout: 20_000, interval: 300, timeoutMsg: `not ready: ${JSON.stringify(steps)} → ${JSON.stringify(out)?.slice(0, 500)}` },
  );
  return out;
}

async function waitStage(b, id, stage) {
  await waitIpc(b, [{ command: 'referral_get', input: { id } }], (r) => r[0].row.stage === stage);
}
