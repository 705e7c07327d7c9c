// Notices in the real window (in Chinese, as the office works): the manager writes a water
// cut for the demo's tower A in Chinese and Korean — the editor marks the languages still
// missing — issues it and prints the PDF; the extracted text shows a Korean-speaking
// resident's page in Korean and a Chinese-speaking owner's page in Chinese, each with
// their unit and name filled in. Two units are then marked delivered from the list.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { byTestId, clickTestId, dbKind, freshDataDir, ipc, launchApp, press, repoRoot, screenshot, test, typeInto, waitForTestId, sameOnBothDatabases } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Orchid-Notices-2026', name: '王建国' };
const ZH = { title: 'A座停水通知', body: '尊敬的{name}：{unit}将于{date}停水，请提前储水。' };
const KO = { title: 'A동 단수 안내', body: '{name}님, {unit}은(는) {date}에 단수됩니다. 미리 물을 받아 두십시오.' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const squash = (s) => s.replace(/\s+/g, '');

async function waitIpc(b, steps, ready = () => true) {
  let out;
  await b.waitUntil(
    async () => {
      out = await ipc(b, MANAGER, steps);
      return ready(out);
    },
    { timeout: 20_000, interval: 300, timeoutMsg: `not ready: ${JSON.stringify(steps)} → ${JSON.stringify(out)?.slice(0, 500)}` },
  );
  return out;
}

describe('notices (zh-CN)', { timeout: 300_000, skip: sameOnBothDatabases }, () => {
  test('a bilingual notice for tower A: each unit’s page in its recipient’s language', async (t) => {
    const app = await launchApp({ dataDir: freshDataDir('notices'), lang: 'zh-CN', args: ['--demo', '--test-clock'] });
    t.after(() => app.close());
    const b = app.browser;
    try {
      await waitForTestId(b, 'setup-form', 30_000);
      await typeInto(b, 'setup-username', MANAGER.username);
      await typeInto(b, 'setup-display-name', MANAGER.name);
      await typeInto(b, 'setup-password', MANAGER.password);
      await typeInto(b, 'setup-confirm', MANAGER.password);
      await clickTestId(b, 'setup-submit');
      await waitForTestId(b, 'nav-notices', 60_000);
      const [buildings] = await ipc(b, MANAGER, [{ command: 'building_list', input: null }]);
      const towerA = buildings.find((x) => x.code === 'A');
      assert.ok(towerA, 'the demo has tower A');

      // The demo's notice is listed; the manager writes a new one.
      await clickTestId(b, 'nav-notices');
      await waitForTestId(b, 'notices-screen');
      await clickTestId(b, 'notice-new');
      await waitForTestId(b, 'notice-form', 15_000);
      for (const lang of ['zh-CN', 'en', 'ja', 'ko']) await waitForTestId(b, `notice-missing-${lang}`);
      await typeInto(b, 'notice-date', '2026-12-10');
      await b.keys(['Enter']);
      await clickTestId(b, 'notice-building');
      await clickTestId(b, `notice-building-${towerA.id}`);
      await typeInto(b, 'notice-title-zh-CN', ZH.title);
      await typeInto(b, 'notice-body-zh-CN', ZH.body);
      await clickTestId(b, 'notice-tab-ko');
      await typeInto(b, 'notice-title-ko', KO.title);
      await typeInto(b, 'notice-body-ko', KO.body);
      await waitForTestId(b, 'notice-written-ko');
      await waitForTestId(b, 'notice-preview-ko');
      assert.ok(await byTestId(b, 'notice-missing-en').isExisting(), 'English is still marked missing');
      assert.ok(!(await byTestId(b, 'notice-missing-ko').isExisting()), 'Korean is no longer marked missing');
      assert.ok(!(await b.$('[data-testid="notice-editor"] .ant-alert-error').isExisting()), 'Enter in the date field did not save the notice');
      await screenshot(b, 'zh-notice-editor');
      await clickTestId(b, 'notice-save');
      const [drafts] = await waitIpc(b, [{ command: 'notice_list', input: { status: 'draft', kind: null, page: 1, page_size: 10 } }], (r) => r[0].items.length === 1);
      const draft = drafts.items[0];
      assert.deepEqual(draft.languages, ['zh-CN', 'ko']);
      await waitForTestId(b, 'notice-screen', 20_000);

      // Issued: one delivery row per unit of tower A, each in its recipient's language.
      await clickTestId(b, 'notice-issue');
      await clickTestId(b, 'notice-issue-confirm');
      await waitIpc(b, [{ command: 'notice_get', input: { id: draft.id } }], (r) => r[0].row.status === 'issued');
      await waitForTestId(b, 'notice-deliveries', 20_000);
      const [deliveries] = await ipc(b, MANAGER, [
        { command: 'notice_delivery_list', input: { notice_id: draft.id, delivered: null, building_id: null, page: 1, page_size: 500 } },
      ]);
      assert.equal(deliveries.total, towerA.unit_count, 'one row per unit of tower A');
      const korean = deliveries.items.find((d) => d.language === 'ko' && ['tenant', 'occupant'].includes(d.recipient_role));
      const chinese = deliveries.items.find((d) => d.language === 'zh-CN' && d.recipient_role === 'owner' && !d.fell_back && d.customer_name);
      assert.ok(korean, 'tower A has a Korean-speaking resident');
      assert.ok(chinese, 'tower A has a Chinese-speaking owner');
      assert.ok(deliveries.items.some((d) => d.fell_back), 'English- and Japanese-speaking recipients fall back to Chinese');
      await screenshot(b, 'zh-notice-deliveries');

      // The PDF: one page per unit, in that unit's language.
      const folder = path.join(app.dataDir, 'documents');
      const saved = () => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.pdf')) : []);
      await clickTestId(b, 'notice-pdf');
      await b.waitUntil(async () => saved().length > 0, { timeout: 60_000, timeoutMsg: 'no notice PDF saved' });
      await sleep(500);
      const pdfFile = path.join(folder, saved()[0]);
      copyFileSync(pdfFile, path.join(repoRoot, 'target', 'e2e-screenshots', `${dbKind}-zh-notice.pdf`));
      const pdf = spawnSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(pdf.status, 0, pdf.stderr);
      const pages = pdf.stdout.split('\f').filter((p) => p.trim() !== '').map(squash);
      assert.equal(pages.length, deliveries.total, 'one page per unit');
      const pageOf = (d) => {
        const found = pages.filter((p) => p.includes(squash(d.unit_label)));
        assert.equal(found.length, 1, `one page for ${d.unit_label}`);
        return found[0];
      };
      const ko = pageOf(korean);
      assert.ok(ko.includes(squash(KO.title)), `the Korean resident's page is Korean:\n${ko}`);
      assert.ok(ko.includes(squash(`${korean.customer_name}님, ${korean.unit_label}은(는) 2026. 12. 10.에 단수됩니다`)), `placeholders filled in Korean:\n${ko}`);
      assert.ok(!ko.includes(squash(ZH.title)), `no Chinese text on the Korean page:\n${ko}`);
      const zh = pageOf(chinese);
      assert.ok(zh.includes(squash(ZH.title)), `the Chinese owner's page is Chinese:\n${zh}`);
      assert.ok(zh.includes(squash(`尊敬的${chinese.customer_name}：${chinese.unit_label}将于2026年12月10日停水`)), `placeholders filled in Chinese:\n${zh}`);
      assert.ok(!zh.includes('단수'), `no Korean text on the Chinese page:\n${zh}`);

      // Two units delivered, marked from the list.
      const first = deliveries.items.slice(0, 2);
      for (const d of first) await press(b, await b.$(`[data-testid="notice-delivery-${d.id}"] .ant-checkbox`));
      await clickTestId(b, 'notice-mark-delivered');
      await waitForTestId(b, `notice-delivered-${first[1].id}`, 15_000);
      const [after] = await ipc(b, MANAGER, [{ command: 'notice_get', input: { id: draft.id } }]);
      assert.equal(after.row.delivered, 2);
      await screenshot(b, 'zh-notice-delivered');
    } catch (error) {
      await screenshot(b, 'zh-notice-failure').catch(() => {});
      throw error;
    }
  });
});
