//! Evaluating a pack against a recording's answers: which questions are asked, the verdict, which
//! items are part of the checklist and which are still locked by an earlier phase.

use crate::policy::condition::{Fact, Facts};
use crate::policy::{Answers, Item, PolicyPack, Question, Verdict, VerdictRule};
use crate::recording::Recording;
use std::collections::BTreeMap;

/// The answers of a recording seen through its pack: which questions are asked, open or not asked.
/// An answer to a question that is no longer asked (an earlier answer changed) is ignored.
#[derive(Debug, Clone)]
pub struct Known<'a> {
    answers: &'a Answers,
    defaults: BTreeMap<&'a str, &'a crate::recording::Answer>,
    asked: BTreeMap<&'a str, Option<bool>>,
}

impl Facts for Known<'_> {
    fn fact(&self, id: &str) -> Fact<'_> {
        match self.asked.get(id) {
            Some(Some(false)) => Fact::NotAsked,
            Some(Some(true)) => self.answer(id).map_or(Fact::Open, Fact::Answered),
            _ => Fact::Open,
        }
    }
}

impl<'a> Known<'a> {
    /// Resolves every question's `asked_when`, repeating until nothing changes (questions may
    /// depend on later ones; packs are validated free of cycles).
    pub fn new(pack: &'a PolicyPack, answers: &'a Answers) -> Self {
        let mut known = Known {
            answers,
            defaults: pack
                .questions
                .iter()
                .filter_map(|q| q.default.as_ref().map(|d| (q.id.as_str(), d)))
                .collect(),
            asked: pack
                .questions
                .iter()
                .map(|q| (q.id.as_str(), None))
                .collect(),
        };
        for _ in 0..=pack.questions.len() {
            let mut changed = false;
            for q in &pack.questions {
                let asked = q.asked_when.as_ref().map_or(Some(true), |c| c.eval(&known));
                if known.asked.insert(q.id.as_str(), asked) != Some(asked) {
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        known
    }

    /// The answer to `id`: the user's, else the question's default.
    pub fn answer(&self, id: &str) -> Option<&'a crate::recording::Answer> {
        self.answers
            .get(id)
            .or_else(|| self.defaults.get(id).copied())
    }

    /// Whether question `id` is asked now.
    pub fn is_asked(&self, id: &str) -> bool {
        self.asked.get(id) == Some(&Some(true))
    }
}

/// The verdict so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<'p> {
    /// A rule decided it.
    Decided(&'p VerdictRule),
    /// An earlier rule depends on a question that is still unanswered.
    Pending,
}

impl Outcome<'_> {
    /// The verdict, once decided.
    pub fn verdict(&self) -> Option<Verdict> {
        match self {
            Outcome::Decided(rule) => Some(rule.verdict),
            Outcome::Pending => None,
        }
    }
}

/// The questions asked, given the answers so far (a question whose `asked_when` is still undecided
/// is not asked yet).
pub fn asked<'p>(pack: &'p PolicyPack, known: &Known<'_>) -> Vec<&'p Question> {
    pack.questions
        .iter()
        .filter(|q| known.is_asked(&q.id))
        .collect()
}

/// First matching verdict rule; pending while a rule before the match is undecided.
pub fn verdict<'p>(pack: &'p PolicyPack, answers: &Known<'_>) -> Outcome<'p> {
    for rule in &pack.verdict_rules {
        match rule.when.as_ref().map_or(Some(true), |c| c.eval(answers)) {
            Some(true) => return Outcome::Decided(rule),
            Some(false) => {}
            None => return Outcome::Pending,
        }
    }
    Outcome::Pending
}

/// Whether `item` is part of this recording's checklist.
pub fn shown(item: &Item, answers: &Known<'_>) -> bool {
    item.shown_when
        .as_ref()
        .is_none_or(|c| c.eval(answers) == Some(true))
}

/// The shown, unticked blocking items of phases before `item`'s phase: while any remain, `item`
/// cannot be ticked.
pub fn blockers<'p>(pack: &'p PolicyPack, rec: &Recording, item: &Item) -> Vec<&'p Item> {
    let known = Known::new(pack, &rec.answers);
    let phase_index = |id: &str| {
        pack.phases
            .iter()
            .position(|p| p.id == id)
            .unwrap_or(usize::MAX)
    };
    let mine = phase_index(&item.phase);
    pack.items
        .iter()
        .filter(|other| other.blocking && phase_index(&other.phase) < mine)
        .filter(|other| shown(other, &known) && !rec.ticks.contains_key(&other.id))
        .collect()
}
