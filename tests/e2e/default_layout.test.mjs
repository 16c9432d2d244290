// The default layout: no --data-dir, so the app uses the platform's folders, here under a fresh
// HOME and XDG folders of its own (with a space and non-ASCII letters in the path). A student plans
// and records a lesson, erases everything through the data panel and closes the app; then nothing
// of the app is left under the XDG data, config and cache folders, and no keyring entry remains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshHome, isAlive, tid, withApp } from './webdriver.mjs';
import { profile, recordedLesson } from './app.mjs';

const ID = 'nl.opnamewijs.app';

/** Every file and folder under `dir`, relative to it. */
function everything(dir) {
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const path = join(d, e.name);
      return e.isDirectory() ? [path, ...walk(path)] : [path];
    });
  return walk(dir)
    .map((p) => relative(dir, p))
    .sort();
}

/** The Secret Service items stored under `service` (object paths), through gdbus. */
function keyringItems(service) {
  const out = execFileSync(
    'gdbus',
    [
      'call', '--session',
      '--dest', 'org.freedesktop.secrets',
      '--object-path', '/org/freedesktop/secrets',
      '--method', 'org.freedesktop.Secret.Service.SearchItems',
      `{'service': '${service}'}`,
    ],
    { encoding: 'utf8' },
  );
  return out.match(/\/org\/freedesktop\/secrets\/collection\/[^'\]]+/g) ?? [];
}

/** Pids of the processes that run with this XDG cache folder: the app and its WebKit processes. */
function processesWith(cache) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (env.includes(`XDG_CACHE_HOME=${cache}`) && isAlive(Number(pid))) pids.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

const mode = (path) => statSync(path).mode & 0o777;

test('default layout: erase all, close the app, and nothing of it is left', async () => {
  const { xdg, env } = freshHome('layout', { user: 'Ayşe Yılmaz' });
  // The debug build's service, made unique to this test so other tests' keys do not count.
  const service = env.OPNAMEWIJS_KEYRING_SERVICE;
  const vault = join(xdg.data, ID);
  const webview = join(xdg.cache, ID, 'webview');

  let pid;
  await withApp('default-layout', { env }, async (s) => {
    pid = s.pid;
    await s.find('body[data-ready="true"]');
    await profile(s, 'Ayşe Yılmaz');
    await recordedLesson(s, 'Rekenles 4A');
    await s.waitForText(tid('journal-status'), 'items');

    // The vault in the platform's data folder, private to the user; the web view's data apart.
    assert.equal(mode(vault), 0o700, 'the data folder is private');
    const inVault = everything(vault);
    for (const f of ['journal.log', 'journal.head', 'vault.key', 'opnamewijs.lock']) {
      assert.ok(inVault.includes(f), `${f} in ${vault}: ${inVault}`);
      assert.equal(mode(join(vault, f)), 0o600, `${f} is private`);
    }
    assert.deepEqual(
      inVault.filter((f) => !['journal.log', 'journal.head', 'vault.key', 'opnamewijs.lock', 'state.snap'].includes(f)),
      [],
      'nothing but the vault in its folder',
    );
    assert.ok(everything(webview).length > 0, `the web view keeps its data in ${webview}`);
    assert.equal(mode(webview), 0o700, 'the web view folder is private');
    assert.equal(keyringItems(service).length, 2, 'the key and its rollback anchor are in the keyring');

    await s.click(tid('data-button'));
    await s.type(tid('erase-confirm'), 'WISSEN');
    await s.click(tid('erase-all'));
    await s.waitForText(tid('erased'), 'Al je gegevens zijn gewist');
    const list = await s.text(tid('erased-list'));
    assert.match(list, /het versleutelde dagboek/);
    assert.ok(list.includes(vault), list);
    assert.match(list, /De sleutel van je gegevens in de sleutelbos/);
    assert.ok(list.includes(`${service}/vault-`), list);
    assert.match(list, /Het anker van je dagboek/);
    assert.ok(list.includes(`${service}/anchor-`), list);
    assert.match(list, /cache en opslag van de webweergave/);
    assert.ok(list.includes(webview), list);
    await s.screenshot('default-layout-erased.png');
    assert.equal(keyringItems(service).length, 0, 'the key is gone from the keyring');

    // The user closes the app, as with the window's close button.
    // (Clicked from the page a moment later, so this call is not cut off by the exit it causes.)
    await s.execute('setTimeout(() => document.querySelector(arguments[0]).click(), 100);', [tid('close-app')]);
    const deadline = Date.now() + 15_000;
    while (processesWith(xdg.cache).length > 0) {
      assert.ok(Date.now() < deadline, `the app and its web processes end: ${processesWith(xdg.cache)}`);
      await sleep(100);
    }
  });
  assert.ok(!isAlive(pid), 'the app exited');

  for (const [name, dir] of Object.entries(xdg)) {
    assert.deepEqual(everything(dir), [], `nothing of the app is left under XDG ${name} (${dir})`);
  }
  assert.equal(keyringItems(service).length, 0, 'no keyring entry remains');
});
