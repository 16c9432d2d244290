//! The policy-pack format: what an institute's rules look like as data.
//!
//! A pack is one JSON file in `assets/policies/` (schema: `assets/policies/schema.json`). Field
//! names are the JSON names; every struct rejects unknown fields so a typo is an error, not a rule
//! that silently never fires.

use super::condition::Condition;
use crate::recording::{Channel, CopyKind, EventKind, Role};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The pack format this build writes and documents. Format 2 names the source of every rule
/// ([`Provenance`]); format 1 packs (the versions recordings made before it are pinned to) are
/// still read.
pub const FORMAT: u32 = 2;

/// The oldest pack format this build reads.
pub const OLDEST_FORMAT: u32 = 1;

/// One institute's rules for one kind of recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyPack {
    /// Editor hint pointing at the JSON Schema; ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Pack format version; must equal [`FORMAT`].
    pub format: u32,
    /// Stable identifier, e.g. `hu-stage-opnamen`. Recordings are pinned to it.
    pub id: String,
    /// Version of the pack's content, e.g. `1.0.0`. Recordings are pinned to it as well.
    pub version: String,
    /// Name shown when choosing a pack.
    pub title: Text,
    /// Which document the rules come from.
    pub source: Text,
    /// The source document's short name, used before a section's name ("HU-checklist ›
    /// Opslaan"). Required from format 2.
    // Missing in a format 1 pack (serde reads a missing `Option` as `None`); the schema of the
    // current format requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(required)]
    pub source_name: Option<Text>,
    /// What the document is and for whom it was written (e.g. an interim rule for lecturers),
    /// shown in the pack picker and on the dossier. Required from format 2.
    // Missing in a format 1 pack (serde reads a missing `Option` as `None`); the schema of the
    // current format requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(required)]
    pub scope: Option<Text>,
    /// Ordered phases of the checklist.
    pub phases: Vec<Phase>,
    /// Questions asked when a recording is planned.
    pub questions: Vec<Question>,
    /// Verdict rules, evaluated top to bottom; the first match decides. The last has no `when`.
    pub verdict_rules: Vec<VerdictRule>,
    /// Checklist items.
    pub items: Vec<Item>,
    /// Deadline rules.
    #[serde(default)]
    pub deadlines: Vec<DeadlineRule>,
    /// Copies a recording gets the moment it is recorded.
    #[serde(default)]
    pub copies: Vec<CopyRule>,
    /// Who may see the recording.
    pub audience: Vec<Role>,
    /// Channels over which the recording must never travel.
    #[serde(default)]
    pub forbidden_channels: Vec<ForbiddenChannel>,
    /// Incident types with advice and clocks.
    #[serde(default)]
    pub incidents: Vec<IncidentType>,
    /// Which Dutch holidays count when deadlines are in working days.
    #[serde(default)]
    pub calendar: CalendarRules,
    /// How an internship school's own rules apply to this pack's answers, if they can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_overlay: Option<SchoolOverlay>,
    /// Where this pack came from (set when it is loaded; not part of the file).
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: PackOrigin,
    /// Lookup tables worked out from the pack when first needed; not part of the file.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) derived: Derived,
}

/// Where a pack came from, shown wherever the pack is: a user must be able to tell the rules the
/// app ships from a file someone put in the data folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PackOrigin {
    /// Built into the app (`assets/policies/`).
    #[default]
    Embedded,
    /// A file in `<data dir>/policies/`, by its name.
    File(String),
}

impl PolicyPack {
    /// The positions of the questions, sorted by id: lets a recording's answers (kept sorted by
    /// id) be matched to their questions in one pass.
    pub(crate) fn questions_by_id(&self) -> &[usize] {
        self.derived.questions_by_id.get_or_init(|| {
            let mut order: Vec<usize> = (0..self.questions.len()).collect();
            order.sort_by(|&a, &b| self.questions[a].id.cmp(&self.questions[b].id));
            order
        })
    }

    /// The positions of the questions with every question after the ones its `asked_when` names,
    /// so one pass in this order decides them all; `None` if the conditions form a cycle (a
    /// validated pack has none).
    pub(crate) fn questions_in_dependency_order(&self) -> Option<&[usize]> {
        self.derived
            .questions_in_dependency_order
            .get_or_init(|| {
                let position = |id: &str| self.questions.iter().position(|q| q.id == id);
                let depends_on: Vec<Vec<usize>> = self
                    .questions
                    .iter()
                    .map(|q| {
                        let mut named = Vec::new();
                        if let Some(cond) = &q.asked_when {
                            cond.comparisons(&mut named);
                        }
                        named.iter().filter_map(|(id, _)| position(id)).collect()
                    })
                    .collect();
                // Depth-first, each question after its dependencies; 1 = being visited.
                let mut state = vec![0u8; self.questions.len()];
                let mut order = Vec::with_capacity(self.questions.len());
                fn visit(
                    q: usize,
                    deps: &[Vec<usize>],
                    state: &mut [u8],
                    order: &mut Vec<usize>,
                ) -> bool {
                    match state[q] {
                        2 => return true,
                        1 => return false,
                        _ => {}
                    }
                    state[q] = 1;
                    for &d in &deps[q] {
                        if !visit(d, deps, state, order) {
                            return false;
                        }
                    }
                    state[q] = 2;
                    order.push(q);
                    true
                }
                (0..self.questions.len())
                    .all(|q| visit(q, &depends_on, &mut state, &mut order))
                    .then_some(order)
            })
            .as_deref()
    }
}

