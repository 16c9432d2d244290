//! Why an operation on the whole installation was refused, in Dutch (`#[error]`) and English: the
//! handle's own errors, worded here because nothing above the presentation may be worded there.

use crate::error::{ErrorCode, Localized};
use crate::text::{counted, listed, Lang};
use crate::workspace::Contents;

/// Why a whole-installation operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    /// A backup is only restored into an empty installation; this one holds what would be lost.
    #[error("Er staan al gegevens in Opnamewijs die je bij het terugzetten kwijt zou raken: {}. Een reservekopie zet je alleen terug in een lege installatie; maak eerst een reservekopie van deze gegevens en wis ze daarna, als je dat echt wilt.", contents_nl(.holds))]
    NotEmpty {
        /// What it holds.
        holds: Contents,
    },
    /// Everything was erased; the app has to be started again.
    #[error("Al je gegevens zijn gewist. Sluit Opnamewijs; bij de volgende start begin je met een lege installatie.")]
    Erased,
    /// Erasing left something behind.
    #[error("Niet alles kon worden gewist: {leftovers}. Probeer het opnieuw.")]
    EraseIncomplete {
        /// What is left, in the user's language.
        leftovers: String,
    },
    /// An operation stopped half-way because of a fault in Opnamewijs itself (it panicked).
    #[error("Deze actie is afgebroken door een fout in Opnamewijs. Sluit de app en start hem opnieuw; je dagboek wordt dan opnieuw gecontroleerd.")]
    Interrupted,
    /// The page named a file itself; the shipped app only reads and writes files the user picked
    /// in the system's file window.
    #[error("Kies het bestand in het venster dat Opnamewijs daarvoor opent; een bestandslocatie van elders wordt niet gebruikt.")]
    PathFromPage,
    /// A file opened with the app that is not a request, receipt or backup of Opnamewijs.
    #[error("\u{201c}{name}\u{201d} is geen bestand van Opnamewijs: geen feedbackverzoek, ontvangstbewijs of reservekopie. Er is niets ingelezen.")]
    NotOurFile {
        /// The file's name.
        name: String,
    },
    /// A feedback request was opened in a student's installation.
    #[error("Dit is een feedbackverzoek: dat leest je begeleider in, in diens eigen Opnamewijs. Ben jij hier de begeleider, kies dan eerst \u{2018}begeleider\u{2019} in je profiel, rechtsboven.")]
    RequestNeedsMentor,
    /// A receipt was opened in a mentor's installation.
    #[error("Dit is een ontvangstbewijs: dat leest de student in, bij de opname in de eigen Opnamewijs. In de Opnamewijs van een begeleider doet het niets.")]
    ReceiptNeedsStudent,
    /// The opened file was imported or put aside already.
    #[error("Dit geopende bestand staat niet meer klaar om in te lezen. Open het opnieuw als je het nog wilt inlezen.")]
    OpenedGone,
}

impl ErrorCode for AppError {
    fn code(&self) -> &'static str {
        match self {
            AppError::NotEmpty { .. } => "app.not_empty",
            AppError::Erased => "app.erased",
            AppError::EraseIncomplete { .. } => "app.erase_incomplete",
            AppError::Interrupted => "app.interrupted",
            AppError::PathFromPage => "app.path_from_page",
            AppError::NotOurFile { .. } => "app.not_our_file",
            AppError::RequestNeedsMentor => "app.request_needs_mentor",
            AppError::ReceiptNeedsStudent => "app.receipt_needs_student",
            AppError::OpenedGone => "app.opened_gone",
        }
    }
}

impl Localized for AppError {
    fn english(&self) -> String {
        match self {
            AppError::NotEmpty { holds } => format!(
                "Opnamewijs already holds data you would lose by restoring: {}. A backup is only \
                 restored into an empty installation; make a backup of this data first and then \
                 erase it, if you really want to.",
                contents_en(holds)
            ),
            AppError::Erased => "All your data has been erased. Close Opnamewijs; at the next \
                start you begin with an empty installation."
                .to_owned(),
            AppError::EraseIncomplete { leftovers } => {
                format!("Not everything could be erased: {leftovers}. Try again.")
            }
            AppError::Interrupted => "This action was stopped by a fault in Opnamewijs. Close \
                the app and start it again; your journal will then be checked again."
                .to_owned(),
            AppError::PathFromPage => "Choose the file in the window Opnamewijs opens for it; a \
                file location from anywhere else is not used."
                .to_owned(),
            AppError::NotOurFile { name } => format!(
                "\u{201c}{name}\u{201d} is not an Opnamewijs file: not a feedback request, \
                 receipt or backup. Nothing was read in."
            ),
            AppError::RequestNeedsMentor => "This is a feedback request: your mentor reads it \
                in, in their own Opnamewijs. If you are the mentor here, first choose \
                \u{2018}mentor\u{2019} in your profile, top right."
                .to_owned(),
            AppError::ReceiptNeedsStudent => "This is a receipt: the student reads it in, with \
                the recording in their own Opnamewijs. In a mentor's Opnamewijs it does nothing."
                .to_owned(),
            AppError::OpenedGone => "This opened file is no longer waiting to be read in. Open \
                it again if you still want to read it in."
                .to_owned(),
        }
    }
}

/// What [`Contents`] lists, in Dutch: "3 opnamen, je naam (Ayşe Yılmaz) en …".
fn contents_nl(holds: &Contents) -> String {
    let parts = [
        counted(holds.recordings, "opname", "opnamen"),
        counted(
            holds.desk_requests,
            "feedbackverzoek op je bureau",
            "feedbackverzoeken op je bureau",
        ),
        holds
            .signing_key
            .then(|| "je ondertekeningssleutel als begeleider".to_owned()),
        holds
            .assessment
            .then(|| "wat je voor het eindassessment hebt vastgelegd".to_owned()),
        holds.name.as_ref().map(|name| format!("je naam ({name})")),
        holds
            .mentor
            .then(|| "de instelling voor een begeleider".to_owned()),
    ];
    listed(&parts.into_iter().flatten().collect::<Vec<_>>(), Lang::Nl)
}

/// [`contents_nl`] in English.
fn contents_en(holds: &Contents) -> String {
    let parts = [
        counted(holds.recordings, "recording", "recordings"),
        counted(
            holds.desk_requests,
            "feedback request on your desk",
            "feedback requests on your desk",
        ),
        holds
            .signing_key
            .then(|| "your signing key as a mentor".to_owned()),
        holds
            .assessment
            .then(|| "what you recorded for the final assessment".to_owned()),
        holds
            .name
            .as_ref()
            .map(|name| format!("your name ({name})")),
        holds.mentor.then(|| "the setting for a mentor".to_owned()),
    ];
    listed(&parts.into_iter().flatten().collect::<Vec<_>>(), Lang::En)
}
