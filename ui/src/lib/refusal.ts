/**
 * A refusal shown where the user acted: the core's message appears next to the control that
 * asked for the action (inside its form, card or list item), the control points to it
 * (`aria-describedby`, and `aria-invalid` for a field), and the page's live region announces it.
 *
 * The message element is made here, outside Svelte's blocks, so moving it never confuses them; it
 * goes when the next action starts, when it is dismissed, or with the form it sits in.
 */

/** Where a control's refusal goes: its form, or the nearest part of the screen that groups it. */
const HOLDERS = "form, [data-refusals], li, section, fieldset";

let shown: { element: HTMLElement; control: Element | null } | null = null;

/** The control the user last pressed or typed in (a click need not focus a button in WebKit). */
let last: Element | null = null;
// A heading or part of the screen that took the focus after an action (tabindex -1) is no control.
const CONTROLS = "button, input, select, textarea, a[href], [role=button], [tabindex]:not([tabindex=\"-1\"])";

const tracked = new WeakSet<Document>();

/** Follows which control the user uses (once per document, however often it is called). */
export function trackControls(doc: Document = document) {
  if (tracked.has(doc)) return;
  tracked.add(doc);
  const note = (target: EventTarget | null) => {
    const control = target instanceof Element ? target.closest(CONTROLS) : null;
    if (control) last = control;
  };
  doc.addEventListener("pointerdown", (e) => note(e.target), true);
  doc.addEventListener("focusin", (e) => note(e.target), true);
  doc.addEventListener("keydown", () => note(doc.activeElement), true);
}

/** The control the user just used, if it is still on screen inside the app's content. */
export function currentControl(): Element | null {
  const active = document.activeElement;
  const focused = active && active !== document.body && active.closest(CONTROLS) ? active : null;
  const control = last ?? focused;
  return control?.isConnected && control.closest(HOLDERS) ? control : null;
}

/** Removes the refusal on screen, if any, and what pointed to it. */
export function clearRefusal() {
  if (!shown) return;
  shown.element.remove();
  shown.control?.removeAttribute("aria-invalid");
  shown.control?.removeAttribute("aria-describedby");
  shown = null;
}

/**
 * Shows `message` next to `control` and returns true; false when there is no such control on
 * screen any more (the caller then shows it at the top of the page).
 */
export function showRefusal(message: string, control: Element | null, dismiss: string): boolean {
  clearRefusal();
  const holder = control?.isConnected ? control.closest(HOLDERS) : null;
  if (!control || !holder) return false;
  const element = document.createElement("div");
  element.className = "refusal";
  element.id = `refusal-${Date.now()}`;
  element.dataset.testid = "error";
  const text = document.createElement("span");
  text.textContent = message;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "ghost";
  close.textContent = dismiss;
  close.addEventListener("click", () => {
    const back = shown?.control;
    clearRefusal();
    if (back instanceof HTMLElement) back.focus();
  });
  element.append(text, close);
  // Right after the control's own line (its label or field row) when it has one, else at the end.
  const line = control.closest("label, .field, .actions, .row");
  if (line && holder.contains(line) && line !== holder) line.after(element);
  else holder.append(element);
  control.setAttribute("aria-describedby", element.id);
  if (control.matches("input, select, textarea")) control.setAttribute("aria-invalid", "true");
  shown = { element, control };
  element.scrollIntoView?.({ block: "nearest" });
  return true;
}
