//! Recycle bins: deleting from a phone, a cloud or a laptop first moves the footage to a bin
//! ("Recent verwijderd", Prullenbak), where it stays for weeks. A copy of such a kind asks for the
//! bin to be emptied too, with short steps per platform, written for Opnamewijs.

use crate::recording::CopyKind;
use crate::text::{tr, Lang};
use serde::Serialize;
use ts_rs::TS;

/// The bin question of a copy, with the steps to empty it per platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BinView {
    /// The confirmation's question ("Ook 'Recent verwijderd' geleegd?").
    pub question: String,
    /// The platforms this kind of copy may be on, each with its steps.
    pub platforms: Vec<PlatformSteps>,
}

/// How to empty the bin on one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlatformSteps {
    /// The platform ("iPhone of iPad", "OneDrive of SharePoint").
    pub name: String,
    /// The steps, in order.
    pub steps: Vec<String>,
}

/// A platform with a bin.
#[derive(Debug, Clone, Copy)]
enum Platform {
    Ios,
    Android,
    OneDrive,
    Google,
    ICloud,
    Windows,
    MacOs,
}

/// The bin question and steps for a copy of `kind`, if deleting it leaves something in a bin.
pub fn bin_view(kind: CopyKind, lang: Lang) -> Option<BinView> {
    if !kind.has_bin() {
        return None;
    }
    let platforms: &[Platform] = match kind {
        CopyKind::Device | CopyKind::ChatApp => &[Platform::Ios, Platform::Android],
        CopyKind::CloudSync => &[Platform::ICloud, Platform::Google],
        CopyKind::SecureStorage => &[Platform::OneDrive, Platform::Google],
        _ => &[Platform::Windows, Platform::MacOs],
    };
    Some(BinView {
        question: tr(
            lang,
            "Ook de prullenbak of 'Recent verwijderd' geleegd",
            "Emptied the recycle bin or 'Recently deleted' too",
        ),
        platforms: platforms.iter().map(|p| steps(*p, lang)).collect(),
    })
}

fn steps(platform: Platform, lang: Lang) -> PlatformSteps {
    let (name, nl, en): (&str, &[&str], &[&str]) = match platform {
        Platform::Ios => (
            "iPhone / iPad",
            &[
                "Open Foto's en ga naar Albums › Recent verwijderd (ontgrendel met Face ID of je code).",
                "Tik op Selecteer, kies de opname en tik op Verwijder.",
                "Bevestig. Pas dan is de opname van je toestel af.",
            ],
            &[
                "Open Photos and go to Albums › Recently Deleted (unlock with Face ID or your passcode).",
                "Tap Select, choose the recording and tap Delete.",
                "Confirm. Only then is the recording off your device.",
            ],
        ),
        Platform::Android => (
            "Android",
            &[
                "Open Google Foto's of de Galerij en ga naar Bibliotheek › Prullenbak.",
                "Houd de opname ingedrukt en kies Definitief verwijderen.",
                "Gebruik je een chat-app: verwijder de video ook uit de map met ontvangen media.",
            ],
            &[
                "Open Google Photos or the Gallery and go to Library › Bin.",
                "Press and hold the recording and choose Delete permanently.",
                "If a chat app was used: delete the video from its received-media folder too.",
            ],
        ),
        Platform::OneDrive => (
            "OneDrive / SharePoint",
            &[
                "Open OneDrive of de SharePoint-site in de browser en kies Prullenbak.",
                "Selecteer de opname en kies Verwijderen.",
                "SharePoint bewaart daarna nog een kopie in de prullenbak van de site (tweede fase): leeg die ook, of vraag de beheerder.",
            ],
            &[
                "Open OneDrive or the SharePoint site in the browser and choose Recycle bin.",
                "Select the recording and choose Delete.",
                "SharePoint then still keeps a copy in the site's second-stage recycle bin: empty that too, or ask the administrator.",
            ],
        ),
        Platform::Google => (
            if lang == Lang::Nl {
                "Google Drive / Google Foto's"
            } else {
                "Google Drive / Google Photos"
            },
            &[
                "Drive: open Prullenbak, klik met rechts op de opname en kies Definitief verwijderen.",
                "Google Foto's: Bibliotheek › Prullenbak, kies de opname en Definitief verwijderen.",
            ],
            &[
                "Drive: open Bin, right-click the recording and choose Delete forever.",
                "Google Photos: Library › Bin, choose the recording and Delete permanently.",
            ],
        ),
        Platform::ICloud => (
            "iCloud",
            &[
                "Op iCloud.com: Foto's › Recent verwijderd, selecteer de opname en kies Verwijder.",
                "Stond de opname in iCloud Drive: Recent verwijderd, selecteer en kies Verwijder.",
            ],
            &[
                "On iCloud.com: Photos › Recently Deleted, select the recording and choose Delete.",
                "If it was in iCloud Drive: Recently Deleted, select it and choose Delete.",
            ],
        ),
        Platform::Windows => (
            "Windows",
            &["Open de Prullenbak, klik met rechts op de opname en kies Verwijderen."],
            &["Open the Recycle Bin, right-click the recording and choose Delete."],
        ),
        Platform::MacOs => (
            "macOS",
            &["Open de Prullenmand, klik met rechts op de opname en kies Verwijder onmiddellijk."],
            &["Open the Bin, right-click the recording and choose Delete Immediately."],
        ),
    };
    let steps = match lang {
        Lang::Nl => nl,
        Lang::En => en,
    };
    PlatformSteps {
        name: name.to_owned(),
        steps: steps.iter().map(|s| (*s).to_owned()).collect(),
    }
}
