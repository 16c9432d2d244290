import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import { IpcError } from "./ipc";
import { fakeBackend, openedReceipt } from "./test/fake";

describe("App", () => {
  it("shows the empty state on a fresh installation", async () => {
    const { backend } = fakeBackend();
    render(App, { backend });
    expect(await screen.findAllByText(/Nog geen opnamen/)).not.toHaveLength(0);
  });

  it("plans a recording and renders the core's checklist, verdict and deadlines", async () => {
    const { backend, calls } = fakeBackend();
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("new-recording"));
    await fireEvent.click(screen.getByTestId("create"));
    expect(await screen.findByTestId("recording-title")).toHaveProperty("textContent", "Rekenles 3B");
    expect(calls).toEqual(["createRecording"]);
    expect(screen.getByTestId("verdict-label").textContent).toBe("Nog niet bepaald");
    expect(screen.getByText("Vooraf")).toBeTruthy();
    expect((screen.getByTestId("item-apparatuur.getest") as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId("locked-apparatuur").textContent).toContain("Eerst afronden in een eerdere fase: Live meekijken nagevraagd");
    expect(screen.getByTestId("deadline-apparatuur_getest").textContent).toContain("uiterlijk ma 23 nov. 2026 23:59");
  });

  it("checks a dossier from the welcome screen and from the data panel, without recordings", async () => {
    const { backend, calls } = fakeBackend();
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("welcome-check-dossier"));
    const view = await screen.findByTestId("dossier-check");
    expect(view.dataset.valid).toBe("true");
    expect(screen.getByTestId("check-summary").textContent).toContain("Dit dossier klopt");
    expect(screen.getByTestId("check-proven").textContent).toContain("Ayşe Yılmaz (werkplekbegeleider)");
    expect(view.textContent).toContain("Eigen verklaringen van de student (niet ondertekend)");
    expect(screen.queryAllByTestId("check-problem")).toHaveLength(0);
    await fireEvent.click(screen.getByTestId("data-button"));
    await fireEvent.click(await screen.findByTestId("check-dossier"));
    await screen.findByTestId("dossier-check");
    expect(calls).toEqual(["checkDossier", "checkDossier"]);
  });

  it("lists the problems of a dossier that does not hold", async () => {
    const { backend } = fakeBackend();
    const good = await backend.checkDossier(null);
    backend.checkDossier = async () =>
      good && {
        ...good,
        valid: false,
        summary: "Dit dossier klopt niet. Gevonden problemen: 1",
        problems: ["bijlage bewijs-1.opnamewijs-bewijs is gewijzigd: de handtekening klopt niet"],
        proven: good.proven.map((p) => ({ ...p, signed: false })),
      };
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("welcome-check-dossier"));
    const view = await screen.findByTestId("dossier-check");
    expect(view.dataset.valid).toBe("false");
    expect(screen.getByTestId("check-problem").textContent).toBe("bijlage bewijs-1.opnamewijs-bewijs is gewijzigd: de handtekening klopt niet");
    expect(screen.getByTestId("check-proven").textContent).toContain("handtekening klopt niet");
  });

  it("moves the focus to the new content: the form's heading, then the new recording's", async () => {
    const { backend } = fakeBackend();
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("new-recording"));
    const form = screen.getByTestId("new-recording-form");
    await waitFor(() => expect(document.activeElement).toBe(form.querySelector("h2")));
    expect(document.activeElement?.getAttribute("tabindex")).toBe("-1");
    await fireEvent.click(screen.getByTestId("create"));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("recording-title")));
  });

  it("lists what erasing removed, in the language of the erased profile", async () => {
    const { backend, calls } = fakeBackend();
    const first = await backend.appStatus();
    backend.appStatus = async () => ({ ...first, profile: { ...first.profile, lang: "en" } });
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("data-button"));
    await fireEvent.input(screen.getByTestId("erase-confirm"), { target: { value: "ERASE" } });
    await fireEvent.click(screen.getByTestId("erase-all"));
    const erased = await screen.findByTestId("erased");
    expect(erased.textContent).toContain("This was removed:");
    expect(erased.textContent).toContain("Close Opnamewijs now.");
    const items = screen.getByTestId("erased-list").querySelectorAll("li");
    expect(items).toHaveLength(2);
    expect(items[1].textContent).toContain("nl.opnamewijs.app/vault-0123");
    await fireEvent.click(screen.getByTestId("close-app"));
    expect(calls).toEqual(["closeWindow"]);
  });

  it("shows the core's Dutch error message when an action is refused", async () => {
    const { backend } = fakeBackend({ fail: { code: "recording.invalid_title", message: "Geef de opname een titel van 1 tot 120 tekens." } });
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("new-recording"));
    const create = screen.getByTestId("create");
    await fireEvent.pointerDown(create);
    await fireEvent.click(create);
    const refusal = await screen.findByTestId("error");
    expect(refusal.textContent).toContain("Geef de opname een titel van 1 tot 120 tekens.");
    // Next to the button the student pressed, which points to it, and read out by screen readers.
    expect(screen.getByTestId("new-recording-form").contains(refusal)).toBe(true);
    expect(create.getAttribute("aria-describedby")).toBe(refusal.id);
    expect(screen.getByTestId("announced").getAttribute("aria-live")).toBe("assertive");
    expect(screen.getByTestId("announced").textContent).toContain("Geef de opname een titel");
    // The next action takes it away.
    await fireEvent.click(refusal.querySelector("button")!);
    expect(screen.queryByTestId("error")).toBeNull();
    expect(create.hasAttribute("aria-describedby")).toBe(false);
  });

  it("shows a refusal at the top when the control that asked is gone", async () => {
    const { backend } = fakeBackend({ fail: { code: "recording.invalid_title", message: "Geef de opname een titel van 1 tot 120 tekens." } });
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("new-recording"));
    await fireEvent.click(screen.getByTestId("create"));
    const refusal = await screen.findByTestId("error");
    expect(refusal.classList.contains("alert")).toBe(true);
    expect(refusal.textContent).toContain("Geef de opname een titel");
  });
});

