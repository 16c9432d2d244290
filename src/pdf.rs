//! A small PDF writer for the dossier: A4 pages of wrapped text in the standard Helvetica and
//! Courier fonts, with Windows-1252 encoding (enough for Dutch and English), page breaks and a
//! "page N of M" footer. No dependencies, deterministic output.

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
/// Lowest baseline for body text; the footer sits below it.
const BOTTOM: f32 = 72.0;
const LABEL_WIDTH: f32 = 150.0;
const BULLET_INDENT: f32 = 14.0;

/// The three fonts the writer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Font {
    Regular,
    Bold,
    Mono,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
            Font::Mono => "F3",
        }
    }

    /// Width of one encoded byte in 1/1000 em.
    fn advance(self, byte: u8) -> u16 {
        let index = usize::from(byte.max(32) - 32);
        match self {
            Font::Regular => HELVETICA[index],
            Font::Bold => HELVETICA_BOLD[index],
            Font::Mono => 600,
        }
    }

    fn width(self, bytes: &[u8], size: f32) -> f32 {
        bytes
            .iter()
            .map(|b| f32::from(self.advance(*b)))
            .sum::<f32>()
            * size
            / 1000.0
    }
}

/// Encodes `text` in Windows-1252 (the PDF's WinAnsiEncoding); what it cannot hold becomes `?`,
/// control characters become spaces.
pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u8,
            '€' => 0x80,
            '‚' => 0x82,
            'ƒ' => 0x83,
            '„' => 0x84,
            '…' => 0x85,
            '†' => 0x86,
            '‡' => 0x87,
            'ˆ' => 0x88,
            '‰' => 0x89,
            'Š' => 0x8a,
            '‹' => 0x8b,
            'Œ' => 0x8c,
            'Ž' => 0x8e,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '˜' => 0x98,
            '™' => 0x99,
            'š' => 0x9a,
            '›' => 0x9b,
            'œ' => 0x9c,
            'ž' => 0x9e,
            'Ÿ' => 0x9f,
            c if c.is_control() => b' ',
            _ => b'?',
        })
        .collect()
}

