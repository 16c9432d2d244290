// Files that open the app, as a user gets them by e-mail or USB and double-clicks them: the
// mentor's running Opnamewijs is handed a request by a second start and offers to put it on the
// desk; the student's Opnamewijs is started with the mentor's receipt as its argument and offers
// to check it, then accepts it after the fingerprint comparison. A file that is not Opnamewijs's
// is named as such. Both installations run without --data-dir, each in its own fresh HOME.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshHome, tempDir, tid, withApp } from './webdriver.mjs';
import { fill, invoke, recordedLesson } from './app.mjs';
import { FAILING, axe, describe } from './a11y.mjs';

/** No serious or critical axe violation on the screen as it is. */
async function accessible(s, screen) {
  const { violations } = await axe(s);
  const failing = violations.filter((v) => FAILING.has(v.impact));
  assert.deepEqual(failing.map((v) => v.id), [], `${screen}: serious or critical violations\n${describe(failing)}`);
}

/** Starts the app a second time with `file`, as a double-click does while it runs: it hands the
 * file to the running window and ends. */
function secondStart(env, file) {
  const childEnv = { ...process.env, LANGUAGE: 'nl' };
  for (const [k, v] of Object.entries(env)) {
    if (v === null) delete childEnv[k];
    else childEnv[k] = v;
  }
  const run = spawnSync(process.env.OPNAMEWIJS_APP, [file], { env: childEnv, timeout: 30_000, encoding: 'utf8' });
  assert.equal(run.status, 0, `the second start ended with ${run.status}: ${run.stderr}`);
}

/** Sets the profile through its form. */
async function profile(s, name, mode, lang) {
  await s.click(tid('profile'));
  await s.find(tid('profile-name'));
  await s.execute(`document.querySelector('[data-testid="profile-name"]').value = '';`);
  await s.type(tid('profile-name'), name);
  await fill(s, tid('profile-mode'), mode);
  await fill(s, tid('profile-lang'), lang);
  await s.click(tid('profile-save'));
  await s.waitForText(tid('profile'), name);
}

test('a request handed to the running app and a receipt the app is started with are offered for import', async () => {
  const student = freshHome('opened-student').env;
  const mentor = freshHome('opened-mentor', { user: 'Ayşe Yılmaz' }).env;
  const files = tempDir('opnamewijs-e2e-opened-files-');
  const request = join(files, 'Gymles 4C.opnamewijs-verzoek');
  const receipt = join(files, 'Gymles 4C.opnamewijs-bewijs');
  const photo = join(files, 'klassenfoto.jpg');
  writeFileSync(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));

  await withApp('opened-student-asks', { env: student }, async (s) => {
    await s.find('body[data-ready="true"]');
    await profile(s, 'Łukasz Şahin-Nguyễn', 'student', 'nl');
    await recordedLesson(s, 'Gymles 4C');
    const [{ id }] = await invoke(s, 'list_recordings');
    await invoke(s, 'export_feedback_request', { recording: id, path: request });
  });

  let mentorKey;
  await withApp('opened-mentor-desk', { env: mentor }, async (s) => {
    await s.find('body[data-ready="true"]');
    await profile(s, 'Ayşe Yılmaz', 'mentor', 'en');
    await s.find(tid('mentor-desk'));
    // A file of another kind first: the running window names it as not Opnamewijs's.
    secondStart(mentor, photo);
    await s.waitForText(tid('opened-blocked'), '“klassenfoto.jpg” is not an Opnamewijs file');
    assert.equal(await s.exists(tid('opened-import')), false);
    await accessible(s, 'a file that is not ours (en)');
    await s.click(tid('opened-dismiss'));
    await s.waitGone(tid('opened-files'));
    // The request, double-clicked while the app runs.
    secondStart(mentor, request);
    await s.waitForText(tid('opened-what'), 'Feedback request from Łukasz Şahin-Nguyễn for “Gymles 4C”');
    await s.waitForText(tid('opened-import'), 'Put it on my desk');
    assert.equal(await s.execute('return document.activeElement?.id'), 'opened-heading', 'the offer takes the focus');
    await s.screenshot('opened-request-offer-en.png');
    await accessible(s, 'a request offered (en)');
    await s.click(tid('opened-import'));
    await s.waitGone(tid('opened-files'));
    await s.waitForText(tid('desk-request'), 'Gymles 4C');
    await s.click(tid('desk-confirm'));
    await s.find(tid('desk-confirmed'));
    const desk = await invoke(s, 'get_desk');
    mentorKey = desk.fingerprint;
    await invoke(s, 'export_feedback_receipt', { request: desk.requests[0].id, path: receipt });
  });

  await withApp('opened-student-receipt', { env: student, args: [receipt] }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.waitForText(tid('opened-what'), 'Ontvangstbewijs van Ayşe Yılmaz (werkplekbegeleider) voor “Gymles 4C”');
    await s.screenshot('opened-receipt-offer-nl.png');
    await accessible(s, 'a receipt offered (nl)');
    await s.click(tid('opened-import'));
    await s.waitForText(tid('receipt-fingerprint'), mentorKey);
    assert.equal(await s.execute('return document.activeElement?.closest("[data-testid=receipt-preview]") !== null'), true, 'the preview takes the focus');
    await accessible(s, 'an opened receipt read in (nl)');
    await s.click(tid('receipt-compared'));
    await s.click(tid('accept-receipt'));
    await s.waitGone(tid('opened-files'));
    await s.waitForText(tid('recording-title'), 'Gymles 4C');
    await s.waitForText(tid('mentor-feedback'), 'Ayşe Yılmaz (werkplekbegeleider)');
    await s.screenshot('opened-receipt-accepted-nl.png');
  });
});