describe("journal check", () => {
  it("says the check is running, then shows what the core found when it fails", async () => {
    const { backend } = fakeBackend();
    const first = await backend.appStatus();
    let calls = 0;
    backend.appStatus = async () => {
      calls += 1;
      if (calls === 1) return { ...first, journal: { ...first.journal, checking: true } };
      throw new IpcError({
        code: "vault.tampered",
        message: "Het dagboek is gewijzigd buiten Opnamewijs om (item 2: inhoud gewijzigd). Er is niets overschreven.",
      });
    };
    render(App, { backend });
    expect((await screen.findByTestId("journal-status")).textContent).toContain("controle loopt");
    expect((await screen.findByTestId("load-error", {}, { timeout: 3000 })).textContent).toContain("item 2: inhoud gewijzigd");
    expect(screen.queryByTestId("journal-status")).toBeNull();
    expect(screen.queryByTestId("new-recording")).toBeNull();
  });

  it("shows the verified journal once the check is done", async () => {
    const { backend } = fakeBackend();
    const first = await backend.appStatus();
    let calls = 0;
    backend.appStatus = async () => {
      calls += 1;
      return { ...first, journal: { ...first.journal, checking: calls === 1 } };
    };
    render(App, { backend });
    expect((await screen.findByTestId("journal-status")).textContent).toContain("controle loopt");
    await waitFor(() => expect(screen.getByTestId("journal-status").textContent).toContain("versleuteld en gecontroleerd"), { timeout: 3000 });
  });
});

describe("mentor mode", () => {
  it("shows the desk with the late flag and confirms with the chosen day and role", async () => {
    const { backend, calls } = fakeBackend({ mode: "mentor" });
    render(App, { backend });
    expect((await screen.findByTestId("desk-late")).textContent).toContain("Te laat");
    expect(screen.queryByTestId("new-recording")).toBeNull();
    expect(screen.getByTestId("desk-key").textContent).toContain("AB12 CD34 EF56 7890");
    await fireEvent.change(screen.getByTestId("desk-role"), { target: { value: "schoolopleider" } });
    await fireEvent.click(screen.getByTestId("desk-confirm"));
    expect(calls).toEqual(["confirmRequest:q1:2026-12-10:schoolopleider"]);
  });
});

describe("assessment", () => {
  it("lists readiness per chosen recording and lets the student choose and check the portfolio", async () => {
    const { backend, calls } = fakeBackend();
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("assessment-button"));
    const checks = await screen.findAllByTestId("check");
    expect(checks.map((c) => c.textContent?.trim().slice(0, 1))).toEqual(["✓", "○"]);
    expect(screen.getByTestId("readiness").textContent).toBe("Nog niet klaar");
    await fireEvent.click(screen.getByTestId("choose-recording"));
    await fireEvent.click(screen.getByTestId("portfolio-check"));
    expect(calls).toEqual(["select:r2:true", "portfolio:true"]);
  });
});

