// Smoke test: the real app starts with a fresh data dir, its UI renders, and it shuts down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, tempDir, withApp } from './webdriver.mjs';

test('app starts with a fresh data dir and renders its UI', async () => {
  const dataDir = join(tempDir(), 'data'); // does not exist yet: the app must create it
  let pid;
  await withApp('smoke', { dataDir }, async (app) => {
    pid = app.pid;
    // Svelte mounts into #app; wait until it rendered something.
    await app.find('#app > *');
    const text = await app.pageText();
    assert.ok(text.trim().length > 0, 'the window shows some text');
    assert.ok(existsSync(dataDir), `the app created its data dir ${dataDir} (--data-dir / OPNAMEWIJS_DATA_DIR reached it)`);
    await app.screenshot('smoke.png');
  });
  assert.equal(isAlive(pid), false, 'the app process is gone after close()');
});
