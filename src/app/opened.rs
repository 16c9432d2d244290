//! Files the system opened with Opnamewijs: a double-clicked request or receipt, a backup chosen
//! with "Open with", or a file handed to a second start that brought this window to the front.
//!
//! The shell hands each such path over ([`App::file_opened`]); the page asks what is waiting
//! ([`App::opened_files`]) and shows, per file, what it is and what importing it does, with one
//! button. The paths stay in memory here and are referred to by number, like the finder's, so the
//! page never hands the core a location. A file is read only when the page asks, off the window's
//! thread, and at most as much of it as its kind may be long.

use super::{Acted, App, AppError};
use crate::error::ErrorPayload;
use crate::mentor::{self, FeedbackRequest};
use crate::profile::Mode;
use crate::receipt::FeedbackReceipt;
use crate::screens::Show;
use crate::text::{tr, Lang};
use crate::vault::looks_like_backup;
use crate::views::{format_date, mentor_role_label, OpenedFileView, OpenedImport, OpenedKind};
use crate::workspace::Contents;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The opened files waiting for the user, in memory only.
#[derive(Debug, Default)]
pub(super) struct OpenedState {
    /// Waiting files by id, in the order they were opened.
    files: Vec<(u32, PathBuf)>,
    /// The next id.
    next: u32,
}

/// What an opened file turned out to be.
enum Found {
    Request(Box<FeedbackRequest>),
    Receipt(Box<FeedbackReceipt>),
    Backup,
    /// Not ours, or ours but unreadable or damaged: why, in the user's language.
    Refused(ErrorPayload),
}

impl Found {
    fn kind(&self) -> OpenedKind {
        match self {
            Found::Request(_) => OpenedKind::Request,
            Found::Receipt(_) => OpenedKind::Receipt,
            Found::Backup => OpenedKind::Backup,
            Found::Refused(_) => OpenedKind::Unknown,
        }
    }
}

/// The installation an opened file would go into: whose it is and what it holds, or why it is not
/// open (waiting for a passphrase, damaged).
struct Here {
    open: Result<(Mode, Contents), ErrorPayload>,
}

impl App {
    /// A file the system opened with the app. The same file opened twice waits once.
    pub fn file_opened(&self, path: PathBuf) {
        let mut state = self.opened_state();
        if state.files.iter().any(|(_, p)| *p == path) {
            return;
        }
        let id = state.next;
        state.next += 1;
        state.files.push((id, path));
    }

    /// The opened files waiting for the user, each with what it is and what importing it does.
    pub fn opened_files(&self) -> Vec<OpenedFileView> {
        let files = self.opened_state().files.clone();
        if files.is_empty() {
            return Vec::new();
        }
        let here = self.here();
        let lang = self.current_lang();
        files
            .iter()
            .map(|(id, path)| {
                let found = classify(path, lang);
                let blocked = blocked(&found, &here, lang).map(|e| e.message);
                let (what, effect, action) = words(&found, lang);
                OpenedFileView {
                    id: *id,
                    name: file_name(path),
                    kind: found.kind(),
                    what,
                    effect,
                    action: action.filter(|_| blocked.is_none()),
                    blocked,
                    needs_passphrase: matches!(found, Found::Backup),
                }
            })
            .collect()
    }

    /// Imports the opened file `id` as its kind asks: a request onto the mentor's desk, a receipt
    /// read and checked for the student to accept (the comparison of the key's fingerprint still
    /// follows), a backup restored with `passphrase` into this empty installation. The file no
    /// longer waits once it is imported; a refusal leaves it waiting.
    pub fn import_opened(
        &self,
        id: u32,
        passphrase: &str,
    ) -> Result<Acted<OpenedImport>, ErrorPayload> {
        let path = self.opened_path(id)?;
        let lang = self.current_lang();
        let found = classify(&path, lang);
        if let Some(refused) = blocked(&found, &self.here(), lang) {
            return Err(refused);
        }
        let answer = match found {
            Found::Request(_) => {
                let acted = self.act(|ws| ws.import_feedback_request(&path))?;
                Acted {
                    value: OpenedImport::Request { desk: acted.value },
                    status: acted.status,
                    list: acted.list,
                }
            }
            Found::Receipt(_) => {
                let preview = self.with(|ws| ws.preview_feedback_receipt(&path)?.show(ws))?;
                self.answered(Ok(OpenedImport::Receipt { preview }))?
            }
            Found::Backup => {
                let status = self.import_backup(&path, passphrase)?;
                self.answered(Ok(OpenedImport::Backup { status }))?
            }
            Found::Refused(refused) => return Err(refused),
        };
        self.dismiss_opened(id);
        Ok(answer)
    }

    /// Puts the opened file `id` aside without importing it.
    pub fn dismiss_opened(&self, id: u32) {
        self.opened_state().files.retain(|(i, _)| *i != id);
    }

    fn opened_path(&self, id: u32) -> Result<PathBuf, ErrorPayload> {
        let state = self.opened_state();
        let found = state.files.iter().find(|(i, _)| *i == id);
        match found {
            Some((_, path)) => Ok(path.clone()),
            None => {
                drop(state);
                Err(self.refused(&AppError::OpenedGone))
            }
        }
    }

    fn opened_state(&self) -> std::sync::MutexGuard<'_, OpenedState> {
        self.opened.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn here(&self) -> Here {
        Here {
            open: self.with(|ws| Ok((ws.mode(), ws.contents()))),
        }
    }

