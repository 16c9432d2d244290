//! Who uses this installation: the profile (name, language, student or mentor) and the roles a
//! mentor can have. Nouns only: nothing here reads or writes anything.

use crate::text::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who uses this installation and in which language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Profile {
    /// Name recorded with ticks and confirmations ("Student" until set).
    pub name: String,
    /// Language of the UI.
    pub lang: Lang,
    /// Whether this installation is a student's or a mentor's.
    #[serde(default)]
    pub mode: Mode,
}

/// Who this installation belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Mode {
    /// A student teacher: recordings, checklists, deadlines.
    #[default]
    Student,
    /// A mentor: feedback requests from students, signed receipts.
    Mentor,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: "Student".to_owned(),
            lang: Lang::Nl,
            mode: Mode::Student,
        }
    }
}

/// The mentor's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MentorRole {
    /// Workplace supervisor at the school.
    Werkplekbegeleider,
    /// School-based teacher educator.
    Schoolopleider,
    /// Institute-based teacher educator.
    Instituutsopleider,
}
