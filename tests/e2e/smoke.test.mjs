// The app starts in a real window and shows its first screen.
import assert from 'node:assert/strict';
import { freshDataDir, launchApp, screenshot, test } from './lib/app.mjs';

test('the app opens on the setup screen (or at least shows its name)', async (t) => {
  const app = await launchApp({ dataDir: freshDataDir('smoke') });
  t.after(() => app.close());
  const { browser } = app;

  let seen = null;
  try {
    await browser.waitUntil(
      async () => {
        seen = await browser.execute(() => {
          if (document.querySelector('[data-testid="setup-form"]')) return 'setup-form';
          const text = document.body ? document.body.innerText : '';
          return text.includes('Steward') ? 'text' : null;
        });
        return seen !== null;
      },
      {
        timeout: 30_000,
        interval: 250,
        timeoutMsg: 'neither data-testid="setup-form" nor the text "Steward" within 30 s',
      },
    );
  } finally {
    // Also on failure: the picture shows what the window did show.
    await screenshot(browser, 'smoke').catch(() => {});
  }
  assert.ok(seen === 'setup-form' || seen === 'text');
});
