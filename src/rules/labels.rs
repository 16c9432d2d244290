//! What the rules' outcomes are called in the user's language: verdicts and deadline statuses.

use crate::deadline::DeadlineStatus;
use crate::policy::Verdict;
use crate::text::{tr, Lang};

/// Label of a verdict.
pub fn verdict_label(v: Option<Verdict>, lang: Lang) -> String {
    match v {
        Some(Verdict::Allowed) => tr(lang, "Toegestaan", "Allowed"),
        Some(Verdict::AllowedWithConditions) => tr(
            lang,
            "Toegestaan onder voorwaarden",
            "Allowed with conditions",
        ),
        Some(Verdict::NeedsOfficerApproval) => tr(
            lang,
            "Eerst toestemming van de privacy officers",
            "Needs privacy officer approval",
        ),
        Some(Verdict::NotAllowed) => tr(lang, "Niet toegestaan", "Not allowed"),
        None => tr(lang, "Nog niet bepaald", "Not decided yet"),
    }
}

/// Label of a deadline status.
pub fn status_label(status: DeadlineStatus, lang: Lang) -> String {
    let (nl, en) = match status {
        DeadlineStatus::Overdue => ("Te laat", "Overdue"),
        DeadlineStatus::DoNow => ("Nu doen", "Do it now"),
        DeadlineStatus::DueToday => ("Vandaag", "Due today"),
        DeadlineStatus::Upcoming => ("Gepland", "Upcoming"),
        DeadlineStatus::NeedsDate => ("Kies een datum", "Choose a date"),
        DeadlineStatus::Waiting => ("Nog niet gestart", "Not started"),
        DeadlineStatus::Done => ("Gedaan", "Done"),
    };
    tr(lang, nl, en)
}
