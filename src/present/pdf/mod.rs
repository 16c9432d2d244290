//! A small PDF writer for the dossier: A4 pages of wrapped text, automatic page breaks and a
//! "pagina N van M" (or "page N of M") footer. Text is set in DejaVu Sans and DejaVu Sans Bold,
//! embedded as a small subset (Latin, Latin Extended-A and -B, Latin Extended Additional, general
//! punctuation: "Łukasz Şahin-Nguyễn" prints and copies as itself), as CIDFontType2 fonts with
//! Identity-H encoding and a ToUnicode map; hashes are set in the standard Courier. No dependencies
//! beyond `sha2` (for the file identifier) and `miniz_oxide` (the font file is compressed), and
//! the output is deterministic: the same calls give the same bytes.
//!
//! The writer is a flow: each call adds a block below the previous one and starts a new page when
//! the block does not fit. A line is never split across pages, a heading stays with at least the
//! first line after it, and short fields and the first lines of a bullet stay together.
//!
//! This file lays out the blocks and pages; `encoding` normalizes text (and turns it into
//! Windows-1252 for Courier), `truetype` reads the embedded fonts, `font` knows the fonts' widths
//! and wraps lines, `embed` writes the embedded fonts' objects, and `object` writes PDF syntax and
//! the file around the objects.
//!
//! ```
//! use chrono::DateTime;
//! use opnamewijs::pdf::PdfDocument;
//!
//! let created = DateTime::parse_from_rfc3339("2026-11-24T10:00:00+01:00").expect("date");
//! let mut doc = PdfDocument::new("Dossier lesopnamen", "Sam de Vries", created);
//! doc.heading("Rekenles 3B");
//! doc.field("Lesdatum", "di 24 nov. 2026");
//! doc.bullet("Verwijderd op woensdag 4 november 2026 – bevestigd");
//! let bytes = doc.finish();
//! assert!(bytes.starts_with(b"%PDF-1.7"));
//! ```

mod embed;
mod encoding;
mod font;
mod object;
mod truetype;

use crate::dossier_file::{md5, Block};
use crate::text::Lang;
use chrono::{DateTime, FixedOffset};
use encoding::normalize;
use font::{fitting_prefix, points_to_units, wrap_text, Font};
use object::{pdf_date, text_string};
use std::collections::BTreeMap;

/// A4 portrait, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// The baseline of a line may not go below this; the footer sits under it.
const BOTTOM: f32 = 72.0;
/// Baseline of the footer.
const FOOTER_Y: f32 = 36.0;
const FOOTER_SIZE: f32 = 8.0;

const BODY_SIZE: f32 = 10.0;
const BODY_LEADING: f32 = 13.5;
const HEADING_SIZE: f32 = 16.0;
const HEADING_LEADING: f32 = 20.0;
/// Space above a heading (left out at the top of a page).
const HEADING_BEFORE: f32 = 14.0;
const SUBHEADING_SIZE: f32 = 12.0;
const SUBHEADING_LEADING: f32 = 16.0;
const SUBHEADING_BEFORE: f32 = 8.0;
const MONO_SIZE: f32 = 9.0;
/// Checklist lines of a one-page sheet ([`PdfDocument::check_line`]).
const SMALL_SIZE: f32 = 8.0;
const SMALL_LEADING: f32 = 9.5;
const CHECK_INDENT: f32 = 30.0;
const MONO_LEADING: f32 = 12.0;
/// Space below a paragraph.
const PARAGRAPH_AFTER: f32 = 4.0;

/// Width of the label column of a field, including the gap before the value.
const LABEL_WIDTH: f32 = 150.0;
const LABEL_GAP: f32 = 10.0;
/// Space below a field, so that fields of several lines stand apart.
const FIELD_AFTER: f32 = 3.0;
/// A field of at most this many lines is kept on one page.
const FIELD_KEEP: usize = 4;
/// Where the text of a bullet starts, relative to the margin.
const BULLET_INDENT: f32 = 16.0;
const BULLET_X: f32 = 4.0;

/// The footer of page `n` of `total`: the title (shortened with "…" when too long), then
/// " · pagina N van M" (" · page N of M" in English), centred.
fn footer(title: &str, n: usize, total: usize, lang: Lang) -> Vec<char> {
    let suffix = normalize(&match lang {
        Lang::Nl => format!(" · pagina {n} van {total}"),
        Lang::En => format!(" · page {n} of {total}"),
    });
    let mut title = normalize(title);
    let room = points_to_units(TEXT_WIDTH, FOOTER_SIZE);
    let suffix_width = Font::Regular.units(&suffix);
    if Font::Regular.units(&title) + suffix_width > room {
        let ellipsis = Font::Regular.advance('…');
        let keep = fitting_prefix(
            &title,
            Font::Regular,
            room.saturating_sub(suffix_width + ellipsis),
        );
        title.truncate(keep);
        while title.last() == Some(&' ') {
            title.pop();
        }
        title.push('…');
    }
    [title, suffix].concat()
}

