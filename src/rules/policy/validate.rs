//! Validating a parsed pack: the rules of the format that its JSON shape cannot express (ids,
//! texts in both languages, references between questions, items, deadlines and incidents, and
//! conditions that can be true). The first broken rule is reported with its field.

use super::condition::{satisfiable, Comparison, Condition};
use super::error::PolicyError;
use super::model::*;
use super::problem::{AnswerRange, PackProblem};
use crate::recording::Answer;
use crate::text::{Lang, Text};
use std::collections::{BTreeMap, BTreeSet};

/// Checks one pack, named `file` in its errors.
pub(super) struct Validator<'a> {
    /// The pack's file name, for errors.
    pub(super) file: &'a str,
    /// The parsed pack.
    pub(super) pack: &'a PolicyPack,
}

impl Validator<'_> {
    fn err(&self, field: impl Into<String>, problem: PackProblem) -> PolicyError {
        PolicyError::Invalid {
            file: self.file.to_owned(),
            field: field.into(),
            problem: Box::new(problem),
        }
    }

    pub(super) fn validate(&self) -> Result<(), PolicyError> {
        let p = self.pack;
        if p.format != FORMAT {
            return Err(self.err(
                "format",
                PackProblem::UnsupportedFormat {
                    found: p.format,
                    expected: FORMAT,
                },
            ));
        }
        self.identifier("id", &p.id)?;
        if p.version.is_empty()
            || !p
                .version
                .split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(self.err("version", PackProblem::BadVersion(p.version.clone())));
        }
        self.text("title", &p.title)?;
        self.text("source", &p.source)?;
        if p.phases.is_empty() {
            return Err(self.err("phases", PackProblem::NoPhases));
        }
        let phases = self.unique("phases", p.phases.iter().map(|ph| &ph.id))?;
        for (i, ph) in p.phases.iter().enumerate() {
            self.text(&format!("phases[{i}].title"), &ph.title)?;
        }
        self.questions()?;
        self.verdict_rules()?;
        self.unique("items", p.items.iter().map(|it| &it.id))?;
        for (i, it) in p.items.iter().enumerate() {
            let f = format!("items[{i}]");
            if !phases.contains(it.phase.as_str()) {
                return Err(self.err(
                    format!("{f}.phase"),
                    PackProblem::UnknownPhase(it.phase.clone()),
                ));
            }
            self.text(&format!("{f}.text"), &it.text)?;
            self.condition(&format!("{f}.shown_when"), it.shown_when.as_ref())?;
        }
        self.deadlines()?;
        for (i, c) in p.copies.iter().enumerate() {
            self.text(&format!("copies[{i}].label"), &c.label)?;
            self.condition(&format!("copies[{i}].when"), c.when.as_ref())?;
        }
        if p.audience.is_empty() {
            return Err(self.err("audience", PackProblem::NoAudience));
        }
        let incidents = self.unique("incidents", p.incidents.iter().map(|t| &t.id))?;
        for (i, t) in p.incidents.iter().enumerate() {
            self.text(&format!("incidents[{i}].title"), &t.title)?;
            self.text(&format!("incidents[{i}].advice"), &t.advice)?;
            self.unique(
                &format!("incidents[{i}].clocks"),
                t.clocks.iter().map(|c| &c.id),
            )?;
        }
        let mut channels = BTreeSet::new();
        for (i, fc) in p.forbidden_channels.iter().enumerate() {
            if !channels.insert(fc.channel) {
                return Err(self.err(
                    format!("forbidden_channels[{i}].channel"),
                    PackProblem::DuplicateChannel,
                ));
            }
            if !incidents.contains(fc.incident.as_str()) {
                return Err(self.err(
                    format!("forbidden_channels[{i}].incident"),
                    PackProblem::UnknownIncidentType(fc.incident.clone()),
                ));
            }
        }
        Ok(())
    }

    fn identifier(&self, field: &str, id: &str) -> Result<(), PolicyError> {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.'
            });
        if ok {
            Ok(())
        } else {
            Err(self.err(field, PackProblem::BadId(id.to_owned())))
        }
    }

    fn text(&self, field: &str, t: &Text) -> Result<(), PolicyError> {
        if t.nl.trim().is_empty() {
            return Err(self.err(format!("{field}.nl"), PackProblem::EmptyText(Lang::Nl)));
        }
        if t.en.trim().is_empty() {
            return Err(self.err(format!("{field}.en"), PackProblem::EmptyText(Lang::En)));
        }
        Ok(())
    }

    fn unique<'s>(
        &self,
        field: &str,
        ids: impl Iterator<Item = &'s String>,
    ) -> Result<BTreeSet<&'s str>, PolicyError> {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            self.identifier(&format!("{field}[{i}].id"), id)?;
            if !seen.insert(id.as_str()) {
                return Err(self.err(
                    format!("{field}[{i}].id"),
                    PackProblem::DuplicateId(id.clone()),
                ));
            }
        }
        Ok(seen)
    }

    fn questions(&self) -> Result<(), PolicyError> {
        let qs = &self.pack.questions;
        self.unique("questions", qs.iter().map(|q| &q.id))?;
        for (i, q) in qs.iter().enumerate() {
            let f = format!("questions[{i}]");
            self.text(&format!("{f}.text"), &q.text)?;
            match &q.answer {
                AnswerKind::YesNo => {}
                AnswerKind::Choice(options) => {
                    if options.len() < 2 {
                        return Err(
                            self.err(format!("{f}.answer.choice"), PackProblem::TooFewOptions)
                        );
                    }
                    self.unique(&format!("{f}.answer.choice"), options.iter().map(|o| &o.id))?;
                    for (j, o) in options.iter().enumerate() {
                        self.text(&format!("{f}.answer.choice[{j}].text"), &o.text)?;
                    }
                }
                AnswerKind::Count(0) => {
                    return Err(self.err(format!("{f}.answer.count"), PackProblem::ZeroMaximum))
                }
                AnswerKind::Count(_) => {}
            }
        }
        for (i, q) in qs.iter().enumerate() {
            self.condition(&format!("questions[{i}].asked_when"), q.asked_when.as_ref())?;
            if let Some(default) = &q.default {
                if !fits(&q.answer, default) {
                    return Err(self.err(
                        format!("questions[{i}].default"),
                        PackProblem::DefaultDoesNotFit,
                    ));
                }
            }
        }
        // A question may only depend on questions that do not (transitively) depend on it.
        for (i, q) in qs.iter().enumerate() {
            if let Some(cycle) = self.cycle_from(&q.id) {
                return Err(self.err(
                    format!("questions[{i}].asked_when"),
                    PackProblem::Cycle(cycle),
                ));
            }
        }
        Ok(())
    }

    /// A dependency cycle through `start`'s `asked_when`, as the list of question ids.
    fn cycle_from(&self, start: &str) -> Option<Vec<String>> {
        let deps = |id: &str| -> Vec<String> {
            let mut out = Vec::new();
            if let Some(c) = self.question(id).and_then(|q| q.asked_when.as_ref()) {
                c.comparisons(&mut out);
            }
            let mut ids: Vec<String> = out.into_iter().map(|(q, _)| q).collect();
            ids.dedup();
            ids
        };
        let mut path = vec![start.to_owned()];
        let mut stack = vec![deps(start).into_iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(next) if next == start => {
                    path.push(next);
                    return Some(path);
                }
                Some(next) if !path.contains(&next) => {
                    stack.push(deps(&next).into_iter());
                    path.push(next);
                }
                Some(_) => {}
                None => {
                    stack.pop();
                    path.pop();
                }
            }
        }
        None
    }

    fn question(&self, id: &str) -> Option<&Question> {
        self.pack.questions.iter().find(|q| q.id == id)
    }

    /// Every question reference exists, every value fits its question, and some answers make it true.
    fn condition(&self, field: &str, cond: Option<&Condition>) -> Result<(), PolicyError> {
        let Some(cond) = cond else { return Ok(()) };
        let mut comparisons = Vec::new();
        cond.comparisons(&mut comparisons);
        let mut domains: BTreeMap<String, Vec<Answer>> = BTreeMap::new();
        for (qid, cmp) in &comparisons {
            let q = self
                .question(qid)
                .ok_or_else(|| self.err(field, PackProblem::UnknownQuestion(qid.clone())))?;
            let fits = match (&q.answer, cmp) {
                (_, Comparison::EmptyList) => {
                    return Err(self.err(field, PackProblem::EmptyValueList(qid.clone())))
                }
                (AnswerKind::YesNo, Comparison::Value(Answer::Flag(_))) => true,
                (AnswerKind::Choice(opts), Comparison::Value(Answer::Choice(v))) => {
                    opts.iter().any(|o| &o.id == v)
                }
                (
                    AnswerKind::Count(max),
                    Comparison::Value(Answer::Count(n)) | Comparison::AtLeast(n),
                ) => n <= max,
                _ => false,
            };
            if !fits {
                let expected = match &q.answer {
                    AnswerKind::YesNo => AnswerRange::YesNo,
                    AnswerKind::Choice(opts) => {
                        AnswerRange::OneOf(opts.iter().map(|o| o.id.clone()).collect())
                    }
                    AnswerKind::Count(max) => AnswerRange::UpTo(*max),
                };
                return Err(self.err(
                    field,
                    PackProblem::ValueDoesNotFit {
                        value: describe(cmp),
                        question: qid.clone(),
                        expected,
                    },
                ));
            }
            let domain = domains
                .entry(qid.clone())
                .or_insert_with(|| match &q.answer {
                    AnswerKind::YesNo => vec![Answer::Flag(true), Answer::Flag(false)],
                    AnswerKind::Choice(opts) => {
                        opts.iter().map(|o| Answer::Choice(o.id.clone())).collect()
                    }
                    AnswerKind::Count(max) => vec![Answer::Count(0), Answer::Count(*max)],
                });
            if let Comparison::Value(Answer::Count(n)) | Comparison::AtLeast(n) = cmp {
                for c in [n.saturating_sub(1), *n] {
                    if !domain.contains(&Answer::Count(c)) {
                        domain.push(Answer::Count(c));
                    }
                }
            }
        }
        let domains: Vec<(String, Vec<Answer>)> = domains.into_iter().collect();
        if satisfiable(cond, &domains) == Some(false) {
            return Err(self.err(field, PackProblem::NeverTrue));
        }
        Ok(())
    }

    fn verdict_rules(&self) -> Result<(), PolicyError> {
        let rules = &self.pack.verdict_rules;
        if rules.is_empty() {
            return Err(self.err("verdict_rules", PackProblem::NoVerdictRules));
        }
        self.unique("verdict_rules", rules.iter().map(|r| &r.id))?;
        let last = rules.len() - 1;
        for (i, r) in rules.iter().enumerate() {
            let f = format!("verdict_rules[{i}]");
            match (&r.when, i == last) {
                (Some(_), true) => {
                    return Err(self.err(format!("{f}.when"), PackProblem::LastRuleHasCondition))
                }
                (None, false) => {
                    return Err(self.err(format!("{f}.when"), PackProblem::UnconditionalRuleNotLast))
                }
                _ => {}
            }
            self.condition(&format!("{f}.when"), r.when.as_ref())?;
            self.text(&format!("{f}.reason"), &r.reason)?;
        }
        Ok(())
    }

    fn deadlines(&self) -> Result<(), PolicyError> {
        let p = self.pack;
        self.unique("deadlines", p.deadlines.iter().map(|d| &d.id))?;
        for (i, d) in p.deadlines.iter().enumerate() {
            let f = format!("deadlines[{i}]");
            self.text(&format!("{f}.title"), &d.title)?;
            self.condition(&format!("{f}.applies_when"), d.applies_when.as_ref())?;
            match &d.due {
                Due::AfterEvent {
                    event: crate::recording::EventKind::PlannedFor,
                    ..
                } => {}
                Due::AfterEvent {
                    offset: Offset::Hours(n) | Offset::Days(n),
                    ..
                } if *n < 0 => {
                    return Err(self.err(format!("{f}.due.offset"), PackProblem::NegativeOffset));
                }
                Due::AfterEvent { .. } => {}
                Due::ChosenDate { prompt, .. } => self.text(&format!("{f}.due.prompt"), prompt)?,
            }
            if let DoneWhen::Item(item) = &d.done_when {
                if !p.items.iter().any(|it| &it.id == item) {
                    return Err(self.err(
                        format!("{f}.done_when.item"),
                        PackProblem::UnknownItem(item.clone()),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Whether `answer` is a valid answer to a question of kind `kind`.
pub fn fits(kind: &AnswerKind, answer: &Answer) -> bool {
    match (kind, answer) {
        (AnswerKind::YesNo, Answer::Flag(_)) => true,
        (AnswerKind::Choice(opts), Answer::Choice(c)) => opts.iter().any(|o| &o.id == c),
        (AnswerKind::Count(max), Answer::Count(n)) => n <= max,
        _ => false,
    }
}

/// A compared value as the pack's JSON writes it (`≥ n` for `at_least`): the same in every language.
fn describe(cmp: &Comparison) -> String {
    match cmp {
        Comparison::Value(a) => serde_json::to_string(a).unwrap_or_default(),
        Comparison::AtLeast(n) => format!("≥ {n}"),
        Comparison::EmptyList => "[]".to_owned(),
    }
}
