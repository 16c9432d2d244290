// The one place the UI talks to the Rust core. Components receive a `Backend`; tests inject a fake.
import { invoke } from "@tauri-apps/api/core";
import type { Acted } from "./bindings/Acted";
import type { ListChange } from "./bindings/ListChange";
import type { AnswerQuestion } from "./bindings/AnswerQuestion";
import type { AppStatus } from "./bindings/AppStatus";
import type { BackupReport } from "./bindings/BackupReport";
import type { CalendarReport } from "./bindings/CalendarReport";
import type { EraseReport } from "./bindings/EraseReport";
import type { ChooseDate } from "./bindings/ChooseDate";
import type { ClockDone } from "./bindings/ClockDone";
import type { ConfirmDeletion } from "./bindings/ConfirmDeletion";
import type { ConfirmFeedback } from "./bindings/ConfirmFeedback";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { LogEvent } from "./bindings/LogEvent";
import type { LogIncident } from "./bindings/LogIncident";
import type { LogShare } from "./bindings/LogShare";
import type { NewRecording } from "./bindings/NewRecording";
import type { Profile } from "./bindings/Profile";
import type { Lang } from "./bindings/Lang";
import type { RecordingSummary } from "./bindings/RecordingSummary";
import type { RecordingView } from "./bindings/RecordingView";
import type { SetItem } from "./bindings/SetItem";
import type { KeepSecureCopy } from "./bindings/KeepSecureCopy";
import type { SetSchool } from "./bindings/SetSchool";
import type { AddCopy } from "./bindings/AddCopy";
import type { ReportShare } from "./bindings/ReportShare";
import type { CopyTasks } from "./bindings/CopyTasks";
import type { TaskDoneInput } from "./bindings/TaskDoneInput";
import type { AssessmentNotPassed } from "./bindings/AssessmentNotPassed";
import type { FinderView } from "./bindings/FinderView";
import type { SuggestedFolder } from "./bindings/SuggestedFolder";
import type { VerifyAbsent } from "./bindings/VerifyAbsent";
import type { AssessmentPassed } from "./bindings/AssessmentPassed";
import type { AssessmentView } from "./bindings/AssessmentView";
import type { ConfirmRequest } from "./bindings/ConfirmRequest";
import type { DeskView } from "./bindings/DeskView";
import type { AcceptReceipt } from "./bindings/AcceptReceipt";
import type { ReceiptPreviewView } from "./bindings/ReceiptPreviewView";
import type { FileReport } from "./bindings/FileReport";
import type { DossierReport } from "./bindings/DossierReport";
import type { DossierCheckView } from "./bindings/DossierCheckView";
import type { SelectForAssessment } from "./bindings/SelectForAssessment";
import type { OpenedFileView } from "./bindings/OpenedFileView";
import type { OpenedImport } from "./bindings/OpenedImport";

export type * from "./types";

/**
 * Every operation the core offers the UI. A change answers with `Acted<T>`: its own result and the
 * dashboard after it, so one round trip updates the whole screen; reads and exports answer plainly.
 */
