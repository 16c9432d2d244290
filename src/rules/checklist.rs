//! Evaluating a pack against a recording's answers: which questions are asked, the verdict, which
//! items are part of the checklist and which are still locked by an earlier phase.

use crate::policy::condition::{Fact, Facts, QuestionRef};
use crate::policy::{Answers, Item, PolicyPack, Question, Verdict, VerdictRule};
use crate::recording::{Answer, Recording};

/// The answers of a recording seen through its pack: which questions are asked, open or not asked.
/// An answer to a question that is no longer asked (an earlier answer changed) is ignored.
///
/// Everything is kept by question position, and conditions find their question by position
/// ([`QuestionRef`]), so evaluating a pack for many recordings compares no ids.
#[derive(Debug, Clone)]
pub struct Intake<'a> {
    questions: &'a [Question],
    /// By question position: the user's answer, else the question's default; and whether it is
    /// asked (`None`: not decided yet).
    facts: Vec<(Option<&'a Answer>, Option<bool>)>,
}

impl Facts for Intake<'_> {
    fn fact(&self, id: &str) -> Fact<'_> {
        self.position(id).map_or(Fact::Open, |i| self.fact_at(i))
    }

    fn fact_of(&self, q: &QuestionRef) -> Fact<'_> {
        q.position(self.questions)
            .map_or(Fact::Open, |i| self.fact_at(i))
    }
}

impl<'a> Intake<'a> {
    /// Resolves every question's `asked_when`: in one pass in the pack's dependency order
    /// (questions may depend on later ones; validated packs have no cycles), else by repeating
    /// until nothing changes.
    pub fn new(pack: &'a PolicyPack, answers: &'a Answers) -> Self {
        let questions = pack.questions.as_slice();
        let mut facts: Vec<(Option<&Answer>, Option<bool>)> = questions
            .iter()
            .map(|q| (q.default.as_ref(), None))
            .collect();
        // Both sides are sorted by id: one pass matches every answer to its question.
        let mut order = pack.questions_by_id().iter().copied().peekable();
        for (id, answer) in answers {
            while let Some(&i) = order.peek() {
                match questions[i].id.as_str().cmp(id) {
                    std::cmp::Ordering::Less => {
                        order.next();
                    }
                    std::cmp::Ordering::Equal => {
                        facts[i].0 = Some(answer);
                        order.next();
                        break;
                    }
                    std::cmp::Ordering::Greater => break,
                }
            }
        }
        let mut known = Intake { questions, facts };
        match pack.questions_in_dependency_order() {
            Some(order) => known.decide_in_order(order),
            None => known.decide_by_repeating(),
        }
        known
    }

    /// Every question comes after those its condition names: one pass decides them all.
    fn decide_in_order(&mut self, order: &[usize]) {
        for &i in order {
            self.facts[i].1 = self.questions[i]
                .asked_when
                .as_ref()
                .map_or(Some(true), |c| c.eval(&*self));
        }
    }

    /// Without an order (conditions that form a cycle): repeat until nothing changes.
    fn decide_by_repeating(&mut self) {
        for _ in 0..=self.questions.len() {
            let mut changed = false;
            for (i, q) in self.questions.iter().enumerate() {
                let asked = q.asked_when.as_ref().map_or(Some(true), |c| c.eval(&*self));
                if self.facts[i].1 != asked {
                    self.facts[i].1 = asked;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    fn fact_at(&self, i: usize) -> Fact<'_> {
        match self.facts[i] {
            (_, Some(false)) => Fact::NotAsked,
            (answer, Some(true)) => answer.map_or(Fact::Open, Fact::Answered),
            (_, None) => Fact::Open,
        }
    }

    /// The answer to `id`: the user's, else the question's default.
    pub fn answer(&self, id: &str) -> Option<&'a Answer> {
        self.facts[self.position(id)?].0
    }

    /// The questions asked now, in pack order.
    pub fn asked_questions(&self) -> impl Iterator<Item = &'a Question> + '_ {
        self.questions
            .iter()
            .zip(&self.facts)
            .filter(|(_, (_, asked))| *asked == Some(true))
            .map(|(q, _)| q)
    }
}

/// What the internship school's rules decide about a recording, when they are stricter than the
/// pack (see [`crate::overlay`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolVerdict {
    /// The verdict.
    pub verdict: Verdict,
    /// Why, naming the school.
    pub reason: crate::text::Text,
}

/// The verdict so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<'p> {
    /// A rule decided it.
    Decided(&'p VerdictRule),
    /// The internship school's own rules are stricter than the pack's and decided it.
    School(SchoolVerdict),
    /// An earlier rule depends on a question that is still unanswered.
    Pending,
}

impl Outcome<'_> {
    /// The verdict, once decided.
    pub fn verdict(&self) -> Option<Verdict> {
        match self {
            Outcome::Decided(rule) => Some(rule.verdict),
            Outcome::School(school) => Some(school.verdict),
            Outcome::Pending => None,
        }
    }
}