/// A document being written, block by block: A4 portrait, 56 pt margins, 10 pt body
/// text. Build it with the block methods in reading order, then call [`PdfDocument::finish`].
#[derive(Debug)]
pub struct PdfDocument {
    title: String,
    author: String,
    created: DateTime<FixedOffset>,
    /// The language of the footers.
    lang: Lang,
    /// Content streams of the finished pages.
    pages: Vec<Vec<u8>>,
    /// Content stream of the current page.
    page: Vec<u8>,
    /// Baseline of the last line on the current page (the top margin on an empty page).
    y: f32,
    /// The glyphs shown in the regular and the bold font, with the character each stands for.
    used: [BTreeMap<u16, char>; 2],
    /// The blocks in the order they were set, so the text can be set again and compared.
    blocks: Vec<Block>,
    /// Files attached to the document, by name.
    attachments: BTreeMap<String, Attachment>,
}

/// A file attached to the document.
#[derive(Debug)]
struct Attachment {
    description: String,
    /// `Source` or `Data` (PDF 2.0's /AFRelationship).
    relationship: &'static str,
    data: Vec<u8>,
}

impl PdfDocument {
    /// An empty document. `title` is the document title and appears in every footer, `author`
    /// goes into the document information, and `created` becomes its creation date (with its UTC
    /// offset). Its footers are Dutch until [`PdfDocument::set_language`] says otherwise.
    pub fn new(title: &str, author: &str, created: DateTime<FixedOffset>) -> Self {
        PdfDocument {
            title: title.to_owned(),
            author: author.to_owned(),
            created,
            lang: Lang::Nl,
            pages: Vec::new(),
            page: Vec::new(),
            y: PAGE_HEIGHT - MARGIN,
            used: [BTreeMap::new(), BTreeMap::new()],
            blocks: Vec::new(),
            attachments: BTreeMap::new(),
        }
    }

    /// The blocks set so far, in order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Sets `block` as the method of its kind does.
    pub fn set(&mut self, block: &Block) {
        match block {
            Block::Heading(t) => self.heading(t),
            Block::Subheading(t) => self.subheading(t),
            Block::Paragraph(t) => self.paragraph(t),
            Block::Field(l, v) => self.field(l, v),
            Block::Bullet(t) => self.bullet(t),
            Block::Monospace(t) => self.monospace(t),
            Block::Rule => self.rule(),
            Block::PageBreak => self.page_break(),
        }
    }

    /// Attaches a file named `name` (ASCII) with a `description`: a PDF attached file, listed in
    /// the document's EmbeddedFiles name tree and its /AF array, uncompressed, with its size and
    /// MD5 checksum. `source` marks an original (a signed receipt) rather than data derived from
    /// the document (the manifest). A second file of the same name replaces the first.
    pub fn attach(&mut self, name: &str, description: &str, source: bool, data: Vec<u8>) {
        self.attachments.insert(
            name.to_owned(),
            Attachment {
                description: description.to_owned(),
                relationship: if source { "Source" } else { "Data" },
                data,
            },
        );
    }

    /// The content streams of the pages (footers included) that `blocks` make in a document
    /// titled `title` in `lang`: what [`PdfDocument::finish`] writes for them.
    pub fn page_streams(title: &str, lang: Lang, blocks: &[Block]) -> Vec<Vec<u8>> {
        let created = DateTime::<chrono::Utc>::MIN_UTC.fixed_offset();
        let mut doc = PdfDocument::new(title, "", created);
        doc.set_language(lang);
        for block in blocks {
            doc.set(block);
        }
        doc.close_pages()
    }