describe("start-up", () => {
  /** What the document held each time the UI asked the shell to show the (hidden) window. */
  function watchFirstScreen(backend: ReturnType<typeof fakeBackend>["backend"]) {
    const seen: string[] = [];
    backend.firstScreen = async () => {
      const shown = ["welcome", "load-error", "journal-status"].filter((id) => document.querySelector(`[data-testid="${id}"]`));
      seen.push(shown.join("+"));
    };
    return seen;
  }

  it("asks for the window once, after the first screen is in the document", async () => {
    const { backend } = fakeBackend();
    const seen = watchFirstScreen(backend);
    render(App, { backend });
    await waitFor(() => expect(seen).toEqual(["welcome+journal-status"]));
  });

  it("asks for the window when the data cannot be opened, with the report in place", async () => {
    const { backend } = fakeBackend();
    backend.appStatus = async () => {
      throw new IpcError({ code: "vault.unreadable", message: "Het dagboek kan niet gelezen worden." });
    };
    const seen = watchFirstScreen(backend);
    render(App, { backend });
    await waitFor(() => expect(seen).toEqual(["load-error"]));
  });
});

describe("one round trip per action", () => {
  it("a change updates the dashboard from its own answer and asks for nothing more", async () => {
    const { backend } = fakeBackend();
    let reads = 0;
    const [status, list, create] = [backend.appStatus, backend.listRecordings, backend.createRecording];
    backend.appStatus = async () => {
      reads += 1;
      return status();
    };
    backend.listRecordings = async () => {
      reads += 1;
      return list();
    };
    backend.createRecording = async (input) => {
      const acted = await create(input);
      const row = {
        id: "r9",
        title: "Geschiedenisles 2B",
        planned_for: "di 1 dec. 2026",
        pack: "HU",
        verdict: acted.value.verdict,
        next_deadline: null,
        overdue: 0,
        items_done: 0,
        items_total: 12,
        closed: false,
      };
      return { ...acted, list: { kind: "rows" as const, rows: [{ index: 0, summary: row }] } };
    };
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("new-recording"));
    const before = reads;
    await fireEvent.click(screen.getByTestId("create"));
    await screen.findByTestId("recording-title");
    expect((await screen.findByTestId("recording-row")).textContent).toContain("Geschiedenisles 2B");
    expect(reads).toBe(before);
  });
});

describe("rules with their source", () => {
  async function opened() {
    const fake = fakeBackend();
    const sent: unknown[] = [];
    const { backend } = fake;
    for (const name of ["answerQuestion", "keepSecureCopy", "setSchool"] as const) {
      const original = backend[name] as (input: unknown) => Promise<unknown>;
      (backend as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name] = (input) => {
        sent.push(input);
        return original(input);
      };
    }
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("new-recording"));
    await fireEvent.click(screen.getByTestId("create"));
    await screen.findByTestId("recording-title");
    return { sent };
  }

  it("shows where each rule comes from, and the app's grace on a deadline due at once", async () => {
    await opened();
    expect(screen.getByTestId("from-purpose").textContent).toBe("HU-checklist › Wat mag dan wel?");
    expect(screen.getByTestId("from-purpose").classList.contains("from-source")).toBe(true);
    expect(screen.getByTestId("from-apparatuur.getest").textContent).toBe("Advies van Opnamewijs: omdat het kan");
    const now = screen.getByTestId("deadline-na_feedback");
    expect(now.querySelector(".chip")?.textContent).toBe("Nu doen");
    expect(screen.getByTestId("grace-na_feedback").textContent).toBe("De regel zegt direct: doe het nu.");
  });

  it("sends several purposes as one list", async () => {
    const { sent } = await opened();
    expect((screen.getByTestId("answer-purpose-feedback") as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByTestId("answer-purpose-assessment"));
    expect(sent).toEqual([{ recording: "r1", question: "purpose", answer: ["feedback", "assessment"] }]);
  });

  it("records a decision to keep the secure copy with its reason and end date", async () => {
    const { sent } = await opened();
    await fireEvent.click(screen.getByTestId("keep-na_feedback"));
    await fireEvent.input(screen.getByTestId("keep-reason-na_feedback"), { target: { value: "Voor het eindassessment" } });
    await fireEvent.input(screen.getByTestId("keep-until-na_feedback"), { target: { value: "2027-06-30" } });
    await fireEvent.click(screen.getByTestId("keep-save-na_feedback"));
    expect(sent).toEqual([{ recording: "r1", deadline: "na_feedback", reason: "Voor het eindassessment", until: "2027-06-30" }]);
  });

  it("enters the internship school's own rules", async () => {
    const { sent } = await opened();
    await fireEvent.click(screen.getByTestId("school-new"));
    await fireEvent.input(screen.getByTestId("school-form-name"), { target: { value: "Ayşe Yılmaz College" } });
    await fireEvent.click(screen.getByTestId("school-form-own-devices"));
    await fireEvent.input(screen.getByTestId("school-form-retention"), { target: { value: "30" } });
    await fireEvent.click(screen.getByTestId("school-form-save"));
    expect(sent).toEqual([
      {
        recording: "r1",
        school: {
          id: null,
          name: "Ayşe Yılmaz College",
          privacy_contact: null,
          own_devices_allowed: false,
          school_equipment_required: false,
          consent: null,
          consent_basis: null,
          storage: null,
          max_retention_days: 30,
        },
      },
    ]);
  });
});

