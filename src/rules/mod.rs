//! **Rules**: what an institute's policy pack says and what follows from it for one recording:
//! the pack's model and loading, the checklist's outcome, the events a recording may log,
//! deadlines and the Dutch working-day calendar. Pure functions of nouns and time; nothing here
//! reads or writes a file of the user's.

pub mod calendar;
pub mod checklist;
pub mod deadline;
pub mod events;
pub mod labels;
pub mod overlay;
pub mod policy;
