// Convenience services in the real window, in Chinese and in English: the desk receives a
// parcel for a demo unit, sees it waiting, prints the unit's notice slip (the PDF's text
// holds the unit and the tracking number), hands it over with the collector's name and
// signature; lends an umbrella due back in two hours, sees it overdue once the test clock
// has moved three hours on, and takes it back.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe } from 'node:test';
import { byTestId, freshDataDir, languagesFor, launchApp, screenshot, settled, test, unlock, waitForTestId, sameOnBothDatabases } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Parcel-Desk-Umbrella-2026', name: '王建国' };
const LANGS = [
  { code: 'zh-CN', short: 'zh', umbrella: '雨伞', waiting: '待领取', collector: '李四', borrower: '王小姐' },
  { code: 'en', short: 'en', umbrella: 'Umbrella', waiting: 'Waiting', collector: 'Jane Brown', borrower: 'Ms Brown' },
];

async function type(b, id, text) {
  let element = await waitForTestId(b, id);
  if (!['input', 'textarea'].includes(await element.getTagName())) {
    const inner = await element.$('input, textarea');
    if (await inner.isExisting()) element = inner;
  }
  await settled(b);
  await element.click();
  await b.keys(['Control', 'a']);
  await b.keys(['Backspace']);
  await element.addValue(text);
}

async function click(b, id) {
  const element = await waitForTestId(b, id);
  await settled(b);
  await element.click();
}