/// Splits encoded text into lines no wider than `max` points; words longer than a line are cut.
fn wrap(text: &[u8], font: Font, size: f32, max: f32) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    for word in text.split(|b| *b == b' ').filter(|w| !w.is_empty()) {
        let mut word = word.to_vec();
        loop {
            let candidate = if line.is_empty() {
                word.clone()
            } else {
                [line.as_slice(), b" ", word.as_slice()].concat()
            };
            if font.width(&candidate, size) <= max {
                line = candidate;
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A single word wider than the line: cut it where it no longer fits.
            let mut cut = word.len();
            while cut > 1 && font.width(&word[..cut], size) > max {
                cut -= 1;
            }
            lines.push(word[..cut].to_vec());
            word = word[cut..].to_vec();
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Escapes a PDF string literal.
fn literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'(');
    for b in bytes {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(*b);
    }
    out.push(b')');
    out
}

/// A text string outside content streams (document information): UTF-16BE with a byte order
/// mark, as hex.
fn text_string(text: &str) -> String {
    let units: String = text
        .encode_utf16()
        .filter(|u| !char::from_u32(u32::from(*u)).is_some_and(char::is_control))
        .map(|u| format!("{u:04X}"))
        .collect();
    format!("<FEFF{units}>")
}

/// A document being written, page by page.
#[derive(Debug)]
pub struct PdfDocument {
    title: String,
    author: String,
    created: DateTime<FixedOffset>,
    pages: Vec<Vec<u8>>,
    page: Vec<u8>,
    y: f32,
}

impl PdfDocument {
    /// An empty A4 document; `created` goes into the document information.
    pub fn new(title: &str, author: &str, created: DateTime<FixedOffset>) -> Self {
        PdfDocument {
            title: title.to_owned(),
            author: author.to_owned(),
            created,
            pages: Vec::new(),
            page: Vec::new(),
            y: PAGE_HEIGHT - MARGIN,
        }
    }

    /// Starts a new page when less than `height` points are left.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.page_break();
        }
    }

    /// Continues on a new page.
    pub fn page_break(&mut self) {
        self.pages.push(std::mem::take(&mut self.page));
        self.y = PAGE_HEIGHT - MARGIN;
    }

    fn text_at(&mut self, x: f32, y: f32, font: Font, size: f32, bytes: &[u8]) {
        self.page
            .extend(format!("BT /{} {size} Tf {x:.2} {y:.2} Td ", font.resource()).as_bytes());
        self.page.extend(literal(bytes));
        self.page.extend(b" Tj ET\n");
    }

    /// Wrapped lines at `x`, each on the page that has room for it.
    fn lines(&mut self, x: f32, font: Font, size: f32, text: &str) {
        let leading = size * 1.35;
        for line in wrap(&encode(text), font, size, PAGE_WIDTH - MARGIN - x) {
            self.room(leading);
            self.y -= leading;
            self.text_at(x, self.y, font, size, &line);
        }
    }

    /// A section heading (kept together with at least two lines after it).
    pub fn heading(&mut self, text: &str) {
        self.room(16.0 * 1.35 + 10.0 + 3.0 * 13.5);
        self.y -= 10.0;
        self.lines(MARGIN, Font::Bold, 16.0, text);
        self.y -= 2.0;
    }

    /// A smaller heading.
    pub fn subheading(&mut self, text: &str) {
        self.room(12.0 * 1.35 + 6.0 + 2.0 * 13.5);
        self.y -= 6.0;
        self.lines(MARGIN, Font::Bold, 12.0, text);
    }

    /// Body text, wrapped to the page width.
    pub fn paragraph(&mut self, text: &str) {
        self.lines(MARGIN, Font::Regular, 10.0, text);
        self.y -= 4.0;
    }

    /// A label in bold on the left, its value wrapped on the right.
    pub fn field(&mut self, label: &str, value: &str) {
        let size = 10.0;
        let leading = size * 1.35;
        let labels = wrap(&encode(label), Font::Bold, size, LABEL_WIDTH - 8.0);
        let values = wrap(
            &encode(value),
            Font::Regular,
            size,
            PAGE_WIDTH - 2.0 * MARGIN - LABEL_WIDTH,
        );
        for i in 0..labels.len().max(values.len()) {
            self.room(leading);
            self.y -= leading;
            if let Some(l) = labels.get(i) {
                self.text_at(MARGIN, self.y, Font::Bold, size, l);
            }
            if let Some(v) = values.get(i) {
                self.text_at(MARGIN + LABEL_WIDTH, self.y, Font::Regular, size, v);
            }
        }
    }

    /// A bulleted line with a hanging indent.
    pub fn bullet(&mut self, text: &str) {
        let size = 10.0;
        let lines = wrap(
            &encode(text),
            Font::Regular,
            size,
            PAGE_WIDTH - 2.0 * MARGIN - BULLET_INDENT,
        );
        for (i, line) in lines.iter().enumerate() {
            self.room(size * 1.35);
            self.y -= size * 1.35;
            if i == 0 {
                self.text_at(MARGIN + 2.0, self.y, Font::Regular, size, &[0x95]);
            }
            self.text_at(MARGIN + BULLET_INDENT, self.y, Font::Regular, size, line);
        }
    }

    /// Fixed-width text (hashes, fingerprints); long tokens are cut to the line.
    pub fn monospace(&mut self, text: &str) {
        self.lines(MARGIN, Font::Mono, 9.0, text);
        self.y -= 2.0;
    }

    /// A thin horizontal line.
    pub fn rule(&mut self) {
        self.room(12.0);
        self.y -= 6.0;
        self.page.extend(
            format!(
                "0.6 0.6 0.6 RG 0.5 w {MARGIN:.2} {y:.2} m {x:.2} {y:.2} l S 0 0 0 RG\n",
                y = self.y,
                x = PAGE_WIDTH - MARGIN
            )
            .as_bytes(),
        );
        self.y -= 6.0;
    }

    /// The finished file.
    pub fn finish(mut self) -> Vec<u8> {
        if !self.page.is_empty() || self.pages.is_empty() {
            self.pages.push(std::mem::take(&mut self.page));
        }
        let total = self.pages.len();
        let footers: Vec<Vec<u8>> = (1..=total)
            .map(|n| {
                let text = encode(&format!("{} · pagina {n} van {total}", self.title));
                let mut footer = b"0.4 0.4 0.4 rg ".to_vec();
                let x = (PAGE_WIDTH - Font::Regular.width(&text, 8.0)) / 2.0;
                footer.extend(format!("BT /F1 8 Tf {x:.2} 40 Td ").as_bytes());
                footer.extend(literal(&text));
                footer.extend(b" Tj ET 0 0 0 rg\n");
                footer
            })
            .collect();
        let mut objects: Vec<Vec<u8>> = Vec::new();
        // 1 catalog, 2 page tree, 3–5 fonts, 6 info; then a page and its content per page.
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        let kids: Vec<String> = (0..total).map(|i| format!("{} 0 R", 7 + 2 * i)).collect();
        objects.push(
            format!(
                "<< /Type /Pages /Kids [{}] /Count {total} >>",
                kids.join(" ")
            )
            .into_bytes(),
        );
        for base in ["Helvetica", "Helvetica-Bold", "Courier"] {
            objects.push(
                format!("<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>")
                    .into_bytes(),
            );
        }
        let date = self.created.format("D:%Y%m%d%H%M%S").to_string();
        let offset = self.created.format("%:z").to_string().replacen(':', "'", 1) + "'";
        objects.push(
            format!(
                "<< /Title {} /Author {} /Producer (Opnamewijs) /CreationDate ({date}{offset}) >>",
                text_string(&self.title),
                text_string(&self.author)
            )
            .into_bytes(),
        );
        for (content, footer) in self.pages.iter().zip(&footers) {
            let page_obj = objects.len() + 1;
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                     /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents {} 0 R >>",
                    page_obj + 1
                )
                .into_bytes(),
            );
            let stream = [content.as_slice(), footer.as_slice()].concat();
            let mut obj = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
            obj.extend(&stream);
            obj.extend(b"\nendstream");
            objects.push(obj);
        }
        let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::with_capacity(objects.len());
        for (i, obj) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend(obj);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").as_bytes());
        }
        let id: String = Sha256::digest(&out)[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

/// Advance widths (1/1000 em) of Helvetica for Windows-1252 bytes 32..=255.
const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    278, 556, 278, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 278, 611, 278, 278,
    222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 278, 500, 667, 278, 333, 556,
    556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 556,
    537, 278, 333, 333, 365, 556, 834, 834, 834, 611, 667, 667, 667, 667, 667, 667, 1000, 722, 667,
    667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722,
    722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278,
    278, 556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Advance widths (1/1000 em) of Helvetica-Bold for Windows-1252 bytes 32..=255.
const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    278, 556, 278, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 278, 611, 278, 278,
    278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 278, 500, 667, 278, 333, 556,
    556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 611,
    556, 278, 333, 333, 365, 556, 834, 834, 834, 611, 722, 722, 722, 722, 722, 722, 1000, 722, 667,
    667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722,
    722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278,
    278, 611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_text_maps_to_windows_1252() {
        assert_eq!(
            encode("é ë ’ – € •"),
            [0xe9, b' ', 0xeb, b' ', 0x92, b' ', 0x96, b' ', 0x80, b' ', 0x95]
        );
        assert_eq!(encode("日\u{7}"), b"? ");
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width_and_cuts_long_words() {
        let text = encode("het dagboek is versleuteld en gecontroleerd ").repeat(5);
        let lines = wrap(&text, Font::Regular, 10.0, 200.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| Font::Regular.width(l, 10.0) <= 200.0));
        let hash = encode(&"a1".repeat(64));
        let lines = wrap(&hash, Font::Mono, 9.0, 100.0);
        assert_eq!(lines.concat(), hash, "nothing lost when cutting");
        assert!(lines.iter().all(|l| l.len() <= 18));
    }

    #[test]
    fn string_literals_escape_parentheses_and_backslashes() {
        assert_eq!(literal(b"a(b)\\"), b"(a\\(b\\)\\\\)");
    }
}
