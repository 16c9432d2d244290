// English mode in the real window: a student switches the language, plans and records a lesson,
// tries a forbidden share, erases everything, and reads no Dutch anywhere on the screen — the
// core's views, its refusal and its erase report included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { fill, plan } from './app.mjs';

/** Words that only Dutch text has (the app's own name and the pack ids aside). */
const DUTCH = [' de ', ' het ', ' een ', ' niet ', ' je ', ' van ', 'opname', 'termijn', 'verwijder', 'kopie', 'gegevens', 'begeleider', 'dagboek', 'toegestaan', 'vastleggen'];

function dutchIn(text) {
  const plain = ` ${text.toLowerCase().replace(/opnamewijs/g, '').replace(/\s+/g, ' ')} `;
  return DUTCH.filter((w) => plain.includes(w));
}

test('in English the whole screen is English, refusals included', async () => {
  await withApp('english', { dataDir: tempDir('opnamewijs-e2e-en-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.click(tid('profile'));
    await s.find(tid('profile-name'));
    await s.execute(`document.querySelector('[data-testid="profile-name"]').value = '';`);
    await s.type(tid('profile-name'), 'Łukasz Şahin-Nguyễn');
    await fill(s, tid('profile-lang'), 'en');
    await s.click(tid('profile-save'));
    await s.waitForText(tid('profile'), 'Łukasz Şahin-Nguyễn');

    await plan(s, { title: 'Music lesson 2A', date: '2026-11-20', pack: 'hu-stage-opnamen' });
    await s.click(tid('answer-purpose-feedback'));
    await s.click(tid('answer-mentor_live-no'));
    await s.click(tid('answer-device-own_device'));
    await s.click(tid('answer-pupils_in_view-no'));
    await s.click(tid('answer-others_in_view-no'));
    await s.waitForText(tid('verdict-label'), 'Allowed');
    await s.click(tid('event-recorded'));
    await s.find(tid('event-recorded-logged'));

    await fill(s, tid('share-role'), 'mentor');
    await fill(s, tid('share-channel'), 'email');
    await s.click(tid('share-log'));
    const refusal = await s.text(tid('error'));
    assert.match(refusal, /e-mail/i);
    assert.deepEqual(dutchIn(refusal), [], `the refusal is English: ${refusal}`);

    const page = await s.pageText();
    assert.deepEqual(dutchIn(page), [], 'no Dutch on the screen');
    await s.screenshot('english-recording.png');

    // The offer to report it, the school's rules, a copy with its bin steps: English too.
    await s.find(tid('report-share'));
    await s.click(tid('report-share-button'));
    await s.waitForText(tid('copies'), "The recipient's mailbox");
    await s.click(tid('school-new'));
    await s.type(tid('school-form-name'), 'Ayşe Yılmaz College');
    await s.click(tid('school-form-own-devices'));
    await s.click(tid('school-form-save'));
    await s.waitForText(tid('verdict'), 'Your internship school Ayşe Yılmaz College does not allow');
    await s.click(tid('bin-steps-copy-1'));
    const more = await s.pageText();
    assert.deepEqual(dutchIn(more), [], 'no Dutch with the school, the report and the bin steps');
    await s.execute(`document.querySelector('[data-testid="copies"]').scrollIntoView()`);
    await s.screenshot('english-copies.png');

    // Erasing everything reports what it removed, in English too.
    await s.click(tid('data-button'));
    await s.type(tid('erase-confirm'), 'ERASE');
    await s.click(tid('erase-all'));
    await s.waitForText(tid('erased'), 'All your data has been erased');
    const erased = await s.text(tid('erased'));
    assert.match(erased, /The key to your data in the keyring/);
    assert.deepEqual(dutchIn(erased), [], `the erase report is English: ${erased}`);
    await s.screenshot('english-erased.png');
  });
});
