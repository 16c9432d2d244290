// Walking skeleton in a real window: plan a recording, tick two items, restart, ticks are still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, tempDir, tid, withApp } from './webdriver.mjs';
import { checked, plan } from './app.mjs';

test('a planned recording keeps its ticks across a restart', async () => {
  const dataDir = tempDir('opnamewijs-e2e-skeleton-');

  await withApp('skeleton-first-run', { dataDir }, async (s) => {
    await s.find('body[data-ready="true"]');
    assert.match(await s.pageText(), /Nog geen opnamen/, 'an empty data dir shows the empty state');
    await plan(s, { title: 'Rekenles 3B', date: '2026-12-01', pack: 'hu-stage-opnamen' });
    assert.match(await s.text(tid('recording-pack')), /HU lerarenopleiding.*v2\.0\.0/);
    await s.waitForText(tid('checklist'), 'Vooraf');

    await s.click(tid('item-vooraf.apparatuur_school'));
    await s.waitForText(tid('tick-vooraf.apparatuur_school'), 'afgevinkt door Student');
    await s.click(tid('item-vooraf.schoolbeleid'));
    await s.waitForText(tid('tick-vooraf.schoolbeleid'), 'afgevinkt door Student');
    await s.screenshot('skeleton-checklist.png');
  });

  const second = await launch({ dataDir });
  try {
    await second.find('body[data-ready="true"]');
    await second.waitForText(tid('recording-list'), 'Rekenles 3B');
    await second.click(tid('recording-row'));
    await second.waitForText(tid('recording-title'), 'Rekenles 3B');
    assert.equal(await checked(second, tid('item-vooraf.apparatuur_school')), true, 'first tick survived the restart');
    assert.equal(await checked(second, tid('item-vooraf.schoolbeleid')), true, 'second tick survived the restart');
    assert.equal(await checked(second, tid('item-vooraf.lwo')), false, 'an unticked item stays unticked');
    await second.waitForText(tid('tick-vooraf.schoolbeleid'), 'afgevinkt door Student');
    await second.waitForText(tid('journal-status'), 'Dagboek versleuteld en gecontroleerd · 3 items');
  } finally {
    await second.close();
  }
});

test('bad input shows a Dutch error and stores nothing', async () => {
  await withApp('skeleton-bad-input', { dataDir: tempDir('opnamewijs-e2e-bad-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.click(tid('new-recording'));
    await s.click(tid('create'));
    await s.waitForText(tid('error'), 'Geef de opname een titel');
    assert.equal(await s.exists(tid('recording-row')), false, 'nothing was created');
  });
});
