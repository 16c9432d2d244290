//! Where a rule comes from, worded for the label next to it: a section of the pack's source
//! document, the internship school's own rules, or advice of Opnamewijs.

use crate::policy::{PolicyPack, Provenance};
use crate::text::{tr, Lang};
use serde::Serialize;
use ts_rs::TS;

/// Whose rule it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProvenanceKind {
    /// The pack's source document (the institute's rules).
    Source,
    /// The internship school's own rules, as the student entered them.
    School,
    /// What Opnamewijs adds on its own account.
    Advice,
}

/// Where a rule comes from, worded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProvenanceView {
    /// Whose rule it is.
    pub kind: ProvenanceKind,
    /// The label: "HU-checklist › Opslaan", "Advies van Opnamewijs", "Regel van je stageschool …".
    pub label: String,
    /// For advice: why Opnamewijs gives it.
    pub detail: Option<String>,
}

/// Words where a rule of `pack` comes from; `None` for a pack of the first format, which did not
/// say.
pub fn provenance_view(
    pack: &PolicyPack,
    from: Option<&Provenance>,
    lang: Lang,
) -> Option<ProvenanceView> {
    Some(match from? {
        Provenance::Section(section) => {
            let source = pack
                .source_name
                .as_ref()
                .map_or_else(|| pack.title.get(lang), |n| n.get(lang));
            ProvenanceView {
                kind: ProvenanceKind::Source,
                label: format!("{source} › {}", section.get(lang)),
                detail: None,
            }
        }
        Provenance::Advice(reason) => advice_view(reason.get(lang), lang),
    })
}

/// Advice of Opnamewijs with its reason.
pub fn advice_view(reason: &str, lang: Lang) -> ProvenanceView {
    ProvenanceView {
        kind: ProvenanceKind::Advice,
        label: tr(lang, "Advies van Opnamewijs", "Advice of Opnamewijs"),
        detail: Some(reason.to_owned()),
    }
}

/// A rule of the internship school `name`.
pub fn school_provenance(name: &str, lang: Lang) -> ProvenanceView {
    ProvenanceView {
        kind: ProvenanceKind::School,
        label: format!(
            "{} {name}",
            tr(
                lang,
                "Regel van je stageschool",
                "Rule of your internship school"
            )
        ),
        detail: None,
    }
}
