// The desk's connection in the real window (SQLite runs: a PostgreSQL run sets its database
// on the command line, which the connection screens leave alone). A damaged settings file
// stops the start with the reason, Retry and Choose connection — no empty local database
// opens in its place; choosing "This computer" there writes a good file and the first start
// follows. Settings → Connection → This computer, as the manager, is audited and signs out.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { byTestId, clickTestId, dbKind, freshDataDir, ipc, launchApp, screenshot, typeInto, waitForTestId } from './lib/app.mjs';

const MANAGER = { username: 'manager', password: 'Harbour-Lantern-42', name: 'Li Na' };
const skip = dbKind === 'postgres' ? 'the PostgreSQL run chooses its database on the command line' : false;

describe('connection', { timeout: 300_000, skip }, () => {
  test('a damaged settings file shows the start-up error with Retry and Choose connection', async (t) => {
    const dataDir = freshDataDir('connection-damaged');
    const settings = path.join(dataDir, 'settings.json');
    writeFileSync(settings, '{ "connection": ');
    const app = await launchApp({ dataDir, lang: 'en' });
    t.after(() => app.close());
    const b = app.browser;
    try {
      await waitForTestId(b, 'startup-error', 30_000);
      assert.equal(await byTestId(b, 'startup-reason').getAttribute('data-problem'), 'settings_corrupt');
      assert.match(await byTestId(b, 'startup-reason').getText(), /damaged/);
      assert.equal(existsSync(path.join(dataDir, 'steward.db')), false, 'no empty local database instead');
      await screenshot(b, 'en-startup-error');

      // Retry reads the file again: still damaged, still the error screen.
      await clickTestId(b, 'startup-retry');
      await waitForTestId(b, 'startup-error');
      assert.equal(await byTestId(b, 'setup-form').isExisting(), false);

      await clickTestId(b, 'startup-choose');
      await waitForTestId(b, 'connection-chooser');
      await clickTestId(b, 'connection-kind-local');
      await clickTestId(b, 'connection-use');
      await waitForTestId(b, 'setup-form', 30_000);
      assert.deepEqual(JSON.parse(readFileSync(settings, 'utf8')), { connection: { kind: 'local' } });
      assert.match(await byTestId(b, 'connection-footer').getText(), /Data on this computer/);
    } catch (error) {
      await screenshot(b, 'en-startup-error-failed').catch(() => {});
      throw error;
    }
  });

  test('Settings → Connection → This computer is audited and signs out', async (t) => {
    const dataDir = freshDataDir('connection-settings');
    const app = await launchApp({ dataDir, lang: 'en' });
    t.after(() => app.close());
    const b = app.browser;
    try {
      await waitForTestId(b, 'setup-form', 30_000);
      await typeInto(b, 'setup-username', MANAGER.username);
      await typeInto(b, 'setup-display-name', MANAGER.name);
      await typeInto(b, 'setup-password', MANAGER.password);
      await typeInto(b, 'setup-confirm', MANAGER.password);
      await clickTestId(b, 'setup-submit');
      await waitForTestId(b, 'nav-settings', 60_000);
      await clickTestId(b, 'nav-settings');
      await waitForTestId(b, 'connection-card');
      assert.equal(await byTestId(b, 'connection-current').getAttribute('data-kind'), 'local');
      await clickTestId(b, 'connection-change');
      await waitForTestId(b, 'connection-chooser');
      await clickTestId(b, 'connection-kind-server');
      await waitForTestId(b, 'connection-address');
      await screenshot(b, 'en-settings-connection');
      await clickTestId(b, 'connection-kind-local');
      await clickTestId(b, 'connection-use');

      // The session belonged to the old connection: signed out, signing in again works.
      await waitForTestId(b, 'login-form', 30_000);
      await typeInto(b, 'login-username', MANAGER.username);
      await typeInto(b, 'login-password', MANAGER.password);
      await clickTestId(b, 'login-submit');
      await waitForTestId(b, 'nav-settings', 30_000);
      const [log] = await ipc(b, MANAGER, [
        { command: 'audit_list', input: { event: 'connection_changed', page: 1, page_size: 10 } },
      ]);
      assert.deepEqual(
        log.items.map((r) => [r.username, r.detail]),
        [[MANAGER.username, 'local → local']],
      );
      assert.deepEqual(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')), { connection: { kind: 'local' } });
    } catch (error) {
      await screenshot(b, 'en-settings-connection-failed').catch(() => {});
      throw error;
    }
  });
});
