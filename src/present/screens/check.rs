//! "Dossier controleren": what an assessor (or anyone, on any installation) learns from a dossier
//! PDF without the student's laptop.
//!
//! 1. The attachments are found ([`crate::dossier_file::read`]); a file that is not a dossier in
//!    the form Opnamewijs writes is refused with a [`DossierError`].
//! 2. Every receipt attached is verified as the student's app verified it when it was imported
//!    ([`crate::mentor::parse_receipt`]: the Ed25519 signature over the whole body).
//! 3. The manifest is held against the printed text in two steps. Its printed blocks are set again
//!    with the app's own layout, and every page's content stream must be byte for byte the page in
//!    the file: so the text on the pages is exactly the manifest's text. Then every statement the
//!    manifest makes as data (the student, the version, the journal's length and head hash, each
//!    recording's title, copies and their deletion confirmations, ticks, deadlines, the feedback
//!    confirmation, and each receipt's line, derived from the *signed* receipt) is worded again as
//!    the dossier words it and must be one of those blocks. A changed byte in the printed text, in
//!    the manifest or in a receipt therefore shows up as a named problem.

use super::dossier::{
    copy_line, in_person_field, journal_line, made_with, receipt_label, receipt_line, tick_line,
    ticks_heading,
};
use super::Result;
use crate::dossier_file::{self, Block, DossierError, Manifest, MANIFEST_NAME};
use crate::error::ErrorPayload;
use crate::limits::MAX_DOSSIER_BYTES;
use crate::mentor::MentorError;
use crate::pdf::{shown_text, PdfDocument};
use crate::recording::ReceivedReceipt;
use crate::text::{tr, Lang};
use crate::views::{
    self, format_date, format_datetime, DossierCheckView, ProvenView, StatementsView,
};
use crate::workspace::Workspace;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

/// At most this many pages that differ are named one by one.
const MAX_PAGE_PROBLEMS: usize = 5;

impl Workspace {
    /// Checks the dossier PDF at `path`: any dossier of Opnamewijs, not only this installation's.
    /// Reads it (at most [`MAX_DOSSIER_BYTES`]) and changes nothing.
    pub fn check_dossier(&self, path: &Path) -> Result<DossierCheckView> {
        let bytes = crate::limits::read_at_most(path, MAX_DOSSIER_BYTES)
            .map_err(|e| crate::files::file_error(path, &e))?
            .ok_or(DossierError::TooLarge {
                max: MAX_DOSSIER_BYTES >> 20,
            })?;
        Ok(check_dossier(&bytes, self.lang())?)
    }
}