export interface Backend {
  appStatus(): Promise<AppStatus>;
  unlock(passphrase: string): Promise<Acted<AppStatus>>;
  /** The user's yes to importing the old, unprotected file the open stopped for. */
  importLegacy(): Promise<Acted<AppStatus>>;
  /** The user goes on with the journal that is behind its rollback anchor (or gone). */
  acceptOlderJournal(): Promise<Acted<AppStatus>>;
  setProfile(input: Profile): Promise<Acted<AppStatus>>;
  listRecordings(): Promise<RecordingSummary[]>;
  getRecording(id: string): Promise<RecordingView>;
  createRecording(input: NewRecording): Promise<Acted<RecordingView>>;
  answerQuestion(input: AnswerQuestion): Promise<Acted<RecordingView>>;
  setItem(input: SetItem): Promise<Acted<RecordingView>>;
  logEvent(input: LogEvent): Promise<Acted<RecordingView>>;
  confirmFeedback(input: ConfirmFeedback): Promise<Acted<RecordingView>>;
  chooseDate(input: ChooseDate): Promise<Acted<RecordingView>>;
  keepSecureCopy(input: KeepSecureCopy): Promise<Acted<RecordingView>>;
  setSchool(input: SetSchool): Promise<Acted<RecordingView>>;
  addCopy(input: AddCopy): Promise<Acted<RecordingView>>;
  reportForbiddenShare(input: ReportShare): Promise<Acted<RecordingView>>;
  copyTasks(input: CopyTasks): Promise<Acted<RecordingView>>;
  taskDone(input: TaskDoneInput): Promise<Acted<RecordingView>>;
  logShare(input: LogShare): Promise<Acted<RecordingView>>;
  confirmDeletion(input: ConfirmDeletion): Promise<Acted<RecordingView>>;
  logIncident(input: LogIncident): Promise<Acted<RecordingView>>;
  incidentClockDone(input: ClockDone): Promise<Acted<RecordingView>>;
  /** `path: null` opens a save dialog; `null` comes back when it was cancelled. */
  exportBackup(path: string | null, passphrase: string): Promise<BackupReport | null>;
  /** `path: null` opens a file dialog; `null` comes back when it was cancelled. */
  importBackup(path: string | null, passphrase: string): Promise<Acted<AppStatus> | null>;
  eraseAll(): Promise<EraseReport>;
  /** Closes the window as its close button does, which ends the app (offered after erasing). */
  closeWindow(): Promise<void>;
  /** `path: null` opens a save dialog; `null` comes back when it was cancelled. */
  exportCalendar(path: string | null): Promise<CalendarReport | null>;
  /** Student: a feedback request file for the mentor's installation (`path: null` = dialog). */
  exportFeedbackRequest(recording: string, path: string | null): Promise<Acted<RecordingView> | null>;
  /** Student: reads and checks a mentor's receipt, changing nothing yet (`path: null` = dialog). */
  previewFeedbackReceipt(path: string | null): Promise<ReceiptPreviewView | null>;
  /** Student: accepts the receipt read last, once its key's fingerprint was compared if needed. */
  acceptFeedbackReceipt(input: AcceptReceipt): Promise<Acted<RecordingView>>;
  /** Mentor: reads a student's request onto the desk (`path: null` = dialog). */
  importFeedbackRequest(path: string | null): Promise<Acted<DeskView> | null>;
  /** Mentor: saves the signed receipt of a confirmed request (`path: null` = dialog). */
  exportFeedbackReceipt(request: string, path: string | null): Promise<FileReport | null>;
  confirmRequest(input: ConfirmRequest): Promise<Acted<DeskView>>;
  getDesk(): Promise<DeskView>;
  getAssessment(): Promise<AssessmentView>;
  selectForAssessment(input: SelectForAssessment): Promise<Acted<AssessmentView>>;
  checkPortfolio(done: boolean): Promise<Acted<AssessmentView>>;
  assessmentPassed(input: AssessmentPassed): Promise<Acted<AssessmentView>>;
  assessmentNotPassed(input: AssessmentNotPassed): Promise<Acted<AssessmentView>>;
  /** The dossier PDF for the assessors (`path: null` = dialog). */
  exportDossier(path: string | null): Promise<DossierReport | null>;
  /** Checks any dossier PDF: its receipts' signatures and its manifest (`path: null` = dialog). */
  checkDossier(path: string | null): Promise<DossierCheckView | null>;
  /** `path: null` opens a save dialog; `null` comes back when it was cancelled. */
  exportSchoolStatement(school: string, path: string | null): Promise<FileReport | null>;
  /** The one-page lesson-day sheet of a recording: its checklist and deadlines, no pupil data. */
  exportLessonDay(recording: string, path: string | null): Promise<FileReport | null>;
  finderSuggestions(): Promise<SuggestedFolder[]>;
  /** Scans suggested folders by id and, with `choose`, folders picked in a dialog (`null`: cancelled). */
  findLeftovers(suggested: number[], choose: boolean, folders?: string[]): Promise<FinderView | null>;
  finderProgress(): Promise<number>;
  cancelFinder(): Promise<void>;
  linkFoundFile(recording: string, hit: number): Promise<Acted<RecordingView>>;
  verifyAbsent(input: VerifyAbsent): Promise<Acted<RecordingView>>;
  /** The language of the screens shown while no workspace is open (passphrase, decisions, errors). */
  appLanguage(): Promise<Lang>;
  /** Files the system opened with the app (a double-click, a second start) that wait for the user. */
  openedFiles(): Promise<OpenedFileView[]>;
  /** Imports an opened file as its kind asks; `passphrase` is used only for a backup. */
  importOpened(id: number, passphrase: string): Promise<Acted<OpenedImport>>;
  /** Puts an opened file aside without importing it. */
  dismissOpened(id: number): Promise<void>;
  /** Tells the shell the first screen is in place, so it shows the window (which starts hidden). */
  firstScreen(): Promise<void>;
  /**
   * Tells the shell the first screen was painted, with the moments of the start in ms since the
   * page's time origin (`origin`: that origin in ms since the epoch) for the start-up benchmark.
   */
  uiReady(marks: Record<string, number>): Promise<void>;
}

/** An error from the core: a stable code and a Dutch sentence. */
export class IpcError extends Error {
  readonly code: string;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = "IpcError";
    this.code = payload.code;
  }
}

function isPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorPayload).code === "string" &&
    typeof (value as ErrorPayload).message === "string"
  );
}

/** Normalises whatever a failed call threw into an `IpcError`. */
export function toIpcError(err: unknown): IpcError {
  if (err instanceof IpcError) return err;
  if (isPayload(err)) return new IpcError(err);
  const detail = err instanceof Error ? err.message : String(err);
  return new IpcError({
    code: "ipc.failed",
    message: `Opnamewijs kon deze actie niet uitvoeren (${detail}). Probeer het opnieuw.`,
  });
}

