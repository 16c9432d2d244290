// Fixed interface words. Everything about rules, verdicts and deadlines arrives worded by the core.
import type { Lang } from "../ipc";

const words = {
  appTagline: { nl: "Privacy bij lesopnamen op je stageschool", en: "Privacy for lesson recordings at your internship school" },
  newRecording: { nl: "Nieuwe opname", en: "New recording" },
  recordings: { nl: "Opnamen", en: "Recordings" },
  noRecordings: { nl: "Nog geen opnamen. Plan je eerste opname om de checklist te starten.", en: "No recordings yet. Plan your first recording to start the checklist." },
  title: { nl: "Titel", en: "Title" },
  titleHint: { nl: "Bijvoorbeeld: Rekenles 3B, nabespreken met begeleider", en: "For example: Maths lesson 3B, discuss with mentor" },
  plannedFor: { nl: "Datum van de les", en: "Date of the lesson" },
  pack: { nl: "Beleid", en: "Policy" },
  create: { nl: "Opname plannen", en: "Plan recording" },
  cancel: { nl: "Annuleren", en: "Cancel" },
  questions: { nl: "Vragen vooraf", en: "Questions first" },
  verdict: { nl: "Oordeel", en: "Verdict" },
  deadlines: { nl: "Termijnen", en: "Deadlines" },
  noDeadlines: { nl: "Nog geen termijnen.", en: "No deadlines yet." },
  events: { nl: "Wat is er gebeurd?", en: "What happened?" },
  logNow: { nl: "Vastleggen", en: "Log" },
  checklist: { nl: "Checklist", en: "Checklist" },
  blocking: { nl: "verplicht vóór de volgende fase", en: "required before the next phase" },
  tickedBy: { nl: "afgevinkt door", en: "ticked by" },
  note: { nl: "Notitie (optioneel)", en: "Note (optional)" },
  chooseDate: { nl: "Datum opslaan", en: "Save date" },
  next: { nl: "Volgende", en: "Next" },
  overdue: { nl: "te laat", en: "overdue" },
  items: { nl: "items", en: "items" },
  closed: { nl: "Afgerond: alle kopieën verwijderd", en: "Closed: every copy deleted" },
  pinned: { nl: "getoetst aan", en: "checked against" },
  dismiss: { nl: "Sluiten", en: "Close" },
  packErrors: { nl: "Niet alle beleidspakketten konden worden geladen:", en: "Not every policy pack could be loaded:" },
  copies: { nl: "Kopieën", en: "Copies" },
  copiesHint: { nl: "De opname is pas afgerond als elke kopie aantoonbaar is verwijderd.", en: "The recording is only closed once every copy is provably deleted." },
  method: { nl: "Hoe verwijderd", en: "How deleted" },
  methodHint: { nl: "Hoe? Bijv. verwijderd en 'Recent verwijderd' geleegd", en: "How? E.g. deleted and emptied 'Recently deleted'" },
  confirmDeleted: { nl: "Verwijderd", en: "Deleted" },
  sharing: { nl: "Delen", en: "Sharing" },
  shareWith: { nl: "Met wie", en: "With whom" },
  shareHow: { nl: "Hoe", en: "How" },
  logShare: { nl: "Delen vastleggen", en: "Log share" },
  incidents: { nl: "Er ging iets mis", en: "Something went wrong" },
  incidentKind: { nl: "Kies wat er gebeurde", en: "Choose what happened" },
  incidentNote: { nl: "Korte toelichting, zonder namen van leerlingen", en: "Short note, without pupils' names" },
  reportIncident: { nl: "Incident vastleggen", en: "Log incident" },
  yourName: { nl: "Je naam (komt bij elke afvinking)", en: "Your name (recorded with each tick)" },
  language: { nl: "Taal", en: "Language" },
  save: { nl: "Opslaan", en: "Save" },
  profileHint: { nl: "Naam en taal wijzigen", en: "Change name and language" },
  selectHint: { nl: "Kies links een opname of plan een nieuwe.", en: "Pick a recording on the left or plan a new one." },
} as const;

export type Word = keyof typeof words;

export function t(lang: Lang, word: Word): string {
  return words[word][lang];
}
