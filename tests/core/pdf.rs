//! The PDF writer on its own: a multi-page document read back with poppler (`pdftotext`,
//! `pdfinfo`) as an assessor's viewer would, and the file structure parsed byte by byte.

use chrono::DateTime;
use opnamewijs::pdf::PdfDocument;
use std::path::Path;
use std::process::Command;

const TITLE: &str = "Dossier lesopnamen – Anaïs de Vries";
const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// Runs a poppler tool on `pdf` and returns what it prints; a missing tool fails the test with
/// what to install.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(pdf);
    if tool == "pdftotext" {
        // Text to standard output rather than to a file next to the PDF.
        command.arg("-");
    }
    let out = match command.output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{tool}` was not found. The PDF tests need poppler-utils: install it \
             (Debian/Ubuntu: `sudo apt-get install poppler-utils`, macOS: `brew install poppler`)."
        ),
        Err(e) => panic!("could not run `{tool}`: {e}"),
    };
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

/// The text of one page (1-based), laid out.
fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    poppler(
        "pdftotext",
        &["-layout", "-f", &n, "-l", &n, "-enc", "UTF-8"],
        pdf,
    )
    .replace('\u{c}', "")
}

fn sample() -> Vec<u8> {
    let created = DateTime::parse_from_rfc3339("2026-11-24T10:00:00+01:00").expect("date");
    let mut doc = PdfDocument::new(TITLE, "Anaïs de Vries", created);
    doc.heading("Dossier lesopnamen: Anaïs de Vries");
    doc.paragraph(
        "Dit dossier laat per opname zien hoe de student met de opname is omgegaan: de toets \
         vooraf, wie de opname zag en hoe, en van elke kopie wie die wanneer en hoe verwijderde. \
         Geïnformeerd, reünie, coördinator, één café, à la carte, ’s ochtends, “aanhalingstekens” \
         en ‘enkele’, (haakjes) en een \\schuine streep\\, kosten € 12,50 — dat is alles…",
    );
    doc.field("Student", "Anaïs de Vries");
    doc.field("Gemaakt op", "di 24 nov. 2026 10:00");
    doc.field(
        "Toestemming van ouders of verzorgers",
        "Ja, schriftelijk gevraagd via de school; twee leerlingen zonder toestemming zaten \
         buiten beeld en zijn niet te horen.",
    );
    doc.subheading("Kophash van het dagboek");
    doc.monospace(HASH);
    // A token far longer than a line: it is cut, not run off the page.
    doc.monospace(&HASH.repeat(3));
    doc.rule();
    doc.heading("Rekenles 3B (feedback)");
    doc.subheading("Verloop");
    doc.bullet("Opgenomen: di 3 nov. 2026 09:15 (Anaïs de Vries)");
    doc.bullet("Verwijderd op woensdag 4 november 2026 – bevestigd");
    doc.bullet(
        "Gedeeld met de begeleider, vanaf de veilige opslaglocatie · een lange regel die over \
         de kantlijn zou lopen als hij niet werd gewikkeld, met een hangende inspringing",
    );
    doc.page_break();
    doc.heading("Open punten");
    for n in 1..=80 {
        doc.bullet(&format!("Punt {n:03}: alle kopieën verwijderen"));
    }
    doc.finish()
}

#[test]
fn a_dutch_multi_page_document_reads_back_with_poppler() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("voorbeeld.pdf");
    std::fs::write(&path, sample()).expect("write");

    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &path);
    // Lines that fit on one line of the page come out as one line.
    for expected in [
        "Dossier lesopnamen: Anaïs de Vries",
        "Verwijderd op woensdag 4 november 2026 – bevestigd",
        "Rekenles 3B (feedback)",
        "Opgenomen: di 3 nov. 2026 09:15 (Anaïs de Vries)",
        "Punt 001: alle kopieën verwijderen",
        HASH,
    ] {
        assert!(
            text.lines()
                .any(|l| l.trim().trim_start_matches('•').trim_start() == expected),
            "no line {expected:?} in:\n{text}"
        );
    }
    // Wrapped text, read across its line ends.
    let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Geïnformeerd, reünie, coördinator, één café, à la carte, ’s ochtends,",
        "“aanhalingstekens” en ‘enkele’, (haakjes) en een \\schuine streep\\,",
        "kosten € 12,50 — dat is alles…",
        "zaten buiten beeld en zijn niet te horen.",
        "met een hangende inspringing",
    ] {
        assert!(
            flowing.contains(expected),
            "missing {expected:?} in:\n{text}"
        );
    }
    // The continuation of a bullet lines up with its text, not with the bullet.
    let bullet = text
        .lines()
        .position(|l| l.contains("• Gedeeld met de begeleider"))
        .expect("bullet");
    let first = text.lines().nth(bullet).expect("first line");
    let next = text.lines().nth(bullet + 1).expect("second line");
    let text_column = first.chars().take_while(|c| matches!(c, ' ' | '•')).count();
    let indent = next.chars().take_while(|c| *c == ' ').count();
    assert_eq!(indent, text_column, "hanging indent: {first:?} / {next:?}");
    // The long token is cut into lines, with nothing lost.
    let squeezed: String = text.split_whitespace().collect();
    assert!(squeezed.contains(&HASH.repeat(3)), "long token kept whole");
    assert!(
        text.lines().all(|l| !l.contains(&HASH.repeat(2))),
        "long token cut across lines"
    );

    // Page count and document information.
    let info = poppler("pdfinfo", &["-isodates", "-enc", "UTF-8"], &path);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {name} in:\n{info}"))
            .to_owned()
    };
    assert_eq!(field("Title:"), TITLE);
    assert_eq!(field("Author:"), "Anaïs de Vries");
    assert_eq!(field("Producer:"), "Opnamewijs");
    assert_eq!(field("CreationDate:"), "2026-11-24T10:00:00+01");
    assert_eq!(field("PDF version:"), "1.7");
    assert!(field("Page size:").starts_with("595.28 x 841.89 pts (A4)"));
    // Page 1 is ended by hand. Page 2 has the heading (24 pt) and then room for 47 one-line
    // bullets of 14.5 pt above the bottom margin; the other 33 go to page 3.
    assert_eq!(field("Pages:"), "3", "{info}");

    let pages: Vec<String> = (1..=3).map(|n| page_text(&path, n)).collect();
    for (i, page) in pages.iter().enumerate() {
        let footer = format!("{TITLE} · pagina {} van 3", i + 1);
        let last = page.lines().rev().find(|l| !l.trim().is_empty());
        assert_eq!(
            last.map(str::trim),
            Some(footer.as_str()),
            "footer of page {}",
            i + 1
        );
    }
    assert!(pages[0].contains("Rekenles 3B") && !pages[0].contains("Open punten"));
    assert!(pages[1].contains("Open punten"));
    assert!(pages[1].contains("Punt 047") && !pages[1].contains("Punt 048"));
    assert!(pages[2].contains("Punt 048") && pages[2].contains("Punt 080"));
}

#[test]
fn the_file_structure_is_sound() {
    let pdf = sample();
    assert_eq!(sample(), pdf, "deterministic");
    assert!(pdf.starts_with(b"%PDF-1.7\n%"));
    assert!(pdf[10..14].iter().all(|b| *b >= 128), "binary comment line");
    assert!(pdf.ends_with(b"%%EOF\n"));

    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).expect("ASCII structure");
    let tail = text(&pdf[pdf.len() - 40..]);
    let startxref: usize = tail
        .rsplit("startxref\n")
        .next()
        .and_then(|t| t.lines().next())
        .and_then(|n| n.parse().ok())
        .expect("startxref");
    let xref = text(&pdf[startxref..]);
    let mut lines = xref.split('\n');
    assert_eq!(lines.next(), Some("xref"));
    let size: usize = lines
        .next()
        .and_then(|l| l.strip_prefix("0 "))
        .and_then(|n| n.parse().ok())
        .expect("subsection 0 N");
    assert_eq!(lines.next(), Some("0000000000 65535 f "));
    // Each entry is exactly 20 bytes: 10-digit offset, generation, 'n', space, newline.
    let entries = &pdf[startxref + "xref\n0 \n".len() + size.to_string().len() + 20..];
    for number in 1..size {
        let entry = text(&entries[(number - 1) * 20..number * 20]);
        assert!(entry.ends_with(" 00000 n \n"), "entry {number}: {entry:?}");
        let offset: usize = entry[..10].parse().expect("10-digit offset");
        let header = format!("{number} 0 obj\n");
        assert!(
            pdf[offset..].starts_with(header.as_bytes()),
            "xref entry {number} points at {:?}",
            text(&pdf[offset..offset + 12])
        );
    }
    let trailer = text(&entries[(size - 1) * 20..]);
    assert!(trailer.starts_with("trailer\n<< "), "{trailer}");
    assert!(trailer.contains(&format!("/Size {size} ")));
    assert!(trailer.contains("/Root 1 0 R") && trailer.contains("/Info 6 0 R"));
    assert!(trailer.contains("/ID [<"));

    // Every stream is as long as its /Length says.
    let mut streams = 0;
    let mut at = 0;
    while let Some(found) = find(&pdf[at..], b"/Length ") {
        let start = at + found + b"/Length ".len();
        let digits = pdf[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let length: usize = text(&pdf[start..start + digits]).parse().expect("length");
        let data = start
            + find(&pdf[start..], b">>\nstream\n").expect("stream after its dictionary")
            + b">>\nstream\n".len();
        assert!(pdf[data + length..].starts_with(b"\nendstream"));
        streams += 1;
        at = data + length;
    }
    assert_eq!(
        streams,
        3 + 2 * 2,
        "one content stream per page, and per embedded font its file and ToUnicode map"
    );
    // The two embedded fonts, as CID fonts with Identity-H and a ToUnicode map; Courier standard.
    for font in ["OWSUBA+DejaVuSans", "OWSUBB+DejaVuSans-Bold"] {
        let type0 = format!("/Subtype /Type0 /BaseFont /{font} /Encoding /Identity-H");
        assert!(find(&pdf, type0.as_bytes()).is_some(), "{font}");
        let cid = format!("/Subtype /CIDFontType2 /BaseFont /{font}");
        assert!(find(&pdf, cid.as_bytes()).is_some(), "{font}");
    }
    assert!(find(&pdf, b"/FontFile2 ").is_some() && find(&pdf, b"/ToUnicode ").is_some());
    assert!(find(&pdf, b"/BaseFont /Courier /Encoding /WinAnsiEncoding").is_some());
    assert!(
        find(&pdf, b"/BaseFont /Helvetica").is_none(),
        "no unembedded text font"
    );
}

/// `qpdf --check` (Debian: qpdf) finds nothing wrong with the file's structure, its streams or
/// its fonts. Without qpdf the test says so and passes (`cargo xtask test` installs it).
#[test]
fn qpdf_finds_the_file_sound() {
    let dir = tempfile::tempdir().expect("dir");
    // With attached files too, as the dossier has: the name tree, /AF and the file streams.
    let created = DateTime::parse_from_rfc3339("2026-11-24T10:00:00+01:00").expect("date");
    let mut doc = PdfDocument::new(TITLE, "Anaïs de Vries", created);
    doc.heading("Bijlagen");
    doc.paragraph("Dit document heeft twee bijlagen.");
    doc.attach(
        "bewijs-1.opnamewijs-bewijs",
        "Ondertekend bewijs van Ayşe Yılmaz",
        true,
        b"{}\n".to_vec(),
    );
    doc.attach(
        "opnamewijs-manifest.json",
        "Manifest",
        false,
        b"{\"a\": 1}\n".to_vec(),
    );
    let attached = doc.finish();
    assert!(find(
        &attached,
        b"/EmbeddedFiles << /Names [(bewijs-1.opnamewijs-bewijs) "
    )
    .is_some());
    assert!(find(&attached, b"/Params << /Size 3 /CheckSum <").is_some());
    for (name, pdf) in [("sample.pdf", sample()), ("attached.pdf", attached)] {
        let path = dir.path().join(name);
        std::fs::write(&path, pdf).expect("write");
        qpdf_check(&path);
    }
}

fn qpdf_check(path: &Path) {
    let out = match Command::new("qpdf").arg("--check").arg(path).output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("SKIPPED: qpdf is not installed ({e}); `cargo xtask test` installs it");
            return;
        }
    };
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.contains("No syntax or stream encoding errors found"),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