/** Opens the Select with `id`, types `text` (if any) and takes the first option offered. */
async function choose(b, id, text) {
  const select = await waitForTestId(b, id);
  await settled(b);
  await select.click();
  if (text) await b.keys([...text]);
  // With a search, wait for the server's answer to it: the first option offered matches.
  await b.waitUntil(
    async () => {
      const labels = await b.execute(
        () => [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')].map((o) => o.textContent ?? ''),
      );
      return labels.length > 0 && (!text || labels[0].includes(text));
    },
    { timeout: 10_000, timeoutMsg: `no option for "${text ?? ''}" offered in ${id}` },
  );
  await sleep(200);
  await b.keys(['Enter']);
  await settled(b);
}

/** The ids of the rows whose test id starts with `prefix` and whose text holds `text`. */
async function rowsWith(b, prefix, text) {
  const ids = [];
  for (const row of await b.$$(`[data-testid^="${prefix}"]`)) {
    if ((await row.getText()).includes(text)) ids.push((await row.getAttribute('data-testid')).slice(prefix.length));
  }
  return ids;
}

function pdfText(file) {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

for (const lang of languagesFor(LANGS)) {
  describe(`convenience services (${lang.code})`, { timeout: 300_000, skip: sameOnBothDatabases }, () => {
    test('a parcel received, noticed and handed over; an umbrella lent, overdue and returned', async (t) => {
      const app = await launchApp({ dataDir: freshDataDir(`convenience-${lang.short}`), lang: lang.code, args: ['--demo', '--test-clock'] });
      t.after(() => app.close());
      const b = app.browser;
      const shot = async (name) => {
        // After the rows' fade-in: a screenshot mid-motion shows a blank or greyed table.
        await settled(b).catch(() => {});
        await sleep(400);
        return screenshot(b, `convenience-${lang.short}-${name}`);
      };
      try {
        await waitForTestId(b, 'setup-form', 30_000);
        await type(b, 'setup-username', MANAGER.username);
        await type(b, 'setup-display-name', MANAGER.name);
        await type(b, 'setup-password', MANAGER.password);
        await type(b, 'setup-confirm', MANAGER.password);
        await click(b, 'setup-submit');
        // The demo loads first (slower on PostgreSQL on a busy machine).
        await waitForTestId(b, 'nav-convenience', 90_000);
        await click(b, 'nav-convenience');
        await waitForTestId(b, 'convenience-mail-screen', 30_000);
        // The demo's waiting mail.
        await b.waitUntil(async () => (await b.$$('[data-testid^="mail-row-"]')).length >= 4, {
          timeout: 15_000,
          timeoutMsg: 'the demo has mail waiting',
        });
        await shot('mail-waiting');
        const demoRow = await b.$('[data-testid^="mail-row-"] td:nth-child(2)');
        const unitNumber = (await demoRow.getText()).match(/(\d{3,4})\s*$/)?.[1];
        assert.ok(unitNumber, 'a demo row names its unit');

        // Receive a parcel for that unit.
        const tracking = `SF-E2E-${lang.short.toUpperCase()}-4711`;
        await click(b, 'mail-receive');
        await waitForTestId(b, 'mail-form');
        await click(b, 'mail-form-kind-parcel');
        await choose(b, 'mail-form-unit', unitNumber);
        await choose(b, 'mail-form-customer');
        await type(b, 'mail-form-carrier', '顺丰速运');
        await type(b, 'mail-form-tracking', tracking);
        await type(b, 'mail-form-shelf', 'E-1');
        await shot('mail-receive-form');
        await click(b, 'mail-form-save');
        let id;
        await b.waitUntil(async () => ([id] = await rowsWith(b, 'mail-row-', tracking)).length > 0 && id !== undefined, {
          timeout: 15_000,
          timeoutMsg: 'the received parcel is in the waiting list',
        });
        const row = () => byTestId(b, `mail-row-${id}`);
        assert.equal(await row().getAttribute('data-status'), 'waiting');
        assert.ok((await row().getText()).includes(lang.waiting));
        const unitLabel = (await (await row().$('td:nth-child(2)')).getText()).trim();
        assert.ok(unitLabel.endsWith(unitNumber), `${unitLabel} is the chosen unit`);

        // The unit's own list: only what waits for it, with its notice slip.
        await click(b, `mail-unit-${id}`);
        await b.waitUntil(
          async () => {
            const cells = await b.$$('[data-testid^="mail-row-"] td:nth-child(2)');
            const labels = await Promise.all([...cells].map((c) => c.getText()));
            return labels.length > 0 && labels.every((l) => l.trim() === unitLabel);
          },
          { timeout: 10_000, timeoutMsg: `the list shows only ${unitLabel}` },
        );
        await shot('mail-unit');

        // The notice slip: a PDF in the documents folder with the unit and the parcel.
        await click(b, 'mail-notice-unit');
        const folder = path.join(app.dataDir, 'documents');
        let pdf;
        await b.waitUntil(
          async () => {
            pdf = existsSync(folder) ? readdirSync(folder).find((f) => f.startsWith('mail-notice-') && f.endsWith('.pdf')) : undefined;
            return Boolean(pdf);
          },
          { timeout: 20_000, timeoutMsg: `no notice slip saved in ${folder}` },
        );
        await sleep(300);
        const text = pdfText(path.join(folder, pdf)).replace(/\s+/g, '');
        for (const expected of [tracking, unitNumber, '顺丰速运', 'E-1']) {
          assert.ok(text.includes(expected), `notice lacks "${expected}": ${text}`);
        }
        assert.ok(text.includes('邮件包裹领取通知') || text.includes('Mailwaitingforyou'), `notice titled: ${text}`);
        await shot('mail-notice-saved');

        // Handed over: gone from the waiting list, the collector and signature recorded.
        await click(b, `mail-hand-over-${id}`);
        await type(b, 'handover-collected-by', lang.collector);
        await click(b, 'handover-signed');
        await shot('mail-hand-over');
        await click(b, 'handover-save');
        await b.waitUntil(async () => !(await row().isExisting()), { timeout: 10_000, timeoutMsg: 'no longer waiting' });
        await click(b, 'mail-status-handed_over');
        await waitForTestId(b, `mail-collected-${id}`);
        assert.ok((await byTestId(b, `mail-collected-${id}`).getText()).includes(lang.collector));
        await shot('mail-handed-over');

        // Lending: an umbrella due back in two hours.
        await click(b, 'convenience-tab-lending');
        await waitForTestId(b, 'convenience-lending-screen');
        let item;
        await b.waitUntil(async () => ([item] = await rowsWith(b, 'lend-item-row-', lang.umbrella)).length > 0 && item !== undefined, {
          timeout: 15_000,
          timeoutMsg: 'the demo lends umbrellas',
        });
        const available = async () => Number(await byTestId(b, `lend-item-available-${item}`).getText());
        const before = await available();
        await click(b, `lend-item-lend-${item}`);
        await waitForTestId(b, 'lend-form');
        await type(b, 'lend-form-borrower', lang.borrower);
        await type(b, 'lend-form-phone', '13900001111');
        await click(b, 'lend-form-due-2');
        await shot('lend-form');
        await click(b, 'lend-form-save');
        await b.waitUntil(async () => (await available()) === before - 1, { timeout: 10_000, timeoutMsg: 'one fewer umbrella available' });
        let loan;
        await b.waitUntil(async () => ([loan] = await rowsWith(b, 'loan-row-', lang.borrower)).length > 0 && loan !== undefined, {
          timeout: 10_000,
          timeoutMsg: 'the loan is listed',
        });
        assert.equal(await byTestId(b, `loan-row-${loan}`).getAttribute('data-overdue'), 'false');

        // Three hours later it is overdue.
        await b.waitUntil(async () => b.execute(() => Boolean(window.__stewardTest)), {
          timeout: 10_000,
          timeoutMsg: 'window.__stewardTest missing: was the app started with --test-clock?',
        });
        await b.executeAsync((minutes, done) => {
          window.__stewardTest.advanceTestClock(minutes).then(done, (e) => done({ error: e }));
        }, 180);
        // Three idle hours lock the window; the manager unlocks the same session.
        await unlock(b, MANAGER.password);
        await click(b, 'loan-filter-overdue');
        await b.waitUntil(async () => (await byTestId(b, `loan-row-${loan}`).isExisting()) && (await byTestId(b, `loan-row-${loan}`).getAttribute('data-overdue')) === 'true', {
          timeout: 15_000,
          timeoutMsg: 'the loan shows overdue after the clock moved',
        });
        await waitForTestId(b, `loan-overdue-${loan}`);
        await shot('loan-overdue');

        // Returned: off the overdue list, the umbrella available again.
        await click(b, `loan-return-${loan}`);
        await b.waitUntil(async () => !(await byTestId(b, `loan-row-${loan}`).isExisting()), { timeout: 10_000, timeoutMsg: 'returned, no longer overdue' });
        await b.waitUntil(async () => (await available()) === before, { timeout: 10_000, timeoutMsg: 'available again' });
        await click(b, 'loan-filter-all');
        await b.waitUntil(async () => (await byTestId(b, `loan-row-${loan}`).getAttribute('data-status')) === 'returned', {
          timeout: 10_000,
          timeoutMsg: 'the loan reads returned',
        });
        await shot('loan-returned');
        await click(b, 'convenience-tab-storage');
        await waitForTestId(b, 'convenience-storage-screen');
        await b.waitUntil(async () => (await b.$$('[data-testid^="storage-row-"]')).length >= 1, { timeout: 10_000, timeoutMsg: 'the demo stores an item' });
        await shot('storage');
      } catch (e) {
        await shot('failure').catch(() => {});
        throw e;
      }
    });
  });
}
