import { describe, expect, it } from "vitest";
import { focusNew, focusOn, keepFocus } from "./focus";

describe("focus after an action", () => {
  it("moves to the heading of new content, which does not become a Tab stop", async () => {
    document.body.innerHTML = `<main><h2 id="h">Biologieles 3B</h2></main>`;
    expect(await focusNew()).toBe(true);
    const h = document.getElementById("h")!;
    expect(document.activeElement).toBe(h);
    expect(h.getAttribute("tabindex")).toBe("-1");
  });

  it("leaves a control's own tab index alone", () => {
    document.body.innerHTML = `<button id="b">Opslaan</button>`;
    const b = document.getElementById("b")!;
    expect(focusOn(b)).toBe(true);
    expect(b.hasAttribute("tabindex")).toBe(false);
  });

  it("hands the focus to the part that held a control the change removed", async () => {
    document.body.innerHTML = `<section><ul><li id="copy"><form><button id="confirm">Bevestig</button></form></li></ul></section>`;
    document.getElementById("confirm")!.focus();
    const repair = keepFocus();
    document.querySelector("#copy form")!.replaceWith(Object.assign(document.createElement("p"), { textContent: "✓ verwijderd door Ayşe Yılmaz" }));
    await repair();
    expect(document.activeElement?.id).toBe("copy");
  });

  it("does nothing while the control is still there, or when the change put the focus elsewhere", async () => {
    document.body.innerHTML = `<li><button id="a">A</button></li><h2 id="h" tabindex="-1">Nieuw</h2>`;
    const a = document.getElementById("a")!;
    a.focus();
    await keepFocus()();
    expect(document.activeElement).toBe(a);
    const repair = keepFocus();
    document.getElementById("h")!.focus();
    a.remove();
    await repair();
    expect(document.activeElement?.id).toBe("h");
  });
});
