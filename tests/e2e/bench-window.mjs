// The memory half of `cargo xtask bench`'s window figures (not a test: no `.test.` in the
// name). Opens the app through tauri-driver as the E2E tests do, signs in to a fresh demo
// property, visits Customers and Units, and prints the proportional set size (PSS) of the
// app and every process under it (WebKitWebProcess, WebKitNetworkProcess):
//
//   memory steward pss_kb=<x> processes=<name:kb,…>
//
// With BARE_APP set it first does the same for the bare Tauri window (the baseline; it only
// loads its static page): `memory bare pss_kb=<x> …`. Both are driven the same way, so the
// WebDriver automation costs the same on each side.
//
//   STEWARD_APP=… BARE_APP=… TAURI_DRIVER=… xvfb-run -a node bench-window.mjs
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { byTestId, freshDataDir, launchApp, settled, waitForTestId } from './lib/app.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Time left after the last screen for WebKit to finish layout and the JS heap to settle. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 3000);

function readOr(file, fallback) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** Every process as { pid, ppid, name, exe, cmdline }. */
function processes() {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOr(`/proc/${entry}/stat`, '');
    // "pid (name) state ppid …": the name may hold spaces and parentheses.
    const close = stat.lastIndexOf(')');
    if (close < 0) continue;
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    let exe = '';
    try {
      exe = readlinkSync(`/proc/${entry}/exe`);
    } catch {
      // a kernel thread or gone
    }
    out.push({ pid: Number(entry), ppid, name, exe, cmdline: readOr(`/proc/${entry}/cmdline`, '') });
  }
  return out;
}

/** PSS (kB) of the process running `app` with `marker` on its command line, and of all its descendants. */
function pssOfTree(app, marker) {
  const all = processes();
  const target = realpathSync(app);
  const root = all.find((p) => p.exe === target && p.cmdline.includes(marker));
  if (!root) throw new Error(`no running ${app} with ${marker} on its command line`);
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) tree.push(...all.filter((p) => p.ppid === tree[i].pid));
  const parts = tree.map((p) => {
    const line = readOr(`/proc/${p.pid}/smaps_rollup`, '').match(/^Pss:\s+(\d+) kB/m);
    return { name: p.name, kb: line ? Number(line[1]) : 0 };
  });
  return { kb: parts.reduce((sum, p) => sum + p.kb, 0), parts };
}

function report(which, { kb, parts }) {
  console.log(`memory ${which} pss_kb=${kb} processes=${parts.map((p) => `${p.name}:${p.kb}`).join(',')}`);
}

async function bare() {
  const app = process.env.BARE_APP;
  const dataDir = freshDataDir('bench-bare');
  // launchApp opens whatever STEWARD_APP names; the bare window ignores the arguments.
  const steward = process.env.STEWARD_APP;
  process.env.STEWARD_APP = app;
  const launched = await launchApp({ dataDir }).finally(() => {
    process.env.STEWARD_APP = steward;
  });
  try {
    await launched.browser.waitUntil(() => launched.browser.execute(() => document.readyState === 'complete'), {
      timeout: 30_000,
    });
    await sleep(SETTLE_MS);
    report('bare', pssOfTree(app, dataDir));
  } finally {
    await launched.close();
  }
}

async function steward() {
  const dataDir = freshDataDir('bench-steward');
  const { browser: b, close } = await launchApp({ dataDir, lang: 'en', args: ['--demo'] });
  try {
    const type = async (id, text) => {
      const element = await waitForTestId(b, id, 30_000);
      await element.click();
      await element.addValue(text);
    };
    const quiet = () =>
      b
        .waitUntil(() => b.execute(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton')), { timeout: 30_000 })
        .then(() => settled(b));
    await type('setup-username', 'manager');
    await type('setup-display-name', 'Bench Manager');
    await type('setup-password', 'Steward-Bench-2026!');
    await type('setup-confirm', 'Steward-Bench-2026!');
    await (await waitForTestId(b, 'setup-submit')).click();
    await waitForTestId(b, 'nav-my-cases', 120_000);
    for (const screen of ['customers', 'units']) {
      const entry = byTestId(b, `nav-${screen}`);
      await entry.scrollIntoView();
      await entry.click();
      await quiet();
      // The list has rows: the screen showed its data, not only its frame.
      await b.waitUntil(() => b.execute(() => document.querySelectorAll('.ant-table-tbody .ant-table-row').length > 0), {
        timeout: 30_000,
        timeoutMsg: `the ${screen} list showed no rows`,
      });
    }
    await sleep(SETTLE_MS);
    report('steward', pssOfTree(process.env.STEWARD_APP, dataDir));
  } catch (error) {
    const text = await b.execute(() => document.body?.innerText ?? '').catch(() => '(no page)');
    throw new Error(`${error.message}\nthe window showed: ${text.slice(0, 500)}`);
  } finally {
    await close();
  }
}

if (process.env.BARE_APP) await bare();
await steward();
