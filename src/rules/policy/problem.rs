//! What is wrong with a pack, as data: the detail a [`PolicyError`](super::PolicyError) names.
//! Each enum holds only what was found (ids, numbers, field names, kinds of value), never words;
//! its `Display` is the Dutch phrase, and its English is in the English catalog
//! ([`crate::wording`]), so a user reads the whole error in their language.
//!
//! The JSON parser's own messages are read into a [`ShapeProblem`] where packs are parsed
//! (`load.rs`) and never shown as they are.

use crate::files::FileProblem;
use crate::text::Lang;
use std::fmt;

/// Why a pack file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// The operating system refused.
    File(FileProblem),
    /// The file is larger than a pack can be.
    TooLarge {
        /// The limit, in kB.
        max_kb: u64,
    },
    /// The file is not text (not UTF-8).
    NotText,
}

impl fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadProblem::File(problem) => problem.fmt(f),
            ReadProblem::TooLarge { max_kb } => {
                write!(f, "het bestand is groter dan {max_kb} kB")
            }
            ReadProblem::NotText => f.write_str("het bestand is geen tekst (geen UTF-8)"),
        }
    }
}

/// Why a pack's JSON does not have the pack's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeProblem {
    /// The text is not JSON.
    NotJson,
    /// The text stops before the JSON is complete.
    EndsEarly,
    /// Objects and lists nested deeper than the parser reads (128 levels).
    TooDeep,
    /// A required field is missing.
    MissingField(String),
    /// A field the format does not know (often a typo), with the fields allowed there.
    UnknownField {
        /// The field found.
        name: String,
        /// The fields allowed in its place.
        allowed: Vec<String>,
    },
    /// A field given twice.
    DuplicateField(String),
    /// A name the format does not know where it expects one of a fixed list (a verdict, an event,
    /// a kind of answer, …).
    UnknownName {
        /// The name found.
        name: String,
        /// The names allowed in its place.
        allowed: Vec<String>,
    },
    /// A value of the wrong kind, e.g. text where `true` or `false` belongs.
    WrongKind {
        /// What was found.
        found: JsonKind,
        /// What belongs there, when known.
        expected: Option<JsonKind>,
    },
    /// A value of the right kind that is not allowed, e.g. a negative number of days.
    WrongValue {
        /// What belongs there, when known.
        expected: Option<JsonKind>,
    },
    /// A list with the wrong number of values.
    WrongLength {
        /// How many values it has.
        found: usize,
        /// How many it should have, when known.
        expected: Option<usize>,
    },
    /// Anything else that does not fit the format.
    Other,
}

/// A kind of JSON value, as a pack's author would name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// `true` or `false`.
    Boolean,
    /// A whole number of 0 or more.
    Count,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// A string.
    Text,
    /// An array.
    List,
    /// An object.
    Object,
    /// `null`.
    Null,
}

impl fmt::Display for ShapeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeProblem::NotJson => f.write_str("dit is geen geldige JSON"),
            ShapeProblem::EndsEarly => {
                f.write_str("het bestand houdt op voordat de JSON compleet is")
            }
            ShapeProblem::TooDeep => {
                f.write_str("de JSON is dieper genest dan 128 niveaus en is niet verder gelezen")
            }
            ShapeProblem::MissingField(name) => write!(f, "het veld \"{name}\" ontbreekt"),
            ShapeProblem::UnknownField { name, allowed } if allowed.is_empty() => {
                write!(f, "onbekend veld \"{name}\" (hier horen geen velden)")
            }
            ShapeProblem::UnknownField { name, allowed } => {
                write!(
                    f,
                    "onbekend veld \"{name}\" (toegestaan: {})",
                    quoted(allowed)
                )
            }
            ShapeProblem::DuplicateField(name) => {
                write!(f, "het veld \"{name}\" staat er twee keer")
            }
            ShapeProblem::UnknownName { name, allowed } if allowed.is_empty() => {
                write!(f, "onbekende waarde \"{name}\"")
            }
            ShapeProblem::UnknownName { name, allowed } => {
                write!(
                    f,
                    "onbekende waarde \"{name}\" (kies uit {})",
                    quoted(allowed)
                )
            }
            ShapeProblem::WrongKind {
                found,
                expected: Some(expected),
            } => write!(f, "hier hoort {expected}, niet {found}"),
            ShapeProblem::WrongKind {
                found,
                expected: None,
            } => write!(f, "{found} past hier niet"),
            ShapeProblem::WrongValue {
                expected: Some(expected),
            } => write!(
                f,
                "deze waarde is hier niet toegestaan; hier hoort {expected}"
            ),
            ShapeProblem::WrongValue { expected: None } => {
                f.write_str("deze waarde is hier niet toegestaan")
            }
            ShapeProblem::WrongLength {
                found,
                expected: Some(expected),
            } => write!(f, "verkeerd aantal waarden: {found}, verwacht {expected}"),
            ShapeProblem::WrongLength {
                found,
                expected: None,
            } => write!(f, "verkeerd aantal waarden: {found}"),
            ShapeProblem::Other => {
                f.write_str("deze waarde past niet bij het formaat van het bestand")
            }
        }
    }
}

