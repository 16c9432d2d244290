// After "recorded": copies to confirm, a forbidden share refused and reported, the profile on every tick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, tid, withApp } from './webdriver.mjs';
import { fill, plan } from './app.mjs';

test('a recorded lesson: confirm a copy deleted, refuse e-mail, report it, sign ticks with your name', async () => {
  await withApp('lifecycle', { dataDir: tempDir('opnamewijs-e2e-life-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.click(tid('profile'));
    await s.type(tid('profile-name'), 'Sam de Vries');
    await s.click('[data-testid="profile-form"] button[type="submit"]');
    await s.waitForText(tid('profile'), 'Sam de Vries');

    await plan(s, { title: 'Muziekles 2A', date: '2026-11-20', pack: 'hu-stage-opnamen' });
    await s.click(tid('answer-purpose-feedback'));
    await s.click(tid('answer-mentor_live-no'));
    await s.click(tid('answer-device-own_device'));
    await s.click(tid('answer-pupils_in_view-no'));
    await s.click(tid('answer-others_in_view-no'));
    await s.waitForText(tid('verdict-label'), 'Toegestaan');
    await s.click(tid('item-vooraf.live'));
    await s.waitForText(tid('tick-vooraf.live'), 'afgevinkt door Sam de Vries');

    await s.click(tid('event-recorded'));
    await s.find(tid('event-recorded-logged'));
    await s.waitForText(tid('copies'), 'Opnameapparaat');
    await s.waitForText(tid('deadline-veilig_opslaan'), 'Meteen veilig opslaan');

    // A phone copy is gone only once 'Recently deleted' is emptied too: refused, then confirmed.
    await fill(s, tid('method-copy-1'), "Verwijderd in Foto's");
    await s.click(tid('confirm-copy-1'));
    await s.waitForText(tid('error'), "pas weg als ook de prullenbak of 'Recent verwijderd' is geleegd");
    assert.ok(await s.exists(tid('bin-steps-copy-1')), 'the steps to empty the bin are offered');
    await s.click(tid('bin-copy-1'));
    await s.click(tid('confirm-copy-1'));
    await s.waitForText(tid('copy-copy-1'), 'verwijderd door Sam de Vries');
    await s.waitForText(tid('copy-copy-1'), 'prullenbak geleegd');
    await s.waitForText(tid('deadline-van_apparaat'), 'gedaan op');

    await fill(s, tid('share-role'), 'mentor');
    await fill(s, tid('share-channel'), 'email');
    await s.click(tid('share-log'));
    await s.waitForText(tid('error'), 'Delen per e-mail mag niet');
    assert.match(await s.text(tid('error')), /Meld dan een incident/);

    // In the same place: report it, which logs the incident and adds the mailbox copy it left.
    await s.click(tid('report-share-button'));
    await s.waitForText(tid('incident-incident-1'), 'Dit is een datalek');
    await s.waitForText(tid('copies'), 'Mailbox van de ontvanger');
    await s.waitForText(tid('deadline-incident/incident-1/school'), 'Gemeld bij de school');

    await fill(s, tid('share-channel'), 'secure_storage');
    await s.click(tid('share-log'));
    await s.waitForText(tid('sharing'), 'begeleider, vanaf de veilige opslaglocatie');
    await s.type(tid('mentor-name'), 'Anna de Wit');
    await s.click(tid('confirm-feedback'));
    await s.waitForText(tid('mentor-feedback'), 'Anna de Wit (werkplekbegeleider)');
    await s.waitForText(tid('mentor-reminder'), 'nu definitief verwijderd moeten worden');
    await s.waitForText(tid('deadline-na_feedback'), 'Alle kopieën verwijderen na de feedback');
    await s.screenshot('lifecycle.png');
  });
});
