// Service packages and the month's statement in the real window: an English-speaking
// tenant in English, a Chinese-speaking owner in Chinese. The desk sets up a package
// (weekly cleaning on Tuesdays, plant care every other Thursday), the visits appear as
// work orders for their departments, two are done and verified, one is skipped because
// the customer is away; a month later the statement is issued in the customer's
// language with the total computed here, printed (the PDF's text checked), part paid,
// and the month exported to Excel (read back).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { byTestId, clickTestId, dbKind, freshDataDir, ipc, languagesFor, launchApp, press, repoRoot, screenshot, test, typeInto, waitForTestId, sameOnBothDatabases } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Orchid-Visits-2026', name: '王建国' };
const LANGS = [
  { code: 'en', short: 'en', customer: { name: 'Olivia Bennett', phone: '13700001111', language: 'en', role: 'tenant' }, done: 'Verified', skipped: 'Skipped', weekly: 'Every week on Tue', cleaning: 'In-home cleaning', title: 'Monthly statement' },
  { code: 'zh-CN', short: 'zh', customer: { name: '陈思远', phone: '13700002222', language: 'zh-CN', role: 'owner' }, done: '已验收', skipped: '客户取消', weekly: '每周二', cleaning: '入室保洁', title: '月结账单' },
];

for (const lang of languagesFor(LANGS)) {
  describe(`service packages (${lang.code})`, { timeout: 240_000, skip: sameOnBothDatabases }, () => {
    test('a package writes its visits as work orders; two done, one skipped', async (t) => {
      const app = await launchApp({ dataDir: freshDataDir(`packages-${lang.short}`), lang: lang.code, args: ['--demo', '--test-clock'] });
      t.after(() => app.close());
      const b = app.browser;
      try {
        await waitForTestId(b, 'setup-form', 30_000);
        await typeInto(b, 'setup-username', MANAGER.username);
        await typeInto(b, 'setup-display-name', MANAGER.name);
        await typeInto(b, 'setup-password', MANAGER.password);
        await typeInto(b, 'setup-confirm', MANAGER.password);
        await clickTestId(b, 'setup-submit');
        await waitForTestId(b, 'nav-packages', 60_000);

        // The customer, living in a demo unit; the services from the demo catalog.
        const c = lang.customer;
        const [units, services] = await ipc(b, MANAGER, [
          { command: 'unit_list', input: { building_id: null, floor: null, use_kind: 'residential', status: null, search: null, page: 1, page_size: 20 } },
          { command: 'catalog_list', input: { search: null, department: null, unit: null, include_inactive: false, page: 1, page_size: 20 } },
        ]);
        const unit = units.items[5] ?? units.items[0];
        const [customer] = await ipc(b, MANAGER, [
          {
            command: 'customer_create',
            input: { kind: 'person', name: c.name, name_latin: null, phones: [c.phone], email: null, nationality: null, preferred_language: c.language, vip: true, id_document_kind: null, id_document_number: null, notes: '' },
          },
        ]);
        await ipc(b, MANAGER, [{ command: 'occupancy_add', input: { customer_id: customer.id, unit_id: unit.id, role: c.role, start_date: '2025-01-01' } }]);
        const cleaning = services.items.find((s) => s.department === 'cleaning' && s.unit === 'per_hour');
        const plants = services.items.find((s) => s.department === 'landscaping');
        assert.ok(cleaning && plants, 'the demo catalog has cleaning and plant care');

        // The desk's new package: the customer found by name, two services, two patterns.
        await clickTestId(b, 'nav-packages');
        await clickTestId(b, 'packages-new');
        await waitForTestId(b, 'package-form');
        await typeInto(b, 'package-customer', c.name);
        await b.waitUntil(async () => (await b.$$('.ant-select-dropdown .ant-select-item-option')).length > 0, { timeout: 10_000, timeoutMsg: 'the customer is not found' });
        await b.keys(['Enter']);
        await pick(b, 'package-unit', `.ant-select-dropdown .ant-select-item-option`);
        await pick(b, 'package-item-0-service', `[data-testid="package-service-option-${cleaning.id}"]`);
        await press(b, await b.$('[data-testid="package-item-0-days"] input[value="TU"]'));
        await typeInto(b, 'package-item-0-quantity', '2');
        await clickTestId(b, 'package-add-service');
        await pick(b, 'package-item-1-service', `[data-testid="package-service-option-${plants.id}"]`);
        await pick(b, 'package-item-1-repeat', '[data-testid="package-repeat-option-fortnightly"]');
        await press(b, await b.$('[data-testid="package-item-1-days"] input[value="TH"]'));
        await typeInto(b, 'package-notes', 'Key at the desk');
        await screenshot(b, `${lang.short}-packages-editor`);
        await clickTestId(b, 'package-save');
        await waitForTestId(b, 'package-screen', 20_000);
        assert.equal(await byTestId(b, 'package-title').getText(), c.name);
        assert.ok((await b.$$('[data-testid="package-item-rule"]')).length === 2);
        assert.ok((await byTestId(b, 'package-screen').getText()).includes(lang.weekly), 'the weekly rule in words');

        // The coming visits, each with its work order; those within two weeks are sent out.
        const visits = async () =>
          b.execute(() =>
            [...document.querySelectorAll('[data-testid="package-next-visits"] [data-testid^="visit-status-"]')].map((e) => ({
              id: e.getAttribute('data-testid').replace('visit-status-', ''),
              status: e.getAttribute('data-status'),
              order: e.getAttribute('data-order-status'),
            })),
          );
        await b.waitUntil(async () => (await visits()).length >= 4, { timeout: 15_000, timeoutMsg: 'no visits written' });
        const sent = (await visits()).filter((v) => v.order === 'dispatched');
        assert.ok(sent.length >= 3, `three visits sent out within two weeks, got ${JSON.stringify(await visits())}`);

        // Two are done by the department and verified by the desk.
        const [detail] = await ipc(b, MANAGER, [{ command: 'package_list', input: { search: c.name, customer_id: null, include_inactive: false, page: 1, page_size: 5 } }]);
        const [pkg] = await ipc(b, MANAGER, [{ command: 'package_get', input: { id: detail.items[0].id } }]);
        for (const v of sent.slice(0, 2)) {
          const visit = pkg.next_visits.find((x) => String(x.id) === v.id);
          for (const to of ['accepted', 'in_progress', 'done', 'verified']) {
            const [order] = await ipc(b, MANAGER, [{ command: 'case_get', input: { id: visit.case_id } }]);
            const wo = order.work_orders.find((w) => w.id === visit.work_order_id);
            await ipc(b, MANAGER, [{ command: 'work_order_transition', input: { id: wo.id, version: wo.version, to, result: to === 'done' ? 'Done' : null, reason: null } }]);
          }
        }
        // The third is skipped from the package page (opened again, so it shows the work
        // done meanwhile): the customer is away.
        await clickTestId(b, 'nav-packages');
        await clickTestId(b, `package-open-${pkg.id}`);
        await waitForTestId(b, 'package-screen', 20_000);
        const third = sent[2];
        await clickTestId(b, `visit-skip-${third.id}`);
        await typeInto(b, 'visit-skip-reason', 'Away on holiday');
        await clickTestId(b, 'visit-skip-confirm');
        await b.waitUntil(async () => (await visits()).find((v) => v.id === third.id)?.status === 'skipped', {
          timeout: 15_000,
          timeoutMsg: 'the visit is not shown as skipped',
        });
        const after = await visits();
        const verified = after.filter((v) => v.order === 'verified');
        assert.equal(verified.length, 2, JSON.stringify(after));
        const text = await byTestId(b, 'package-next-visits').getText();
        assert.ok(text.includes(lang.done) && text.includes(lang.skipped) && text.includes('Away on holiday'), text);
        await screenshot(b, `${lang.short}-packages-page`);

        // A visit's work order opens on its case, for the department.
        await clickTestId(b, `visit-wo-${sent[0].id}`);
        await waitForTestId(b, 'case-screen', 20_000);
        await screenshot(b, `${lang.short}-packages-visit-case`);

        // The month after: the month's statement, in the customer's language, with the right total.
        const done = pkg.next_visits.filter((x) => sent.slice(0, 2).some((v) => v.id === String(x.id)));
        const month = done.map((v) => v.date.slice(0, 7)).sort().at(-1);
        const expectedCents = await statementTotal(b, pkg, done);
        await clickTestId(b, 'sign-out');
        await waitForTestId(b, 'login-form');
        const [y, m] = month.split('-').map(Number);
        const target = Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 2, 2, 0, 0);
        const now = Date.parse(await b.executeAsync((done) => window.__stewardTest.advanceTestClock(0).then(done, () => done(null))));
        const moved = await b.executeAsync((minutes, done) => window.__stewardTest.advanceTestClock(minutes).then(done, (e) => done({ error: e })), Math.ceil((target - now) / 60_000));
        assert.equal(typeof moved, 'string', `test clock refused: ${JSON.stringify(moved)}`);
        await typeInto(b, 'login-username', MANAGER.username);
        await typeInto(b, 'login-password', MANAGER.password);
        await clickTestId(b, 'login-submit');
        await clickTestId(b, 'nav-statements', 20_000);
        await waitForTestId(b, 'statements-screen');
        await typeInto(b, 'statements-month', month);
        await b.keys(['Enter']);
        await clickTestId(b, 'statements-issue');
        const rowId = async () =>
          b.execute(
            (name) => [...document.querySelectorAll('[data-testid^="statement-row-"]')].find((r) => r.textContent.includes(name))?.getAttribute('data-testid')?.replace('statement-row-', ''),
            c.name,
          );
        await b.waitUntil(async () => Boolean(await rowId()), { timeout: 30_000, timeoutMsg: `no statement for ${c.name} in ${month}` });
        const statementId = await rowId();
        await screenshot(b, `${lang.short}-statements`);
        await clickTestId(b, `statement-open-${statementId}`);
        await waitForTestId(b, 'statement-lines', 20_000);
        const lines = await byTestId(b, 'statement-lines').getText();
        assert.ok(lines.includes(lang.cleaning), `lines in the customer's language: ${lines}`);
        assert.equal(Number(await byTestId(b, 'statement-total').getAttribute('data-cents')), expectedCents);
        await screenshot(b, `${lang.short}-statement`);

        // The PDF: its text holds the customer, the items and the total.
        const folder = path.join(app.dataDir, 'documents');
        const saved = (ext) => (existsSync(folder) ? readdirSync(folder).find((f) => f.endsWith(ext)) : undefined);
        await clickTestId(b, 'statement-pdf');
        await b.waitUntil(async () => Boolean(saved('.pdf')), { timeout: 20_000, timeoutMsg: 'no statement PDF saved' });
        await sleep(300);
        const pdfFile = path.join(folder, saved('.pdf'));
        // Kept beside the screenshots, for a person to look at.
        copyFileSync(pdfFile, path.join(repoRoot, 'target', 'e2e-screenshots', `${dbKind}-${lang.short}-statement.pdf`));
        const pdf = spawnSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
        assert.equal(pdf.status, 0, pdf.stderr);
        const total = (expectedCents / 100).toFixed(2);
        for (const expected of [c.name, lang.title, lang.cleaning, total]) {
          assert.ok(pdf.stdout.includes(expected), `the statement PDF lacks "${expected}":\n${pdf.stdout}`);
        }

        // A part payment.
        await clickTestId(b, 'statement-pay');
        await typeInto(b, 'payment-amount', '100');
        await clickTestId(b, 'payment-save');
        await b.waitUntil(async () => (await byTestId(b, 'statement-status').getAttribute('data-status')) === 'part_paid', {
          timeout: 15_000,
          timeoutMsg: 'the statement is not part paid',
        });
        assert.equal(Number(await byTestId(b, 'statement-balance').getAttribute('data-cents')), expectedCents - 10_000);
        await screenshot(b, `${lang.short}-statement-paid`);
        await b.keys(['Escape']);

        // The month's spreadsheet for the accountant, read back: the customer and the total.
        await clickTestId(b, 'statements-export');
        await b.waitUntil(async () => Boolean(saved('.xlsx')), { timeout: 20_000, timeoutMsg: 'no spreadsheet saved' });
        await sleep(300);
        const xlsx = path.join(folder, saved('.xlsx'));
        const strings = spawnSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout;
        const sheet = spawnSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
        assert.ok(strings.includes(c.name), 'the export names the customer');
        assert.ok(sheet.includes(`<v>${Number(total)}</v>`), `the export holds the total ${total}`);
        assert.ok(sheet.includes(`<v>100</v>`), 'the export holds the payment made');
      } catch (error) {
        await screenshot(b, `${lang.short}-packages-failure`).catch(() => undefined);
        throw error;
      }
    });
  });
}

