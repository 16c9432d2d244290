//! Planning a recording and working through its checklist: create it, answer the pack's
//! questions, tick items, choose the dates a deadline asks for.

use super::MAX_TITLE;
use super::{clean_note, log_event_on, parse_date, unknown, RecordingChanged, Result, Workspace};
use super::{AnswerQuestion, ChooseDate, NewRecording, PackThing, RecordingError, SetItem};
use crate::checklist;
use crate::clock::local_date;
use crate::dates::format_date;
use crate::policy::{AnswerKind, Question};
use crate::policy::{Due, PolicyError};
use crate::recording::{Answer, Event, EventKind, PackRef, Recording, Tick};
use crate::store::Change;
use crate::text::tr;
use crate::text::Lang;
use chrono::Duration;

impl Workspace {
    /// Plans a new recording, pinned to the newest version of the chosen pack.
    pub fn create(&mut self, input: NewRecording) -> Result<RecordingChanged> {
        let title = input.title.trim();
        if title.is_empty()
            || title.chars().count() > MAX_TITLE
            || title.chars().any(char::is_control)
        {
            return Err(RecordingError::InvalidTitle.into());
        }
        let planned_for = parse_date(&input.planned_for)?;
        let pack = self
            .packs
            .latest(&input.pack)
            .ok_or_else(|| PolicyError::Unknown {
                id: input.pack.chars().take(64).collect(),
                version: "*".to_owned(),
            })?;
        let rec = Recording::new(
            uuid::Uuid::new_v4().to_string(),
            title.to_owned(),
            planned_for,
            PackRef {
                id: pack.id.clone(),
                version: pack.version.clone(),
            },
            self.clock.now(),
        );
        let id = rec.id.clone();
        self.record_entry(Change::Created, |e| e.recording = Some(rec.clone()))?;
        self.state.recordings.push(rec);
        Ok(RecordingChanged { id })
    }

    /// Answers (or clears) a question.
    pub fn answer(&mut self, input: AnswerQuestion) -> Result<RecordingChanged> {
        self.update(
            &input.recording,
            Change::Answered {
                question: input.question.clone(),
            },
            |rec, op| {
                let q = op
                    .pack
                    .questions
                    .iter()
                    .find(|q| q.id == input.question)
                    .ok_or_else(|| unknown(PackThing::Question, &input.question))?;
                // Several options come back in the pack's order; none chosen clears the answer.
                // One option given alone for a question that takes several is that one option.
                let answer = match (input.answer, &q.answer) {
                    (Some(Answer::Choice(one)), AnswerKind::Choices(_)) => {
                        Some(Answer::Choices(vec![one]))
                    }
                    (other, _) => other,
                };
                let answer = match (answer, &q.answer) {
                    (Some(Answer::Choices(chosen)), AnswerKind::Choices(_))
                        if chosen.is_empty() =>
                    {
                        None
                    }
                    (Some(Answer::Choices(mut chosen)), AnswerKind::Choices(opts)) => {
                        chosen.sort_by_key(|c| opts.iter().position(|o| &o.id == c));
                        Some(Answer::Choices(chosen))
                    }
                    (other, _) => other,
                };
                if let Some(answer) = &answer {
                    if !crate::policy::load::fits(&q.answer, answer) {
                        return Err(RecordingError::InvalidAnswer {
                            question: q.text.get(op.lang).to_owned(),
                        }
                        .into());
                    }
                }
                let before = rec.answers.get(&q.id).cloned();
                if before == answer {
                    return Ok(());
                }
                // After the recording, a changed answer (e.g. another purpose) changes which
                // deadlines apply: it is logged on the recording's timeline, with what it was.
                if rec.first(EventKind::Recorded).is_some() {
                    let words = |a: &Option<Answer>| answer_words(q, a.as_ref(), op.lang);
                    rec.events.push(Event {
                        kind: EventKind::AnswerChanged,
                        at: op.now,
                        by: op.by.clone(),
                        note: Some(format!(
                            "{}: {} → {}",
                            q.text.get(op.lang),
                            words(&before),
                            words(&answer)
                        )),
                    });
                }
                match answer {
                    Some(answer) => rec.answers.insert(q.id.clone(), answer),
                    None => rec.answers.remove(&q.id),
                };
                Ok(())
            },
        )
    }

