//! The checklist as the UI shows it: the questions, the verdict, the phases with their items and
//! ticks. What is asked, decided and shown is up to [`crate::checklist`]; this words it.

use super::{format_datetime, provenance_view, school_provenance, verdict_label, ProvenanceView};
use crate::checklist::Outcome;
use crate::policy::{PolicyPack, Verdict};
use crate::recording::{Answer, Tick};
use crate::text::{tr, Lang};
use serde::Serialize;
use ts_rs::TS;

/// A question with its current answer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct QuestionView {
    /// Question id.
    pub id: String,
    /// The question.
    pub text: String,
    /// Help text.
    pub help: Option<String>,
    /// How it is answered.
    pub input: QuestionInput,
    /// The answer so far.
    pub answer: Option<Answer>,
    /// Why it is asked: the source section or advice.
    pub from: Option<ProvenanceView>,
}

/// How a question is answered.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum QuestionInput {
    /// Ja / Nee.
    YesNo {
        /// Label of yes.
        yes: String,
        /// Label of no.
        no: String,
    },
    /// One of the options.
    Choice {
        /// The options.
        options: Vec<OptionView>,
    },
    /// One or more of the options (answered with the list of their ids).
    Choices {
        /// The options.
        options: Vec<OptionView>,
    },
    /// A number from 0 to `max`.
    Count {
        /// Largest accepted number.
        max: u32,
    },
}

/// A choice option.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OptionView {
    /// Value to answer with.
    pub id: String,
    /// Label.
    pub text: String,
}

/// The verdict, worded.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VerdictView {
    /// The verdict; absent while questions decide it.
    pub verdict: Option<Verdict>,
    /// Short label ("Toegestaan onder voorwaarden").
    pub label: String,
    /// Why.
    pub reason: String,
    /// Whose rule decided it.
    pub from: Option<ProvenanceView>,
}

/// A phase of the checklist.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PhaseView {
    /// Phase id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Why the phase's items cannot be ticked yet: the open blocking items of earlier phases.
    pub locked_by: Option<String>,
    /// Items shown for this recording.
    pub items: Vec<ItemView>,
}

/// A checklist item.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ItemView {
    /// Item id.
    pub id: String,
    /// What to do.
    pub text: String,
    /// How or why.
    pub help: Option<String>,
    /// Must be done before the next phase.
    pub blocking: bool,
    /// A note may be kept with the tick.
    pub evidence: bool,
    /// Cannot be ticked yet (see the phase's `locked_by`).
    pub locked: bool,
    /// The tick, once ticked.
    pub tick: Option<TickView>,
    /// Where the item comes from.
    pub from: Option<ProvenanceView>,
}

/// A tick, worded.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TickView {
    /// Who ticked.
    pub by: String,
    /// When, formatted.
    pub at: String,
    /// Note.
    pub note: Option<String>,
}

/// Words the verdict of the checklist's outcome.
pub(super) fn verdict_view(
    outcome: &Outcome<'_>,
    pack: &PolicyPack,
    school: Option<&crate::school::School>,
    lang: Lang,
) -> VerdictView {
    let reason = match outcome {
        Outcome::Decided(rule) => rule.reason.get(lang).to_owned(),
        Outcome::School(school) => school.reason.get(lang).to_owned(),
        Outcome::Pending => tr(
            lang,
            "Beantwoord de vragen om te zien of en hoe je mag opnemen.",
            "Answer the questions to see whether and how you may record.",
        ),
    };
    let from = match outcome {
        Outcome::Decided(rule) => provenance_view(pack, rule.from.as_ref(), lang),
        Outcome::School(_) => school.map(|s| school_provenance(&s.name, lang)),
        Outcome::Pending => None,
    };
    VerdictView {
        verdict: outcome.verdict(),
        label: verdict_label(outcome.verdict(), lang),
        reason,
        from,
    }
}

/// Words a tick.
pub(super) fn tick_view(t: &Tick, lang: Lang) -> TickView {
    TickView {
        by: t.by.clone(),
        at: format_datetime(t.at, lang),
        note: t.note.clone(),
    }
}