/** Opens the antd Select with test id `id` and clicks the first shown element matching `option`. */
async function pick(b, id, option) {
  await clickTestId(b, id);
  await b.waitUntil(
    async () => {
      for (const o of await b.$$(option)) {
        if (await o.isDisplayed()) {
          await press(b, o);
          return true;
        }
      }
      return false;
    },
    { timeout: 10_000, interval: 200, timeoutMsg: `no option ${option} in ${id}` },
  );
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const halfUp = (numerator, denominator) => Math.floor((numerator + Math.floor(denominator / 2)) / denominator);

/**
 * What the statement of these done visits must total, computed here from the catalog:
 * per line net = price × quantity and tax = net × rate, each rounded half-up to the cent;
 * a per-month service is one fee per month whatever its visits.
 */
async function statementTotal(b, pkg, visits) {
  let total = 0;
  const months = new Set();
  for (const v of visits) {
    const item = pkg.items.find((i) => i.id === v.item_id);
    const [service, price] = await ipc(b, MANAGER, [
      { command: 'catalog_get', input: { id: item.service_id } },
      { command: 'catalog_price_on', input: { id: item.service_id, date: v.date } },
    ]);
    const rateBp = service.tax_rate === null ? 0 : Math.round(Number(service.tax_rate) * 100);
    let net;
    if (service.unit === 'per_month') {
      const key = `${item.id}:${v.date.slice(0, 7)}`;
      if (months.has(key)) continue;
      months.add(key);
      net = price.price.amount_cents;
    } else {
      net = halfUp(Math.round(Number(v.quantity) * 1000) * price.price.amount_cents, 1000);
    }
    total += net + halfUp(net * rateBp, 10_000);
  }
  return total;
}
