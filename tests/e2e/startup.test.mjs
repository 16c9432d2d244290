// Start-up: the window starts hidden and is shown once its first screen is in place, so WebKit never
// draws an empty web view (the 0.5 s stall of the non-composited path); a page that never reports
// still gets its window shown by the shell's fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir, withApp } from './webdriver.mjs';

/** The X server's map state of the app's top-level window ("IsViewable", "IsUnMapped", …). */
function mapState() {
  try {
    const out = execFileSync('xwininfo', ['-name', 'Opnamewijs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /Map State:\s*(\w+)/.exec(out)?.[1] ?? 'unknown';
  } catch {
    return 'no window';
  }
}

/** Waits until the page says it is visible; returns how long that took (ms). */
async function visible(s, timeout) {
  const start = Date.now();
  while ((await s.execute('return document.visibilityState;')) !== 'visible') {
    if (Date.now() - start > timeout) throw new Error(`the window was not shown within ${timeout} ms`);
    await sleep(50);
  }
  return Date.now() - start;
}

test('the window is shown after its first screen is in place, not before', async () => {
  await withApp('startup-shown', { dataDir: tempDir('opnamewijs-e2e-start-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await visible(s, 5000);
    // When the dashboard was put in place, the page was still hidden: nothing empty was drawn.
    assert.equal(await s.execute('return document.body.dataset.firstScreenVisibility;'), 'hidden');
    assert.ok(await s.exists('[data-testid="welcome"]'), 'the first screen is the welcome screen');
    assert.equal(mapState(), 'IsViewable', 'the X server shows the window');
  });
});

test('a page that never reports its first screen still gets its window shown', async () => {
  const options = { dataDir: tempDir('opnamewijs-e2e-silent-'), env: { OPNAMEWIJS_E2E_SILENT_PAGE: '1' } };
  await withApp('startup-fallback', options, async (s) => {
    await s.find('body[data-ready="true"]');
    // The page reported and the shell (test build) ignored it: the window stays hidden until the
    // fallback, which comes well after this first look.
    assert.equal(await s.execute('return document.body.dataset.firstScreenVisibility;'), 'hidden');
    assert.equal(await s.execute('return document.visibilityState;'), 'hidden', 'hidden until the fallback');
    await visible(s, 10_000);
    assert.equal(mapState(), 'IsViewable', 'the X server shows the window');
  });
});
