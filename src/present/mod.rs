//! **Presentation**: what a person sees of the nouns and rules, as data the UI renders (the view
//! types and the functions that build them, in the user's language), as files a person reads (the
//! dossier's PDF, the calendar), and as sentences: the English wording of the errors of the layers
//! below ([`wording`]). Knows nothing of the verbs, and of storage only the errors it words: the
//! operations above answer each action with a view built here, so the UI needs one round trip.

pub mod ics;
pub mod pdf;
pub mod views;
pub mod wording;
