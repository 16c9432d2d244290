// The user's language on first start: a new installation on an English computer starts in
// English, without a --data-dir (a fresh HOME); the profile's switch to Dutch then stays over a
// restart on that same English computer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshHome, tid, withApp } from './webdriver.mjs';
import { fill } from './app.mjs';

test('a new installation on an English computer starts in English, and a switch to Dutch stays', async () => {
  const { env } = freshHome('locale', { extra: { LANGUAGE: 'en_GB' } });
  await withApp('locale-first', { env }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.waitForText(tid('new-recording'), 'New recording');
    assert.equal(await s.execute('return document.documentElement.lang'), 'en');
    await s.screenshot('locale-english-first-start.png');
    await s.click(tid('profile'));
    await fill(s, tid('profile-lang'), 'nl');
    await s.click(tid('profile-save'));
    await s.waitForText(tid('new-recording'), 'Nieuwe opname');
  });
  await withApp('locale-again', { env }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.waitForText(tid('new-recording'), 'Nieuwe opname');
  });
});
