// Every screen checked with axe-core's WCAG 2.1 A and AA rules in the real window: no violation of
// impact serious or critical. All findings (also minor and moderate ones) go to
// <artifacts>/a11y-axe.json and a11y-axe.txt, rule ids per screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { fill, invoke, plan, profile, recordedLesson } from './app.mjs';
import { FAILING, Report, axe, describe } from './a11y.mjs';

const report = new Report('a11y-axe');
const NO_KEYRING = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/opnamewijs-bus' };

async function clean(s, screen, include) {
  const failing = await report.check(s, screen, include);
  assert.deepEqual(failing.map((v) => v.id), [], `${screen}: serious or critical violations\n${describe(failing)}`);
}

test('axe finds what it should in this window: a nameless button, faint text, a field without a label', async () => {
  await withApp('axe-self-check', { dataDir: tempDir('opnamewijs-e2e-axe-self-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.execute(`
      const probe = document.createElement('div');
      probe.id = 'axe-probe';
      probe.innerHTML = '<button></button><p style="color:#c8c8c8;background:#fff">vaag</p><input>';
      document.querySelector('main').append(probe);`);
    const { violations } = await axe(s, '#axe-probe');
    const ids = violations.map((v) => v.id).sort();
    assert.deepEqual(ids, ['button-name', 'color-contrast', 'label'], JSON.stringify(violations, null, 1));
    assert.ok(violations.every((v) => FAILING.has(v.impact)), 'each of them fails a screen');
  });
});

test('axe: the student’s screens, the data panel, the assessment and the mentor desk', async () => {
  const dataDir = tempDir('opnamewijs-e2e-axe-');
  await withApp('axe-screens', { dataDir }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.find(tid('welcome'));
    await clean(s, 'welcome');

    await profile(s, 'Łukasz Şahin-Nguyễn');
    await s.click(tid('new-recording'));
    await s.find(tid('new-recording-form'));
    await clean(s, 'new recording');

    await s.type(tid('title'), 'Biologieles 3B');
    await fill(s, tid('planned-for'), '2026-11-20');
    await s.click(tid('pack-hu-stage-opnamen'));
    await s.click(tid('create'));
    await s.waitForText(tid('recording-title'), 'Biologieles 3B');
    await clean(s, 'recording with questions');

    // A refusal shown next to the control that asked (an empty title).
    await s.click(tid('new-recording'));
    await s.click(tid('create'));
    await s.find(`${tid('new-recording-form')} ${tid('error')}`);
    await clean(s, 'refusal in a form');

    await recordedLesson(s, 'Muziekles 2A');
    await clean(s, 'recording after "recorded"');
    // Nothing by colour alone: every status chip (list rows, deadlines) says its status in words.
    const chips = await s.execute(
      'return [...document.querySelectorAll(".chip")].map((c) => ({ cls: c.className, text: c.innerText.trim() }));',
    );
    assert.ok(chips.length >= 3, JSON.stringify(chips));
    for (const c of chips) assert.match(c.text, /\p{L}{3,}/u, `the chip "${c.cls}" carries words: ${JSON.stringify(c)}`);
    assert.ok(chips.some((c) => c.cls.includes('overdue') && /te laat/i.test(c.text)), JSON.stringify(chips));
    await clean(s, 'checklist', tid('checklist'));
    await clean(s, 'deadlines', tid('deadlines'));
    await clean(s, 'copies', tid('copies'));
    await clean(s, 'sharing', tid('sharing'));
    await clean(s, 'incidents', tid('incidents'));

    await s.click(tid('data-button'));
    await s.find(tid('data-panel'));
    await clean(s, 'data panel');

    await s.click(tid('assessment-button'));
    await s.find(tid('assessment'));
    await clean(s, 'assessment');

    // The mentor's desk, with a request read from this installation's own recording.
    const [{ id: recording }] = (await invoke(s, 'list_recordings')).filter((r) => r.title === 'Muziekles 2A');
    const request = join(tempDir('opnamewijs-e2e-axe-files-'), 'verzoek.opnamewijs-verzoek');
    await invoke(s, 'export_feedback_request', { recording, path: request });
    await profile(s, 'Ayşe Yılmaz', 'mentor');
    await invoke(s, 'import_feedback_request', { path: request });
    await s.execute('location.reload();');
    await s.find('body[data-ready="true"]');
    await s.waitForText(tid('desk-request'), 'Muziekles 2A');
    await clean(s, 'mentor desk');
    await s.click(tid('desk-confirm'));
    await s.find(tid('desk-confirmed'));
    await clean(s, 'mentor desk, confirmed');
  });

  // The same journal, damaged outside the app.
  const journal = join(dataDir, 'journal.log');
  const bytes = readFileSync(journal);
  bytes[bytes.length - 30] ^= 0x01;
  writeFileSync(journal, bytes);
  await withApp('axe-damaged', { dataDir }, async (s) => {
    await s.find(tid('load-error'));
    await clean(s, 'damaged journal');
  });
});

test('axe: the passphrase screens, and the English dashboard', async () => {
  await withApp('axe-passphrase', { dataDir: tempDir('opnamewijs-e2e-axe-pass-'), env: NO_KEYRING }, async (s) => {
    await s.find(tid('passphrase-form'));
    await clean(s, 'passphrase');
    await s.type(tid('passphrase'), 'kort');
    await s.type(tid('passphrase-repeat'), 'kort');
    await s.click(tid('unlock'));
    await s.find(`${tid('passphrase-form')} ${tid('error')}`);
    await clean(s, 'passphrase refused');
  });
  await withApp('axe-english', { dataDir: tempDir('opnamewijs-e2e-axe-en-'), env: { LANGUAGE: 'en' } }, async (s) => {
    await s.find('body[data-ready="true"]');
    await clean(s, 'welcome (en)');
    await plan(s, { title: 'Biology 3B', date: '2026-11-20', pack: 'hu-stage-opnamen' });
    await clean(s, 'recording (en)');
  });
});
