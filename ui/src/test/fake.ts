// A fake backend for component tests: canned views, records calls, can be told to fail.
import type { Acted, AppStatus, AssessmentView, Backend, DeskView, OpenedFileView, ReceiptPreviewView, RecordingView } from "../ipc";
import { IpcError } from "../ipc";

export const view: RecordingView = {
  id: "r1",
  title: "Rekenles 3B",
  planned_for: "2026-11-24",
  planned_for_label: "di 24 nov. 2026",
  pack: { id: "hu-stage-opnamen", version: "2.0.0" },
  pack_title: "HU lerarenopleiding: opnamen op de leerwerkplek",
  pack_origin: "ingebouwd in Opnamewijs",
  questions: [
    {
      id: "mentor_live",
      text: "Kan je begeleider live meekijken?",
      help: null,
      input: { type: "yes_no", yes: "Ja", no: "Nee" },
      answer: null,
      from: { kind: "source", label: "HU-checklist › Wat mag dan wel?", detail: null },
    },
    {
      id: "purpose",
      text: "Waarvoor maak je de opname?",
      help: null,
      input: {
        type: "choices",
        options: [
          { id: "feedback", text: "Feedback" },
          { id: "assessment", text: "Het eindassessment" },
        ],
      },
      answer: ["feedback"],
      from: { kind: "source", label: "HU-checklist › Wat mag dan wel?", detail: null },
    },
  ],
  verdict: { verdict: null, label: "Nog niet bepaald", reason: "Beantwoord de vragen.", from: null },
  phases: [
    {
      id: "vooraf",
      title: "Vooraf",
      locked_by: null,
      items: [
        { id: "vooraf.live", text: "Live meekijken nagevraagd", help: null, blocking: true, evidence: false, locked: false, tick: null, from: null },
      ],
    },
    {
      id: "apparatuur",
      title: "Apparatuur",
      locked_by: "Eerst afronden in een eerdere fase: Live meekijken nagevraagd",
      items: [
        {
          id: "apparatuur.getest",
          text: "Apparatuur getest",
          help: null,
          blocking: true,
          evidence: false,
          locked: true,
          tick: null,
          from: { kind: "advice", label: "Advies van Opnamewijs", detail: "omdat het kan" },
        },
      ],
    },
  ],
  deadlines: [
    {
      id: "apparatuur_getest",
      title: "Apparatuur uitproberen",
      help: null,
      due: "2026-11-23T22:59:59Z",
      status: "due_today",
      when: "uiterlijk ma 23 nov. 2026 23:59",
      status_label: "Vandaag",
      needs_date: false,
      from: null,
      grace: null,
      note: null,
      can_keep: false,
    },
    {
      id: "na_feedback",
      title: "Alle kopieën verwijderen na de feedback",
      help: null,
      due: "2026-11-26T22:59:59Z",
      status: "do_now",
      when: "nu doen",
      status_label: "Nu doen",
      needs_date: false,
      from: { kind: "source", label: "HU-checklist › Verwijderen opname na feedback", detail: null },
      grace: "De regel zegt direct: doe het nu.",
      note: null,
      can_keep: true,
    },
  ],
  events: [{ kind: "recorded", label: "Opgenomen", logged: null }],
  copies: [],
  shares: [],
  share_roles: [],
  share_channels: [],
  incident_types: [{ id: "apparaat_kwijt", title: "Apparaat kwijt", advice: "Dit is een datalek.", from: null }],
  incidents: [],
  feedback: null,
  feedback_requests: [],
  for_assessment: false,
  today: "2026-11-23",
  closed: false,
  copy_kinds: [
    { id: "laptop", text: "laptop" },
    { id: "usb_stick", text: "USB-stick" },
    { id: "other", text: "andere plek" },
  ],
  tasks: [],
  school: null,
  school_rules: [],
  known_schools: [],
  keeps: [],
};

export const desk: DeskView = {
  fingerprint: "AB12 CD34 EF56 7890",
  today: "2026-12-10",
  requests: [
    {
      id: "q1",
      title: "Rekenles 3B",
      student: "Sam de Vries",
      pack: "HU lerarenopleiding 1.0.0",
      recorded_on: "di 24 nov. 2026",
      recorded_on_iso: "2026-11-24",
      feedback_due: "di 8 dec. 2026",
      received_at: "do 10 dec. 2026 09:00",
      confirmed: null,
      late: "Te laat: feedback werd uiterlijk verwacht op di 8 dec. 2026.",
      reminder: null,
    },
  ],
};