impl fmt::Display for JsonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonKind::Boolean => "true of false",
            JsonKind::Count => "een geheel getal van 0 of meer",
            JsonKind::Integer => "een geheel getal",
            JsonKind::Number => "een getal",
            JsonKind::Text => "tekst",
            JsonKind::List => "een lijst",
            JsonKind::Object => "een object",
            JsonKind::Null => "null",
        })
    }
}

/// `"a", "b"`: names from the pack or the format, the same in every language.
pub fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a pack that has the right shape breaks a rule of the format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackProblem {
    /// The pack is in another format version.
    UnsupportedFormat {
        /// The version in the pack.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The version is not numbers separated by dots.
    BadVersion(String),
    /// An id with characters ids may not have (or empty, or too long).
    BadId(String),
    /// The same id twice in one list.
    DuplicateId(String),
    /// A text is empty in a language.
    EmptyText(Lang),
    /// There are no phases.
    NoPhases,
    /// There are no verdict rules.
    NoVerdictRules,
    /// Nobody may see the recording.
    NoAudience,
    /// A phase id that is not in the pack.
    UnknownPhase(String),
    /// A question id that is not in the pack.
    UnknownQuestion(String),
    /// An item id that is not in the pack.
    UnknownItem(String),
    /// An incident type that is not in the pack.
    UnknownIncidentType(String),
    /// A forbidden channel listed twice.
    DuplicateChannel,
    /// A choice question with fewer than two options.
    TooFewOptions,
    /// A count question whose maximum is 0.
    ZeroMaximum,
    /// The default answer does not fit the question.
    DefaultDoesNotFit,
    /// Questions whose `asked_when` depend on each other in a ring: the ids, first one last again.
    Cycle(Vec<String>),
    /// An `in` condition with an empty list, on this question.
    EmptyValueList(String),
    /// A condition compares a question with a value it cannot have.
    ValueDoesNotFit {
        /// The value, as in the pack's JSON (or `≥ n`).
        value: String,
        /// The question.
        question: String,
        /// What the question's answers are.
        expected: AnswerRange,
    },
    /// A condition that no answers make true.
    NeverTrue,
    /// The last verdict rule has a condition, so some recordings get no verdict.
    LastRuleHasCondition,
    /// A verdict rule without a condition before the last, so the rules after it never apply.
    UnconditionalRuleNotLast,
    /// A negative offset on a deadline that does not run from the planned date.
    NegativeOffset,
    /// A list with more entries than a pack may have
    /// ([`MAX_PACK_LIST`](crate::limits::MAX_PACK_LIST)).
    TooManyEntries {
        /// The limit.
        max: usize,
    },
    /// A condition nested deeper than
    /// [`MAX_CONDITION_DEPTH`](crate::limits::MAX_CONDITION_DEPTH).
    ConditionTooDeep {
        /// The limit.
        max: usize,
    },
    /// A condition of more parts than
    /// [`MAX_CONDITION_NODES`](crate::limits::MAX_CONDITION_NODES).
    ConditionTooLarge {
        /// The limit.
        max: usize,
    },
    /// A rule without `from` in a pack whose format requires every rule to say where it comes
    /// from; the element's id (or the field's name).
    NoProvenance(String),
    /// A grace given as the source's rule: a grace is always the app's own advice.
    GraceNotAdvice,
    /// A field the pack's format version requires (e.g. `source_name` from format 2).
    RequiredFromFormat(u32),
}

/// The answers a question accepts, for [`PackProblem::ValueDoesNotFit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerRange {
    /// `true` or `false`.
    YesNo,
    /// One of these option ids.
    OneOf(Vec<String>),
    /// A count from 0 up to and including this maximum.
    UpTo(u32),
}

