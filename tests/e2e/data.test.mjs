// Backups out and in by explicit path (dialogs cannot be driven), and erasing everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { invoke, plan, refused } from './app.mjs';

test('a backup carries the data to a new laptop; erase all leaves nothing behind', async () => {
  const oldLaptop = tempDir('opnamewijs-e2e-old-');
  const backup = join(tempDir('opnamewijs-e2e-backup-'), 'opnamewijs.owbackup');
  await withApp('data-export-erase', { dataDir: oldLaptop }, async (s) => {
    await s.find('body[data-ready="true"]');
    await plan(s, { title: 'Biologieles 5V', date: '2026-12-07', pack: 'hu-stage-opnamen' });
    await s.click(tid('item-vooraf.apparatuur_school'));
    await s.waitForText(tid('journal-status'), '2 items');
    const report = await invoke(s, 'export_backup', { path: backup, passphrase: 'reservekopie wachtwoord' });
    assert.equal(report.entries, 2);
    assert.ok(existsSync(backup), 'backup written');
    const again = await refused(s, 'export_backup', { path: backup, passphrase: 'x'.repeat(10) });
    assert.equal(again.code, 'file.exists', 'an existing file is never overwritten');

    const ics = join(tempDir('opnamewijs-e2e-ics-'), 'termijnen.ics');
    const cal = await invoke(s, 'export_calendar', { path: ics });
    assert.ok(cal.events >= 1, 'at least the equipment deadline');
    const text = readFileSync(ics, 'utf8');
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(text, /\r\nSUMMARY:Apparatuur uitproberen — Biologieles 5V\r\n/);

    await s.click(tid('data-button'));
    await s.type(tid('erase-confirm'), 'WISSEN');
    await s.screenshot('data-panel.png');
    await s.click(tid('erase-all'));
    await s.waitForText(tid('erased'), 'Al je gegevens zijn gewist');
    for (const f of ['journal.log', 'journal.head', 'vault.key']) {
      assert.equal(existsSync(join(oldLaptop, f)), false, `${f} erased`);
    }
  });

  await withApp('data-import', { dataDir: tempDir('opnamewijs-e2e-new-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    const wrong = await refused(s, 'import_backup', { path: backup, passphrase: 'fout wachtwoord' });
    assert.equal(wrong.code, 'vault.wrong_passphrase');
    await invoke(s, 'import_backup', { path: backup, passphrase: 'reservekopie wachtwoord' });
    await s.execute('location.reload();');
    await s.find('body[data-ready="true"]');
    await s.waitForText(tid('recording-list'), 'Biologieles 5V');
    await s.waitForText(tid('journal-status'), '2 items');
  });
});
