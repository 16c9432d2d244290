//! **Presentation**, the top layer of the core: what a person sees, in the user's language. The
//! view types and the functions that build them from nouns and rules ([`views`]), the screens of
//! a workspace and how each verb's change is shown ([`screens`]), the files a person reads (the
//! dossier's [`pdf`], the calendar's [`ics`]), and the English wording of the errors of every
//! layer below ([`wording`]). It reads the workspace and never changes it.

pub mod ics;
pub mod pdf;
pub mod screens;
pub mod views;
pub mod wording;
