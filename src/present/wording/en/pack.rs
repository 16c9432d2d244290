//! The English of what is wrong with a policy pack: the details a
//! [`PolicyError`](crate::policy::PolicyError) names (its English sentence is in [`super`]).

use super::file_problem;
use crate::policy::{quoted, AnswerRange, JsonKind, PackProblem, ReadProblem, ShapeProblem};
use crate::text::Lang;

/// [`ReadProblem`] in English.
pub(super) fn read_problem(problem: &ReadProblem) -> String {
    match problem {
        ReadProblem::File(problem) => file_problem(*problem).to_owned(),
        ReadProblem::TooLarge { max_kb } => format!("the file is larger than {max_kb} kB"),
        ReadProblem::NotText => "the file is not text (not UTF-8)".to_owned(),
    }
}

/// [`ShapeProblem`] in English.
pub(in crate::present::wording) fn shape_problem(problem: &ShapeProblem) -> String {
    match problem {
        ShapeProblem::NotJson => "this is not valid JSON".to_owned(),
        ShapeProblem::EndsEarly => "the file ends before the JSON is complete".to_owned(),
        ShapeProblem::TooDeep => {
            "the JSON is nested deeper than 128 levels and was not read further".to_owned()
        }
        ShapeProblem::MissingField(name) => format!("the field \"{name}\" is missing"),
        ShapeProblem::UnknownField { name, allowed } if allowed.is_empty() => {
            format!("unknown field \"{name}\" (no fields belong here)")
        }
        ShapeProblem::UnknownField { name, allowed } => {
            format!("unknown field \"{name}\" (allowed: {})", quoted(allowed))
        }
        ShapeProblem::DuplicateField(name) => format!("the field \"{name}\" appears twice"),
        ShapeProblem::UnknownName { name, allowed } if allowed.is_empty() => {
            format!("unknown value \"{name}\"")
        }
        ShapeProblem::UnknownName { name, allowed } => {
            format!("unknown value \"{name}\" (choose from {})", quoted(allowed))
        }
        ShapeProblem::WrongKind {
            found,
            expected: Some(expected),
        } => format!(
            "expected {}, not {}",
            json_kind(*expected),
            json_kind(*found)
        ),
        ShapeProblem::WrongKind {
            found,
            expected: None,
        } => format!("{} does not belong here", json_kind(*found)),
        ShapeProblem::WrongValue {
            expected: Some(expected),
        } => format!(
            "this value is not allowed here; expected {}",
            json_kind(*expected)
        ),
        ShapeProblem::WrongValue { expected: None } => "this value is not allowed here".to_owned(),
        ShapeProblem::WrongLength {
            found,
            expected: Some(expected),
        } => format!("wrong number of values: {found}, expected {expected}"),
        ShapeProblem::WrongLength {
            found,
            expected: None,
        } => format!("wrong number of values: {found}"),
        ShapeProblem::Other => "this value does not fit the file's format".to_owned(),
    }
}

/// [`JsonKind`] in English.
fn json_kind(kind: JsonKind) -> &'static str {
    match kind {
        JsonKind::Boolean => "true or false",
        JsonKind::Count => "a whole number of 0 or more",
        JsonKind::Integer => "a whole number",
        JsonKind::Number => "a number",
        JsonKind::Text => "text",
        JsonKind::List => "a list",
        JsonKind::Object => "an object",
        JsonKind::Null => "null",
    }
}

/// [`PackProblem`] in English.
pub(super) fn pack_problem(problem: &PackProblem) -> String {
    match problem {
        PackProblem::UnsupportedFormat { found, expected } => {
            format!("format version {found} is not supported (expected {expected})")
        }
        PackProblem::BadVersion(version) => {
            format!("\"{version}\" is not a version number like 1.0.0")
        }
        PackProblem::BadId(id) => {
            format!("\"{id}\" is not a valid id (use lower-case letters, digits, '-', '_' or '.')")
        }
        PackProblem::DuplicateId(id) => format!("the id \"{id}\" appears twice"),
        PackProblem::EmptyText(Lang::Nl) => "the Dutch text is empty".to_owned(),
        PackProblem::EmptyText(Lang::En) => "the English text is empty".to_owned(),
        PackProblem::NoPhases => "there must be at least one phase".to_owned(),
        PackProblem::NoVerdictRules => "there must be at least one verdict rule".to_owned(),
        PackProblem::NoAudience => {
            "at least one role must be allowed to see the recording".to_owned()
        }
        PackProblem::UnknownPhase(id) => format!("unknown phase \"{id}\""),
        PackProblem::UnknownQuestion(id) => format!("unknown question \"{id}\""),
        PackProblem::UnknownItem(id) => format!("unknown item \"{id}\""),
        PackProblem::UnknownIncidentType(id) => format!("unknown incident type \"{id}\""),
        PackProblem::DuplicateChannel => "this channel is already listed".to_owned(),
        PackProblem::TooFewOptions => "a choice question needs at least two options".to_owned(),
        PackProblem::ZeroMaximum => "the maximum must be greater than 0".to_owned(),
        PackProblem::DefaultDoesNotFit => "the default answer does not fit the question".to_owned(),
        PackProblem::Cycle(ids) => format!("circular condition: {}", ids.join(" → ")),
        PackProblem::EmptyValueList(question) => {
            format!("empty list of values for question \"{question}\"")
        }
        PackProblem::ValueDoesNotFit {
            value,
            question,
            expected,
        } => format!(
            "value {value} does not fit question \"{question}\" (expected {})",
            answer_range(expected)
        ),
        PackProblem::NeverTrue => "this condition can never be true".to_owned(),
        PackProblem::LastRuleHasCondition => "the last verdict rule must have no condition, so \
            that there is always a verdict"
            .to_owned(),
        PackProblem::UnconditionalRuleNotLast => "a rule without a condition may only come \
            last; the rules after it are never reached"
            .to_owned(),
        PackProblem::NegativeOffset => {
            "only deadlines counted from the planned date may be negative".to_owned()
        }
        PackProblem::TooManyEntries { max } => format!("this list is too long (at most {max})"),
        PackProblem::ConditionTooDeep { max } => {
            format!("this condition is nested too deeply (at most {max} levels)")
        }
        PackProblem::ConditionTooLarge { max } => {
            format!("this condition has too many parts (at most {max})")
        }
        PackProblem::NoProvenance(what) => format!(
            "\"{what}\" does not say where it comes from: name a section of the source \
             (section) or mark it as advice of Opnamewijs (advice)"
        ),
        PackProblem::RequiredFromFormat(format) => {
            format!("this field is required from format version {format}")
        }
        PackProblem::GraceNotAdvice => {
            "a grace period is always advice of Opnamewijs (advice), not a rule of the source"
                .to_owned()
        }
    }
}

/// [`AnswerRange`] in English.
fn answer_range(range: &AnswerRange) -> String {
    match range {
        AnswerRange::YesNo => "true or false".to_owned(),
        AnswerRange::OneOf(options) => format!("one of {}", quoted(options)),
        AnswerRange::UpTo(max) => format!("a number from 0 to {max}"),
    }
}
