//! **Operations**: the verbs. A [`workspace::Workspace`] is the open journal with its state; every
//! verb checks its input against the rules, records the change through the one write path (change a
//! copy → journal → commit) and answers with the view the screen needs.

pub mod finder;
pub mod workspace;