describe("every copy accounted for", () => {
  async function withCopies(fail?: { code: string; message: string }) {
    const { backend } = fakeBackend();
    const sent: Record<string, unknown[]> = {};
    const base = await backend.createRecording({ title: "x", planned_for: "2026-11-24", pack: "hu-stage-opnamen" });
    const value = {
      ...base.value,
      copies: [
        {
          id: "copy-1",
          label: "Opnameapparaat",
          deleted: null,
          added: false,
          verifiable: false,
          bin: { question: "Ook 'Recent verwijderd' geleegd", platforms: [{ name: "iPhone / iPad", steps: ["Open Foto's."] }] },
        },
      ],
    };
    const acted = { ...base, value };
    backend.createRecording = async () => acted;
    for (const name of ["confirmDeletion", "addCopy", "reportForbiddenShare", "logShare"] as const) {
      (backend as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name] = async (input) => {
        (sent[name] ??= []).push(input);
        if (name === "logShare" && fail) throw new IpcError(fail);
        return acted;
      };
    }
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("new-recording"));
    await fireEvent.click(screen.getByTestId("create"));
    await screen.findByTestId("copies");
    return { sent };
  }

  it("asks for the recycle bin and shows how to empty it", async () => {
    const { sent } = await withCopies();
    expect(screen.getByTestId("bin-steps-copy-1").textContent).toContain("iPhone / iPad");
    await fireEvent.input(screen.getByTestId("method-copy-1"), { target: { value: "verwijderd" } });
    await fireEvent.click(screen.getByTestId("bin-copy-1"));
    await fireEvent.click(screen.getByTestId("confirm-copy-1"));
    expect(sent.confirmDeletion).toEqual([{ recording: "r1", copy: "copy-1", method: "verwijderd", bin_emptied: true }]);
  });

  it("adds a copy the pack did not predict", async () => {
    const { sent } = await withCopies();
    await fireEvent.change(screen.getByTestId("add-copy-kind"), { target: { value: "usb_stick" } });
    await fireEvent.input(screen.getByTestId("add-copy-description"), { target: { value: "blauwe stick" } });
    await fireEvent.click(screen.getByTestId("add-copy"));
    expect(sent.addCopy).toEqual([{ recording: "r1", kind: "usb_stick", description: "blauwe stick" }]);
  });

  it("offers to report a refused share, with the copy it left, where the student acted", async () => {
    const { sent } = await withCopies({ code: "share.forbidden_channel", message: "Delen per e-mail mag niet." });
    expect(screen.queryByTestId("report-share")).toBeNull();
    await fireEvent.change(screen.getByTestId("share-role"), { target: { value: "" } });
    const form = screen.getByTestId("share-log").closest("form")!;
    await fireEvent.submit(form);
    const offer = await screen.findByTestId("report-share");
    expect(screen.getByTestId("sharing").contains(offer)).toBe(true);
    await fireEvent.click(screen.getByTestId("report-share-button"));
    expect(sent.reportForbiddenShare).toHaveLength(1);
    expect(screen.queryByTestId("report-share")).toBeNull();
  });
});