/// Tables derived from a pack's content. They hold nothing of their own, so any two are equal.
#[derive(Clone, Default)]
pub(crate) struct Derived {
    questions_by_id: std::sync::OnceLock<Vec<usize>>,
    questions_in_dependency_order: std::sync::OnceLock<Option<Vec<usize>>>,
}

impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Derived {}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Derived")
    }
}

/// A phase of the checklist, e.g. "Vooraf" or "Opslaan".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Identifier referenced by items.
    pub id: String,
    /// Heading.
    pub title: Text,
}

/// A question asked when planning a recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Identifier referenced by conditions.
    pub id: String,
    /// The question.
    pub text: Text,
    /// Why it is asked or how to answer it.
    #[serde(default)]
    pub help: Option<Text>,
    /// The kind of answer: `"yes_no"`, `{"choice": [options]}` or `{"count": max}`.
    pub answer: AnswerKind,
    /// Only ask when this holds (and hide while it cannot be decided yet).
    #[serde(default)]
    pub asked_when: Option<Condition>,
    /// The answer assumed until the user gives one (e.g. "request not sent yet").
    #[serde(default)]
    pub default: Option<crate::recording::Answer>,
    /// Why the question is asked: the source section or advice it serves. Required from format 2.
    // Missing in a format 1 pack (serde reads a missing `Option` as `None`); the schema of the
    // current format requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(required)]
    pub from: Option<Provenance>,
}

/// The kinds of answer a question takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum AnswerKind {
    /// Yes or no.
    YesNo,
    /// One of a fixed list of options, in display order.
    Choice(Vec<ChoiceOption>),
    /// One or more of a fixed list of options (e.g. several purposes), in display order. A
    /// condition's `eq` holds when the chosen options include the value, `in` when they include
    /// any of the values.
    Choices(Vec<ChoiceOption>),
    /// A whole number from 0 to this maximum (e.g. pupils without consent). Counts, never names.
    Count(u32),
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// Value stored as the answer and used in conditions.
    pub id: String,
    /// Label.
    pub text: Text,
}

/// The outcome of the questions.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    ts_rs::TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Verdict {
    /// Recording is allowed.
    Allowed,
    /// Recording is allowed when the listed conditions are met.
    AllowedWithConditions,
    /// Only after the privacy officers approved it.
    NeedsOfficerApproval,
    /// Do not record.
    NotAllowed,
}

/// "When these answers, then this verdict, because…".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictRule {
    /// Identifier, used in tests and in the dossier.
    pub id: String,
    /// Condition on the answers; absent on the final catch-all rule.
    #[serde(default)]
    pub when: Option<Condition>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, in a sentence the student understands.
    pub reason: Text,
    /// Where the rule comes from. Required from format 2.
    // Missing in a format 1 pack (serde reads a missing `Option` as `None`); the schema of the
    // current format requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(required)]
    pub from: Option<Provenance>,
}

/// A checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Identifier, unique in the pack.
    pub id: String,
    /// Phase the item belongs to.
    pub phase: String,
    /// What to do.
    pub text: Text,
    /// How, or why.
    #[serde(default)]
    pub help: Option<Text>,
    /// Only part of the checklist when this holds.
    #[serde(default)]
    pub shown_when: Option<Condition>,
    /// Must be done before any item of a later phase can be ticked.
    #[serde(default)]
    pub blocking: bool,
    /// A short note may be kept with the tick (e.g. what was agreed).
    #[serde(default)]
    pub evidence: bool,
    /// Ticking the item also records this event (e.g. "stored securely").
    #[serde(default)]
    pub records_event: Option<EventKind>,
    /// Where the item comes from. Required from format 2.
    // Missing in a format 1 pack (serde reads a missing `Option` as `None`); the schema of the
    // current format requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(required)]
    pub from: Option<Provenance>,
}

/// A deadline the pack derives for a recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRule {
    /// Identifier, unique in the pack; also the stable part of calendar UIDs.
    pub id: String,
    /// What must be done by then.
    pub title: Text,
    /// Background.
    #[serde(default)]
    pub help: Option<Text>,
    /// Only when this holds.
    #[serde(default)]
    pub applies_when: Option<Condition>,
    /// When it falls due.
    pub due: Due,
    /// What marks it done.
    pub done_when: DoneWhen,
    /// A deadline due at the moment of its event ("direct", "meteen") is shown as "do it now"
    /// and only counts as overdue after this grace, which is the app's, not the source's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace: Option<Grace>,
    /// Where the deadline comes from (its timing included). Required from format 2.
    // Missing in a format 1 pack (serde reads a missing `Option` as `None`); the schema of the
    // current format requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(required)]
    pub from: Option<Provenance>,
}

