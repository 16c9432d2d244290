// Keyboard-only journeys in the real window: no click at all, only key presses through the
// WebDriver actions API (Tab, Shift+Tab, Enter, Space, arrow keys, typing). Tab order follows the
// screen, every focused control shows a focus ring, the focus moves to new content after an action
// and back to where the user was after a small form closes; a refusal appears next to the control
// that was used and is announced. Screenshots with focus rings in Dutch and English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshHome, tempDir, tid, withApp } from './webdriver.mjs';
import { invoke, recordedLesson } from './app.mjs';
import { KEY, backTab, focusWithin, focused, press, selectAll, tabTo, tabToId, typeKeys } from './a11y.mjs';

/** Asserts the focus is on `testid` (or inside the element with it) and shows a focus ring. */
async function assertFocus(s, testid, what) {
  const f = await focused(s);
  assert.ok(f, `${what}: something has the focus`);
  const inside = f.testid === testid || (await focusWithin(s, tid(testid)));
  assert.ok(inside, `${what}: the focus is in ${testid}, not on ${JSON.stringify(f)}`);
  assert.ok(f.ring, `${what}: the focused element shows a focus ring: ${JSON.stringify(f)}`);
  return f;
}

/**
 * Asserts that a sequence of focus stops (from `tabTo`) reads like the screen: each next stop is
 * lower, or on the same line further right, and in the same column as the previous one.
 */
function assertVisualOrder(stops, what) {
  for (let i = 1; i < stops.length; i++) {
    const [a, b] = [stops[i - 1], stops[i]];
    const sameLine = Math.abs(b.top - a.top) <= 4;
    assert.ok(
      (sameLine && b.left > a.left) || b.top > a.top + 4,
      `${what}: ${b.testid ?? b.label} (top ${b.top}, left ${b.left}) after ${a.testid ?? a.label} (top ${a.top}, left ${a.left})`,
    );
  }
}

/** Every element Tab reaches from the top of the page, in order, until it comes round again. */
async function tabCycle(s, max = 60) {
  await s.execute('document.activeElement?.blur(); window.scrollTo(0, 0);');
  const seen = [];
  for (let i = 0; i < max; i++) {
    await press(s, KEY.Tab);
    const f = await focused(s);
    if (!f) break;
    if (seen.length && f.testid && f.testid === seen[0].testid && f.top === seen[0].top) break;
    seen.push(f);
  }
  return seen;
}

/**
 * Types an ISO date into the date field that has the focus, at its first part: WebKitGTK's date
 * field has a part per day, month and year, in the order of the locale, with Tab between them.
 */
async function typeDate(s, iso) {
  const [year, month, day] = iso.split('-');
  const order = await s.execute(
    // Under the C locale (no language tag) WebKit uses the American order.
    `let lang = 'en-US';
     try { lang = Intl.getCanonicalLocales(navigator.language)[0]; } catch {}
     return new Intl.DateTimeFormat(lang).formatToParts(new Date(2026, 10, 20))
       .filter((p) => ['day', 'month', 'year'].includes(p.type)).map((p) => p.type);`,
  );
  for (const [i, part] of order.entries()) {
    if (i > 0) await press(s, KEY.Tab);
    await typeKeys(s, { day, month, year }[part]);
  }
}

/** Where a refusal appeared relative to the control that was used, and what was announced. */
function refusalPlace(s, control) {
  return s.execute(
    `const c = document.querySelector(arguments[0]);
     const e = document.querySelector('[data-testid="error"]');
     if (!c || !e) return null;
     const a = c.getBoundingClientRect(), b = e.getBoundingClientRect();
     return {
       distance: Math.max(0, b.top - a.bottom, a.top - b.bottom),
       inView: b.top >= 0 && b.bottom <= window.innerHeight,
       describedBy: c.getAttribute('aria-describedby') === e.id,
       text: e.innerText,
       announced: document.querySelector('[data-testid="announced"]').textContent,
       live: document.querySelector('[data-testid="announced"]').getAttribute('aria-live'),
     };`,
    [control],
  );
}

