// Planning questions, verdict and checklist for one HU and one memo recording, in a real window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

test('a pack dropped in the data folder shows where it comes from, and cannot pass for a built-in one', async () => {
  const dataDir = tempDir('opnamewijs-e2e-own-pack-');
  const policies = join(dataDir, 'policies');
  mkdirSync(policies, { recursive: true });
  const hu = readFileSync(new URL('../../assets/policies/hu-stage-opnamen.json', import.meta.url), 'utf8');
  writeFileSync(join(policies, 'mijn-school.json'), hu.replace('"hu-stage-opnamen"', '"mijn-stageschool"'));
  writeFileSync(join(policies, 'hu-nieuwer.json'), hu.replace('"version": "1.0.0"', '"version": "9.0.0"'));
  await withApp('policy-own-pack', { dataDir }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.waitForText(tid('pack-errors'), 'hu-nieuwer.json gebruikt de naam "hu-stage-opnamen"');
    await s.click(tid('new-recording'));
    await s.waitForText(tid('pack-origin-hu-stage-opnamen'), 'ingebouwd in Opnamewijs');
    await s.waitForText(tid('pack-origin-mijn-stageschool'), 'eigen bestand mijn-school.json in de map policies');
    await s.screenshot('policy-own-pack.png');
    await plan(s, { title: 'Muziekles 1B', date: '2026-12-09', pack: 'mijn-stageschool' });
    await s.waitForText(tid('recording-pack-origin'), 'eigen bestand mijn-school.json');
  });
});