/// The app's grace after a deadline that is due at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grace {
    /// Until when it is "do it now" rather than overdue.
    pub until: GraceEnd,
    /// A second reminder this long after the deadline fell due, while it is still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remind_again: Option<Offset>,
    /// Why the app gives this grace (always the app's own advice).
    pub from: Provenance,
}

/// Where a grace ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GraceEnd {
    /// The end of the (Dutch) day the deadline fell due on.
    EndOfDay,
}

/// Where a rule of a pack comes from. The rule is always stated in the pack's own words; this
/// says whose rule it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Provenance {
    /// A section of the pack's source document, by its name (e.g. "Opslaan").
    Section(Text),
    /// What Opnamewijs adds on its own account, with the reason. Never presented as the
    /// institute's rule.
    Advice(Text),
}

/// A soft limit on a chosen date: past it the user is told the app's advice, not refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdvisedMax {
    /// Days after the planned lesson date.
    pub days: u32,
    /// Whose advice, and why.
    pub from: Provenance,
}

/// How an internship school's own rules (entered by the student) bear on a pack: which answers
/// mean an own device, or a device other than the school's, and where the school's items go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchoolOverlay {
    /// True when the recording is made with the student's own device.
    pub own_device: Condition,
    /// True when the recording is made with equipment that is not the school's.
    pub not_school_device: Condition,
    /// The phase the school's consent and preparation items join.
    pub prepare_phase: String,
    /// The phase the school's storage item joins.
    pub store_phase: String,
}

/// When a deadline falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Due {
    /// A fixed offset after an event.
    AfterEvent {
        /// The event that starts the clock.
        event: EventKind,
        /// How long after it.
        offset: Offset,
    },
    /// A date the user must choose (e.g. "AVG has no fixed term but demands a concrete one").
    ChosenDate {
        /// What the user is asked.
        prompt: Text,
        /// The latest date that may be chosen, in days after planning (a hard limit: only for
        /// a limit the source sets).
        #[serde(default)]
        max_days: Option<u32>,
        /// A later date than this is allowed, with a warning that says whose advice it is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        advised_max: Option<AdvisedMax>,
        /// The date is only asked once this event happened (e.g. the answer that announces how
        /// long a review takes); until then the deadline waits for it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        asked_after: Option<EventKind>,
    },
}

/// An offset from an event. Days and working days end at 23:59:59 Dutch time on the day they land.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Offset {
    /// Exact hours after the event (elapsed time, so DST changes shift the wall clock).
    Hours(i32),
    /// Calendar days after the event's date; 0 = the same day.
    Days(i32),
    /// Working days (Monday–Friday, not a Dutch public holiday) after the event's date.
    WorkingDays(u32),
}

/// What completes a deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DoneWhen {
    /// This event was recorded.
    Event(EventKind),
    /// This checklist item was ticked.
    Item(String),
    /// Every copy of this kind has a deletion confirmation.
    CopyDeleted(CopyKind),
    /// Every copy of the recording has a deletion confirmation.
    AllCopiesDeleted,
}

/// A copy that comes into being when the recording is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CopyRule {
    /// Where the copy lives.
    pub kind: CopyKind,
    /// How it is shown ("Telefoon of tablet waarmee is opgenomen").
    pub label: Text,
    /// Only when this holds.
    #[serde(default)]
    pub when: Option<Condition>,
}

/// A channel that must not carry the recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForbiddenChannel {
    /// The channel.
    pub channel: Channel,
    /// Why not, and what to do instead.
    pub reason: Text,
    /// Incident type offered when someone used it anyway.
    pub incident: String,
    /// Where the ban comes from. Required from format 2.
    // Missing in a format 1 pack (serde reads a missing `Option` as `None`); the schema of the
    // current format requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(required)]
    pub from: Option<Provenance>,
}

/// A kind of incident with its advice and clocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentType {
    /// Identifier.
    pub id: String,
    /// Name ("Telefoon met opname kwijt").
    pub title: Text,
    /// What to do now.
    pub advice: Text,
    /// Deadlines that start when the incident is logged.
    #[serde(default)]
    pub clocks: Vec<IncidentClock>,
    /// Where the advice comes from. Required from format 2.
    // Missing in a format 1 pack (serde reads a missing `Option` as `None`); the schema of the
    // current format requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(required)]
    pub from: Option<Provenance>,
}

/// A deadline started by an incident, done when the user marks it done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentClock {
    /// Identifier within the incident type.
    pub id: String,
    /// What must be done ("Meld het bij de school").
    pub title: Text,
    /// How long after the incident.
    pub offset: Offset,
    /// Where the clock and its length come from. Required from format 2.
    // Missing in a format 1 pack (serde reads a missing `Option` as `None`); the schema of the
    // current format requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(required)]
    pub from: Option<Provenance>,
}

/// Holiday choices for working-day arithmetic.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct CalendarRules {
    /// Whether 5 May is a day off every year or only every five years.
    #[serde(default)]
    pub liberation_day: crate::calendar::LiberationDay,
    /// Whether Good Friday is a day off.
    #[serde(default)]
    pub good_friday: bool,
}
