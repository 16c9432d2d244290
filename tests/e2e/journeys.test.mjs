// The three journeys across installations: a student asks for feedback, the mentor's own
// installation signs a receipt, the student verifies it, compares the key's fingerprint with the
// mentor's screen before accepting it (and refuses a tampered or self-signed one); then the
// assessment, "passed", and the dossier PDF. Native dialogs cannot be driven, so files go through
// the same commands with an explicit path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { fill, invoke, profile, recordedLesson, refused } from './app.mjs';

test('feedback confirmed on the mentor’s own installation; a tampered receipt is refused', async () => {
  const studentDir = tempDir('opnamewijs-e2e-student-');
  const files = tempDir('opnamewijs-e2e-files-');
  const request = join(files, 'verzoek.opnamewijs-verzoek');
  const receipt = join(files, 'bewijs.opnamewijs-bewijs');
  let recording;
  let mentorKey;

  await withApp('journey-student-asks', { dataDir: studentDir }, async (s) => {
    await s.find('body[data-ready="true"]');
    await profile(s, 'Sam de Vries');
    await recordedLesson(s, 'Muziekles 2A');
    await s.find(tid('remote-feedback'));
    [{ id: recording }] = await invoke(s, 'list_recordings');
    await invoke(s, 'export_feedback_request', { recording, path: request });
    await s.click(tid('recording-row'));
    await s.waitForText(tid('request-sent'), 'Feedbackverzoek gemaakt op');
    await s.screenshot('journey-student-request.png');
  });
  assert.match(readFileSync(request, 'utf8'), /"kind": "opnamewijs-feedbackverzoek"/);

  await withApp('journey-mentor-confirms', { dataDir: tempDir('opnamewijs-e2e-mentor-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await profile(s, 'Anna de Wit', 'mentor');
    await s.find(tid('mentor-desk'));
    await s.waitForText(tid('desk-empty'), 'Nog geen verzoeken');
    await invoke(s, 'import_feedback_request', { path: request });
    await s.execute('location.reload();');
    await s.find('body[data-ready="true"]');
    await s.waitForText(tid('desk-request'), 'Muziekles 2A');
    await s.waitForText(tid('desk-request'), 'Sam de Vries');
    await fill(s, tid('desk-role'), 'schoolopleider');
    await s.click(tid('desk-confirm'));
    await s.waitForText(tid('desk-confirmed'), 'bevestigd als schoolopleider');
    await s.waitForText(tid('desk-reminder'), 'Vertel Sam de Vries dat alle kopieën van "Muziekles 2A"');
    await s.screenshot('journey-mentor-desk.png');
    const desk = await invoke(s, 'get_desk');
    mentorKey = desk.fingerprint;
    await s.waitForText(tid('desk-key'), mentorKey);
    const [{ id }] = desk.requests;
    await invoke(s, 'export_feedback_receipt', { request: id, path: receipt });
  });

  const signed = readFileSync(receipt, 'utf8');
  const tampered = join(files, 'gewijzigd.opnamewijs-bewijs');
  writeFileSync(tampered, signed.replace('"mentor": "Anna de Wit"', '"mentor": "Iemand Anders"'));

  await withApp('journey-student-verifies', { dataDir: studentDir }, async (s) => {
    await s.find('body[data-ready="true"]');
    const err = await refused(s, 'preview_feedback_receipt', { path: tampered });
    assert.equal(err.code, 'mentor.receipt_modified');
    assert.match(err.message, /na het ondertekenen gewijzigd/);
    // Reading it shows the key's fingerprint; it is accepted only once the student compared it.
    const preview = await invoke(s, 'preview_feedback_receipt', { path: receipt });
    assert.equal(preview.fingerprint, mentorKey, "the fingerprint the mentor's screen shows");
    assert.equal(preview.key_kind, 'new');
    assert.equal(preview.needs_comparison, true);
    const uncompared = await refused(s, 'accept_feedback_receipt', { input: { fingerprint: mentorKey, compared: false } });
    assert.equal(uncompared.code, 'mentor.not_compared');
    await invoke(s, 'accept_feedback_receipt', { input: { fingerprint: mentorKey, compared: true } });
    await s.click(tid('recording-row'));
    await s.waitForText(tid('mentor-feedback'), 'Anna de Wit (schoolopleider)');
    await s.waitForText(tid('feedback-how'), 'Ondertekend ontvangstbewijs van de begeleider, sleutel');
    await s.waitForText(tid('feedback-how'), 'vingerafdruk door de student vergeleken met het scherm van de begeleider');
    await s.waitForText(tid('deadline-na_feedback'), 'Alle kopieën verwijderen na de feedback');
    await s.screenshot('journey-student-receipt.png');

    // The student answers their own second request in mentor mode, under the mentor's name:
    // the receipt carries this installation's own key and is refused.
    await recordedLesson(s, 'Tekenles 5B');
    const rows = await invoke(s, 'list_recordings');
    const second = rows.find((r) => r.title === 'Tekenles 5B').id;
    const ownRequest = join(files, 'eigen.opnamewijs-verzoek');
    const ownReceipt = join(files, 'eigen.opnamewijs-bewijs');
    await invoke(s, 'export_feedback_request', { recording: second, path: ownRequest });
    await profile(s, 'Anna de Wit', 'mentor');
    await invoke(s, 'import_feedback_request', { path: ownRequest });
    const ownDesk = await invoke(s, 'get_desk');
    const [{ id: own }] = ownDesk.requests;
    await invoke(s, 'confirm_request', { input: { request: own, on: ownDesk.today, role: 'schoolopleider' } });
    await invoke(s, 'export_feedback_receipt', { request: own, path: ownReceipt });
    await profile(s, 'Sam de Vries', 'student');
    const self = await refused(s, 'preview_feedback_receipt', { path: ownReceipt });
    assert.equal(self.code, 'mentor.own_key');
    assert.match(self.message, /ondertekend met de sleutel van deze Opnamewijs zelf/);
  });
});

test('before the assessment: readiness, passed, delete now, and a dossier for the assessors', async () => {
  await withApp('journey-assessment', { dataDir: tempDir('opnamewijs-e2e-assess-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await profile(s, 'Sam de Vries');
    await recordedLesson(s, 'Gymles 1C');
    await s.click(tid('event-stored_securely'));
    await s.find(tid('event-stored_securely-logged'));
    for (const copy of ['copy-1', 'copy-2']) {
      await fill(s, tid(`method-${copy}`), "Verwijderd en 'Recent verwijderd' geleegd");
      await s.click(tid(`bin-${copy}`));
      await s.click(tid(`confirm-${copy}`));
      await s.waitForText(tid(`copy-${copy}`), 'verwijderd door Sam de Vries');
    }
    // The feedback date agreed with the mentor, two weeks on: without it the recording has an
    // open item, and it is not ready to show.
    const agreed = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await fill(s, tid('date-feedback_krijgen'), agreed);
    await s.click(tid('choose-feedback_krijgen'));
    await s.waitForText(tid('deadline-feedback_krijgen'), 'uiterlijk');

    await s.click(tid('assessment-button'));
    await s.click(tid('choose-recording'));
    await s.find('[data-testid="chosen-recording"][data-ready="false"]');
    await s.click(tid('portfolio-check'));
    await s.waitForText(tid('assessment'), 'gecontroleerd door Sam de Vries');
    await s.find('[data-testid="chosen-recording"][data-ready="true"]');
    await s.click(tid('passed-button'));
    await s.waitForText(tid('passed'), 'Geslaagd op');
    await s.waitForText(tid('assessment-deadline'), 'Alle kopieën verwijderen na het behaalde assessment · uiterlijk');
    await s.screenshot('journey-assessment.png');

    const pdf = join(tempDir('opnamewijs-e2e-dossier-'), 'dossier.pdf');
    const report = await invoke(s, 'export_dossier', { path: pdf });
    assert.equal(report.recordings, 1);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.match(text, /Dossier lesopnamen: Sam de Vries/);
    assert.match(text, /Gymles 1C/);
    assert.ok(text.replace(/\s+/g, '').includes(report.head_hash), 'head hash printed');
    const status = await invoke(s, 'app_status');
    assert.equal(report.head_hash, status.journal.head_hash, 'the dossier names the journal as it is');
  });
});
