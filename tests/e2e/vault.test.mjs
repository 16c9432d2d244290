// Without an OS keyring the data is protected by a passphrase; the journal's state is always shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { invoke, plan } from './app.mjs';

// An unreachable D-Bus session: the Secret Service (keyring) cannot be used.
const NO_KEYRING = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/opnamewijs-bus' };

test('without a keyring: choose a passphrase, and enter it again after a restart', async () => {
  const dataDir = tempDir('opnamewijs-e2e-pass-');
  await withApp('vault-first-run', { dataDir, env: NO_KEYRING }, async (s) => {
    await s.waitForText(tid('passphrase-form'), 'Kies een wachtwoordzin');
    // Each refusal appears inside the form, next to the button that was pressed, and is read out.
    const refusedInForm = async (words) => {
      await s.waitForText(`${tid('passphrase-form')} ${tid('error')}`, words);
      const announced = await s.execute("return document.querySelector('[data-testid=announced]').textContent;");
      assert.ok(announced.includes(words), announced);
    };
    const twice = async (first, second = first) => {
      await s.type(tid('passphrase'), first);
      await s.type(tid('passphrase-repeat'), second);
      await s.click(tid('unlock'));
    };
    await twice('kort');
    await refusedInForm('minstens 12 tekens');
    await twice('Welkom2026!!');
    await refusedInForm("te makkelijk te raden: hij bevat het veelgebruikte woord 'welkom' en een jaartal of datum");
    await s.screenshot('vault-weak-passphrase.png');
    await twice('paarse fiets onder de brug', 'paarse fiets onder de burg');
    await s.waitForText(tid('passphrases-differ'), 'niet gelijk');
    assert.equal(await s.value(tid('passphrase')), '', 'both fields are cleared: the typo may be in either');
    await twice('paarse fiets onder de brug');
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
    assert.match(await s.text(tid('journal-status')), /· 1 item$/);
  });
});

test('without a keyring: a new laptop restores a backup and then unlocks with its passphrase', async () => {
  const backup = join(tempDir('opnamewijs-e2e-pass-backup-'), 'opnamewijs.owbackup');
  await withApp('vault-backup-source', { dataDir: tempDir('opnamewijs-e2e-pass-src-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await plan(s, { title: 'Aardrijkskunde 2A', date: '2026-12-08', pack: 'hu-stage-opnamen' });
    await invoke(s, 'export_backup', { path: backup, passphrase: 'reservekopie wachtwoord' });
  });
  const laptop = tempDir('opnamewijs-e2e-pass-laptop-');
  await withApp('vault-restore-first-run', { dataDir: laptop, env: NO_KEYRING }, async (s) => {
    await s.waitForText(tid('restore-instead'), 'Of zet een reservekopie terug');
    await s.screenshot('vault-restore-instead.png');
    await invoke(s, 'import_backup', { path: backup, passphrase: 'reservekopie wachtwoord' });
    await s.execute('location.reload();');
    await s.waitForText(tid('recording-list'), 'Aardrijkskunde 2A');
  });
  await withApp('vault-restore-second-run', { dataDir: laptop, env: NO_KEYRING }, async (s) => {
    await s.waitForText(tid('passphrase-form'), 'Voer je wachtwoordzin in');
    assert.equal(await s.exists(tid('restore-instead')), false, 'no restore over an existing vault');
    await s.type(tid('passphrase'), 'reservekopie wachtwoord');
    await s.click(tid('unlock'));
    await s.waitForText(tid('recording-list'), 'Aardrijkskunde 2A');
  });
});
