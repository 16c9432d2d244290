// Re-exports of the types generated from Rust (ts-rs), so components import from "../ipc".
export type { Answer } from "./bindings/Answer";
export type { AppStatus } from "./bindings/AppStatus";
export type { DeadlineStatus } from "./bindings/DeadlineStatus";
export type { DeadlineView } from "./bindings/DeadlineView";
export type { ErrorPayload } from "./bindings/ErrorPayload";
export type { EventKind } from "./bindings/EventKind";
export type { EventView } from "./bindings/EventView";
export type { ItemView } from "./bindings/ItemView";
export type { Lang } from "./bindings/Lang";
export type { PackSummary } from "./bindings/PackSummary";
export type { PhaseView } from "./bindings/PhaseView";
export type { Profile } from "./bindings/Profile";
export type { QuestionView } from "./bindings/QuestionView";
export type { RecordingSummary } from "./bindings/RecordingSummary";
export type { RecordingView } from "./bindings/RecordingView";
export type { Verdict } from "./bindings/Verdict";
export type { VerdictView } from "./bindings/VerdictView";