describe("a file opened with the app", () => {
  it("offers the import, reads the receipt, and accepts it after the comparison", async () => {
    const { backend, calls } = fakeBackend({ opened: [openedReceipt] });
    render(App, { backend });
    const offer = await screen.findByTestId("opened-file");
    expect(offer.dataset.kind).toBe("receipt");
    expect(screen.getByTestId("opened-what").textContent).toContain("Ayşe Yılmaz");
    // The offer takes the focus, so a keyboard user lands on it.
    await waitFor(() => expect(document.activeElement?.id).toBe("opened-heading"));
    await fireEvent.click(screen.getByTestId("opened-import"));
    const accept = (await screen.findByTestId("accept-receipt")) as HTMLButtonElement;
    expect(accept.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("receipt-compared"));
    await fireEvent.click(accept);
    await waitFor(() => expect(screen.queryByTestId("opened-files")).toBeNull());
    expect(calls).toEqual(["importOpened:0", "acceptFeedbackReceipt:AB12 CD34 EF56 7890:true"]);
  });

  it("puts a file aside with 'Niet nu'", async () => {
    const { backend, calls } = fakeBackend({ opened: [openedReceipt] });
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("opened-dismiss"));
    await waitFor(() => expect(screen.queryByTestId("opened-files")).toBeNull());
    expect(calls).toEqual(["dismissOpened:0"]);
  });

  it("shows why a file cannot be imported, without an import button", async () => {
    const blocked = { ...openedReceipt, kind: "unknown" as const, action: null, blocked: "“foto.jpg” is geen bestand van Opnamewijs." };
    const { backend } = fakeBackend({ opened: [blocked] });
    render(App, { backend });
    expect((await screen.findByTestId("opened-blocked")).textContent).toContain("geen bestand van Opnamewijs");
    expect(screen.queryByTestId("opened-import")).toBeNull();
    expect(screen.getByTestId("opened-dismiss").textContent).toBe("Sluiten");
  });
});

describe("opens that wait for the user's decision", () => {
  const behind =
    "Dit dagboek is ouder dan het dagboek dat Opnamewijs hier het laatst opende; misschien is een oudere kopie teruggezet. Nu: item 3 (kop 1a2b3c4d5e6f). Het laatst gezien: item 9 (kop 9f8e7d6c5b4a). Er is niets geschreven.";

  it("shows a journal behind its anchor with both positions, and goes on only on yes", async () => {
    const { backend, calls } = fakeBackend();
    const status = backend.appStatus;
    let decided = false;
    backend.appStatus = async () => {
      if (!decided) throw new IpcError({ code: "store.behind", message: behind });
      return status();
    };
    const accept = backend.acceptOlderJournal;
    backend.acceptOlderJournal = async () => {
      decided = true;
      return accept();
    };
    render(App, { backend });
    const screenOf = await screen.findByTestId("open-decision");
    expect(screenOf.getAttribute("role")).toBe("alert");
    expect(screen.getByTestId("decision-message").textContent).toContain("Nu: item 3 (kop 1a2b3c4d5e6f). Het laatst gezien: item 9");
    expect(screen.getByRole("heading", { name: "Dit dagboek is niet het nieuwste" })).toBeTruthy();
    expect(screen.queryByTestId("new-recording")).toBeNull();
    expect(calls).toEqual([]);
    await fireEvent.click(screen.getByTestId("decision-yes"));
    await waitFor(() => expect(screen.queryByTestId("open-decision")).toBeNull());
    expect(calls).toEqual(["acceptOlderJournal"]);
    expect(await screen.findByTestId("new-recording")).toBeTruthy();
  });

  it("asks before importing an old file, and closes on 'not now'", async () => {
    const { backend, calls } = fakeBackend();
    backend.appStatus = async () => {
      throw new IpcError({ code: "store.legacy_found", message: "Er staat een oud, onbeveiligd bestand van een eerdere versie van Opnamewijs in /x/opnamewijs.json (2 opnamen). Importeren?" });
    };
    render(App, { backend });
    await screen.findByTestId("open-decision");
    expect(screen.getByTestId("decision-yes").textContent).toBe("Importeren");
    expect(screen.getByTestId("decision-no").textContent).toBe("Niet nu");
    await fireEvent.click(screen.getByTestId("decision-no"));
    await waitFor(() => expect(calls).toEqual(["closeWindow"]));
    expect(screen.getByTestId("open-decision")).toBeTruthy();
  });
});

describe("lesson-day sheet", () => {
  it("saves the recording's one-page sheet from the recording screen", async () => {
    const { backend, calls } = fakeBackend();
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("new-recording"));
    await fireEvent.click(screen.getByTestId("create"));
    await screen.findByTestId("recording-title");
    await fireEvent.click(screen.getByTestId("export-lesson-day"));
    await waitFor(() => expect(calls).toContain("exportLessonDay:r1"));
    expect(screen.queryByTestId("error")).toBeNull();
  });
});
