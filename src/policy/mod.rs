//! Policy packs: an institute's rules as versioned, validated data, and their evaluation.

pub mod condition;
pub mod load;
pub mod model;

pub use condition::{Answers, Condition};
pub use load::{load_pack_file, parse_pack, PackSet, PolicyError};
pub use model::*;