/// The questions asked, given the answers so far (a question whose `asked_when` is still undecided
/// is not asked yet).
pub fn asked<'p>(known: &Intake<'p>) -> Vec<&'p Question> {
    known.asked_questions().collect()
}

/// First matching verdict rule; pending while a rule before the match is undecided.
pub fn verdict<'p>(pack: &'p PolicyPack, answers: &Intake<'_>) -> Outcome<'p> {
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
pub fn shown(item: &Item, answers: &Intake<'_>) -> bool {
    item.shown_when
        .as_ref()
        .is_none_or(|c| c.eval(answers) == Some(true))
}

/// The shown, unticked blocking items of phases before `item`'s phase: while any remain, `item`
/// cannot be ticked.
pub fn blockers<'p>(pack: &'p PolicyPack, rec: &Recording, item: &Item) -> Vec<&'p Item> {
    let known = Intake::new(pack, &rec.answers);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{AnswerKind, PackSet};

    /// Every combination of answers (and no answer) to the embedded packs' questions, up to a
    /// limit per pack.
    fn combinations(pack: &PolicyPack) -> Vec<Answers> {
        let mut all = vec![Answers::new()];
        for q in &pack.questions {
            let mut options: Vec<Option<Answer>> = vec![None];
            match &q.answer {
                AnswerKind::YesNo => {
                    options.extend([Some(Answer::Flag(true)), Some(Answer::Flag(false))])
                }
                AnswerKind::Choice(choices) => {
                    options.extend(choices.iter().map(|c| Some(Answer::Choice(c.id.clone()))));
                }
                AnswerKind::Choices(choices) => {
                    options.extend(
                        choices
                            .iter()
                            .map(|c| Some(Answer::Choices(vec![c.id.clone()]))),
                    );
                    options.push(Some(Answer::Choices(
                        choices.iter().map(|c| c.id.clone()).collect(),
                    )));
                }
                AnswerKind::Count(max) => {
                    options.extend([0, 1, *max].map(|n| Some(Answer::Count(n))))
                }
            }
            all = all
                .iter()
                .flat_map(|answers| {
                    options.iter().map(move |option| {
                        let mut next = answers.clone();
                        if let Some(answer) = option {
                            next.insert(q.id.clone(), answer.clone());
                        }
                        next
                    })
                })
                .take(200_000)
                .collect();
        }
        all
    }

    #[test]
    fn one_pass_in_dependency_order_decides_what_repeating_decides() {
        for pack in PackSet::embedded().packs() {
            let order = pack
                .questions_in_dependency_order()
                .expect("the embedded packs have no cycles");
            for answers in combinations(pack) {
                let fast = Intake::new(pack, &answers);
                let mut slow = fast.clone();
                slow.facts.iter_mut().for_each(|f| f.1 = None);
                slow.decide_by_repeating();
                assert_eq!(fast.facts, slow.facts, "{} with {answers:?}", pack.id);
                assert_eq!(order.len(), pack.questions.len());
            }
        }
    }
}