test('keyboard only, student, without --data-dir: plan, answer, tick, log "recorded", confirm a deletion', async () => {
  const { xdg, env } = freshHome('keys');
  await withApp('keyboard-student', { env }, async (s) => {
    await s.find('body[data-ready="true"]');
    await s.find(tid('welcome'));
    assert.ok(existsSync(join(xdg.data, 'nl.opnamewijs.app', 'journal.log')), 'the platform data folder is used');

    // The start screen's Tab order: the top bar left to right, the sidebar top to bottom, then the
    // welcome card; every stop shows its focus ring.
    const cycle = await tabCycle(s);
    assert.deepEqual(
      cycle.map((f) => f.testid),
      ['data-button', 'profile', 'new-recording', 'assessment-button', 'finder-button', 'welcome-new-recording', 'welcome-check-dossier'],
    );
    for (const f of cycle) assert.ok(f.ring, `focus ring on ${f.testid}`);
    assert.ok(cycle[0].left < cycle[1].left, 'top bar: left to right');
    for (let i = 2; i < 5; i++) assert.ok(cycle[i].top < cycle[i + 1].top, `sidebar: top to bottom at ${cycle[i].testid}`);

    // The profile form opens like a small dialog: the focus goes into it, and back to its button
    // when it closes (Escape, or saving).
    await tabToId(s, 'profile');
    await press(s, KEY.Enter);
    await assertFocus(s, 'profile-name', 'profile form opened');
    await selectAll(s);
    await typeKeys(s, 'Łukasz Şahin-Nguyễn');
    await press(s, KEY.Tab);
    await assertFocus(s, 'profile-lang', 'language');
    await press(s, KEY.Tab);
    await assertFocus(s, 'profile-mode', 'mode');
    await press(s, KEY.Tab);
    await assertFocus(s, 'profile-save', 'save');
    await press(s, KEY.Enter);
    await s.waitForText(tid('profile'), 'Łukasz Şahin-Nguyễn');
    await assertFocus(s, 'profile', 'back on the profile button after saving');
    await press(s, KEY.Enter);
    await assertFocus(s, 'profile-name', 'profile form opened again');
    await press(s, KEY.Escape);
    await assertFocus(s, 'profile', 'back on the profile button after Escape');

    // Plan a recording: the focus moves into the new form.
    await tabToId(s, 'new-recording');
    await press(s, KEY.Enter);
    await s.find(tid('new-recording-form'));
    await assertFocus(s, 'new-recording-form', 'the new form has the focus');
    await s.screenshot('keyboard-new-recording-nl.png');

    // A refusal appears next to the button that was pressed, inside the form, and is announced.
    await tabToId(s, 'create');
    await press(s, KEY.Enter);
    await s.waitForText(`${tid('new-recording-form')} ${tid('error')}`, 'Geef de opname een titel');
    const place = await refusalPlace(s, tid('create'));
    assert.ok(place.distance < 40, `the message is next to the button: ${JSON.stringify(place)}`);
    assert.ok(place.inView, 'the message is in view');
    assert.ok(place.describedBy, 'the button points to the message');
    assert.equal(place.live, 'assertive');
    assert.ok(place.announced.includes('Geef de opname een titel'), place.announced);
    await s.screenshot('keyboard-refusal-nl.png');

    // Shift+Tab goes back up the form: the order is the screen's.
    const up = await tabTo(s, (f) => f.testid === 'title', { back: true });
    // (WebKitGTK's date field has a stop per part: day, month, year.)
    const stops = up.map((f) => f.testid.replace(/^pack-.*/, 'pack')).filter((id, i, all) => id !== all[i - 1]);
    assert.deepEqual(stops, ['pack', 'planned-for', 'title'], 'Shift+Tab from the button: the pack choice (one stop), the date, the title');
    for (let i = 1; i < up.length; i++) assert.ok(up[i].top <= up[i - 1].top, `Shift+Tab goes up: ${JSON.stringify(up)}`);
    await typeKeys(s, 'Biologieles 3B');
    await press(s, KEY.Tab);
    await assertFocus(s, 'planned-for', 'date');
    await typeDate(s, '2026-11-20');
    assert.equal(await s.value(tid('planned-for')), '2026-11-20', 'a date typed on the keyboard');
    let f = (await tabTo(s, (x) => x.testid !== 'planned-for', { max: 3 })).at(-1);
    assert.match(f.testid, /^pack-/, 'the pack choice follows the date');
    for (let i = 0; i < 6 && f.testid !== 'pack-hu-stage-opnamen'; i++) {
      await press(s, KEY.Down);
      f = await focused(s);
    }
    assert.equal(f.testid, 'pack-hu-stage-opnamen');
    await tabToId(s, 'create');
    await press(s, KEY.Enter);
    await s.waitForText(tid('recording-title'), 'Biologieles 3B');
    await assertFocus(s, 'recording-title', 'the new recording has the focus');
    assert.equal((await focused(s)).testid, 'recording-title', 'its heading');
    await s.screenshot('keyboard-new-recording-focus-nl.png');

    // Answer the questions with the arrow keys and Space.
    const answers = [
      ['purpose', 'feedback'],
      ['mentor_live', 'no'],
      ['device', 'own_device'],
      ['pupils_in_view', 'no'],
      ['others_in_view', 'no'],
    ];
    for (const [q, a] of answers) {
      const want = `answer-${q}-${a}`;
      const way = await tabTo(s, (x) => x.testid?.startsWith(`answer-${q}-`));
      // From the heading (or the last answer) down the main column: the school, then the questions.
      assertVisualOrder(way, `Tab to the question ${q}`);
      f = way.at(-1);
      // Radios: the arrow keys move within the group; checkboxes: Tab goes to the next one.
      for (let i = 0; i < 8 && f.testid !== want; i++) {
        await press(s, f.type === 'checkbox' ? KEY.Tab : KEY.Down);
        f = await focused(s);
      }
      assert.equal(f.testid, want);
      if (!(await s.execute('return document.activeElement.checked;'))) await press(s, KEY.Space);
      await s.find(`${tid(want)}:checked`);
      await assertFocus(s, want, `the answer ${want} keeps the focus`);
    }
    await s.waitForText(tid('verdict-label'), 'Toegestaan');

    // Tick an item of the checklist with Space.
    f = (await tabTo(s, (x) => x.testid?.startsWith('item-') && x.type === 'checkbox')).at(-1);
    const item = f.testid.slice('item-'.length);
    await press(s, KEY.Space);
    await s.find(tid(`tick-${item}`));
    await assertFocus(s, `item-${item}`, 'the ticked item keeps the focus');

    // Log "recorded": the button makes way for the logged line, which takes the focus.
    await tabToId(s, 'event-recorded');
    await press(s, KEY.Enter);
    await s.find(tid('event-recorded-logged'));
    await s.find(tid('copies'));
    assert.ok(await focusWithin(s, tid('events')), 'the focus stays with the events');
    const where = await s.execute('return document.activeElement.innerText;');
    assert.match(where, /Opgenomen/, `the focus is on what was logged: ${where}`);

    // Confirm a deletion: first without saying how (refused, next to the button), then properly.
    await tabToId(s, 'confirm-copy-1');
    await press(s, KEY.Enter);
    await s.waitForText(`${tid('copy-copy-1')} ${tid('error')}`, 'Beschrijf hoe je de kopie hebt verwijderd');
    const deep = await refusalPlace(s, tid('confirm-copy-1'));
    assert.ok(deep.distance < 40 && deep.inView, `the refusal low on the page is next to the button: ${JSON.stringify(deep)}`);
    assert.ok(deep.announced.includes('Beschrijf hoe'), deep.announced);
    await s.screenshot('keyboard-refusal-low-nl.png');
    await tabToId(s, 'method-copy-1', { back: true });
    await typeKeys(s, "Verwijderd en 'Recent verwijderd' geleegd");
    await press(s, KEY.Tab);
    await assertFocus(s, 'bin-copy-1', 'the bin question follows');
    await press(s, KEY.Space);
    await press(s, KEY.Tab);
    await assertFocus(s, 'confirm-copy-1', 'confirm');
    await press(s, KEY.Enter);
    await s.waitForText(tid('copy-copy-1'), 'verwijderd door Łukasz Şahin-Nguyễn');
    await assertFocus(s, 'copy-copy-1', 'the confirmed copy has the focus');
    await s.screenshot('keyboard-deleted-nl.png');

    // An opened panel takes the focus: the data panel, from the top bar.
    await tabToId(s, 'data-button', { back: true, max: 250 });
    await press(s, KEY.Enter);
    await s.find(tid('data-panel'));
    await assertFocus(s, 'data-panel', 'the data panel has the focus');
    assert.equal(await s.execute('return document.activeElement.tagName;'), 'H2', 'its heading');
    await press(s, KEY.Tab);
    await assertFocus(s, 'backup-passphrase', 'its first field comes next');

    // The same in English: switch the language with the keyboard, focus rings on the screen.
    await tabToId(s, 'profile', { back: true, max: 250 });
    await press(s, KEY.Enter);
    await press(s, KEY.Tab);
    await assertFocus(s, 'profile-lang', 'language');
    await typeKeys(s, 'E');
    assert.equal(await s.value(tid('profile-lang')), 'en');
    await tabToId(s, 'profile-save');
    await press(s, KEY.Enter);
    await s.waitForText(tid('profile'), 'EN');
    await s.waitForText(tid('data-panel'), 'Your data');
    await tabToId(s, 'new-recording');
    await s.screenshot('keyboard-sidebar-en.png');
    await press(s, KEY.Enter);
    await assertFocus(s, 'new-recording-form', 'the new form has the focus (en)');
    await press(s, KEY.Tab);
    await s.screenshot('keyboard-new-recording-en.png');
  });
});

