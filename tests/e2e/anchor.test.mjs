// No silent replacement of history, in the real window without --data-dir: an older copy of the
// vault (journal and head together) put back in the platform's data folder is shown as a warning
// with both positions, and nothing is written until the student decides to go on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshHome, isAlive, tid, withApp } from './webdriver.mjs';
import { plan, profile } from './app.mjs';

const ID = 'nl.opnamewijs.app';

/** The vault's files (the lock file left out) with their bytes. */
function vaultFiles(dir) {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f !== 'opnamewijs.lock')
      .sort()
      .map((f) => [f, readFileSync(join(dir, f)).toString('base64')]),
  );
}

/** Closes the window as its close button does, and waits until the app has exited. */
async function closeApp(s) {
  const pid = s.pid;
  await s.execute("setTimeout(() => window.__TAURI_INTERNALS__.invoke('close_window'), 100);");
  const deadline = Date.now() + 15_000;
  while (isAlive(pid)) {
    assert.ok(Date.now() < deadline, 'the app exits when its window closes');
    await sleep(100);
  }
}

/** The journal's position as the header shows it: entries. */
async function entries(s) {
  await s.waitForText(tid('journal-status'), 'gecontroleerd');
  const text = await s.text(tid('journal-status'));
  return Number(/(\d+) items/.exec(text)[1]);
}

test('an older vault put back with its head is shown with both positions, nothing written', async () => {
  const { home, xdg, env } = freshHome('anchor');
  const vault = join(xdg.data, ID);
  const copy = join(home, 'kopie van gisteren');

  let older;
  await withApp('anchor-first', { env }, async (s) => {
    await s.find('body[data-ready="true"]');
    await profile(s, 'Łukasz Şahin-Nguyễn');
    await plan(s, { title: 'Gymles 1C', date: '2026-12-08', pack: 'memo-lesopnamen' });
    older = await entries(s);
    await closeApp(s);
  });
  cpSync(vault, copy, { recursive: true });

  let newer;
  await withApp('anchor-more', { env }, async (s) => {
    await plan(s, { title: 'Rekenles 3B', date: '2026-12-09', pack: 'memo-lesopnamen' });
    await s.click(tid('answer-students_visible-no'));
    await s.waitForText(tid('journal-status'), `${older + 2} items`);
    newer = await entries(s);
    await closeApp(s);
  });

  // Yesterday's copy of the data folder put back, journal and head together.
  rmSync(vault, { recursive: true });
  cpSync(copy, vault, { recursive: true });
  const before = vaultFiles(vault);

  await withApp('anchor-warning', { env }, async (s) => {
    await s.waitForText(tid('open-decision'), 'Het laatst gezien: item');
    const message = await s.text(tid('decision-message'));
    assert.match(message, /ouder dan het dagboek dat Opnamewijs hier het laatst opende/);
    assert.match(message, new RegExp(`Nu: item ${older} \\(kop [0-9a-f]{12}\\)\\. Het laatst gezien: item ${newer} \\(kop [0-9a-f]{12}\\)`));
    assert.match(message, /Er is niets geschreven/);
    assert.equal(await s.text(tid('decision-yes')), 'Doorgaan met dit dagboek');
    assert.equal(await s.exists(tid('new-recording')), false, 'nothing can be added while the question stands');
    assert.equal(await s.exists(tid('journal-status')), false, 'no "verified" claim');
    await s.screenshot('anchor-behind-nl.png');
    assert.deepEqual(vaultFiles(vault), before, 'nothing written while the warning is shown');
    await closeApp(s);
  });
  assert.deepEqual(vaultFiles(vault), before, 'nor by closing on the warning');

  // On an English computer the whole question is English, its buttons too.
  await withApp('anchor-warning-en', { env: { ...env, LANGUAGE: 'en_GB' } }, async (s) => {
    await s.waitForText(tid('open-decision'), 'Last seen: entry');
    assert.equal(await s.text(tid('decision-yes')), 'Go on with this journal');
    assert.equal(await s.execute('return document.documentElement.lang'), 'en');
    await s.screenshot('anchor-behind-en.png');
    await closeApp(s);
  });
  assert.deepEqual(vaultFiles(vault), before, 'nothing written in English either');

  await withApp('anchor-go-on', { env }, async (s) => {
    await s.waitForText(tid('open-decision'), 'Het laatst gezien: item');
    await s.click(tid('decision-yes'));
    await s.waitForText(tid('journal-status'), `${older + 1} items`);
    await s.waitForText(tid('recording-list'), 'Gymles 1C');
    await closeApp(s);
  });

  await withApp('anchor-after', { env }, async (s) => {
    assert.equal(await entries(s), older + 1, 'opens without a warning after the choice');
    assert.equal(await s.exists(tid('open-decision')), false);
  });
});
