// Planning questions, verdict and checklist for one HU and one memo recording, in a real window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { fill, plan } from './app.mjs';

test('an HU recording: questions lead to a verdict and a tailored checklist', async () => {
  await withApp('policy-hu', { dataDir: tempDir('opnamewijs-e2e-hu-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await plan(s, { title: 'Gymles groep 7', date: '2026-12-02', pack: 'hu-stage-opnamen' });
    await s.waitForText(tid('verdict-label'), 'Nog niet bepaald');

    await s.click(tid('answer-mentor_live-yes'));
    await s.waitForText(tid('verdict-label'), 'Niet toegestaan');
    await s.click(tid('answer-mentor_live-no'));
    await s.click(tid('answer-purpose-feedback'));
    await s.click(tid('answer-device-own_device'));
    await s.click(tid('answer-pupils_in_view-yes'));
    await s.click(tid('answer-consent_basis-student_asks'));
    await s.click(tid('answer-pupils_under_16-yes'));
    await s.waitForText(tid('verdict-label'), 'Nog niet bepaald');
    await fill(s, tid('answer-pupils_without_consent'), '2');
    await s.click(tid('answer-seat_out_of_view-yes'));
    await s.waitForText(tid('verdict-label'), 'Toegestaan onder voorwaarden');
    await s.find(tid('item-toestemming.buiten_beeld'));

    await s.find(tid('item-apparatuur.sync_uit'));
    await s.find(tid('item-toestemming.gevraagd'));
    assert.equal(await s.exists(tid('item-apparatuur.iris')), false, 'IRIS item only for IRIS Connect');
    await s.waitForText(tid('deadline-sync_uit'), 'Cloudsynchronisatie uitzetten');
    await s.screenshot('policy-hu.png');
  });
});

test('a memo recording: convenience is refused, other necessity needs the privacy officers', async () => {
  await withApp('policy-memo', { dataDir: tempDir('opnamewijs-e2e-memo-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await plan(s, { title: 'Hoorcollege statistiek', date: '2026-12-03', pack: 'memo-lesopnamen' });
    await s.click(tid('answer-students_visible-yes'));
    await s.click(tid('answer-purpose-convenient'));
    await s.waitForText(tid('verdict-label'), 'Niet toegestaan');
    await s.waitForText(tid('verdict'), 'Handig is geen reden');

    await s.click(tid('answer-purpose-other_necessary'));
    await s.waitForText(tid('verdict-label'), 'Eerst toestemming van de privacy officers');
    await s.click(tid('event-recorded'));
    await s.waitForText(tid('error'), 'Volgens het beleid mag je (nog) niet opnemen');
    await s.find(tid('item-voor.verzoek'));
    await s.screenshot('policy-memo.png');
  });
});