    /// Sets the language of the page footers ("pagina N van M" or "page N of M").
    pub fn set_language(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// Whether nothing has been put on the current page yet.
    fn at_top(&self) -> bool {
        self.page.is_empty()
    }

    /// Starts a new page unless `height` points still fit on this one (or this one is empty).
    fn keep(&mut self, height: f32) {
        if self.y - height < BOTTOM && !self.at_top() {
            self.end_page();
        }
    }

    /// Moves down by `space` points, unless at the top of a page.
    fn space(&mut self, space: f32) {
        if !self.at_top() {
            self.y -= space;
        }
    }

    /// Continues on a new page. Does nothing when the current page is still empty, so a break
    /// right after an automatic one does not leave a blank page.
    pub fn page_break(&mut self) {
        self.blocks.push(Block::PageBreak);
        self.end_page();
    }

    fn end_page(&mut self) {
        if self.at_top() {
            return;
        }
        self.pages.push(std::mem::take(&mut self.page));
        self.y = PAGE_HEIGHT - MARGIN;
    }

    /// Moves to the next baseline, `leading` points down, on a new page if it does not fit.
    fn next_line(&mut self, leading: f32) {
        self.keep(leading);
        self.y -= leading;
        if self.at_top() {
            // Mark the page as started even if the line is blank, so the space it takes stays.
            self.page.push(b'\n');
        }
    }

    /// The content-stream operators that show `text` in `font` at `x`, `y`; the glyphs are noted
    /// for the font's width and ToUnicode tables.
    fn show(&mut self, x: f32, y: f32, font: Font, size: f32, text: &[char]) -> Vec<u8> {
        if let (Some(face), Some(used)) = (font.face(), self.used.get_mut(font.embedded_index())) {
            for c in text {
                let shown = if face.has(*c) { *c } else { '?' };
                used.entry(face.glyph(*c)).or_insert(shown);
            }
        }
        let mut out = format!("BT /{} {size} Tf {x:.2} {y:.2} Td ", font.resource()).into_bytes();
        out.extend(font.show(text));
        out.extend(b" Tj ET\n");
        out
    }

    fn text_at(&mut self, x: f32, font: Font, size: f32, text: &[char]) {
        if text.is_empty() {
            return;
        }
        let shown = self.show(x, self.y, font, size, text);
        self.page.extend(shown);
    }

    /// Lines at `x`, each on the page that has room for it.
    fn lines(&mut self, lines: &[Vec<char>], x: f32, font: Font, size: f32, leading: f32) {
        for line in lines {
            self.next_line(leading);
            self.text_at(x, font, size, line);
        }
    }

    /// A section heading in bold 16 pt, with space above it (except at the top of a
    /// page). It starts a new page when it would otherwise end up without a line below it.
    pub fn heading(&mut self, text: &str) {
        self.blocks.push(Block::Heading(text.to_owned()));
        let lines = wrap_text(text, Font::Bold, HEADING_SIZE, TEXT_WIDTH);
        self.keep(HEADING_BEFORE + lines.len() as f32 * HEADING_LEADING + BODY_LEADING + 4.0);
        self.space(HEADING_BEFORE);
        self.lines(&lines, MARGIN, Font::Bold, HEADING_SIZE, HEADING_LEADING);
        self.y -= 4.0;
    }

    /// A smaller heading in bold 12 pt, kept with the line below it.
    pub fn subheading(&mut self, text: &str) {
        self.blocks.push(Block::Subheading(text.to_owned()));
        let lines = wrap_text(text, Font::Bold, SUBHEADING_SIZE, TEXT_WIDTH);
        self.keep(SUBHEADING_BEFORE + lines.len() as f32 * SUBHEADING_LEADING + BODY_LEADING + 2.0);
        self.space(SUBHEADING_BEFORE);
        self.lines(
            &lines,
            MARGIN,
            Font::Bold,
            SUBHEADING_SIZE,
            SUBHEADING_LEADING,
        );
        self.y -= 2.0;
    }

    /// Body text in 10 pt, wrapped to the text width, with a little space below.
    /// Line breaks in `text` are kept.
    pub fn paragraph(&mut self, text: &str) {
        self.blocks.push(Block::Paragraph(text.to_owned()));
        let lines = wrap_text(text, Font::Regular, BODY_SIZE, TEXT_WIDTH);
        self.lines(&lines, MARGIN, Font::Regular, BODY_SIZE, BODY_LEADING);
        self.y -= PARAGRAPH_AFTER;
    }

    /// A label in bold in a left column of 150 pt and its value in the column to the right, both
    /// wrapped to their column. A field of up to four lines is kept on one page.
    pub fn field(&mut self, label: &str, value: &str) {
        self.blocks
            .push(Block::Field(label.to_owned(), value.to_owned()));
        let labels = wrap_text(label, Font::Bold, BODY_SIZE, LABEL_WIDTH - LABEL_GAP);
        let values = wrap_text(value, Font::Regular, BODY_SIZE, TEXT_WIDTH - LABEL_WIDTH);
        let rows = labels.len().max(values.len());
        self.keep(rows.min(FIELD_KEEP) as f32 * BODY_LEADING);
        for i in 0..rows {
            self.next_line(BODY_LEADING);
            if let Some(l) = labels.get(i) {
                self.text_at(MARGIN, Font::Bold, BODY_SIZE, l);
            }
            if let Some(v) = values.get(i) {
                self.text_at(MARGIN + LABEL_WIDTH, Font::Regular, BODY_SIZE, v);
            }
        }
        self.y -= FIELD_AFTER;
    }

    /// A bulleted item ("•") with a hanging indent, wrapped; its first two lines stay together.
    pub fn bullet(&mut self, text: &str) {
        self.blocks.push(Block::Bullet(text.to_owned()));
        let lines = wrap_text(text, Font::Regular, BODY_SIZE, TEXT_WIDTH - BULLET_INDENT);
        self.keep(lines.len().min(2) as f32 * BODY_LEADING);
        for (i, line) in lines.iter().enumerate() {
            self.next_line(BODY_LEADING);
            if i == 0 {
                self.text_at(MARGIN + BULLET_X, Font::Regular, BODY_SIZE, &['•']);
            }
            self.text_at(MARGIN + BULLET_INDENT, Font::Regular, BODY_SIZE, line);
        }
        self.y -= 1.0;
    }

    /// A checklist line in 8 pt for a sheet that must fit one page: `mark` (a box, ticked or
    /// not) in bold, then `text` with a hanging indent, wrapped; its first two lines stay together.
    /// Without `text`, `mark` alone is the line (a heading within the list).
    pub fn check_line(&mut self, mark: &str, text: &str) {
        // A mark alone (a heading in the list) is a line of its own.
        let lines = match text {
            "" => vec![Vec::new()],
            _ => wrap_text(text, Font::Regular, SMALL_SIZE, TEXT_WIDTH - CHECK_INDENT),
        };
        self.keep(lines.len().min(2) as f32 * SMALL_LEADING);
        for (i, line) in lines.iter().enumerate() {
            self.next_line(SMALL_LEADING);
            if i == 0 {
                let mark: Vec<char> = mark.chars().collect();
                self.text_at(MARGIN, Font::Bold, SMALL_SIZE, &mark);
            }
            self.text_at(MARGIN + CHECK_INDENT, Font::Regular, SMALL_SIZE, line);
        }
        self.y -= 1.0;
    }

    /// Fixed-width text in Courier 9 pt (hashes, fingerprints). Tokens longer than a line are
    /// cut, so nothing runs off the page; line breaks in `text` are kept.
    pub fn monospace(&mut self, text: &str) {
        self.blocks.push(Block::Monospace(text.to_owned()));
        let lines = wrap_text(text, Font::Mono, MONO_SIZE, TEXT_WIDTH);
        self.lines(&lines, MARGIN, Font::Mono, MONO_SIZE, MONO_LEADING);
        self.y -= PARAGRAPH_AFTER;
    }

    /// A thin grey horizontal line across the text width. It starts a new page rather than sit
    /// at the very bottom of one.
    pub fn rule(&mut self) {
        self.blocks.push(Block::Rule);
        self.keep(12.0 + 3.0 * BODY_LEADING);
        self.space(6.0);
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

    /// Ends the last page and gives every page's content stream with its footer.
    fn close_pages(&mut self) -> Vec<Vec<u8>> {
        if !self.at_top() || self.pages.is_empty() {
            self.pages.push(std::mem::take(&mut self.page));
        }
        let total = self.pages.len();
        // The footers first, so their glyphs are in the fonts' tables too.
        let footers: Vec<Vec<u8>> = (0..total)
            .map(|n| {
                let text = footer(&self.title, n + 1, total, self.lang);
                let x = (PAGE_WIDTH - Font::Regular.width(&text, FOOTER_SIZE)) / 2.0;
                let shown = self.show(x, FOOTER_Y, Font::Regular, FOOTER_SIZE, &text);
                [b"0.4 0.4 0.4 rg ".as_slice(), &shown, b"0 0 0 rg\n"].concat()
            })
            .collect();
        self.pages
            .iter()
            .zip(&footers)
            .map(|(content, footer)| [content.as_slice(), footer].concat())
            .collect()
    }

    /// The finished PDF file. Every page gets the footer `<title> · pagina N van M` (or
    /// `<title> · page N of M`).
    pub fn finish(mut self) -> Vec<u8> {
        let streams = self.close_pages();
        let total = streams.len();
        // Objects: 1 catalog, 2 page tree, 3–5 fonts, 6 info; then per page the page and its
        // content stream; then the parts of the two embedded fonts; then per attached file its
        // file specification and its stream.
        let first_part = 7 + 2 * total;
        let first_file = first_part + 2 * embed::PARTS;
        let mut objects: Vec<Vec<u8>> = Vec::with_capacity(first_file + 2 * self.attachments.len());
        objects.push(self.catalog(first_file));
        let kids: Vec<String> = (0..total).map(|i| format!("{} 0 R", 7 + 2 * i)).collect();
        objects.push(
            format!(
                "<< /Type /Pages /Kids [{}] /Count {total} >>",
                kids.join(" ")
            )
            .into_bytes(),
        );
        let faces = [Font::Regular, Font::Bold].map(|f| f.face());
        let mut parts = Vec::with_capacity(2 * embed::PARTS);
        for (i, face) in faces.iter().enumerate() {
            let Some(face) = face else { continue };
            let first = first_part + i * embed::PARTS;
            let (type0, more) = embed::font(face, &self.used[i], first, embed::TAGS[i]);
            objects.push(type0);
            parts.extend(more);
        }
        objects.push(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"
                .to_vec(),
        );
        objects.push(
            format!(
                "<< /Title {} /Author {} /Producer (Opnamewijs) /CreationDate ({}) >>",
                text_string(&self.title),
                text_string(&self.author),
                pdf_date(self.created)
            )
            .into_bytes(),
        );
        for stream in &streams {
            let page_obj = objects.len() + 1;
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                     /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents {} 0 R >>",
                    page_obj + 1
                )
                .into_bytes(),
            );
            objects.push(object::stream("", stream));
        }
        objects.extend(parts);
        let modified = pdf_date(self.created);
        for (i, (name, file)) in self.attachments.iter().enumerate() {
            let stream = first_file + 2 * i + 1;
            objects.push(
                format!(
                    "<< /Type /Filespec /F {} /UF {} /Desc {} /EF << /F {stream} 0 R /UF {stream} 0 R >> \
                     /AFRelationship /{} >>",
                    String::from_utf8_lossy(&object::literal(name.as_bytes())),
                    text_string(name),
                    text_string(&file.description),
                    file.relationship
                )
                .into_bytes(),
            );
            let checksum: String = md5(&file.data).iter().map(|b| format!("{b:02X}")).collect();
            let subtype = if name.ends_with(".json") {
                "/application#2Fjson"
            } else {
                "/application#2Foctet-stream"
            };
            objects.push(object::stream(
                &format!(
                    " /Type /EmbeddedFile /Subtype {subtype} /Params << /Size {} /CheckSum <{checksum}> \
                     /ModDate ({modified}) >>",
                    file.data.len()
                ),
                &file.data,
            ));
        }
        object::file(&objects, 1, 6)
    }

