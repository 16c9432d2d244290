//! Conditions on answers, evaluated in three-valued logic: a condition on a question that has not
//! been answered yet is *undecided*, neither true nor false.

use crate::recording::Answer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A condition on the answers of a recording.
///
/// JSON: `{"eq": ["purpose", "reflection"]}`, `{"in": ["device", ["own_phone", "own_tablet"]]}`,
/// `{"at_least": ["pupils_without_consent", 1]}`, `{"all": [..]}`, `{"any": [..]}`, `{"not": ..}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The question's answer equals the value.
    Eq(QuestionRef, Answer),
    /// The question's answer is one of the values.
    In(QuestionRef, Vec<Answer>),
    /// The count question's answer is at least the number.
    AtLeast(QuestionRef, u32),
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
}

/// A question named in a condition: its id, and (once looked up) where the pack lists it, so a
/// condition evaluated for thousands of recordings finds its question without comparing ids.
/// In JSON it is just the id.
#[derive(Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct QuestionRef {
    id: String,
    /// Found on first use: which question list it was looked up in (its address and length) and
    /// the position there.
    slot: OnceLock<(usize, usize, usize)>,
}

/// A copy looks its question up again: it may be evaluated against other questions.
impl Clone for QuestionRef {
    fn clone(&self) -> Self {
        QuestionRef::from(self.id.clone())
    }
}

impl QuestionRef {
    /// The question id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Where the question stands in `questions` (its pack's). The position is remembered with the
    /// list it was found in, so later lookups in that list compare no strings. A condition lives
    /// inside its pack and is evaluated against that pack's questions, which do not move while
    /// the pack exists; another list (another pack) is searched by id.
    pub(crate) fn position(&self, questions: &[super::Question]) -> Option<usize> {
        let list = (questions.as_ptr() as usize, questions.len());
        if let Some(&(address, len, i)) = self.slot.get() {
            if (address, len) == list {
                debug_assert_eq!(questions[i].id, self.id);
                return Some(i);
            }
        }
        let i = questions.iter().position(|q| q.id == self.id)?;
        let _ = self.slot.set((list.0, list.1, i));
        Some(i)
    }
}

impl From<String> for QuestionRef {
    fn from(id: String) -> Self {
        QuestionRef {
            id,
            slot: OnceLock::new(),
        }
    }
}

impl From<&str> for QuestionRef {
    fn from(id: &str) -> Self {
        QuestionRef::from(id.to_owned())
    }
}

impl From<QuestionRef> for String {
    fn from(q: QuestionRef) -> Self {
        q.id
    }
}

impl PartialEq for QuestionRef {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for QuestionRef {}

impl std::fmt::Debug for QuestionRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.id.fmt(f)
    }
}

impl schemars::JsonSchema for QuestionRef {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

/// Answers by question id.
pub type Answers = BTreeMap<String, Answer>;

/// What is known about one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact<'a> {
    /// It was asked and answered.
    Answered(&'a Answer),
    /// It is (or may become) asked, but has no answer yet.
    Open,
    /// It does not apply: its `asked_when` is false. Comparisons with it are false.
    NotAsked,
}

/// Where conditions look up answers.
pub trait Facts {
    /// What is known about question `id`.
    fn fact(&self, id: &str) -> Fact<'_>;

    /// What is known about the question a condition names; by id unless the facts know faster.
    fn fact_of(&self, q: &QuestionRef) -> Fact<'_> {
        self.fact(q.id())
    }
}

/// A bare answer map: every question without an answer is open.
impl Facts for Answers {
    fn fact(&self, id: &str) -> Fact<'_> {
        self.get(id).map_or(Fact::Open, Fact::Answered)
    }
}

impl Condition {
    /// `Some(true)` or `Some(false)` when the facts decide the condition, `None` while a question it
    /// depends on is still open. A comparison with a question that is not asked is false.
    pub fn eval<F: Facts + ?Sized>(&self, answers: &F) -> Option<bool> {
        fn test<F: Facts + ?Sized>(
            answers: &F,
            q: &QuestionRef,
            f: impl Fn(&Answer) -> bool,
        ) -> Option<bool> {
            match answers.fact_of(q) {
                Fact::Answered(a) => Some(f(a)),
                Fact::Open => None,
                Fact::NotAsked => Some(false),
            }
        }
        match self {
            Condition::Eq(q, v) => test(answers, q, |a| a.includes(v)),
            Condition::In(q, vs) => test(answers, q, |a| vs.iter().any(|v| a.includes(v))),
            Condition::AtLeast(q, n) => {
                test(answers, q, |a| matches!(a, Answer::Count(c) if c >= n))
            }
            Condition::All(cs) => {
                let mut undecided = false;
                for c in cs {
                    match c.eval(answers) {
                        Some(false) => return Some(false),
                        None => undecided = true,
                        Some(true) => {}
                    }
                }
                (!undecided).then_some(true)
            }
            Condition::Any(cs) => {
                let mut undecided = false;
                for c in cs {
                    match c.eval(answers) {
                        Some(true) => return Some(true),
                        None => undecided = true,
                        Some(false) => {}
                    }
                }
                (!undecided).then_some(false)
            }
            Condition::Not(c) => c.eval(answers).map(|b| !b),
        }
    }

