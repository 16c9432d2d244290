//! Validating a parsed pack: the rules of the format that its JSON shape cannot express (ids,
//! texts in both languages, references between questions, items, deadlines and incidents, and
//! conditions that can be true). The first broken rule is reported with its field.
//!
//! Bounded work on a crafted pack: the lists' lengths ([`MAX_PACK_LIST`]) and each condition's
//! depth and parts ([`MAX_CONDITION_DEPTH`], [`MAX_CONDITION_NODES`]) are checked before anything
//! walks them; questions are looked up in an index, the cycle check walks the dependencies once
//! (`cycle.rs`), and the satisfiability checks share one budget ([`MAX_SATISFIABILITY_STEPS`]).

use super::condition::{afford, satisfiable, Comparison, Condition};
use super::error::PolicyError;
use super::model::*;
use super::problem::{AnswerRange, PackProblem};
use crate::limits::{
    MAX_CONDITION_DEPTH, MAX_CONDITION_NODES, MAX_PACK_LIST, MAX_SATISFIABILITY_STEPS,
};
use crate::recording::Answer;
use crate::text::{Lang, Text};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

/// Checks one pack, named `file` in its errors.
pub(super) struct Validator<'a> {
    /// The pack's file name, for errors.
    file: &'a str,
    /// The parsed pack.
    pack: &'a PolicyPack,
    /// The position of each question id's first question.
    questions: BTreeMap<&'a str, usize>,
    /// What is left of [`MAX_SATISFIABILITY_STEPS`].
    budget: Cell<usize>,
}

impl<'a> Validator<'a> {
    /// A validator of `pack`, named `file` in its errors.
    pub(super) fn new(file: &'a str, pack: &'a PolicyPack) -> Self {
        let mut questions = BTreeMap::new();
        for (i, q) in pack.questions.iter().enumerate() {
            questions.entry(q.id.as_str()).or_insert(i);
        }
        Validator {
            file,
            pack,
            questions,
            budget: Cell::new(MAX_SATISFIABILITY_STEPS),
        }
    }

    /// Refuses a list of more than [`MAX_PACK_LIST`] entries, before anything walks it.
    fn list(&self, field: &str, len: usize) -> Result<(), PolicyError> {
        if len > MAX_PACK_LIST {
            return Err(self.err(field, PackProblem::TooManyEntries { max: MAX_PACK_LIST }));
        }
        Ok(())
    }

    /// Every list of the pack within [`MAX_PACK_LIST`].
    fn lists(&self) -> Result<(), PolicyError> {
        let p = self.pack;
        for (field, len) in [
            ("phases", p.phases.len()),
            ("questions", p.questions.len()),
            ("verdict_rules", p.verdict_rules.len()),
            ("items", p.items.len()),
            ("deadlines", p.deadlines.len()),
            ("copies", p.copies.len()),
            ("audience", p.audience.len()),
            ("forbidden_channels", p.forbidden_channels.len()),
            ("incidents", p.incidents.len()),
        ] {
            self.list(field, len)?;
        }
        for (i, q) in p.questions.iter().enumerate() {
            if let AnswerKind::Choice(options) | AnswerKind::Choices(options) = &q.answer {
                self.list(
                    &format!("questions[{i}].answer.{}", kind_name(&q.answer)),
                    options.len(),
                )?;
            }
        }
        for (i, t) in p.incidents.iter().enumerate() {
            self.list(&format!("incidents[{i}].clocks"), t.clocks.len())?;
        }
        Ok(())
    }

    fn err(&self, field: impl Into<String>, problem: PackProblem) -> PolicyError {
        PolicyError::Invalid {
            file: self.file.to_owned(),
            field: field.into(),
            problem: Box::new(problem),
        }
    }

