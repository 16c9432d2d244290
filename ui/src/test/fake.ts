// A fake backend for component tests: canned views, records calls, can be told to fail.
import type { Backend, RecordingView } from "../ipc";
import { IpcError } from "../ipc";

export const view: RecordingView = {
  id: "r1",
  title: "Rekenles 3B",
  planned_for: "2026-11-24",
  planned_for_label: "di 24 nov. 2026",
  pack: { id: "hu-stage-opnamen", version: "1.0.0" },
  pack_title: "HU lerarenopleiding: opnamen op de leerwerkplek",
  questions: [
    {
      id: "mentor_live",
      text: "Kan je begeleider live meekijken?",
      help: null,
      input: { type: "yes_no", yes: "Ja", no: "Nee" },
      answer: null,
    },
  ],
  verdict: { verdict: null, label: "Nog niet bepaald", reason: "Beantwoord de vragen." },
  phases: [
    {
      id: "vooraf",
      title: "Vooraf",
      locked_by: null,
      items: [
        { id: "vooraf.live", text: "Live meekijken nagevraagd", help: null, blocking: true, evidence: false, locked: false, tick: null },
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
    },
  ],
  events: [{ kind: "recorded", label: "Opgenomen", logged: null }],
  copies: [],
  shares: [],
  share_roles: [],
  share_channels: [],
  incident_types: [{ id: "apparaat_kwijt", title: "Apparaat kwijt", advice: "Dit is een datalek." }],
  incidents: [],
  feedback: null,
  today: "2026-11-23",
  closed: false,
};

export function fakeBackend(opts: { fail?: { code: string; message: string } } = {}) {
  const calls: string[] = [];
  const answer = async (name: string): Promise<RecordingView> => {
    calls.push(name);
    if (opts.fail) throw new IpcError(opts.fail);
    return view;
  };
  const backend: Backend = {
    appStatus: async () => ({
      data_dir: "/tmp/x",
      profile: { name: "Student", lang: "nl" },
      packs: [{ id: "hu-stage-opnamen", version: "1.0.0", title: "HU", source: "HU-checklist" }],
      pack_errors: [],
      journal: { entries: 3, head_hash: "ab".repeat(32), recovered: null },
    }),
    unlock: async () => {
      throw new Error("not used");
    },
    setProfile: async () => {
      throw new Error("not used");
    },
    listRecordings: async () => [],
    getRecording: () => answer("getRecording"),
    createRecording: () => answer("createRecording"),
    answerQuestion: () => answer("answerQuestion"),
    setItem: () => answer("setItem"),
    logEvent: () => answer("logEvent"),
    confirmFeedback: () => answer("confirmFeedback"),
    chooseDate: () => answer("chooseDate"),
    logShare: () => answer("logShare"),
    confirmDeletion: () => answer("confirmDeletion"),
    logIncident: () => answer("logIncident"),
    incidentClockDone: () => answer("incidentClockDone"),
    exportBackup: async () => null,
    importBackup: async () => null,
    exportCalendar: async () => null,
    eraseAll: async () => ({ data_dir: "/tmp/x", verified_empty: true }),
  };
  return { backend, calls };
}