    /// The catalog: the page tree and, with attached files, their name tree and /AF array; a
    /// viewer opens such a document with its attachments panel shown.
    fn catalog(&self, first_file: usize) -> Vec<u8> {
        if self.attachments.is_empty() {
            return b"<< /Type /Catalog /Pages 2 0 R >>".to_vec();
        }
        let mut names = Vec::new();
        let mut refs = Vec::new();
        for (i, name) in self.attachments.keys().enumerate() {
            let spec = first_file + 2 * i;
            names.push(format!(
                "{} {spec} 0 R",
                String::from_utf8_lossy(&object::literal(name.as_bytes()))
            ));
            refs.push(format!("{spec} 0 R"));
        }
        format!(
            "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [{}] >> >> \
             /AF [{}] /PageMode /UseAttachments >>",
            names.join(" "),
            refs.join(" ")
        )
        .into_bytes()
    }
}

/// The text a line of a page's content stream shows, for telling a person where two pages
/// differ: the characters of every string it shows, in the order shown (glyph ids read back
/// through the embedded fonts, Courier's bytes as Latin-1); empty for a line that shows none.
pub fn shown_text(line: &[u8]) -> String {
    let face = if line.windows(4).any(|w| w == b"/F2 ") {
        Font::Bold.face()
    } else if line.windows(4).any(|w| w == b"/F1 ") {
        Font::Regular.face()
    } else {
        None
    };
    let mut out = String::new();
    let mut i = 0;
    while i < line.len() {
        match (line[i], face) {
            (b'<', Some(face)) => {
                let end = line[i..]
                    .iter()
                    .position(|b| *b == b'>')
                    .map_or(line.len(), |e| i + e);
                for quad in line[i + 1..end].chunks(4) {
                    let glyph = std::str::from_utf8(quad)
                        .ok()
                        .and_then(|h| u16::from_str_radix(h, 16).ok());
                    out.push(glyph.and_then(|g| face.char_of(g)).unwrap_or('\u{fffd}'));
                }
                i = end + 1;
            }
            (b'(', _) => {
                i += 1;
                while i < line.len() && line[i] != b')' {
                    if line[i] == b'\\' {
                        i += 1;
                    }
                    if let Some(b) = line.get(i) {
                        out.push(char::from(*b));
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encoding::{encode, CP1252_HIGH};
    use super::font::wrap;
    use super::object::literal;
    use super::*;

    fn created() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-04T09:05:03+01:00").expect("date")
    }

    #[test]
    fn dutch_and_typographic_characters_map_to_windows_1252() {
        assert_eq!(
            encode("é ë ï ö ü à è ç"),
            [
                0xe9, b' ', 0xeb, b' ', 0xef, b' ', 0xf6, b' ', 0xfc, b' ', 0xe0, b' ', 0xe8, b' ',
                0xe7
            ]
        );
        assert_eq!(
            encode("’‘“”–—€•…"),
            [0x92, 0x91, 0x93, 0x94, 0x96, 0x97, 0x80, 0x95, 0x85]
        );
        assert_eq!(
            encode("Š š Ž ž Ÿ Œ œ ™ ‰"),
            b"\x8a \x9a \x8e \x9e \x9f \x8c \x9c \x99 \x89"
        );
        assert_eq!(encode("½ « » ° § ·"), b"\xbd \xab \xbb \xb0 \xa7 \xb7");
        assert_eq!(encode("plain ASCII (1+1)"), b"plain ASCII (1+1)");
    }

    #[test]
    fn every_character_windows_1252_holds_round_trips() {
        for byte in (0x20..=0x7e).chain(0x80..=0xff) {
            if matches!(byte, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d | 0xad) {
                continue;
            }
            let c = if (0x80..0xa0).contains(&byte) {
                CP1252_HIGH
                    .iter()
                    .find(|(_, b)| *b == byte)
                    .map(|(c, _)| *c)
                    .expect("assigned")
            } else {
                char::from(byte)
            };
            assert_eq!(encode(&c.to_string()), [byte], "{c:?}");
        }
    }

    #[test]
    fn unmappable_characters_become_question_marks() {
        assert_eq!(encode("日本"), b"??");
        assert_eq!(encode("ł ř 😀 ≥"), b"? ? ? ?");
    }

    #[test]
    fn control_characters_are_stripped_and_whitespace_becomes_spaces() {
        assert_eq!(encode("a\u{7}b\u{0}c\u{1b}d\u{7f}e\u{85}f"), b"abcdef");
        assert_eq!(encode("a\tb\r\nc"), b"a b  c");
        assert_eq!(encode("zero\u{200b}width\u{feff}"), b"zerowidth");
        assert_eq!(encode("soft\u{ad}hyphen"), b"softhyphen");
        assert_eq!(encode("10\u{202f}%"), b"10\xa0%");
        assert_eq!(encode("non\u{2011}breaking"), b"non-breaking");
    }

    #[test]
    fn decomposed_letters_are_composed() {
        assert_eq!(encode("e\u{301}e\u{308}c\u{327}"), encode("éëç"));
        assert_eq!(encode("Zu\u{308}rich"), encode("Zürich"));
        // A mark Windows-1252 has no letter for stays unmappable.
        assert_eq!(encode("e\u{304}"), b"e?");
        // Only the letter right before the mark combines.
        assert_eq!(encode("\u{301}"), b"?");
    }

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn widths_follow_the_font_metrics() {
        // DejaVu Sans advances (2048 units a em) in 1/1000 em, rounded.
        assert_eq!(Font::Regular.units(&chars("W")), 989);
        assert_eq!(Font::Regular.units(&chars("i")), 278);
        assert_eq!(Font::Regular.units(&chars("€•…")), 636 + 590 + 1000);
        assert_eq!(Font::Regular.units(&chars("Łễ")), 562 + 615);
        assert_eq!(Font::Bold.units(&chars("i")), 343);
        assert_eq!(Font::Bold.units(&chars("m")), 1042);
        assert_eq!(Font::Mono.units(&chars("aWë€")), 4 * 600);
        assert_eq!(Font::Regular.width(&chars("Wi"), 10.0), 12.67);
    }

    #[test]
    fn every_letter_of_latin_and_vietnamese_names_is_in_the_embedded_fonts() {
        for face in [truetype::regular(), truetype::bold()] {
            for c in
                "Łukasz Şahin-Nguyễn Ayşe Yılmaz Dvořák Ðặng Thị Hương Ōtomo Ğülşen Ærø €›–“”‘’•…"
                    .chars()
            {
                assert!(face.has(c), "{} lacks {c:?}", face.name);
            }
            // A character the subset lacks prints as a question mark.
            assert!(!face.has('日'));
            assert_eq!(face.glyph('日'), face.glyph('?'));
        }
    }

    #[test]
    fn text_is_shown_as_glyph_ids_and_courier_as_windows_1252() {
        let face = truetype::regular();
        let shown = Font::Regular.show(&chars("Ał"));
        assert_eq!(
            shown,
            format!("<{:04X}{:04X}>", face.glyph('A'), face.glyph('ł')).into_bytes()
        );
        assert_eq!(Font::Mono.show(&chars("a(b)é")), b"(a\\(b\\)\xe9)".to_vec());
    }

    #[test]
    fn text_is_normalized_for_printing() {
        assert_eq!(normalize("a\u{7}b\tc\u{200b}d\u{ad}e"), chars("ab cde"));
        assert_eq!(normalize("10\u{202f}%"), chars("10\u{a0}%"));
        assert_eq!(normalize("non\u{2011}breaking"), chars("non-breaking"));
        assert_eq!(normalize("e\u{301}ç"), chars("éç"));
        assert_eq!(
            normalize("Łukasz Şahin-Nguyễn"),
            chars("Łukasz Şahin-Nguyễn")
        );
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width() {
        let text = chars(&"het dagboek van Łukasz Şahin-Nguyễn is gecontroleerd ".repeat(8));
        for (font, size, max) in [
            (Font::Regular, 10.0, 200.0),
            (Font::Bold, 12.0, 150.0),
            (Font::Regular, 10.0, TEXT_WIDTH),
        ] {
            let lines = wrap(&text, font, size, max);
            assert!(lines.len() > 1);
            for line in &lines {
                assert!(font.width(line, size) <= max, "{line:?}");
                assert!(line.first() != Some(&' ') && line.last() != Some(&' '));
            }
            let words: Vec<&[char]> = text
                .split(|c| *c == ' ')
                .filter(|w| !w.is_empty())
                .collect();
            let joined = lines.join(&' ');
            let rewrapped: Vec<&[char]> = joined.split(|c| *c == ' ').collect();
            assert_eq!(rewrapped, words, "every word kept, in order");
            // Greedy: the next line's first word would not have fitted on the line before.
            for pair in lines.windows(2) {
                let first = pair[1].split(|c| *c == ' ').next().expect("word");
                let longer = [pair[0].as_slice(), &[' '], first].concat();
                assert!(font.width(&longer, size) > max);
            }
        }
    }

    #[test]
    fn wrapping_fills_a_line_exactly() {
        // "aaaa" is 4 × 613 = 2452 units, a space 318: at 10 pt 24.52 and 3.18 pt.
        let text = chars("aaaa aaaa");
        let lines = wrap(&text, Font::Regular, 10.0, 52.22);
        assert_eq!(lines, std::slice::from_ref(&text));
        let lines = wrap(&text, Font::Regular, 10.0, 52.1);
        assert_eq!(lines, [chars("aaaa"), chars("aaaa")]);
    }

    #[test]
    fn long_words_are_cut_and_nothing_is_lost() {
        let hash = chars(&"a1".repeat(64));
        let lines = wrap(&hash, Font::Mono, 9.0, 100.0);
        assert_eq!(lines.concat(), hash);
        // 100 pt / 5.4 pt per character: 18 characters a line.
        assert!(lines[..lines.len() - 1].iter().all(|l| l.len() == 18));
        let text = chars(&format!("hash: {} klaar", "f".repeat(200)));
        let lines = wrap(&text, Font::Mono, 9.0, TEXT_WIDTH);
        assert!(lines.iter().all(|l| Font::Mono.width(l, 9.0) <= TEXT_WIDTH));
        assert_eq!(lines[0], chars("hash:"));
        assert!(lines.last().is_some_and(|l| l.ends_with(&chars("f klaar"))));
        let squeezed: Vec<char> = text.iter().copied().filter(|c| *c != ' ').collect();
        let rejoined: Vec<char> = lines.concat().into_iter().filter(|c| *c != ' ').collect();
        assert_eq!(rejoined, squeezed, "nothing lost");
        // Narrower than one character: still progress, one character a line.
        assert_eq!(wrap(&chars("abc"), Font::Regular, 10.0, 1.0).len(), 3);
    }

    #[test]
    fn empty_text_is_one_empty_line_and_line_breaks_are_kept() {
        assert_eq!(wrap(&[], Font::Regular, 10.0, 100.0), [Vec::<char>::new()]);
        assert_eq!(
            wrap(&chars("   "), Font::Regular, 10.0, 100.0),
            [Vec::<char>::new()]
        );
        assert_eq!(
            wrap_text("een\r\ntwee\n\ndrie", Font::Regular, 10.0, 100.0),
            [chars("een"), chars("twee"), Vec::new(), chars("drie")]
        );
    }

    #[test]
    fn string_literals_escape_parentheses_and_backslashes() {
        assert_eq!(literal(b"a(b)\\"), b"(a\\(b\\)\\\\)");
    }

    #[test]
    fn info_strings_and_dates() {
        assert_eq!(text_string("Aé\u{7}"), "<FEFF004100E9>");
        assert_eq!(pdf_date(created()), "D:20261104090503+01'00'");
        let summer = DateTime::parse_from_rfc3339("2026-07-01T23:59:59+02:00").expect("date");
        assert_eq!(pdf_date(summer), "D:20260701235959+02'00'");
        let west = DateTime::parse_from_rfc3339("2026-07-01T12:00:00-03:30").expect("date");
        assert_eq!(pdf_date(west), "D:20260701120000-03'30'");
    }

    #[test]
    fn long_titles_are_shortened_in_the_footer() {
        let text = footer(&"Dossier lesopnamen ".repeat(20), 3, 12, Lang::Nl);
        assert!(text.ends_with(&chars("… · pagina 3 van 12")), "{text:?}");
        assert!(Font::Regular.width(&text, FOOTER_SIZE) <= TEXT_WIDTH);
    }

    #[test]
    fn english_footers_say_page_n_of_m() {
        let mut doc = PdfDocument::new("Lesson recordings dossier", "Sam", created());
        doc.set_language(Lang::En);
        doc.paragraph("One page");
        let bytes = doc.finish();
        assert!(contains(
            &bytes,
            &Font::Regular.show(&chars("Lesson recordings dossier · page 1 of 1"))
        ));
        assert!(!contains(&bytes, &Font::Regular.show(&chars("pagina"))));
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// The page (counting from 0) whose content shows `text`.
    fn page_of(doc: &PdfDocument, text: &str) -> Option<usize> {
        let needles = [Font::Regular, Font::Bold].map(|f| f.show(&chars(text)));
        doc.pages
            .iter()
            .chain(std::iter::once(&doc.page))
            .position(|p| needles.iter().any(|n| contains(p, n)))
    }

    #[test]
    fn content_flows_onto_new_pages_without_dropping_lines() {
        let mut doc = PdfDocument::new("t", "a", created());
        for n in 0..200 {
            doc.paragraph(&format!("Regel {n}"));
        }
        assert!(doc.pages.len() >= 4);
        for n in 0..200 {
            assert!(page_of(&doc, &format!("Regel {n}")).is_some(), "{n}");
        }
        // Each page holds as many one-line paragraphs as fit above the bottom margin.
        let first = PAGE_HEIGHT - MARGIN - BODY_LEADING;
        let per_page = ((first - BOTTOM) / (BODY_LEADING + PARAGRAPH_AFTER)) as usize + 1;
        assert_eq!(page_of(&doc, &format!("Regel {}", per_page - 1)), Some(0));
        assert_eq!(page_of(&doc, &format!("Regel {per_page}")), Some(1));
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_bottom_of_a_page() {
        let mut doc = PdfDocument::new("t", "a", created());
        // Fill the page until a heading and one line no longer fit, but a body line still does.
        let mut n = 0;
        while doc.y - (HEADING_BEFORE + HEADING_LEADING + BODY_LEADING + 4.0) >= BOTTOM {
            doc.bullet(&format!("punt {n}"));
            n += 1;
        }
        assert!(
            doc.y - BODY_LEADING >= BOTTOM,
            "a body line would still fit"
        );
        doc.heading("Rekenles 3B");
        doc.paragraph("Eerste regel na de kop");
        assert_eq!(page_of(&doc, &format!("punt {}", n - 1)), Some(0));
        assert_eq!(page_of(&doc, "Rekenles 3B"), Some(1));
        assert_eq!(page_of(&doc, "Eerste regel na de kop"), Some(1));
        // At the top of a page a heading gets no space above it.
        let mut fresh = PdfDocument::new("t", "a", created());
        fresh.heading("Kop");
        assert_eq!(fresh.y, PAGE_HEIGHT - MARGIN - HEADING_LEADING - 4.0);
    }

    #[test]
    fn explicit_page_breaks_never_leave_blank_pages() {
        let mut doc = PdfDocument::new("t", "a", created());
        doc.page_break();
        doc.paragraph("een");
        doc.page_break();
        doc.page_break();
        doc.paragraph("twee");
        doc.page_break();
        assert_eq!(doc.pages.len(), 2);
        let pdf = doc.finish();
        assert!(contains(&pdf, b"/Count 2 >>"));
        // An empty document still has one page.
        let empty = PdfDocument::new("t", "a", created()).finish();
        assert!(contains(&empty, b"/Count 1 >>"));
    }

    #[test]
    fn fields_keep_short_values_together_and_wrap_in_the_right_column() {
        let mut doc = PdfDocument::new("t", "a", created());
        while doc.y - 3.0 * BODY_LEADING >= BOTTOM {
            doc.paragraph("vulling");
        }
        assert!(doc.y - BODY_LEADING >= BOTTOM);
        let value = "een waarde die over meerdere regels loopt omdat de kolom rechts niet zo breed is als de hele pagina en er dus gewikkeld moet worden, over drie regels in totaal, zoals bij lange antwoorden";
        let rows = wrap_text(value, Font::Regular, BODY_SIZE, TEXT_WIDTH - LABEL_WIDTH);
        assert!((2..=FIELD_KEEP).contains(&rows.len()), "{}", rows.len());
        doc.field("Toestemming", value);
        assert_eq!(page_of(&doc, "Toestemming"), Some(1), "moved as a whole");
        let first: String = rows[0].iter().collect();
        assert!(contains(
            &doc.page,
            format!("{:.2} ", MARGIN + LABEL_WIDTH).as_bytes()
        ));
        assert_eq!(page_of(&doc, &first), Some(1));
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let make = || {
            let mut doc = PdfDocument::new("Dossier – Sam", "Sam", created());
            doc.heading("Kop");
            doc.paragraph("tekst");
            doc.finish()
        };
        assert_eq!(make(), make());
        let pdf = make();
        assert!(contains(&pdf, b"/CreationDate (D:20261104090503+01'00')"));
        assert!(contains(&pdf, b"/Producer (Opnamewijs)"));
        assert!(pdf.ends_with(b"%%EOF\n"));
    }
}