    /// How deep the condition nests and how many parts it has (each comparison, each value of an
    /// `in`, each `all`, `any` and `not`), counted without recursion; the count stops soon after
    /// the parts pass `stop`, so a huge condition costs no more than a small one.
    pub(crate) fn size(&self, stop: usize) -> (usize, usize) {
        let mut stack = vec![(self, 1usize)];
        let (mut depth, mut parts) = (0usize, 0usize);
        while let Some((cond, level)) = stack.pop() {
            depth = depth.max(level);
            parts += 1;
            let inner: &[Condition] = match cond {
                Condition::In(_, values) => {
                    parts = parts.saturating_add(values.len());
                    &[]
                }
                Condition::All(cs) | Condition::Any(cs) => cs,
                Condition::Not(c) => std::slice::from_ref(c),
                Condition::Eq(..) | Condition::AtLeast(..) => &[],
            };
            if parts.saturating_add(inner.len()) > stop {
                return (depth, stop.saturating_add(1));
            }
            stack.extend(inner.iter().map(|c| (c, level + 1)));
        }
        (depth, parts)
    }

    /// Every (question, value) pair the condition compares against, for validation.
    pub(crate) fn comparisons<'a>(&'a self, out: &mut Vec<(&'a str, Comparison<'a>)>) {
        match self {
            Condition::Eq(q, v) => out.push((q.id(), Comparison::Value(v))),
            Condition::In(q, vs) => {
                out.extend(vs.iter().map(|v| (q.id(), Comparison::Value(v))));
                if vs.is_empty() {
                    out.push((q.id(), Comparison::EmptyList));
                }
            }
            Condition::AtLeast(q, n) => out.push((q.id(), Comparison::AtLeast(*n))),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.comparisons(out)),
            Condition::Not(c) => c.comparisons(out),
        }
    }
}

/// What a condition compares a question's answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Comparison<'a> {
    Value(&'a Answer),
    AtLeast(u32),
    EmptyList,
}

/// Most combinations of answers [`satisfiable`] tries for one condition.
const MAX_COMBINATIONS: usize = 1 << 14;

/// Whether trying `combinations` of answers (`None`: more than can be counted) on a condition of
/// `parts` parts (see [`Condition::size`]) over `questions` questions is affordable: at most
/// [`MAX_COMBINATIONS`], and the work, combinations times the parts and the questions each
/// combination sets, no more than is left of `budget`, which it is then taken from. Work past the
/// budget spends the rest of it: from then on nothing more is tried, so what is checked does not
/// depend on the sizes of the conditions after it.
pub(crate) fn afford(
    combinations: Option<usize>,
    parts: usize,
    questions: usize,
    budget: &mut usize,
) -> bool {
    let Some(total) = combinations.filter(|&total| total <= MAX_COMBINATIONS) else {
        return false;
    };
    let work = total.saturating_mul(parts.saturating_add(questions));
    match budget.checked_sub(work) {
        Some(left) => {
            *budget = left;
            true
        }
        None => {
            *budget = 0;
            false
        }
    }
}

/// One combination of answers, by question id (sorted), borrowed from the domains.
struct Combination<'a>(Vec<(&'a str, &'a Answer)>);

impl Facts for Combination<'_> {
    fn fact(&self, id: &str) -> Fact<'_> {
        match self.0.binary_search_by(|(q, _)| (*q).cmp(id)) {
            Ok(at) => Fact::Answered(self.0[at].1),
            Err(_) => Fact::Open,
        }
    }
}

/// Whether some combination of answers from `domains` (question ids in order, each with the
/// answers to try; see [`afford`] for how many combinations that may be) makes `cond` true.
pub(crate) fn satisfiable(cond: &Condition, domains: &[(&str, Vec<Answer>)]) -> bool {
    let total: usize = domains.iter().map(|(_, d)| d.len().max(1)).product();
    let mut combination = Combination(Vec::with_capacity(domains.len()));
    (0..total).any(|mut n| {
        combination.0.clear();
        for (q, d) in domains {
            if let Some(v) = d.get(n % d.len().max(1)) {
                combination.0.push((q, v));
            }
            n /= d.len().max(1);
        }
        cond.eval(&combination) == Some(true)
    })
}