/// Checks the bytes of a dossier PDF; the view is in `lang`, whatever language the dossier is in.
pub fn check_dossier(
    bytes: &[u8],
    lang: Lang,
) -> std::result::Result<DossierCheckView, DossierError> {
    if bytes.len() as u64 > MAX_DOSSIER_BYTES {
        return Err(DossierError::TooLarge {
            max: MAX_DOSSIER_BYTES >> 20,
        });
    }
    let file = dossier_file::read(bytes)?;
    let mut problems = Vec::new();
    let Some(manifest_file) = file.attachments.iter().find(|a| a.name == MANIFEST_NAME) else {
        return Err(DossierError::NotADossier {
            what: dossier_file::Missing::Manifest,
        });
    };
    let manifest = match dossier_file::parse_manifest(&manifest_file.data) {
        Ok(m) => m,
        Err(at) => {
            problems.push(match at {
                Some((line, column)) => format!(
                    "{} {MANIFEST_NAME} {} ({} {line}, {} {column})",
                    tr(lang, "bijlage", "attachment"),
                    tr(
                        lang,
                        "is gewijzigd of beschadigd: het is geen leesbaar manifest meer",
                        "was changed or damaged: it is no longer a readable manifest"
                    ),
                    tr(lang, "regel", "line"),
                    tr(lang, "kolom", "column"),
                ),
                None => format!(
                    "{} {MANIFEST_NAME} {}",
                    tr(lang, "bijlage", "attachment"),
                    tr(
                        lang,
                        "is een manifest van een andere soort of een nieuwere versie van Opnamewijs",
                        "is a manifest of another kind or of a newer version of Opnamewijs"
                    ),
                ),
            });
            return Ok(unreadable(problems, lang));
        }
    };
    if !manifest_file.as_stated() {
        problems.push(changed(MANIFEST_NAME, lang));
    }
    compare_pages(&manifest, &file.pages, lang, &mut problems);

    let dl = manifest.lang;
    let printed: HashSet<&Block> = manifest.printed.iter().collect();
    let mut missing: Vec<String> = Vec::new();
    let mut expect = |block: Block, what: String| {
        if !printed.contains(&block) {
            missing.push(what);
        }
    };
    expect(
        Block::Field(tr(dl, "Student", "Student"), manifest.student.clone()),
        tr(lang, "de naam van de student", "the student's name"),
    );
    expect(
        Block::Field(
            tr(dl, "Gemaakt met", "Made with"),
            made_with(&manifest.app_version),
        ),
        tr(
            lang,
            "de versie van Opnamewijs",
            "the version of Opnamewijs",
        ),
    );
    expect(
        Block::Field(
            tr(dl, "Dagboek", "Journal"),
            journal_line(manifest.journal.entries, dl),
        ),
        tr(
            lang,
            "het aantal items van het dagboek",
            "the journal's number of entries",
        ),
    );
    expect(
        Block::Monospace(manifest.journal.head_hash.clone()),
        tr(
            lang,
            "de kophash van het dagboek",
            "the journal's head hash",
        ),
    );

    let mut proven = Vec::new();
    let mut statements = Vec::new();
    let mut referenced = BTreeSet::new();
    for rec in &manifest.recordings {
        let about = |what: &str| format!("{what} {} \"{}\"", tr(lang, "bij", "of"), rec.title);
        expect(
            Block::Heading(rec.title.clone()),
            format!("{} \"{}\"", tr(lang, "de titel", "the title"), rec.title),
        );
        let mut lines = Vec::new();
        for copy in &rec.copies {
            expect(
                Block::Field(copy.label.clone(), copy_line(copy.deleted.as_ref(), dl)),
                about(&format!(
                    "{} \"{}\"",
                    tr(lang, "de kopie", "the copy"),
                    copy.label
                )),
            );
            lines.push(format!(
                "{} {}: {}",
                tr(lang, "Kopie", "Copy"),
                copy.label,
                copy_line(copy.deleted.as_ref(), lang)
            ));
        }
        if !rec.ticks.is_empty() {
            expect(
                Block::Subheading(ticks_heading(dl)),
                about(&tr(lang, "de afgevinkte punten", "the ticked items")),
            );
        }
        for tick in &rec.ticks {
            expect(
                Block::Bullet(tick_line(&tick.text, &tick.by, tick.at, dl)),
                about(&format!(
                    "{} \"{}\"",
                    tr(lang, "het vinkje", "the tick"),
                    tick.text
                )),
            );
            lines.push(format!(
                "{}: {}",
                tr(lang, "Afgevinkt", "Ticked"),
                tick_line(&tick.text, &tick.by, tick.at, lang)
            ));
        }
        for d in &rec.deadlines {
            expect(
                Block::Bullet(d.line.clone()),
                about(&format!(
                    "{} {}",
                    tr(lang, "de termijn", "the deadline"),
                    d.id
                )),
            );
        }
        if let Some(given) = &rec.in_person {
            let (label, value) = in_person_field(&given.by, given.at, dl);
            expect(
                Block::Field(label, value),
                about(&tr(
                    lang,
                    "de feedbackbevestiging",
                    "the feedback confirmation",
                )),
            );
            let (label, value) = in_person_field(&given.by, given.at, lang);
            lines.push(format!("{label}: {value}"));
        }
        if let Some(stated) = &rec.receipt {
            let kept = ReceivedReceipt {
                request: String::new(),
                mentor: stated.mentor.clone(),
                role: stated.role,
                feedback_on: stated.feedback_on,
                late: stated.late,
                fingerprint: stated.fingerprint.clone(),
                signed_at: stated.signed_at,
                signed: None,
                key_compared_at: stated.key_compared_at,
            };
            let Some(name) = &stated.attachment else {
                expect(
                    Block::Field(receipt_label(dl), receipt_line(&kept, None, dl)),
                    about(&tr(lang, "het feedbackbewijs", "the feedback receipt")),
                );
                lines.push(format!(
                    "{}: {}",
                    tr(lang, "Feedbackbewijs", "Feedback receipt"),
                    receipt_line(&kept, None, lang)
                ));
                continue_statements(&mut statements, &rec.title, lines);
                continue;
            };
            referenced.insert(name.clone());
            let mut view = ProvenView {
                attachment: name.clone(),
                recording: rec.title.clone(),
                signed: false,
                mentor: format!(
                    "{} ({})",
                    stated.mentor,
                    views::mentor_role_label(stated.role, lang)
                ),
                what: String::new(),
                fingerprint: stated.fingerprint.clone(),
                compared: views::key_compared(&kept, lang),
            };
            match file.attachments.iter().find(|a| &a.name == name) {
                None => problems.push(format!(
                    "{} {name} {}",
                    tr(lang, "bijlage", "attachment"),
                    tr(lang, "ontbreekt", "is missing")
                )),
                Some(attached) => match crate::mentor::parse_receipt(&attached.data) {
                    Err(MentorError::Modified) => problems.push(format!(
                        "{} {name} {}",
                        tr(lang, "bijlage", "attachment"),
                        tr(
                            lang,
                            "is gewijzigd: de handtekening klopt niet",
                            "was changed: the signature does not hold"
                        )
                    )),
                    Err(err) => problems.push(format!(
                        "{} {name} {}: {}",
                        tr(lang, "bijlage", "attachment"),
                        tr(
                            lang,
                            "is gewijzigd: het is geen leesbaar ontvangstbewijs meer",
                            "was changed: it is no longer a readable receipt"
                        ),
                        ErrorPayload::localized(&err, lang).message
                    )),
                    Ok((receipt, fingerprint)) => {
                        if !attached.as_stated() {
                            problems.push(changed(name, lang));
                        }
                        let body = &receipt.receipt;
                        let signed = ReceivedReceipt {
                            mentor: body.mentor.clone(),
                            role: body.role,
                            feedback_on: body.feedback_on,
                            fingerprint: fingerprint.clone(),
                            signed_at: body.signed_at,
                            ..kept.clone()
                        };
                        if body.recording != rec.id
                            || signed.mentor != stated.mentor
                            || signed.role != stated.role
                            || signed.feedback_on != stated.feedback_on
                            || fingerprint != stated.fingerprint
                        {
                            problems.push(format!(
                                "{} {name}: {}",
                                tr(
                                    lang,
                                    "het manifest komt niet overeen met bijlage",
                                    "the manifest does not match attachment"
                                ),
                                tr(
                                    lang,
                                    "de begeleider, de dag, de sleutel of de opname verschilt",
                                    "the mentor, the day, the key or the recording differs"
                                )
                            ));
                        }
                        expect(
                            Block::Field(receipt_label(dl), receipt_line(&signed, Some(name), dl)),
                            about(&tr(
                                lang,
                                "het feedbackbewijs (zoals ondertekend)",
                                "the feedback receipt (as signed)",
                            )),
                        );
                        view.signed = true;
                        view.mentor = format!(
                            "{} ({})",
                            body.mentor,
                            views::mentor_role_label(body.role, lang)
                        );
                        view.fingerprint = fingerprint;
                        view.what = signed_what(body, lang);
                    }
                },
            }
            proven.push(view);
        }
        continue_statements(&mut statements, &rec.title, lines);
    }
    for a in &file.attachments {
        if a.name != MANIFEST_NAME && !referenced.contains(&a.name) {
            problems.push(format!(
                "{} {} {}",
                tr(lang, "bijlage", "attachment"),
                a.name,
                tr(lang, "staat niet in het manifest", "is not in the manifest")
            ));
        }
    }
    for what in missing {
        problems.push(format!(
            "{}: {what} {}",
            mismatch(lang),
            tr(
                lang,
                "staat niet zo in de tekst",
                "is not printed as stated"
            )
        ));
    }

    let valid = problems.is_empty();
    let signed = proven.iter().filter(|p| p.signed).count();
    Ok(DossierCheckView {
        valid,
        summary: if valid {
            format!(
                "{} {signed} {}",
                tr(
                    lang,
                    "Dit dossier klopt: de afgedrukte tekst is die van het manifest, en de handtekening klopt van",
                    "This dossier holds: the printed text is the manifest's, and the signature holds on"
                ),
                tr(lang, "ontvangstbewijs(en).", "receipt(s).")
            )
        } else {
            format!(
                "{} {}",
                tr(
                    lang,
                    "Dit dossier klopt niet. Gevonden problemen:",
                    "This dossier does not hold. Problems found:"
                ),
                problems.len()
            )
        },
        student: manifest.student.clone(),
        made: format!(
            "{} · {}",
            format_datetime(manifest.made_at, lang),
            made_with(&manifest.app_version)
        ),
        journal: match lang {
            Lang::Nl => format!("{} items", manifest.journal.entries),
            Lang::En => format!("{} entries", manifest.journal.entries),
        },
        head_hash: manifest.journal.head_hash.clone(),
        proven,
        statements,
        problems,
        explanation: explanation(lang),
    })
}