impl fmt::Display for PackProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackProblem::UnsupportedFormat { found, expected } => write!(
                f,
                "formaatversie {found} wordt niet ondersteund (verwacht {expected})"
            ),
            PackProblem::BadVersion(version) => {
                write!(f, "\"{version}\" is geen versienummer zoals 1.0.0")
            }
            PackProblem::BadId(id) => write!(
                f,
                "\"{id}\" is geen geldige id (kleine letters, cijfers, '-', '_' of '.')"
            ),
            PackProblem::DuplicateId(id) => write!(f, "id \"{id}\" komt twee keer voor"),
            PackProblem::EmptyText(Lang::Nl) => f.write_str("de Nederlandse tekst is leeg"),
            PackProblem::EmptyText(Lang::En) => f.write_str("de Engelse tekst is leeg"),
            PackProblem::NoPhases => f.write_str("er moet minstens één fase zijn"),
            PackProblem::NoVerdictRules => f.write_str("er moet minstens één oordeelregel zijn"),
            PackProblem::NoAudience => {
                f.write_str("er moet minstens één rol zijn die de opname mag zien")
            }
            PackProblem::UnknownPhase(id) => write!(f, "onbekende fase \"{id}\""),
            PackProblem::UnknownQuestion(id) => write!(f, "onbekende vraag \"{id}\""),
            PackProblem::UnknownItem(id) => write!(f, "onbekend item \"{id}\""),
            PackProblem::UnknownIncidentType(id) => write!(f, "onbekend incidenttype \"{id}\""),
            PackProblem::DuplicateChannel => f.write_str("dit kanaal staat er al"),
            PackProblem::TooFewOptions => f.write_str("een keuzevraag heeft minstens twee opties"),
            PackProblem::ZeroMaximum => f.write_str("het maximum moet groter dan 0 zijn"),
            PackProblem::DefaultDoesNotFit => {
                f.write_str("het standaardantwoord past niet bij de vraag")
            }
            PackProblem::Cycle(ids) => write!(f, "cyclische voorwaarde: {}", ids.join(" → ")),
            PackProblem::EmptyValueList(question) => {
                write!(f, "lege lijst van waarden voor vraag \"{question}\"")
            }
            PackProblem::ValueDoesNotFit {
                value,
                question,
                expected,
            } => write!(
                f,
                "waarde {value} past niet bij vraag \"{question}\" (verwacht {expected})"
            ),
            PackProblem::NeverTrue => f.write_str("deze voorwaarde kan nooit waar zijn"),
            PackProblem::LastRuleHasCondition => f.write_str(
                "de laatste oordeelregel moet zonder voorwaarde zijn, zodat er altijd een oordeel is",
            ),
            PackProblem::UnconditionalRuleNotLast => f.write_str(
                "een regel zonder voorwaarde mag alleen als laatste staan; de regels erna worden \
                 nooit bereikt",
            ),
            PackProblem::NegativeOffset => {
                f.write_str("alleen termijnen vanaf de geplande datum mogen negatief zijn")
            }
            PackProblem::TooManyEntries { max } => {
                write!(f, "deze lijst is te lang (hoogstens {max})")
            }
            PackProblem::ConditionTooDeep { max } => {
                write!(f, "deze voorwaarde is te diep genest (hoogstens {max} niveaus)")
            }
            PackProblem::ConditionTooLarge { max } => {
                write!(f, "deze voorwaarde heeft te veel onderdelen (hoogstens {max})")
            }
            PackProblem::NoProvenance(what) => write!(
                f,
                "\"{what}\" zegt niet waar het vandaan komt: geef een hoofdstuk van de bron \
                 (section) of markeer het als advies van Opnamewijs (advice)"
            ),
            PackProblem::RequiredFromFormat(format) => {
                write!(f, "dit veld is verplicht vanaf formaatversie {format}")
            }
            PackProblem::GraceNotAdvice => f.write_str(
                "een coulancetermijn is altijd advies van Opnamewijs (advice), geen regel van de bron",
            ),
        }
    }
}

impl fmt::Display for AnswerRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerRange::YesNo => f.write_str("true of false"),
            AnswerRange::OneOf(options) => write!(f, "een van {}", quoted(options)),
            AnswerRange::UpTo(max) => write!(f, "een aantal van 0 tot en met {max}"),
        }
    }
}
