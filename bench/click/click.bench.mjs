// Click → updated view, measured in the real window (`cargo xtask bench` runs this through
// tests/e2e/run.sh with the release app): per vault, unlock it, open a recording, then tick and
// untick one checklist item ROUNDS times. Each round is timed in the page, from the click to the
// moment the core's answer is in the document, while a requestAnimationFrame probe records the
// longest gap between two frames (a blocked event loop shows as a long gap). The first round
// starts as soon as the dashboard is there, so on a large vault it runs while the journal check
// (owed by an open from the snapshot) is still going.
//
// env: OPNAMEWIJS_CLICK_VAULTS   "1000=/path/to/data;10000=/path/to/data" (copied, never changed)
//      OPNAMEWIJS_CLICK_PASSPHRASE the vaults' passphrase
//      OPNAMEWIJS_CLICK_ROUNDS    clicks per vault (default 40)
// prints one line per vault: click n=… rounds=… p50_ms=… p99_ms=… max_ms=… max_gap_ms=… checking_first=…
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tid, withApp } from '../../tests/e2e/webdriver.mjs';

const vaults = (process.env.OPNAMEWIJS_CLICK_VAULTS || '')
  .split(';')
  .filter(Boolean)
  .map((v) => v.split('='));
const passphrase = process.env.OPNAMEWIJS_CLICK_PASSPHRASE || '';
const rounds = Number(process.env.OPNAMEWIJS_CLICK_ROUNDS || 40);

/** One click on the checkbox `css`, timed in the page until the tick line toggles. */
const CLICK = `
  const [css, tick, done] = arguments;
  const el = document.querySelector(css);
  const had = () => document.querySelector(tick) !== null;
  const before = had();
  let last = null, maxGap = 0, running = true, start = 0;
  const frame = (t) => {
    if (last !== null) maxGap = Math.max(maxGap, t - last);
    last = t;
    if (running) requestAnimationFrame(frame);
  };
  const finish = () => {
    const latency = performance.now() - start;
    observer.disconnect();
    // One more frame, so a stall right after the update counts too.
    requestAnimationFrame(() => requestAnimationFrame(() => { running = false; done({ latency, maxGap }); }));
  };
  const observer = new MutationObserver(() => { if (had() !== before) finish(); });
  requestAnimationFrame((t) => {
    last = t;
    requestAnimationFrame(frame);
    observer.observe(document.body, { childList: true, subtree: true });
    start = performance.now();
    el.click();
  });
`;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

for (const [n, source] of vaults) {
  test(`click → updated view on ${n} recordings`, async () => {
    const dataDir = join(tempDir('opnamewijs-click-'), 'data');
    cpSync(source, dataDir, { recursive: true });
    await withApp(`click-${n}`, { dataDir, timeout: 60_000 }, async (s) => {
      await s.type(tid('passphrase'), passphrase);
      await s.click(tid('unlock'));
      await s.click(tid('recording-row'));
      await s.find('[data-testid^="item-"]:not([disabled])');
      const item = await s.execute(
        `const el = document.querySelector('[data-testid^="item-"]:not([disabled])'); return el && el.dataset.testid.slice(5);`,
      );
      assert.ok(item, 'a recording with an item that can be ticked');
      const checkingFirst = /controle loopt|check running/i.test(await s.text(tid('journal-status')));
      const latencies = [];
      let maxGap = 0;
      for (let i = 0; i < rounds; i++) {
        const r = await s.executeAsync(CLICK, [`[data-testid="item-${item}"]`, `[data-testid="tick-${item}"]`]);
        latencies.push(r.latency);
        maxGap = Math.max(maxGap, r.maxGap);
      }
      const sorted = [...latencies].sort((a, b) => a - b);
      const f = (x) => x.toFixed(1);
      console.log(
        `click n=${n} rounds=${rounds} first_ms=${f(latencies[0])} p50_ms=${f(percentile(sorted, 50))} ` +
          `p99_ms=${f(percentile(sorted, 99))} max_ms=${f(sorted[sorted.length - 1])} max_gap_ms=${f(maxGap)} ` +
          `checking_first=${checkingFirst}`,
      );
    });
  });
}
