// An office's first day in the real window (in Chinese): the manager imports customers
// from a CSV saved by Chinese Excel (GBK, full-width digits, bilingual names, bad rows),
// then their occupancies in mixed unit spellings (A-1203, A座１２０５, 1号楼1206室), then
// an .xlsx with per-row problems. Each preview shows the bad rows with the reason in
// Chinese; the good rows go in; the same file again creates nothing. SQLite only: the
// core's tests cover PostgreSQL and the window flow is the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { byTestId, clickTestId, freshDataDir, ipc, launchApp, pageText, sameOnBothDatabases, screenshot, test, typeInto, waitForTestId } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Orchid-Import-2026', name: '王建国' };
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Puts a fixture into the wizard's file input as if the person picked it. */
async function pickFile(b, name) {
  const base64 = readFileSync(path.join(fixtures, name)).toString('base64');
  await waitForTestId(b, 'import-file');
  await b.execute(
    (name, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const input = document.querySelector('[data-testid="import-wizard-body"] input[type="file"]');
      const files = new DataTransfer();
      files.items.add(new File([bytes], name));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    name,
    base64,
  );
}

async function previewed(b, toCreate) {
  await b.waitUntil(async () => (await byTestId(b, 'import-to-create').isExisting()) && (await byTestId(b, 'import-to-create').getText()) === String(toCreate), {
    timeout: 20_000,
    timeoutMsg: `the preview does not show ${toCreate} rows to create`,
  });
}

async function commitAndWait(b) {
  await clickTestId(b, 'import-commit');
  await waitForTestId(b, 'import-done', 60_000);
  const result = await byTestId(b, 'import-result').getText();
  await clickTestId(b, 'import-close');
  return result;
}

describe('import (zh-CN)', { timeout: 300_000 }, () => {
  test('a GBK CSV and an .xlsx with bad rows: problems shown in Chinese, good rows in, the same file again creates nothing', { skip: sameOnBothDatabases }, async (t) => {
    const app = await launchApp({ dataDir: freshDataDir('import'), lang: 'zh-CN', args: ['--demo'] });
    t.after(() => app.close());
    const b = app.browser;
    await waitForTestId(b, 'setup-form', 30_000);
    await typeInto(b, 'setup-username', MANAGER.username);
    await typeInto(b, 'setup-display-name', MANAGER.name);
    await typeInto(b, 'setup-password', MANAGER.password);
    await typeInto(b, 'setup-confirm', MANAGER.password);
    await clickTestId(b, 'setup-submit');
    await waitForTestId(b, 'nav-customers', 60_000);

    // Customers from GBK: 3 good rows, a bad phone, an unsupported language, a duplicate.
    await clickTestId(b, 'nav-customers');
    await clickTestId(b, 'customers-import');
    await waitForTestId(b, 'import-wizard-body');
    await pickFile(b, 'import-customers-gbk.csv');
    await previewed(b, 3);
    const text = await pageText(b);
    assert.ok(text.includes('GBK'), 'the file is read as GBK');
    assert.ok(text.includes('陈晓东') && text.includes('山田 太郎'), 'names read without mojibake');
    for (const problem of ['电话号码无效', '不支持该语言', '文件中重复出现']) assert.ok(text.includes(problem), `the problem "${problem}" is shown`);
    assert.equal(await byTestId(b, 'import-bad-rows').getText(), '3');
    await screenshot(b, 'import-customers-preview-zh');
    const result = await commitAndWait(b);
    assert.ok(result.includes('新建 3'), result);

    // Occupancies in three unit spellings; an unknown unit and an impossible date are left out.
    await clickTestId(b, 'customers-import');
    await clickTestId(b, 'import-kind-occupancies');
    await pickFile(b, 'import-occupancies-gbk.csv');
    await previewed(b, 3);
    const occ = await pageText(b);
    assert.ok(occ.includes('找不到该房屋') && occ.includes('日期无效'), 'unknown unit and invalid date shown');
    await screenshot(b, 'import-occupancies-preview-zh');
    assert.ok((await commitAndWait(b)).includes('新建 3'));

    // The .xlsx: a phone kept as a number reads as digits; a short phone and Italian are refused.
    await clickTestId(b, 'customers-import');
    await pickFile(b, 'import-customers.xlsx');
    await previewed(b, 2);
    assert.equal(await byTestId(b, 'import-bad-rows').getText(), '2');
    await screenshot(b, 'import-xlsx-preview-zh');
    assert.ok((await commitAndWait(b)).includes('新建 2'));

    // The same CSV again: everything is already there, nothing to import.
    await clickTestId(b, 'customers-import');
    await pickFile(b, 'import-customers-gbk.csv');
    await previewed(b, 0);
    assert.equal(await byTestId(b, 'import-existing').getText(), '3');
    assert.equal(await byTestId(b, 'import-commit').getAttribute('disabled'), 'true', 'nothing to commit');
    await screenshot(b, 'import-again-zh');

    const [found] = await ipc(b, MANAGER, [{ command: 'customer_list', input: { search: '陈晓东', kind: null, language: null, vip: null, page: 1, page_size: 20 } }]);
    assert.equal(found.items.filter((c) => c.name === '陈晓东').length, 1, 'one 陈晓东');
    assert.ok(found.items[0].units.includes('1203'), 'her unit from the occupancy file');
  });
});