fn continue_statements(out: &mut Vec<StatementsView>, title: &str, lines: Vec<String>) {
    out.push(StatementsView {
        recording: title.to_owned(),
        lines,
    });
}

/// What the mentor signed, in one line.
fn signed_what(body: &crate::receipt::ReceiptBody, lang: Lang) -> String {
    let mut parts = vec![format!(
        "{} {}",
        tr(lang, "feedback gegeven op", "feedback given on"),
        format_date(body.feedback_on, lang)
    )];
    if let Some(on) = body.recorded_on {
        parts.push(format!(
            "{} {}",
            tr(lang, "opname van", "recording of"),
            format_date(on, lang)
        ));
    }
    if let Some(due) = body.feedback_due {
        parts.push(format!(
            "{} {}",
            tr(lang, "feedback verwacht uiterlijk", "feedback expected by"),
            format_date(due, lang)
        ));
    }
    parts.push(match lang {
        Lang::Nl => format!("over \"{}\" van {}", body.title, body.student),
        Lang::En => format!("on \"{}\" by {}", body.title, body.student),
    });
    parts.push(format!(
        "{} {}",
        tr(lang, "ondertekend op", "signed on"),
        format_datetime(body.signed_at, lang)
    ));
    parts.join("; ")
}

fn mismatch(lang: Lang) -> String {
    tr(
        lang,
        "manifest komt niet overeen met de afgedrukte tekst",
        "the manifest does not match the printed text",
    )
}

