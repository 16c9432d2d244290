//! **Presentation**: what a person sees of the nouns and rules, as data the UI renders (the view
//! types and the functions that build them, in the user's language) and as files a person reads
//! (the dossier's PDF, the calendar). Knows nothing of storage or of the verbs: the operations
//! above answer each action with a view built here, so the UI needs one round trip.

pub mod ics;
pub mod pdf;
pub mod views;
