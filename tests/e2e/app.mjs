// Opnamewijs-specific steps shared by the end-to-end tests.
import { tid } from './webdriver.mjs';

/** Sets an input's value the way a user's typing does (date inputs ignore WebDriver keys in WebKitGTK). */
export async function fill(session, css, value) {
  await session.find(css);
  await session.execute(
    `const el = document.querySelector(arguments[0]);
     el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [css, value],
  );
}

export async function checked(session, css) {
  await session.find(css);
  return session.execute('return document.querySelector(arguments[0]).checked;', [css]);
}

/** Plans a recording through the form and waits for its detail view. */
export async function plan(session, { title, date, pack }) {
  await session.click(tid('new-recording'));
  await session.type(tid('title'), title);
  await fill(session, tid('planned-for'), date);
  await session.click(tid(`pack-${pack}`));
  await session.click(tid('create'));
  await session.waitForText(tid('recording-title'), title);
}

/** Calls a command the way the UI does, with an explicit path instead of a native dialog. */
export async function invoke(s, command, args) {
  const r = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then((ok) => done({ ok }), (err) => done({ err }));`,
    [command, args],
  );
  if (r.err) throw new Error(`${command}: ${JSON.stringify(r.err)}`);
  return r.ok;
}

/** Like `invoke`, but expects the core to refuse: returns its `{code, message}`. */
export async function refused(s, command, args) {
  const r = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(() => done(null), (err) => done(err));`,
    [command, args],
  );
  if (!r) throw new Error(`${command} was accepted`);
  return r;
}

/** Names the user (and picks student or mentor mode) through the profile form. */
export async function profile(s, name, mode = 'student') {
  await s.click(tid('profile'));
  await s.find(tid('profile-name'));
  await s.execute(`document.querySelector('[data-testid="profile-name"]').value = '';`);
  await s.type(tid('profile-name'), name);
  await fill(s, tid('profile-mode'), mode);
  await s.click(tid('profile-save'));
  await s.waitForText(tid('profile'), name);
}

/** Plans a feedback recording on the HU pack and logs it as recorded. */
export async function recordedLesson(s, title) {
  await plan(s, { title, date: '2026-11-20', pack: 'hu-stage-opnamen' });
  await s.click(tid('answer-purpose-feedback'));
  await s.click(tid('answer-mentor_live-no'));
  await s.click(tid('answer-device-own_device'));
  await s.click(tid('answer-pupils_in_view-no'));
  await s.click(tid('answer-others_in_view-no'));
  await s.waitForText(tid('verdict-label'), 'Toegestaan');
  await s.click(tid('event-recorded'));
  await s.find(tid('event-recorded-logged'));
}
