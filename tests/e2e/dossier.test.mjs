// "Dossier controleren" across two installations (issue #15): the mentor confirms a request on
// her own installation, the student imports the receipt after comparing the key's fingerprint; a
// receipt the student signs in their own installation (switched to begeleider) is refused; then
// the student exports the dossier and checks it in the window, in Dutch and in English. Native
// dialogs cannot be driven: files go through the commands with an explicit path, and for the
// check the e2e build's stand-in for the open dialog picks the dossier, the one PDF in the files
// folder (OPNAMEWIJS_E2E_DIALOG_DIR, see src-tauri/src/stand_in.rs), so the real
// button, the real command and the real result screen are used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { fill, invoke, profile, recordedLesson, refused } from './app.mjs';

const STUDENT = 'Łukasz Şahin-Nguyễn';
const MENTOR = 'Ayşe Yılmaz';

test('a dossier with the mentor’s signed receipt checks as valid; a self-signed receipt is refused', async () => {
  const studentDir = tempDir('opnamewijs-e2e-dossier-student-');
  const files = tempDir('opnamewijs-e2e-dossier-files-');
  const request = join(files, 'verzoek.opnamewijs-verzoek');
  const receipt = join(files, 'bewijs.opnamewijs-bewijs');
  const pdf = join(files, 'dossier.pdf');
  let mentorKey;

  await withApp('dossier-student-asks', { dataDir: studentDir }, async (s) => {
    await s.find('body[data-ready="true"]');
    await profile(s, STUDENT);
    await recordedLesson(s, 'Rekenles 3B');
    const [{ id }] = await invoke(s, 'list_recordings');
    await invoke(s, 'export_feedback_request', { recording: id, path: request });
  });

  await withApp('dossier-mentor-confirms', { dataDir: tempDir('opnamewijs-e2e-dossier-mentor-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await profile(s, MENTOR, 'mentor');
    await s.find(tid('mentor-desk'));
    await invoke(s, 'import_feedback_request', { path: request });
    await s.execute('location.reload();');
    await s.find('body[data-ready="true"]');
    await s.waitForText(tid('desk-request'), 'Rekenles 3B');
    await s.waitForText(tid('desk-request'), STUDENT);
    await s.click(tid('desk-confirm'));
    await s.waitForText(tid('desk-confirmed'), 'bevestigd als');
    const desk = await invoke(s, 'get_desk');
    mentorKey = desk.fingerprint;
    await invoke(s, 'export_feedback_receipt', { request: desk.requests[0].id, path: receipt });
  });

  await withApp('dossier-student-checks', { dataDir: studentDir, env: { OPNAMEWIJS_E2E_DIALOG_DIR: files } }, async (s) => {
    await s.find('body[data-ready="true"]');
    // First receipt of this mentor: accepted only once the fingerprint was compared.
    const preview = await invoke(s, 'preview_feedback_receipt', { path: receipt });
    assert.equal(preview.fingerprint, mentorKey);
    assert.equal(preview.needs_comparison, true);
    const uncompared = await refused(s, 'accept_feedback_receipt', { input: { fingerprint: mentorKey, compared: false } });
    assert.equal(uncompared.code, 'mentor.not_compared');
    await invoke(s, 'accept_feedback_receipt', { input: { fingerprint: mentorKey, compared: true } });

    // The student answers their own request as begeleider in their own installation: refused.
    await recordedLesson(s, 'Taalles 4A');
    const second = (await invoke(s, 'list_recordings')).find((r) => r.title === 'Taalles 4A').id;
    const ownRequest = join(files, 'eigen.opnamewijs-verzoek');
    const ownReceipt = join(files, 'eigen.opnamewijs-bewijs');
    await invoke(s, 'export_feedback_request', { recording: second, path: ownRequest });
    await profile(s, MENTOR, 'mentor');
    await invoke(s, 'import_feedback_request', { path: ownRequest });
    const ownDesk = await invoke(s, 'get_desk');
    const own = ownDesk.requests[0].id;
    await invoke(s, 'confirm_request', { input: { request: own, on: ownDesk.today, role: 'werkplekbegeleider' } });
    await invoke(s, 'export_feedback_receipt', { request: own, path: ownReceipt });
    await profile(s, STUDENT, 'student');
    const self = await refused(s, 'preview_feedback_receipt', { path: ownReceipt });
    assert.equal(self.code, 'mentor.own_key');

    // The dossier, then "Dossier controleren" on it through the data panel.
    const report = await invoke(s, 'export_dossier', { path: pdf });
    assert.equal(report.recordings, 2);
    console.log(`dossier of the E2E scenario: ${statSync(pdf).size} bytes`);
    await s.click(tid('data-button'));
    await s.click(tid('check-dossier'));
    await s.find('[data-testid="dossier-check"][data-valid="true"]');
    await s.waitForText(tid('check-summary'), 'Dit dossier klopt');
    await s.waitForText(tid('check-student'), STUDENT);
    await s.waitForText(tid('check-proven'), `${MENTOR} (werkplekbegeleider)`);
    await s.waitForText(tid('check-proven'), mentorKey);
    await s.waitForText(tid('check-proven'), 'vingerafdruk door de student vergeleken');
    await s.waitForText(tid('dossier-check'), 'Eigen verklaringen van de student (niet ondertekend)');
    assert.equal((await s.findAll(tid('check-problem'))).length, 0);
    await s.screenshot('dossier-check-nl.png');

    // An assessor whose app speaks English: the same check, in English.
    await s.click(tid('profile'));
    await fill(s, tid('profile-lang'), 'en');
    await s.click(tid('profile-save'));
    await s.waitForText(tid('data-button'), 'Data');
    await s.click(tid('data-button'));
    await s.click(tid('check-dossier'));
    await s.find('[data-testid="dossier-check"][data-valid="true"]');
    await s.waitForText(tid('check-summary'), 'This dossier holds');
    await s.waitForText(tid('check-proven'), `${MENTOR} (workplace supervisor)`);
    await s.waitForText(tid('dossier-check'), "The student's own statements (not signed)");
    await s.screenshot('dossier-check-en.png');
  });
});