type Invoke = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;

/** A backend over any invoke function (the real one, or a fake in tests). */
export function backendOver(call: Invoke): Backend {
  const run = async <T>(command: string, args?: Record<string, unknown>): Promise<T> => {
    try {
      return await call<T>(command, args);
    } catch (err) {
      throw toIpcError(err);
    }
  };
  return {
    appStatus: () => run("app_status"),
    unlock: (passphrase) => run("unlock", { passphrase }),
    importLegacy: () => run("import_legacy"),
    acceptOlderJournal: () => run("accept_older_journal"),
    setProfile: (input) => run("set_profile", { input }),
    listRecordings: () => run("list_recordings"),
    getRecording: (id) => run("get_recording", { id }),
    createRecording: (input) => run("create_recording", { input }),
    answerQuestion: (input) => run("answer_question", { input }),
    setItem: (input) => run("set_item", { input }),
    logEvent: (input) => run("log_event", { input }),
    confirmFeedback: (input) => run("confirm_feedback", { input }),
    chooseDate: (input) => run("choose_date", { input }),
    keepSecureCopy: (input) => run("keep_secure_copy", { input }),
    setSchool: (input) => run("set_school", { input }),
    addCopy: (input) => run("add_copy", { input }),
    reportForbiddenShare: (input) => run("report_forbidden_share", { input }),
    copyTasks: (input) => run("copy_tasks", { input }),
    taskDone: (input) => run("task_done", { input }),
    logShare: (input) => run("log_share", { input }),
    confirmDeletion: (input) => run("confirm_deletion", { input }),
    logIncident: (input) => run("log_incident", { input }),
    incidentClockDone: (input) => run("incident_clock_done", { input }),
    exportBackup: (path, passphrase) => run("export_backup", { path, passphrase }),
    importBackup: (path, passphrase) => run("import_backup", { path, passphrase }),
    eraseAll: () => run("erase_all"),
    closeWindow: () => run("close_window"),
    exportCalendar: (path) => run("export_calendar", { path }),
    exportFeedbackRequest: (recording, path) => run("export_feedback_request", { recording, path }),
    previewFeedbackReceipt: (path) => run("preview_feedback_receipt", { path }),
    acceptFeedbackReceipt: (input) => run("accept_feedback_receipt", { input }),
    importFeedbackRequest: (path) => run("import_feedback_request", { path }),
    exportFeedbackReceipt: (request, path) => run("export_feedback_receipt", { request, path }),
    confirmRequest: (input) => run("confirm_request", { input }),
    getDesk: () => run("get_desk"),
    getAssessment: () => run("get_assessment"),
    selectForAssessment: (input) => run("select_for_assessment", { input }),
    checkPortfolio: (done) => run("check_portfolio", { done }),
    assessmentPassed: (input) => run("assessment_passed", { input }),
    assessmentNotPassed: (input) => run("assessment_not_passed", { input }),
    exportDossier: (path) => run("export_dossier", { path }),
    checkDossier: (path) => run("check_dossier", { path }),
    exportSchoolStatement: (school, path) => run("export_school_statement", { school, path }),
    exportLessonDay: (recording, path) => run("export_lesson_day", { recording, path }),
    finderSuggestions: () => run("finder_suggestions"),
    findLeftovers: (suggested, choose, folders) => run("find_leftovers", { suggested, choose, folders: folders ?? null }),
    finderProgress: () => run("finder_progress"),
    cancelFinder: () => run("cancel_finder"),
    linkFoundFile: (recording, hit) => run("link_found_file", { recording, hit }),
    verifyAbsent: (input) => run("verify_absent", { input }),
    appLanguage: () => run("app_language"),
    openedFiles: () => run("opened_files"),
    importOpened: (id, passphrase) => run("import_opened", { id, passphrase }),
    dismissOpened: (id) => run("dismiss_opened", { id }),
    firstScreen: () => run("first_screen"),
    uiReady: (marks) => run("ui_ready", { marks }),
  };
}

/**
 * The dashboard's list after a change: the whole list, or the rows the change touched put back at
 * the places the core gives them (the core decides the order; this only applies it).
 */
export function applyListChange(list: RecordingSummary[], change: ListChange): RecordingSummary[] {
  if (change.kind === "all") return change.recordings;
  if (change.rows.length === 0) return list;
  const changed = new Set(change.rows.map((row) => row.summary.id));
  const next = list.filter((r) => !changed.has(r.id));
  for (const row of [...change.rows].sort((a, b) => a.index - b.index)) next.splice(row.index, 0, row.summary);
  return next;
}

/** The backend of the running desktop app. */
export function tauriBackend(): Backend {
  return backendOver(invoke);
}
