//! Policy packs: an institute's rules as versioned, validated data, and their evaluation.

pub mod condition;
mod cycle;
mod error;
pub mod load;
pub mod model;
mod problem;
mod validate;

pub use condition::{Answers, Condition, QuestionRef};
pub use load::{load_pack_file, parse_pack, shape_problem, PackSet, PolicyError};
pub use model::*;
pub(crate) use problem::quoted;
pub use problem::{AnswerRange, JsonKind, PackProblem, ReadProblem, ShapeProblem};

/// The JSON Schema of the pack format, as published in `assets/policies/schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(PolicyPack);
    let mut json = serde_json::to_string_pretty(&schema).unwrap_or_default();
    json.push('\n');
    json
}