    pub(super) fn validate(&self) -> Result<(), PolicyError> {
        let p = self.pack;
        if !(OLDEST_FORMAT..=FORMAT).contains(&p.format) {
            return Err(self.err(
                "format",
                PackProblem::UnsupportedFormat {
                    found: p.format,
                    expected: FORMAT,
                },
            ));
        }
        self.lists()?;
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
        if p.format >= 2 {
            for (field, text) in [("source_name", &p.source_name), ("scope", &p.scope)] {
                match text {
                    Some(t) => self.text(field, t)?,
                    None => return Err(self.err(field, PackProblem::RequiredFromFormat(2))),
                }
            }
        }
        if p.phases.is_empty() {
            return Err(self.err("phases", PackProblem::NoPhases));
        }
        let phases = self.unique("phases", p.phases.iter().map(|ph| &ph.id))?;
        for (i, ph) in p.phases.iter().enumerate() {
            self.text(&format!("phases[{i}].title"), &ph.title)?;
        }
        self.questions()?;
        self.verdict_rules()?;
        let items = self.unique("items", p.items.iter().map(|it| &it.id))?;
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
        self.deadlines(&items)?;
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
        self.provenances()?;
        self.school_overlay(&phases)?;
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

    /// From format 2 every question, verdict rule, item, deadline, forbidden channel, incident
    /// and incident clock says where it comes from, and every `from` has its texts.
    fn provenances(&self) -> Result<(), PolicyError> {
        let p = self.pack;
        let required = p.format >= 2;
        let mut elements: Vec<(String, &str, Option<&Provenance>)> = Vec::new();
        for (i, q) in p.questions.iter().enumerate() {
            elements.push((format!("questions[{i}]"), &q.id, q.from.as_ref()));
        }
        for (i, r) in p.verdict_rules.iter().enumerate() {
            elements.push((format!("verdict_rules[{i}]"), &r.id, r.from.as_ref()));
        }
        for (i, it) in p.items.iter().enumerate() {
            elements.push((format!("items[{i}]"), &it.id, it.from.as_ref()));
        }
        for (i, d) in p.deadlines.iter().enumerate() {
            elements.push((format!("deadlines[{i}]"), &d.id, d.from.as_ref()));
        }
        for (i, fc) in p.forbidden_channels.iter().enumerate() {
            let id = fc.incident.as_str();
            elements.push((format!("forbidden_channels[{i}]"), id, fc.from.as_ref()));
        }
        for (i, t) in p.incidents.iter().enumerate() {
            elements.push((format!("incidents[{i}]"), &t.id, t.from.as_ref()));
            for (j, c) in t.clocks.iter().enumerate() {
                elements.push((
                    format!("incidents[{i}].clocks[{j}]"),
                    &c.id,
                    c.from.as_ref(),
                ));
            }
        }
        for (field, id, from) in elements {
            match from {
                Some(from) => self.provenance(&format!("{field}.from"), from)?,
                None if required => {
                    return Err(self.err(
                        format!("{field}.from"),
                        PackProblem::NoProvenance(id.to_owned()),
                    ))
                }
                None => {}
            }
        }
        for (i, d) in p.deadlines.iter().enumerate() {
            if let Some(grace) = &d.grace {
                let f = format!("deadlines[{i}].grace.from");
                if !matches!(grace.from, Provenance::Advice(_)) {
                    return Err(self.err(f, PackProblem::GraceNotAdvice));
                }
                self.provenance(&f, &grace.from)?;
            }
            if let Due::ChosenDate {
                advised_max: Some(advised),
                ..
            } = &d.due
            {
                self.provenance(
                    &format!("deadlines[{i}].due.advised_max.from"),
                    &advised.from,
                )?;
            }
        }
        Ok(())
    }

    fn provenance(&self, field: &str, from: &Provenance) -> Result<(), PolicyError> {
        match from {
            Provenance::Section(t) => self.text(&format!("{field}.section"), t),
            Provenance::Advice(t) => self.text(&format!("{field}.advice"), t),
        }
    }

    /// The overlay's conditions can be true and its phases exist.
    fn school_overlay(&self, phases: &BTreeSet<&str>) -> Result<(), PolicyError> {
        let Some(o) = &self.pack.school_overlay else {
            return Ok(());
        };
        self.condition("school_overlay.own_device", Some(&o.own_device))?;
        self.condition(
            "school_overlay.not_school_device",
            Some(&o.not_school_device),
        )?;
        for (field, phase) in [
            ("school_overlay.prepare_phase", &o.prepare_phase),
            ("school_overlay.store_phase", &o.store_phase),
        ] {
            if !phases.contains(phase.as_str()) {
                return Err(self.err(field, PackProblem::UnknownPhase(phase.clone())));
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
                AnswerKind::Choice(options) | AnswerKind::Choices(options) => {
                    let f = format!("{f}.answer.{}", kind_name(&q.answer));
                    if options.len() < 2 {
                        return Err(self.err(f, PackProblem::TooFewOptions));
                    }
                    self.unique(&f, options.iter().map(|o| &o.id))?;
                    for (j, o) in options.iter().enumerate() {
                        self.text(&format!("{f}[{j}].text"), &o.text)?;
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
        // Each question's dependencies as positions, worked out once (every id is known by now).
        let deps: Vec<Vec<usize>> = qs
            .iter()
            .map(|q| {
                let mut out = Vec::new();
                if let Some(c) = &q.asked_when {
                    c.comparisons(&mut out);
                }
                let mut ids: Vec<usize> = out
                    .iter()
                    .filter_map(|(id, _)| self.questions.get(id).copied())
                    .collect();
                ids.dedup();
                ids
            })
            .collect();
        if let Some((i, cycle)) = super::cycle::first_cycle(&deps) {
            let ids = cycle.into_iter().map(|q| qs[q].id.clone()).collect();
            return Err(self.err(
                format!("questions[{i}].asked_when"),
                PackProblem::Cycle(ids),
            ));
        }
        Ok(())
    }

    fn question(&self, id: &str) -> Option<&'a Question> {
        let pack: &'a PolicyPack = self.pack;
        self.questions.get(id).map(|&i| &pack.questions[i])
    }

    /// The condition is small enough ([`MAX_CONDITION_DEPTH`], [`MAX_CONDITION_NODES`]), every
    /// question reference exists, every value fits its question, and some answers make it true
    /// (checked while [`MAX_SATISFIABILITY_STEPS`] last).
    fn condition(&self, field: &str, cond: Option<&Condition>) -> Result<(), PolicyError> {
        let Some(cond) = cond else { return Ok(()) };
        let (depth, parts) = cond.size(MAX_CONDITION_NODES);
        if depth > MAX_CONDITION_DEPTH {
            let max = MAX_CONDITION_DEPTH;
            return Err(self.err(field, PackProblem::ConditionTooDeep { max }));
        }
        if parts > MAX_CONDITION_NODES {
            let max = MAX_CONDITION_NODES;
            return Err(self.err(field, PackProblem::ConditionTooLarge { max }));
        }
        let mut comparisons = Vec::new();
        cond.comparisons(&mut comparisons);
        // Each question compared, with the numbers a count question is compared with.
        let mut named: BTreeMap<&str, (&Question, Vec<u32>)> = BTreeMap::new();
        for &(qid, cmp) in &comparisons {
            let q = self
                .question(qid)
                .ok_or_else(|| self.err(field, PackProblem::UnknownQuestion(qid.to_owned())))?;
            let fits = match (&q.answer, &cmp) {
                (_, Comparison::EmptyList) => {
                    return Err(self.err(field, PackProblem::EmptyValueList(qid.to_owned())))
                }
                (AnswerKind::YesNo, Comparison::Value(Answer::Flag(_))) => true,
                (
                    AnswerKind::Choice(opts) | AnswerKind::Choices(opts),
                    Comparison::Value(Answer::Choice(v)),
                ) => opts.iter().any(|o| &o.id == v),
                (
                    AnswerKind::Count(max),
                    Comparison::Value(Answer::Count(n)) | Comparison::AtLeast(n),
                ) => n <= max,
                _ => false,
            };
            if !fits {
                let expected = match &q.answer {
                    AnswerKind::YesNo => AnswerRange::YesNo,
                    AnswerKind::Choice(opts) | AnswerKind::Choices(opts) => {
                        AnswerRange::OneOf(opts.iter().map(|o| o.id.clone()).collect())
                    }
                    AnswerKind::Count(max) => AnswerRange::UpTo(*max),
                };
                return Err(self.err(
                    field,
                    PackProblem::ValueDoesNotFit {
                        value: describe(&cmp),
                        question: qid.to_owned(),
                        expected,
                    },
                ));
            }
            let (_, numbers) = named.entry(qid).or_insert((q, Vec::new()));
            if let Comparison::Value(Answer::Count(n)) | Comparison::AtLeast(n) = &cmp {
                numbers.push(*n);
            }
        }
        // The answers worth trying: every answer of a yes/no or choice question; for a count
        // question 0, its maximum, and each number compared with and the one below it. Built
        // only when trying them all is affordable.
        let counts: Vec<Vec<u32>> = named
            .values()
            .map(|(q, numbers)| match q.answer {
                AnswerKind::Count(max) => {
                    let mut tried = vec![0, max];
                    for c in numbers.iter().flat_map(|&n| [n.saturating_sub(1), n]) {
                        if !tried.contains(&c) {
                            tried.push(c);
                        }
                    }
                    tried
                }
                _ => Vec::new(),
            })
            .collect();
        let mut sizes = named
            .values()
            .zip(&counts)
            .map(|((q, _), tried)| match &q.answer {
                AnswerKind::YesNo => 2,
                AnswerKind::Choice(opts) => opts.len(),
                // Each option alone, and all of them together.
                AnswerKind::Choices(opts) => opts.len() + 1,
                AnswerKind::Count(_) => tried.len(),
            });
        let combinations = sizes.try_fold(1usize, |acc, n| acc.checked_mul(n.max(1)));
        let mut budget = self.budget.get();
        let affordable = afford(combinations, parts, named.len(), &mut budget);
        self.budget.set(budget);
        if !affordable {
            return Ok(());
        }
        let domains: Vec<(&str, Vec<Answer>)> = named
            .iter()
            .zip(counts)
            .map(|((&qid, (q, _)), tried)| {
                let answers = match &q.answer {
                    AnswerKind::YesNo => vec![Answer::Flag(true), Answer::Flag(false)],
                    AnswerKind::Choice(opts) => {
                        opts.iter().map(|o| Answer::Choice(o.id.clone())).collect()
                    }
                    AnswerKind::Choices(opts) => {
                        let each = opts.iter().map(|o| Answer::Choices(vec![o.id.clone()]));
                        let all = Answer::Choices(opts.iter().map(|o| o.id.clone()).collect());
                        each.chain([all]).collect()
                    }
                    AnswerKind::Count(_) => tried.into_iter().map(Answer::Count).collect(),
                };
                (qid, answers)
            })
            .collect();
        if !satisfiable(cond, &domains) {
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

    fn deadlines(&self, items: &BTreeSet<&str>) -> Result<(), PolicyError> {
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
                if !items.contains(item.as_str()) {
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
        // At least one option, each of the question's and none twice.
        (AnswerKind::Choices(opts), Answer::Choices(chosen)) => {
            !chosen.is_empty()
                && chosen.iter().all(|c| opts.iter().any(|o| &o.id == c))
                && chosen
                    .iter()
                    .enumerate()
                    .all(|(i, c)| !chosen[..i].contains(c))
        }
        (AnswerKind::Count(max), Answer::Count(n)) => n <= max,
        _ => false,
    }
}

/// The JSON name of a choice question's kind of answer, for field paths.
fn kind_name(kind: &AnswerKind) -> &'static str {
    match kind {
        AnswerKind::Choices(_) => "choices",
        _ => "choice",
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What the packs that ship take of [`MAX_SATISFIABILITY_STEPS`]: every condition of theirs is
    /// checked, with room to spare.
    #[test]
    fn the_packs_that_ship_check_every_condition_within_the_budget() {
        for (file, json) in super::super::load::EMBEDDED {
            let pack: PolicyPack = serde_json::from_str(json).expect("parses");
            let validator = Validator::new(file, &pack);
            validator.validate().expect("valid");
            let used = MAX_SATISFIABILITY_STEPS - validator.budget.get();
            assert!(
                used > 0 && used * 20 < MAX_SATISFIABILITY_STEPS,
                "{file}: {used}"
            );
        }
    }
}