fn changed(name: &str, lang: Lang) -> String {
    format!(
        "{} {name} {}",
        tr(lang, "bijlage", "attachment"),
        tr(
            lang,
            "is gewijzigd na het maken van het dossier: de grootte of het controlegetal klopt niet",
            "was changed after the dossier was made: its size or checksum does not match"
        )
    )
}

/// Sets the manifest's text again and compares each page with the file's.
fn compare_pages(manifest: &Manifest, pages: &[Vec<u8>], lang: Lang, problems: &mut Vec<String>) {
    let expected = PdfDocument::page_streams(&manifest.title, manifest.lang, &manifest.printed);
    if expected.len() != pages.len() {
        problems.push(format!(
            "{}: {} {} {}, {} {}",
            mismatch(lang),
            tr(lang, "het bestand heeft", "the file has"),
            pages.len(),
            tr(lang, "pagina's", "pages"),
            tr(lang, "het manifest", "the manifest"),
            expected.len()
        ));
    }
    let mut named = 0;
    for (n, (want, got)) in expected.iter().zip(pages).enumerate() {
        if want == got {
            continue;
        }
        named += 1;
        if named > MAX_PAGE_PROBLEMS {
            break;
        }
        let mut want_lines = want.split(|b| *b == b'\n');
        let mut got_lines = got.split(|b| *b == b'\n');
        let (printed, stated) = loop {
            match (got_lines.next(), want_lines.next()) {
                (Some(g), Some(w)) if g == w => continue,
                (g, w) => break (g.map(shown_text), w.map(shown_text)),
            }
        };
        problems.push(format!(
            "{}: {} {}: {} \"{}\", {} \"{}\"",
            mismatch(lang),
            tr(lang, "pagina", "page"),
            n + 1,
            tr(lang, "afgedrukt staat", "printed is"),
            printed.unwrap_or_default(),
            tr(lang, "het manifest zegt", "the manifest says"),
            stated.unwrap_or_default()
        ));
    }
}

/// The view of a dossier whose manifest cannot be read: only what is wrong.
fn unreadable(problems: Vec<String>, lang: Lang) -> DossierCheckView {
    DossierCheckView {
        valid: false,
        summary: format!(
            "{} {}",
            tr(
                lang,
                "Dit dossier klopt niet. Gevonden problemen:",
                "This dossier does not hold. Problems found:"
            ),
            problems.len()
        ),
        student: String::new(),
        made: String::new(),
        journal: String::new(),
        head_hash: String::new(),
        proven: Vec::new(),
        statements: Vec::new(),
        problems,
        explanation: explanation(lang),
    }
}

fn explanation(lang: Lang) -> String {
    tr(
        lang,
        "Bewezen is alleen wat een begeleider ondertekende: de handtekening van elk ontvangstbewijs is hier nagerekend met de sleutel die erbij staat. Of die sleutel van de begeleider is, blijkt pas als je de vingerafdruk vergelijkt met het scherm van de begeleider (Feedbackverzoeken van studenten › Sleutel van deze installatie). Afgevinkte punten, verwijderbevestigingen en een bevestiging op de laptop van de student zijn eigen verklaringen van de student: dit controleren laat zien dat het dossier na het maken niet is veranderd, niet dat ze waar zijn.",
        "Only what a mentor signed is proven: each receipt's signature was checked here against the key that comes with it. Whether that key is the mentor's only shows when you compare its fingerprint with the mentor's screen (Feedback requests from students › This installation's key). Ticks on the checklist, deletion confirmations and a confirmation on the student's laptop are the student's own statements: this check shows that the dossier was not changed after it was made, not that they are true.",
    )
}