test('keyboard only, mentor: read a request, confirm it, save the receipt', async () => {
  const files = tempDir('opnamewijs-e2e-keys-files-');
  // The request comes from a student's installation (prepared, not part of the journey).
  await withApp('keyboard-mentor-setup', { dataDir: tempDir('opnamewijs-e2e-keys-student-') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await invoke(s, 'set_profile', { input: { name: 'Łukasz Şahin-Nguyễn', lang: 'nl', mode: 'student' } });
    await s.execute('location.reload();');
    await s.find('body[data-ready="true"]');
    await recordedLesson(s, 'Muziekles 2A');
    const [{ id: recording }] = await invoke(s, 'list_recordings');
    await invoke(s, 'export_feedback_request', { recording, path: join(files, 'verzoek.opnamewijs-verzoek') });
  });

  // The build under test answers its file dialogs from `files` (see src-tauri/src/stand_in.rs).
  const env = { OPNAMEWIJS_E2E_DIALOG_DIR: files };
  await withApp('keyboard-mentor', { dataDir: tempDir('opnamewijs-e2e-keys-mentor-'), env }, async (s) => {
    await s.find('body[data-ready="true"]');
    await invoke(s, 'set_profile', { input: { name: 'Ayşe Yılmaz', lang: 'nl', mode: 'mentor' } });
    await s.execute('location.reload();');
    await s.find(tid('mentor-desk'));

    const cycle = await tabCycle(s);
    assert.deepEqual(cycle.map((f) => f.testid), ['data-button', 'profile', 'desk-read-request', 'read-request']);

    await tabToId(s, 'read-request');
    await press(s, KEY.Enter);
    await s.waitForText(tid('desk-request'), 'Muziekles 2A');
    await assertFocus(s, 'desk-request', 'the request read has the focus');
    const heading = await s.execute('return document.activeElement.tagName + " " + document.activeElement.innerText;');
    assert.equal(heading, 'H3 Muziekles 2A');
    await s.screenshot('keyboard-mentor-request-nl.png');

    await press(s, KEY.Tab);
    await assertFocus(s, 'desk-day', 'the feedback day');
    await tabToId(s, 'desk-role', { max: 3 });
    await assertFocus(s, 'desk-role', 'the role');
    await typeKeys(s, 's');
    assert.equal(await s.value(tid('desk-role')), 'schoolopleider', 'the role chosen by its first letter');
    await press(s, KEY.Tab);
    await assertFocus(s, 'desk-confirm', 'confirm');
    await press(s, KEY.Enter);
    await s.waitForText(tid('desk-confirmed'), 'bevestigd als schoolopleider');
    await assertFocus(s, 'desk-request', 'the confirmed request keeps the focus');

    await press(s, KEY.Tab);
    await assertFocus(s, 'save-receipt', 'saving the receipt comes next');
    await press(s, KEY.Enter);
    await s.waitForText(tid('notice'), 'ontvangstbewijs.opnamewijs-bewijs');
    await assertFocus(s, 'save-receipt', 'after the save dialog the focus is where it was');
    await s.screenshot('keyboard-mentor-saved-nl.png');
    await backTab(s);
    assert.equal((await focused(s)).testid, 'read-request', 'Shift+Tab goes back up the desk');
  });
  const receipt = readFileSync(join(files, 'ontvangstbewijs.opnamewijs-bewijs'), 'utf8');
  assert.match(receipt, /"mentor": "Ayşe Yılmaz"/);
  assert.match(receipt, /schoolopleider/);
});
