// Without an OS keyring the data is protected by a passphrase; the journal's state is always shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { plan } from './app.mjs';

// An unreachable D-Bus session: the Secret Service (keyring) cannot be used.
const NO_KEYRING = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/opnamewijs-bus' };

test('without a keyring: choose a passphrase, and enter it again after a restart', async () => {
  const dataDir = tempDir('opnamewijs-e2e-pass-');
  await withApp('vault-first-run', { dataDir, env: NO_KEYRING }, async (s) => {
    await s.waitForText(tid('passphrase-form'), 'Kies een wachtwoordzin');
    await s.type(tid('passphrase'), 'kort');
    await s.click(tid('unlock'));
    await s.waitForText(tid('error'), 'minstens 8 tekens');
    await s.type(tid('passphrase'), 'paarse fiets onder de brug');
    await s.click(tid('unlock'));
    await s.waitForText(tid('journal-status'), 'Dagboek versleuteld en gecontroleerd');
    await plan(s, { title: 'Tekenles 4C', date: '2026-12-04', pack: 'hu-stage-opnamen' });
    await s.screenshot('vault-first-run.png');
  });
  await withApp('vault-second-run', { dataDir, env: NO_KEYRING }, async (s) => {
    await s.waitForText(tid('passphrase-form'), 'Voer je wachtwoordzin in');
    await s.type(tid('passphrase'), 'verkeerde wachtwoordzin');
    await s.click(tid('unlock'));
    await s.waitForText(tid('error'), 'Deze wachtwoordzin klopt niet');
    await s.type(tid('passphrase'), 'paarse fiets onder de brug');
    await s.click(tid('unlock'));
    await s.waitForText(tid('recording-list'), 'Tekenles 4C');
    assert.match(await s.text(tid('journal-status')), /1 items/);
  });
});