    fn current_lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Reads what `path` is: a backup by its first bytes (it is opened with its passphrase only when
/// restored), a request or receipt by parsing it whole. A file named as ours that does not parse
/// gets the parser's own (worded) reason; any other file is simply not ours.
fn classify(path: &Path, lang: Lang) -> Found {
    let mut start = [0u8; 8];
    let read_start = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut start));
    if read_start.is_ok() && looks_like_backup(&start) {
        return Found::Backup;
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let named_request = extension.eq_ignore_ascii_case(mentor::REQUEST_EXTENSION);
    let named_receipt = extension.eq_ignore_ascii_case(mentor::RECEIPT_EXTENSION);
    let not_ours = || {
        Found::Refused(ErrorPayload::localized(
            &AppError::NotOurFile {
                name: file_name(path),
            },
            lang,
        ))
    };
    let bytes = match mentor::read_limited(path) {
        Ok(bytes) => bytes,
        Err(e) if named_request || named_receipt => {
            return Found::Refused(ErrorPayload::localized(&e, lang))
        }
        Err(_) => return not_ours(),
    };
    let request = mentor::parse_request(&bytes);
    if let Ok(request) = request {
        return Found::Request(Box::new(request));
    }
    let receipt = mentor::parse_receipt(&bytes);
    match (receipt, request) {
        (Ok((receipt, _)), _) => Found::Receipt(Box::new(receipt)),
        (Err(_), Err(e)) if named_request => Found::Refused(ErrorPayload::localized(&e, lang)),
        (Err(e), _) if named_receipt => Found::Refused(ErrorPayload::localized(&e, lang)),
        _ => not_ours(),
    }
}

/// Why `found` cannot be imported into the installation `here`, if it cannot.
fn blocked(found: &Found, here: &Here, lang: Lang) -> Option<ErrorPayload> {
    let refuse = |e: &AppError| Some(ErrorPayload::localized(e, lang));
    match (found, &here.open) {
        (Found::Refused(why), _) => Some(why.clone()),
        // A backup may go where no vault could be opened yet (no keyring, no vault): the restore
        // itself says whether it can.
        (Found::Backup, Err(_)) => None,
        (Found::Backup, Ok((_, holds))) if !holds.is_empty() => refuse(&AppError::NotEmpty {
            holds: holds.clone(),
        }),
        (Found::Backup, Ok(_)) => None,
        (_, Err(closed)) => Some(closed.clone()),
        (Found::Request(_), Ok((Mode::Student, _))) => refuse(&AppError::RequestNeedsMentor),
        (Found::Receipt(_), Ok((Mode::Mentor, _))) => refuse(&AppError::ReceiptNeedsStudent),
        _ => None,
    }
}

/// What the file is, what importing it does, and the button's words.
fn words(found: &Found, lang: Lang) -> (String, String, Option<String>) {
    match found {
        Found::Request(r) => (
            match lang {
                Lang::Nl => format!(
                    "Feedbackverzoek van {} voor \u{201c}{}\u{201d}, opgenomen op {}.",
                    r.student,
                    r.title,
                    format_date(r.recorded_on, lang)
                ),
                Lang::En => format!(
                    "Feedback request from {} for \u{201c}{}\u{201d}, recorded on {}.",
                    r.student,
                    r.title,
                    format_date(r.recorded_on, lang)
                ),
            },
            tr(
                lang,
                "Inlezen zet het verzoek op je bureau. Daar bevestig je dat je de feedback hebt \
                 gegeven en bewaar je het ondertekende ontvangstbewijs voor de student.",
                "Reading it in puts the request on your desk. There you confirm that you gave \
                 the feedback and save the signed receipt for the student.",
            ),
            Some(tr(lang, "Op mijn bureau zetten", "Put it on my desk")),
        ),
        Found::Receipt(r) => {
            let body = &r.receipt;
            let role = mentor_role_label(body.role, lang);
            let on = format_date(body.feedback_on, lang);
            (
                match lang {
                    Lang::Nl => format!(
                        "Ontvangstbewijs van {} ({role}) voor \u{201c}{}\u{201d}: feedback gegeven op {on}.",
                        body.mentor, body.title
                    ),
                    Lang::En => format!(
                        "Receipt from {} ({role}) for \u{201c}{}\u{201d}: feedback given on {on}.",
                        body.mentor, body.title
                    ),
                },
                tr(
                    lang,
                    "Inlezen controleert de handtekening en toont de vingerafdruk van de sleutel \
                     van je begeleider. Pas als je het bewijs daarna aanneemt, telt de feedback als \
                     bevestigd en begint de termijn om de opname te wissen.",
                    "Reading it in checks the signature and shows the fingerprint of your \
                     mentor's key. Only when you then accept it does the feedback count as \
                     confirmed, and the deadline to delete the recording starts.",
                ),
                Some(tr(lang, "Ontvangstbewijs controleren", "Check the receipt")),
            )
        }
        Found::Backup => (
            tr(
                lang,
                "Een versleutelde reservekopie van Opnamewijs.",
                "An encrypted backup of Opnamewijs.",
            ),
            tr(
                lang,
                "Terugzetten zet alle gegevens uit de reservekopie in deze Opnamewijs. Dat kan \
                 alleen in een lege installatie, met het wachtwoord van de reservekopie.",
                "Restoring puts all the data of the backup into this Opnamewijs. That is only \
                 possible in an empty installation, with the backup's passphrase.",
            ),
            Some(tr(lang, "Reservekopie terugzetten", "Restore the backup")),
        ),
        Found::Refused(_) => (
            tr(
                lang,
                "Geen bestand dat Opnamewijs kan inlezen.",
                "Not a file Opnamewijs can read in.",
            ),
            tr(lang, "Er wordt niets ingelezen.", "Nothing is read in."),
            None,
        ),
    }
}

/// The file's name, for the offer (the folder is not shown).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