export const receiptPreview: ReceiptPreviewView = {
  recording: "r1",
  title: "Rekenles 3B",
  mentor: "Ayşe Yılmaz (werkplekbegeleider)",
  feedback_on: "do 26 nov. 2026",
  fingerprint: "AB12 CD34 EF56 7890",
  key_kind: "new",
  key_note: "Dit is het eerste ontvangstbewijs van Ayşe Yılmaz in deze Opnamewijs.",
  needs_comparison: true,
  signed_dates: "Je begeleider zag en ondertekende: opgenomen op di 24 nov. 2026, feedback verwacht uiterlijk di 8 dec. 2026",
  late: null,
};

export const assessment: AssessmentView = {
  chosen: [
    {
      id: "r1",
      title: "Rekenles 3B",
      planned_for: "di 24 nov. 2026",
      checks: [
        { label: "Staat op de veilige opslaglocatie", ok: true, hint: null },
        { label: "Geen opnamen of links in je portfolio", ok: false, hint: "Controleer je portfolio." },
      ],
      ready: false,
      deadline: null,
      closed: false,
    },
  ],
  candidates: [{ id: "r2", title: "Taalles 4A", planned_for: "wo 25 nov. 2026" }],
  portfolio_checked: null,
  ready: false,
  passed: null,
  not_passed: null,
  today: "2027-01-20",
};

/** A receipt the system opened with the app, waiting for the user. */
export const openedReceipt: OpenedFileView = {
  id: 0,
  name: "Rekenles 3B.opnamewijs-bewijs",
  kind: "receipt",
  what: "Ontvangstbewijs van Ayşe Yılmaz (werkplekbegeleider) voor \u201cRekenles 3B\u201d: feedback gegeven op do 26 nov. 2026.",
  effect: "Inlezen controleert de handtekening en toont de vingerafdruk van de sleutel van je begeleider.",
  action: "Ontvangstbewijs controleren",
  blocked: null,
  needs_passphrase: false,
};