    /// Ticks or unticks a checklist item.
    pub fn set_item(&mut self, input: SetItem) -> Result<RecordingChanged> {
        self.update(
            &input.recording,
            Change::ItemSet {
                item: input.item.clone(),
                done: input.done,
            },
            |rec, op| {
                let items = crate::overlay::items_of(op.pack, rec);
                let item = items
                    .iter()
                    .find(|i| i.id == input.item)
                    .ok_or_else(|| unknown(PackThing::Item, &input.item))?
                    .clone()
                    .into_owned();
                let item = &item;
                if !input.done {
                    rec.ticks.remove(&item.id);
                    return Ok(());
                }
                let blockers = checklist::blockers(op.pack, rec, item);
                if !blockers.is_empty() {
                    let blockers = blockers
                        .iter()
                        .map(|b| b.text.get(op.lang))
                        .collect::<Vec<_>>()
                        .join("; ");
                    return Err(RecordingError::PhaseBlocked { blockers }.into());
                }
                let note = if item.evidence {
                    clean_note(input.note)?
                } else {
                    None
                };
                rec.ticks.insert(
                    item.id.clone(),
                    Tick {
                        by: op.by.clone(),
                        at: op.now,
                        note,
                    },
                );
                if let Some(kind) = item.records_event.filter(|k| rec.first(*k).is_none()) {
                    // The same rules as logging the event by hand (e.g. nothing is stored
                    // securely before it was recorded).
                    let note = Some(format!("item {}", item.id));
                    log_event_on(rec, op, kind, None, op.by.clone(), note)?;
                }
                Ok(())
            },
        )
    }

    /// Chooses the date for a deadline that asks for one (e.g. reflection retention).
    pub fn choose_date(&mut self, input: ChooseDate) -> Result<RecordingChanged> {
        self.update(
            &input.recording,
            Change::DateChosen {
                deadline: input.deadline.clone(),
            },
            |rec, op| {
                let rule = op
                    .pack
                    .deadlines
                    .iter()
                    .find(|d| d.id == input.deadline)
                    .ok_or_else(|| unknown(PackThing::Deadline, &input.deadline))?;
                let Due::ChosenDate {
                    max_days,
                    asked_after,
                    ..
                } = rule.due
                else {
                    return Err(unknown(PackThing::ChosenDateDeadline, &input.deadline));
                };
                if let Some(event) = asked_after.filter(|e| rec.first(*e).is_none()) {
                    return Err(RecordingError::DateOutOfRange {
                        problem: format!(
                            "{} {}.",
                            tr(
                                op.lang,
                                "Deze datum kies je pas na:",
                                "You choose this date only after:"
                            ),
                            crate::nouns::names::event_label(event, op.lang).to_lowercase()
                        ),
                    }
                    .into());
                }
                let date = parse_date(&input.date)?;
                if date < local_date(op.now) {
                    return Err(RecordingError::DateOutOfRange {
                        problem: tr(
                            op.lang,
                            "Kies een datum vanaf vandaag.",
                            "Choose a date from today on.",
                        ),
                    }
                    .into());
                }
                // However long a rule lets it be, a date more than ten years after the lesson is
                // a typing error, not a plan.
                let sane = rec.planned_for + Duration::days(3653);
                if date > sane {
                    let problem = format!(
                        "{} {}.",
                        tr(
                            op.lang,
                            "Kies een datum binnen tien jaar na de les, uiterlijk",
                            "Choose a date within ten years of the lesson, at the latest"
                        ),
                        format_date(sane, op.lang)
                    );
                    return Err(RecordingError::DateOutOfRange { problem }.into());
                }
                if let Some(max) = max_days {
                    let latest = rec.planned_for + Duration::days(i64::from(max));
                    if date > latest {
                        let problem = format!(
                            "{} {}.",
                            tr(
                                op.lang,
                                "Bewaar niet langer dan nodig: kies uiterlijk",
                                "Keep it no longer than needed: choose at the latest"
                            ),
                            format_date(latest, op.lang)
                        );
                        return Err(RecordingError::DateOutOfRange { problem }.into());
                    }
                }
                rec.chosen_dates.insert(rule.id.clone(), date);
                Ok(())
            },
        )
    }
}

/// An answer in words, for the timeline: the option's label(s), yes/no, the number, or "none".
fn answer_words(q: &Question, answer: Option<&Answer>, lang: Lang) -> String {
    let option = |id: &str| match &q.answer {
        AnswerKind::Choice(opts) | AnswerKind::Choices(opts) => opts
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.text.get(lang).to_owned()),
        _ => id.to_owned(),
    };
    match answer {
        None => tr(lang, "(geen)", "(none)"),
        Some(Answer::Flag(true)) => tr(lang, "ja", "yes"),
        Some(Answer::Flag(false)) => tr(lang, "nee", "no"),
        Some(Answer::Count(n)) => n.to_string(),
        Some(Answer::Choice(c)) => option(c),
        Some(Answer::Choices(chosen)) => chosen
            .iter()
            .map(|c| option(c))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
