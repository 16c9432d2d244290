//! The internship school's own rules on top of a pack. The school's rules can only make a pack
//! stricter: a recording the school does not allow is not allowed whatever the pack says, the
//! school's storage and consent arrangement become checklist items, and a shorter retention
//! becomes a deadline of its own. Which answers mean "own device" is the pack's to say
//! ([`SchoolOverlay`]); a pack without an overlay gets the school's items and retention only.

use crate::checklist::{verdict, Intake, Outcome};
use crate::policy::{Item, PolicyPack, SchoolOverlay, Verdict};
use crate::recording::Recording;
use crate::school::{ConsentArrangement, School};
use crate::text::Text;

pub use crate::checklist::SchoolVerdict;

/// The verdict of `school`'s rules for the answers in `known`, if they forbid the recording.
pub fn school_verdict(
    pack: &PolicyPack,
    school: &School,
    known: &Intake<'_>,
) -> Option<SchoolVerdict> {
    let overlay: &SchoolOverlay = pack.school_overlay.as_ref()?;
    let name = &school.name;
    if !school.own_devices_allowed && overlay.own_device.eval(known) == Some(true) {
        return Some(SchoolVerdict {
            verdict: Verdict::NotAllowed,
            reason: Text {
                nl: format!(
                    "Jouw stageschool {name} staat opnemen met een eigen telefoon of tablet niet \
                     toe. Neem op met apparatuur van de school."
                ),
                en: format!(
                    "Your internship school {name} does not allow recording with your own phone or \
                     tablet. Record with the school's equipment."
                ),
            },
        });
    }
    if school.school_equipment_required && overlay.not_school_device.eval(known) == Some(true) {
        return Some(SchoolVerdict {
            verdict: Verdict::NotAllowed,
            reason: Text {
                nl: format!(
                    "Jouw stageschool {name} schrijft voor dat je met apparatuur van de school \
                     opneemt."
                ),
                en: format!(
                    "Your internship school {name} requires you to record with the school's \
                     equipment."
                ),
            },
        });
    }
    None
}

/// The id prefix of the items a school adds.
pub const ITEM_PREFIX: &str = "school.";

/// The checklist items `school`'s rules add, in the pack's phases (the overlay's, else the first
/// and, for storage, the one after it). None of them blocks a later phase.
pub fn school_items(pack: &PolicyPack, school: &School) -> Vec<Item> {
    let first = pack
        .phases
        .first()
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let (prepare, store) = match &pack.school_overlay {
        Some(o) => (o.prepare_phase.clone(), o.store_phase.clone()),
        None => (first.clone(), first),
    };
    let name = &school.name;
    let item = |id: &str, phase: &str, text: Text, evidence: bool| Item {
        id: format!("{ITEM_PREFIX}{id}"),
        phase: phase.to_owned(),
        text,
        help: None,
        shown_when: None,
        blocking: false,
        evidence,
        records_event: None,
        from: None,
    };
    let mut out = Vec::new();
    if let Some(arrangement) = school.consent {
        let (nl, en) = match arrangement {
            ConsentArrangement::SchoolArranged => (
                "de school heeft toestemming al gevraagd; nagegaan wie géén toestemming gaf",
                "the school has asked for consent already; checked who did not consent",
            ),
            ConsentArrangement::StudentAsks => (
                "zelf toestemming gevraagd, op de manier die de school voorschrijft",
                "asked for consent myself, the way the school prescribes",
            ),
            ConsentArrangement::LegitimateInterest => (
                "de school beroept zich op gerechtvaardigd belang; wie bezwaar maakte, komt niet in \
                 beeld",
                "the school relies on legitimate interest; whoever objected stays out of view",
            ),
        };
        let basis = school
            .consent_basis
            .as_deref()
            .map(|b| format!(" ({b})"))
            .unwrap_or_default();
        out.push(item(
            "toestemming",
            &prepare,
            Text {
                nl: format!("Toestemming volgens de regeling van {name}: {nl}{basis}"),
                en: format!("Consent as {name} arranges it: {en}{basis}"),
            },
            true,
        ));
    }
    if let Some(storage) = &school.storage {
        out.push(item(
            "opslag",
            &store,
            Text {
                nl: format!("Opgeslagen waar {name} het voorschrijft: {storage}"),
                en: format!("Stored where {name} requires: {storage}"),
            },
            false,
        ));
    }
    out
}

/// The verdict of the pack and, on top of it, of the recording's internship school: the stricter
/// one wins.
pub fn verdict_with_school<'p>(
    pack: &'p PolicyPack,
    school: Option<&School>,
    answers: &Intake<'_>,
) -> Outcome<'p> {
    let outcome = verdict(pack, answers);
    let Some(stricter) = school.and_then(|s| school_verdict(pack, s, answers)) else {
        return outcome;
    };
    match outcome.verdict() {
        Some(v) if v >= stricter.verdict => outcome,
        _ => Outcome::School(stricter),
    }
}

/// The recording's checklist items: the pack's, then those its internship school adds.
pub fn items_of<'p>(pack: &'p PolicyPack, rec: &Recording) -> Vec<std::borrow::Cow<'p, Item>> {
    let mut out: Vec<std::borrow::Cow<'p, Item>> =
        pack.items.iter().map(std::borrow::Cow::Borrowed).collect();
    if let Some(school) = &rec.school {
        out.extend(
            school_items(pack, school)
                .into_iter()
                .map(std::borrow::Cow::Owned),
        );
    }
    out
}