export function fakeBackend(
  opts: { fail?: { code: string; message: string }; mode?: "student" | "mentor"; opened?: OpenedFileView[] } = {},
) {
  const opened = opts.opened ?? [];
  const calls: string[] = [];
  const status = (): AppStatus => ({
    data_dir: "/tmp/x",
    profile: { name: "Student", lang: "nl", mode: opts.mode ?? "student" },
    packs: [{ id: "hu-stage-opnamen", version: "1.0.0", title: "HU", source: "HU-checklist", scope: null, origin: "ingebouwd in Opnamewijs", from_file: false }],
    pack_errors: [],
    journal: { entries: 3, checking: false, head_hash: "ab".repeat(32), recovered: null },
  });
  /** A change's answer, as the core gives it: the value, the status, no row of the list changed. */
  const acted = <T>(value: T): Acted<T> => ({ value, status: status(), list: { kind: "rows", rows: [] } });
  const answer = async (name: string): Promise<Acted<RecordingView>> => {
    calls.push(name);
    if (opts.fail) throw new IpcError(opts.fail);
    return acted(view);
  };
  const backend: Backend = {
    appStatus: async () => status(),
    unlock: async () => {
      throw new Error("not used");
    },
    importLegacy: async () => {
      calls.push("importLegacy");
      return acted(status());
    },
    acceptOlderJournal: async () => {
      calls.push("acceptOlderJournal");
      return acted(status());
    },
    setProfile: async () => {
      throw new Error("not used");
    },
    listRecordings: async () => [],
    getRecording: async () => (await answer("getRecording")).value,
    createRecording: () => answer("createRecording"),
    answerQuestion: () => answer("answerQuestion"),
    setItem: () => answer("setItem"),
    logEvent: () => answer("logEvent"),
    confirmFeedback: () => answer("confirmFeedback"),
    chooseDate: () => answer("chooseDate"),
    keepSecureCopy: () => answer("keepSecureCopy"),
    setSchool: () => answer("setSchool"),
    addCopy: () => answer("addCopy"),
    reportForbiddenShare: () => answer("reportForbiddenShare"),
    copyTasks: () => answer("copyTasks"),
    taskDone: () => answer("taskDone"),
    logShare: () => answer("logShare"),
    confirmDeletion: () => answer("confirmDeletion"),
    logIncident: () => answer("logIncident"),
    incidentClockDone: () => answer("incidentClockDone"),
    exportBackup: async () => null,
    importBackup: async () => null,
    exportCalendar: async () => null,
    closeWindow: async () => {
      calls.push("closeWindow");
    },
    eraseAll: async () => ({
      data_dir: "/tmp/x",
      verified_empty: true,
      removed: [
        { what: "Je gegevens: het versleutelde dagboek en de bestanden die erbij horen (4 bestanden)", place: "/tmp/x" },
        { what: "De sleutel van je gegevens in de sleutelbos", place: "nl.opnamewijs.app/vault-0123" },
      ],
    }),
    exportFeedbackRequest: async () => null,
    previewFeedbackReceipt: async () => {
      calls.push("previewFeedbackReceipt");
      return receiptPreview;
    },
    acceptFeedbackReceipt: async (input) => {
      calls.push(`acceptFeedbackReceipt:${input.fingerprint}:${input.compared}`);
      return acted(view);
    },
    importFeedbackRequest: async () => null,
    exportFeedbackReceipt: async () => null,
    confirmRequest: async (input) => {
      calls.push(`confirmRequest:${input.request}:${input.on}:${input.role}`);
      return acted(desk);
    },
    getDesk: async () => desk,
    getAssessment: async () => assessment,
    selectForAssessment: async (input) => {
      calls.push(`select:${input.recording}:${input.selected}`);
      return acted(assessment);
    },
    checkPortfolio: async (done) => {
      calls.push(`portfolio:${done}`);
      return acted(assessment);
    },
    assessmentPassed: async () => acted(assessment),
    assessmentNotPassed: async () => acted(assessment),
    exportDossier: async () => null,
    checkDossier: async () => {
      calls.push("checkDossier");
      return {
        valid: true,
        summary: "Dit dossier klopt: de afgedrukte tekst is die van het manifest, en de handtekening klopt van 1 ontvangstbewijs(en).",
        student: "Łukasz Şahin-Nguyễn",
        made: "di 1 dec. 2026 09:00 · Opnamewijs 0.1.0",
        journal: "42 items",
        head_hash: "ab".repeat(32),
        proven: [
          {
            attachment: "bewijs-1.opnamewijs-bewijs",
            recording: "Rekenles 3B",
            signed: true,
            mentor: "Ayşe Yılmaz (werkplekbegeleider)",
            what: "feedback gegeven op do 26 nov. 2026",
            fingerprint: "AB12 CD34 EF56 7890",
            compared: "vingerafdruk door de student vergeleken met het scherm van de begeleider op do 26 nov. 2026 16:00",
          },
        ],
        statements: [{ recording: "Rekenles 3B", lines: ["Kopie Telefoon: verwijderd door Łukasz Şahin-Nguyễn"] }],
        problems: [],
        explanation: "Bewezen is alleen wat een begeleider ondertekende.",
      };
    },
    exportSchoolStatement: async () => null,
    exportLessonDay: async (recording) => {
      calls.push(`exportLessonDay:${recording}`);
      return { path: "/home/student/lesdag.pdf" };
    },
    finderSuggestions: async () => [{ id: 0, path: "/home/student/Downloads" }],
    findLeftovers: async () => {
      calls.push("findLeftovers");
      return {
        hits: [{ id: 0, name: "IMG_0042.MOV", folder: "/home/student/Downloads", size: "4,2 MB", time: "di 24 nov. 2026 14:00", recordings: [["r1", "Rekenles 3B"]] }],
        summary: "3 bestanden en mappen bekeken",
      };
    },
    finderProgress: async () => 0,
    cancelFinder: async () => {},
    linkFoundFile: () => answer("linkFoundFile"),
    verifyAbsent: () => answer("verifyAbsent"),
    appLanguage: async () => "nl" as const,
    openedFiles: async () => opened,
    importOpened: async (id) => {
      calls.push(`importOpened:${id}`);
      return acted({ kind: "receipt" as const, preview: receiptPreview });
    },
    dismissOpened: async (id) => {
      calls.push(`dismissOpened:${id}`);
    },
    firstScreen: async () => {},
    uiReady: async () => {},
  };
  return { backend, calls };
}
