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
