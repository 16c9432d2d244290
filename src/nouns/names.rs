//! What each noun is called in the user's language: events, roles, mentor roles, channels and
//! copies. Views, errors and the dossier all use these, so a thing has one name everywhere.

use crate::recording::{Channel, CopyKind, EventKind, Role};
use crate::text::{tr, Lang};

/// Label of an event.
pub fn event_label(kind: EventKind, lang: Lang) -> String {
    let (nl, en) = match kind {
        EventKind::PlannedFor => ("Geplande lesdatum", "Planned lesson date"),
        EventKind::Recorded => ("Opgenomen", "Recorded"),
        EventKind::StoredSecurely => ("Veilig opgeslagen", "Stored securely"),
        EventKind::Shared => ("Gedeeld", "Shared"),
        EventKind::FeedbackGiven => ("Feedback ontvangen", "Feedback given"),
        EventKind::AssessmentPassed => ("Assessment behaald", "Assessment passed"),
        EventKind::OfficerRequestSent => (
            "Verzoek aan privacy officers verstuurd",
            "Request sent to privacy officers",
        ),
        EventKind::OfficerAnswered => (
            "Antwoord van privacy officers ontvangen",
            "Privacy officers answered",
        ),
        EventKind::ConsentWithdrawn => ("Toestemming ingetrokken", "Consent withdrawn"),
        EventKind::Objection => ("Bezwaar gemaakt", "Objection raised"),
        EventKind::Incident => ("Incident", "Incident"),
        EventKind::OfficerLeadTimeGiven => (
            "Doorlooptijd van privacy officers ontvangen",
            "Privacy officers gave the lead time",
        ),
        EventKind::AnswerChanged => ("Antwoord gewijzigd", "Answer changed"),
        EventKind::ObjectionUpheld => ("Bezwaar toegekend", "Objection upheld"),
        EventKind::AssessmentNotPassed => ("Assessment niet behaald", "Assessment not passed"),
    };
    tr(lang, nl, en)
}

/// Label of a role.
pub fn role_label(role: Role, lang: Lang) -> String {
    let (nl, en) = match role {
        Role::Student => ("student", "student"),
        Role::Peer => ("medestudent (peerfeedback)", "peer (peer feedback)"),
        Role::Mentor => ("begeleider", "mentor"),
        Role::Assessor => ("beoordelaar", "assessor"),
        Role::Other => ("iemand anders", "someone else"),
    };
    tr(lang, nl, en)
}

/// Label of a mentor role.
pub fn mentor_role_label(role: crate::profile::MentorRole, lang: Lang) -> String {
    use crate::profile::MentorRole;
    let (nl, en) = match role {
        MentorRole::Werkplekbegeleider => ("werkplekbegeleider", "workplace supervisor"),
        MentorRole::Schoolopleider => ("schoolopleider", "school-based teacher educator"),
        MentorRole::Instituutsopleider => {
            ("instituutsopleider", "institute-based teacher educator")
        }
    };
    tr(lang, nl, en)
}

/// Label of a channel.
pub fn channel_label(channel: Channel, lang: Lang) -> String {
    let (nl, en) = match channel {
        Channel::SecureStorage => ("vanaf de veilige opslaglocatie", "from the secure location"),
        Channel::IrisConnect => ("via IRIS Connect", "via IRIS Connect"),
        Channel::InPerson => (
            "samen bekeken, zonder bestand over te dragen",
            "watched together, no file handed over",
        ),
        Channel::Email => ("per e-mail", "by e-mail"),
        Channel::Wetransfer => ("via WeTransfer", "via WeTransfer"),
        Channel::Internet => ("op internet gezet", "published on the internet"),
        Channel::SocialMedia => ("via social media", "via social media"),
        Channel::Messaging => ("via een chat-app", "via a chat app"),
        Channel::UsbStick => ("op een USB-stick", "on a USB stick"),
    };
    tr(lang, nl, en)
}

/// Label of a copy kind.
pub fn copy_label(kind: CopyKind, lang: Lang) -> String {
    let (nl, en) = match kind {
        CopyKind::Device => ("opnameapparaat", "recording device"),
        CopyKind::CloudSync => ("cloudsynchronisatie", "cloud sync"),
        CopyKind::Laptop => ("laptop", "laptop"),
        CopyKind::SecureStorage => ("veilige opslaglocatie", "secure location"),
        CopyKind::MentorAccess => ("toegang begeleider/beoordelaar", "mentor/assessor access"),
        CopyKind::UsbStick => ("USB-stick", "USB stick"),
        CopyKind::ExternalDisk => ("externe schijf", "external disk"),
        CopyKind::Mailbox => ("mailbox", "mailbox"),
        CopyKind::ChatApp => ("chat-app", "chat app"),
        CopyKind::MentorDownload => (
            "download van begeleider of beoordelaar",
            "download by mentor or assessor",
        ),
        CopyKind::OnlineService => ("online dienst", "online service"),
        CopyKind::File => ("bestand op deze computer", "file on this computer"),
        CopyKind::Other => ("andere plek", "somewhere else"),
    };
    tr(lang, nl, en)
}
