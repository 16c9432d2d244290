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

    await s.click(tid('answer-purpose-feedback'));
    await s.click(tid('answer-mentor_live-no'));
    await s.click(tid('answer-device-own_device'));
    await s.click(tid('answer-pupils_in_view-yes'));
    await s.click(tid('answer-others_in_view-no'));
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

test('an assessment recording with a mentor who can join live, then a school that forbids own devices', async () => {
  await withApp('policy-school', { dataDir: tempDir('opnamewijs-e2e-school-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await plan(s, { title: 'Eindassessment-les 4B', date: '2026-12-09', pack: 'hu-stage-opnamen' });
    // The purpose comes first; live watching is asked for the feedback purpose and is a preference.
    await s.click(tid('answer-purpose-assessment'));
    assert.equal(await s.exists(tid('answer-mentor_live-yes')), false, 'not asked for the assessment alone');
    await s.click(tid('answer-purpose-feedback'));
    await s.click(tid('answer-mentor_live-yes'));
    await s.click(tid('answer-device-own_device'));
    await s.click(tid('answer-pupils_in_view-yes'));
    await s.click(tid('answer-others_in_view-yes'));
    await s.click(tid('answer-consent_basis-school_arranged'));
    await s.click(tid('answer-pupils_under_16-no'));
    await fill(s, tid('answer-pupils_without_consent'), '0');
    await s.waitForText(tid('verdict-label'), 'Toegestaan onder voorwaarden');
    await s.waitForText(tid('verdict'), 'de HU raadt aan daarvoor te kiezen');
    await s.waitForText(tid('from-verdict'), 'HU-checklist › Wat mag dan wel?');
    await s.waitForText(tid('from-purpose'), 'HU-checklist › Wat mag dan wel?');
    await s.waitForText(tid('from-pupils_under_16'), 'Advies van Opnamewijs');
    await s.waitForText(tid('from-deadline-feedback_krijgen'), 'Advies van Opnamewijs');
    await s.find(tid('item-vooraf.live'));
    await s.find(tid('item-verwijderen.na_assessment'));
    await s.execute(`document.querySelector('[data-testid="recording-detail"]').scrollIntoView()`);
    await s.screenshot('policy-live-assessment.png');

    // The school's own rules: no own phones or tablets. The stricter rule wins.
    await s.click(tid('school-new'));
    await s.type(tid('school-form-name'), 'Ayşe Yılmaz College');
    await s.click(tid('school-form-own-devices'));
    await s.type(tid('school-form-storage'), 'OneDrive van de school');
    await s.click(tid('school-form-save'));
    await s.waitForText(tid('verdict-label'), 'Niet toegestaan');
    await s.waitForText(tid('verdict'), 'Jouw stageschool Ayşe Yılmaz College staat opnemen met een eigen telefoon of tablet niet toe');
    await s.waitForText(tid('from-verdict'), 'Regel van je stageschool Ayşe Yılmaz College');
    await s.waitForText(tid('school-rules'), 'Eigen telefoon of tablet: niet toegestaan');
    await s.waitForText(tid('from-school.opslag'), 'Regel van je stageschool Ayşe Yılmaz College');
    await s.execute(`document.querySelector('[data-testid="recording-detail"]').scrollIntoView()`);
    await s.screenshot('policy-school.png');

    // Recording with the school's equipment meets the school's rule.
    await s.click(tid('answer-device-school'));
    await s.waitForText(tid('verdict-label'), 'Toegestaan onder voorwaarden');
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
  writeFileSync(join(policies, 'hu-nieuwer.json'), hu.replace('"version": "2.0.0"', '"version": "9.0.0"'));
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
