// A journal changed outside the app is reported in Dutch and left exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { plan } from './app.mjs';

test('a tampered journal is reported, never overwritten', async () => {
  const dataDir = tempDir('opnamewijs-e2e-tamper-');
  await withApp('tamper-setup', { dataDir }, async (s) => {
    await s.find('body[data-ready="true"]');
    await plan(s, { title: 'Aardrijkskunde 1B', date: '2026-12-08', pack: 'memo-lesopnamen' });
    await s.click(tid('answer-students_visible-no'));
    await s.waitForText(tid('journal-status'), '2 items');
  });
  const journal = join(dataDir, 'journal.log');
  const bytes = readFileSync(journal);
  bytes[bytes.length - 30] ^= 0x01;
  writeFileSync(journal, bytes);

  await withApp('tamper-report', { dataDir }, async (s) => {
    await s.waitForText(tid('load-error'), 'Het dagboek is gewijzigd buiten Opnamewijs om (item 2');
    assert.match(await s.text(tid('load-error')), /Er is niets aangepast of overschreven/);
    assert.equal(await s.exists(tid('journal-status')), false, 'no "verified" claim for a damaged journal');
    assert.equal(await s.exists(tid('new-recording')), false, 'nothing can be added to a damaged journal');
    await s.screenshot('tamper.png');
  });
  assert.deepEqual(readFileSync(journal), bytes, 'the damaged file is untouched');
});

test('a journal changed behind its snapshot turns the dashboard into the same report', async () => {
  const dataDir = tempDir('opnamewijs-e2e-snapshot-');
  // Snapshots from the first byte on, so this small vault opens from one.
  const env = { OPNAMEWIJS_SNAPSHOT_AFTER_BYTES: '0' };
  await withApp('snapshot-setup', { dataDir, env }, async (s) => {
    await s.find('body[data-ready="true"]');
    await plan(s, { title: 'Aardrijkskunde 1B', date: '2026-12-08', pack: 'memo-lesopnamen' });
    await s.click(tid('answer-students_visible-no'));
    await s.waitForText(tid('journal-status'), '2 items');
  });
  // This start writes the snapshot (after its check); the next one opens from it.
  await withApp('snapshot-write', { dataDir, env }, async (s) => {
    await s.waitForText(tid('journal-status'), 'versleuteld en gecontroleerd · 2 items');
  });
  assert.ok(existsSync(join(dataDir, 'state.snap')), 'a snapshot was written');
  const journal = join(dataDir, 'journal.log');
  const bytes = readFileSync(journal);
  bytes[9 + 40] ^= 0x01; // inside entry 1, which the open from the snapshot does not read
  writeFileSync(journal, bytes);
  const snapshot = readFileSync(join(dataDir, 'state.snap'));

  await withApp('snapshot-tamper', { dataDir, env }, async (s) => {
    await s.waitForText(tid('load-error'), 'Het dagboek is gewijzigd buiten Opnamewijs om (item 1');
    assert.equal(await s.exists(tid('journal-status')), false, 'no "verified" claim left');
    assert.equal(await s.exists(tid('new-recording')), false, 'nothing can be added');
    await s.screenshot('tamper-behind-snapshot.png');
  });
  assert.deepEqual(readFileSync(journal), bytes, 'the journal is untouched');
  assert.deepEqual(readFileSync(join(dataDir, 'state.snap')), snapshot, 'no new snapshot over it');
});
