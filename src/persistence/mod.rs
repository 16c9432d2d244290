//! **Persistence**: how the nouns are kept and exchanged. The [`store`] turns the state into
//! journal entries and back; the [`vault`] keeps the encrypted, chained journal on disk; [`mentor`]
//! reads and writes the feedback request and the signed receipt a student and mentor exchange.

pub mod dossier_file;
pub mod mentor;
pub mod store;
pub mod vault;
