// Every copy accounted for, in the real window and in the layout a student gets (no --data-dir:
// a fresh HOME with its own Downloads folder): a USB stick added as a copy, the finder finds the
// video left in Downloads, the student links it, deletes it, the app checks it is gone, and once
// every copy is confirmed (recycle bins emptied) the recording closes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshHome, tid, withApp } from './webdriver.mjs';
import { fill, profile, recordedLesson } from './app.mjs';

test('a USB copy, a leftover video found, linked, deleted and verified gone, and the recording closes', async () => {
  const { home, xdg, env } = freshHome('copies');
  const downloads = join(home, 'Downloads');
  mkdirSync(downloads, { recursive: true });
  writeFileSync(join(xdg.config, 'user-dirs.dirs'), 'XDG_DOWNLOAD_DIR="$HOME/Downloads"\n');
  await withApp('copies', { env }, async (s) => {
    await s.find('body[data-ready="true"]');
    await profile(s, 'Łukasz Şahin-Nguyễn');
    await recordedLesson(s, 'Rekenles 4A');
    // The phone synced to a stick, and the video is still in Downloads: made now, like the lesson.
    const video = join(downloads, 'VID_20261124_les.mp4');
    writeFileSync(video, Buffer.alloc(2_500_000, 7));
    writeFileSync(join(downloads, 'notulen.txt'), 'geen video');

    await fill(s, tid('add-copy-kind'), 'usb_stick');
    await s.type(tid('add-copy-description'), 'blauwe stick');
    await s.click(tid('add-copy'));
    await s.waitForText(tid('copy-copy-4'), 'USB-stick: blauwe stick');

    await s.click(tid('finder-button'));
    await s.waitForText(tid('finder'), 'Downloads');
    await s.click(tid('finder-folder-0'));
    await s.click(tid('finder-search'));
    await s.waitForText(tid('finder-status'), '1 mogelijke kopie(ën) gevonden');
    await s.waitForText(tid('finder-hit-0'), 'VID_20261124_les.mp4');
    assert.equal(await s.exists(tid('finder-hit-1')), false, 'only the video, from around the lesson');
    await s.screenshot('finder.png');
    const link = await s.execute(
      `return [...document.querySelectorAll('[data-testid^="finder-link-0-"]')].map((b) => b.dataset.testid);`,
    );
    assert.equal(link.length, 1);
    await s.click(tid(link[0]));
    await s.waitForText(tid('finder-hit-0'), 'gekoppeld aan Rekenles 4A');

    await s.click(tid('recording-row'));
    await s.waitForText(tid('copy-copy-5'), 'Bestand op deze computer: VID_20261124_les.mp4 (2,5 MB)');
    await s.click(tid('verify-copy-5'));
    await s.waitForText(tid('error'), 'staat er nog');
    unlinkSync(video);
    assert.equal(existsSync(video), false);
    await s.click(tid('verify-copy-5'));
    await s.waitForText(tid('copy-copy-5'), 'door Opnamewijs gecontroleerd: bestand is weg');

    for (const copy of ['copy-1', 'copy-2', 'copy-3']) {
      await fill(s, tid(`method-${copy}`), "Verwijderd en prullenbak geleegd");
      await s.click(tid(`bin-${copy}`));
      await s.click(tid(`confirm-${copy}`));
      await s.waitForText(tid(`copy-${copy}`), 'prullenbak geleegd');
    }
    await fill(s, tid('method-copy-4'), 'Stick geformatteerd');
    await s.click(tid('confirm-copy-4'));
    await s.waitForText(tid('copy-copy-4'), 'Stick geformatteerd');
    await s.waitForText(tid('copy-copy-4'), 'Stick geformatteerd');
    await s.find(tid('recording-closed'));
    assert.equal(
      await s.execute(`return document.querySelector('[data-testid="recording-closed"]').textContent`),
      'Afgerond: alle kopieën verwijderd',
    );
    await s.execute(`document.querySelector('[data-testid="recording-detail"]').scrollIntoView()`);
    await s.screenshot('copies-closed.png');
  });
});
