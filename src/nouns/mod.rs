//! **Nouns**: what the app keeps, as plain data with the questions that need nothing but the data
//! itself. Imports only the foundation (errors, time, language).

pub mod assessment;
pub mod names;
pub mod profile;
pub mod receipt;
pub mod recording;
pub mod school;
