/**
 * Where the keyboard's focus goes after an action, so a keyboard or screen-reader user continues
 * where the screen changed:
 *
 * - new content (a new or opened recording, an opened panel, a request read onto the desk): its
 *   heading gets the focus (made focusable with `tabindex="-1"`, so it is no extra Tab stop), and
 *   the next Tab goes on from there;
 * - a change that removed the control the user pressed (a logged event, a confirmed deletion, a
 *   confirmed request): the part of the screen that held it and now shows the outcome.
 */
import { tick } from "svelte";

/** The parts of a screen that may take the focus when the control inside them is gone. */
const HOLDERS = "li, fieldset, form, section, article";

/** Focuses `element`, made focusable without becoming a Tab stop if it is not a control. */
export function focusOn(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  if (element.tabIndex < 0 && !element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus();
  return document.activeElement === element;
}

/** After the screen has been updated, focuses the first element matching `selector` (a heading). */
export async function focusNew(selector = "main h2"): Promise<boolean> {
  await tick();
  return focusOn(document.querySelector(selector));
}

/**
 * Remembers the focused control before a change; the function it answers, called once the
 * change is on screen, moves the focus to the nearest part that held it if the control is gone
 * (the focus would otherwise fall back to the page, at its top).
 */
export function keepFocus(): () => Promise<void> {
  const control = document.activeElement;
  if (!control || control === document.body) return async () => {};
  const holders: Element[] = [];
  for (let e = control.parentElement?.closest(HOLDERS); e; e = e.parentElement?.closest(HOLDERS)) holders.push(e);
  return async () => {
    await tick();
    if (control.isConnected) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    focusOn(holders.find((h) => h.isConnected) ?? null);
  };
}

/** Svelte action: focuses the element when it appears (a form the user just opened). */
export function focusOnMount(node: HTMLElement) {
  node.focus();
}

/** Svelte action: Escape inside the element calls `close` (a small form that closes like a dialog). */
export function escapeCloses(node: HTMLElement, close: () => void) {
  let current = close;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      current();
    }
  };
  node.addEventListener("keydown", onKey);
  return {
    update(next: () => void) {
      current = next;
    },
    destroy() {
      node.removeEventListener("keydown", onKey);
    },
  };
}
