//! The dossier PDF as a file an assessor can check: its attachments and its printed pages.
//!
//! The dossier carries, as PDF attached files, every mentor receipt it mentions (each one whole,
//! in the receipt file's own format, so its Ed25519 signature can be checked without the
//! student's laptop) and a [`Manifest`]: what the dossier states as data (recordings, deadlines,
//! deletion confirmations, ticks, the journal's length and head hash, the app's version) and the
//! printed text itself, block by block ([`Block`]).
//!
//! [`read`] finds the pages' content streams and the attachments in the bytes of a PDF. It reads
//! the structure Opnamewijs writes (a classic cross-reference table, a flat page tree, a flat
//! name tree of embedded files, unfiltered attachment streams) and refuses anything else with a
//! [`DossierError`]; every count and length is checked against the bytes that are there and
//! against a named bound before it is used, and nesting is bounded, so no input makes it panic,
//! loop or allocate without bound.

use crate::error::ErrorCode;
use crate::profile::MentorRole;
use crate::recording::{Confirmation, PackRef};
use crate::text::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The `kind` of a manifest.
pub const MANIFEST_KIND: &str = "opnamewijs-dossiermanifest";
/// The manifest format this app writes and reads.
pub const MANIFEST_FORMAT: u32 = 1;
/// The manifest's name among the attachments.
pub const MANIFEST_NAME: &str = "opnamewijs-manifest.json";
/// Most pages a dossier may have.
pub const MAX_PAGES: usize = 20_000;
/// Most attachments a dossier may have.
pub const MAX_ATTACHMENTS: usize = 20_000;
/// Most objects in the cross-reference table.
pub const MAX_OBJECTS: usize = 200_000;
/// Deepest nesting of dictionaries and arrays read.
pub const MAX_NESTING: usize = 16;

/// One block of the printed text, in the order the dossier set it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A heading.
    Heading(String),
    /// A smaller heading.
    Subheading(String),
    /// A paragraph.
    Paragraph(String),
    /// A label and its value.
    Field(String, String),
    /// A bulleted item.
    Bullet(String),
    /// Fixed-width text (a hash).
    Monospace(String),
    /// A horizontal line.
    Rule,
    /// A new page.
    PageBreak,
}

/// What a dossier states, as data, next to its printed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`MANIFEST_KIND`].
    pub kind: String,
    /// [`MANIFEST_FORMAT`].
    pub format: u32,
    /// The version of Opnamewijs that made the dossier.
    pub app_version: String,
    /// When it was made.
    pub made_at: DateTime<Utc>,
    /// The student's name.
    pub student: String,
    /// The language it is written in.
    pub lang: Lang,
    /// The document's title (in every footer).
    pub title: String,
    /// The journal as it was when the dossier was made.
    pub journal: JournalHead,
    /// The recordings it covers.
    pub recordings: Vec<ManifestRecording>,
    /// The printed text, block by block.
    pub printed: Vec<Block>,
}

/// The journal's position: how many entries, and the hash of the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalHead {
    /// Entries in the journal (the head's sequence number).
    pub entries: u64,
    /// The head hash.
    pub head_hash: String,
}

/// One recording of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestRecording {
    /// Its id in the student's app (the receipt names it).
    pub id: String,
    /// Its title.
    pub title: String,
    /// The lesson date.
    pub planned_for: NaiveDate,
    /// The pack it was checked against.
    pub pack: PackRef,
    /// Every copy confirmed gone and every task done.
    pub closed: bool,
    /// Its deadlines as printed.
    pub deadlines: Vec<ManifestDeadline>,
    /// Every copy, with its deletion confirmation if it has one (the student's statement).
    pub copies: Vec<ManifestCopy>,
    /// The items the student ticked (the student's statements).
    pub ticks: Vec<ManifestTick>,
    /// Feedback confirmed on the student's laptop (not signed).
    pub in_person: Option<InPerson>,
    /// The mentor's signed receipt.
    pub receipt: Option<ManifestReceipt>,
}

/// A deadline as the dossier printed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestDeadline {
    /// The pack's deadline id.
    pub id: String,
    /// Its status (`overdue`, `met`, …).
    pub status: String,
    /// The printed line.
    pub line: String,
}

/// A copy and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestCopy {
    /// Its label.
    pub label: String,
    /// The deletion confirmation, if any.
    pub deleted: Option<Confirmation>,
}

/// A ticked item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestTick {
    /// The pack's item id.
    pub item: String,
    /// The item's text in the dossier's language.
    pub text: String,
    /// Who ticked it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Feedback confirmed in person on the student's laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InPerson {
    /// The name typed in.
    pub by: String,
    /// When it was logged.
    pub at: DateTime<Utc>,
}

/// A receipt as the dossier states it; the signed receipt itself is the attachment it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestReceipt {
    /// The attachment with the whole signed receipt (none for a receipt imported before whole
    /// receipts were kept).
    pub attachment: Option<String>,
    /// The mentor's name.
    pub mentor: String,
    /// The mentor's role.
    pub role: MentorRole,
    /// The day feedback was given.
    pub feedback_on: NaiveDate,
    /// The key's fingerprint.
    pub fingerprint: String,
    /// Later than agreed, as the student's app worked out.
    pub late: bool,
    /// When the student compared the key's fingerprint (the student's app says so).
    pub key_compared_at: Option<DateTime<Utc>>,
    /// When the mentor's app signed it.
    pub signed_at: DateTime<Utc>,
}

/// An attached file found in a dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    /// Its name in the name tree.
    pub name: String,
    /// Its bytes.
    pub data: Vec<u8>,
    /// The size its parameters state.
    pub size: Option<u64>,
    /// The MD5 checksum its parameters state.
    pub checksum: Option<Vec<u8>>,
}

impl Attached {
    /// Whether its size and checksum are those its parameters state.
    pub fn as_stated(&self) -> bool {
        self.size == Some(self.data.len() as u64)
            && self.checksum.as_deref() == Some(md5(&self.data).as_slice())
    }
}

/// What [`read`] found in a dossier PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierFile {
    /// Each page's content stream, in page order.
    pub pages: Vec<Vec<u8>>,
    /// The attached files, in the name tree's order.
    pub attachments: Vec<Attached>,
}

/// Why a file could not be checked as a dossier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DossierError {
    /// Larger than any dossier.
    #[error("Dit bestand is groter dan een dossier van Opnamewijs kan zijn ({max} MB).")]
    TooLarge {
        /// The limit in MB.
        max: u64,
    },
    /// Not a PDF at all.
    #[error("Dit bestand is geen PDF-bestand, dus geen dossier van Opnamewijs.")]
    NotAPdf,
    /// A PDF whose structure is not readable (cut off or damaged).
    #[error(
        "Dit PDF-bestand is beschadigd of afgebroken ({what}); het kan niet gecontroleerd worden."
    )]
    Damaged {
        /// What did not fit.
        what: PdfDamage,
    },
    /// A PDF that is not a dossier of Opnamewijs.
    #[error("Dit PDF-bestand is geen dossier van Opnamewijs: {what}.")]
    NotADossier {
        /// What is missing.
        what: Missing,
    },
}

/// What was wrong with a PDF's structure ([`DossierError::Damaged`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfDamage {
    /// No `startxref` at the end.
    NoEnd,
    /// The cross-reference table is not where the end says, or not readable.
    CrossReference,
    /// An object is not where the table says, or not readable.
    Object,
    /// A stream runs past the end of the file or has no `endstream`.
    Stream,
}

impl std::fmt::Display for PdfDamage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PdfDamage::NoEnd => "het einde van het bestand ontbreekt",
            PdfDamage::CrossReference => "de inhoudsopgave van het bestand is onleesbaar",
            PdfDamage::Object => "een onderdeel staat niet waar de inhoudsopgave zegt",
            PdfDamage::Stream => "een gegevensblok is afgebroken",
        })
    }
}

/// What a PDF lacks to be a dossier ([`DossierError::NotADossier`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// No pages in the structure Opnamewijs writes.
    Pages,
    /// No attached files in the structure Opnamewijs writes.
    Attachments,
    /// No manifest among the attachments.
    Manifest,
    /// More pages, attachments or objects than a dossier has.
    TooMany,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Missing::Pages => "de pagina's staan niet in de vorm die Opnamewijs schrijft",
            Missing::Attachments => "de bijlagen staan niet in de vorm die Opnamewijs schrijft",
            Missing::Manifest => "er zit geen manifest van Opnamewijs in",
            Missing::TooMany => "het heeft meer pagina's, bijlagen of onderdelen dan een dossier",
        })
    }
}

impl ErrorCode for DossierError {
    fn code(&self) -> &'static str {
        match self {
            DossierError::TooLarge { .. } => "dossier.too_large",
            DossierError::NotAPdf => "dossier.not_a_pdf",
            DossierError::Damaged { .. } => "dossier.damaged",
            DossierError::NotADossier { .. } => "dossier.not_a_dossier",
        }
    }
}

/// A PDF value, as far as the dossier's structure needs.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Dict(Vec<(Vec<u8>, Value)>),
    Array(Vec<Value>),
    Name(Vec<u8>),
    Int(i64),
    Real,
    Str(Vec<u8>),
    Ref(usize),
    Other,
}

impl Value {
    fn get(&self, key: &[u8]) -> Option<&Value> {
        match self {
            Value::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    fn int(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }
    fn reference(&self) -> Option<usize> {
        match self {
            Value::Ref(n) => Some(*n),
            _ => None,
        }
    }
    fn is_name(&self, name: &[u8]) -> bool {
        matches!(self, Value::Name(n) if n == name)
    }
}

fn damaged(what: PdfDamage) -> DossierError {
    DossierError::Damaged { what }
}

fn not_ours(what: Missing) -> DossierError {
    DossierError::NotADossier { what }
}

/// A cursor over the file's bytes.
struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Parser<'a> {
    fn at(bytes: &'a [u8], at: usize) -> Self {
        Parser { bytes, at }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips white space. (The files Opnamewijs writes have no comments past the header.)
    fn skip_white(&mut self) {
        while self.peek().is_some_and(is_white) {
            self.at += 1;
        }
    }

    fn eat(&mut self, token: &[u8]) -> bool {
        self.skip_white();
        if self
            .bytes
            .get(self.at..)
            .is_some_and(|r| r.starts_with(token))
        {
            self.at += token.len();
            true
        } else {
            false
        }
    }

    /// A run of regular characters.
    fn word(&mut self) -> &'a [u8] {
        self.skip_white();
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| !is_white(b) && !is_delimiter(b))
        {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    fn number(&mut self) -> Option<i64> {
        let word = self.word();
        std::str::from_utf8(word).ok()?.parse().ok()
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_NESTING {
            return None;
        }
        self.skip_white();
        match self.peek()? {
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                let mut entries = Vec::new();
                loop {
                    if self.eat(b">>") {
                        return Some(Value::Dict(entries));
                    }
                    let Value::Name(key) = self.value(depth + 1)? else {
                        return None;
                    };
                    let value = self.value(depth + 1)?;
                    entries.push((key, value));
                }
            }
            b'<' => {
                self.at += 1;
                let mut hex = Vec::new();
                loop {
                    let b = self.peek()?;
                    self.at += 1;
                    match b {
                        b'>' => break,
                        b if b.is_ascii_hexdigit() => hex.push(b),
                        b if is_white(b) => {}
                        _ => return None,
                    }
                }
                if !hex.len().is_multiple_of(2) {
                    hex.push(b'0');
                }
                let bytes = hex
                    .chunks(2)
                    .map(|p| {
                        let s = std::str::from_utf8(p).ok()?;
                        u8::from_str_radix(s, 16).ok()
                    })
                    .collect::<Option<Vec<u8>>>()?;
                Some(Value::Str(bytes))
            }
            b'(' => {
                self.at += 1;
                let mut out = Vec::new();
                let mut open = 1usize;
                loop {
                    let b = self.peek()?;
                    self.at += 1;
                    match b {
                        b'\\' => {
                            let e = self.peek()?;
                            self.at += 1;
                            out.push(match e {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => 8,
                                b'f' => 12,
                                other => other,
                            });
                        }
                        b'(' => {
                            open += 1;
                            out.push(b);
                        }
                        b')' => {
                            open -= 1;
                            if open == 0 {
                                return Some(Value::Str(out));
                            }
                            out.push(b);
                        }
                        _ => out.push(b),
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    if self.eat(b"]") {
                        return Some(Value::Array(items));
                    }
                    items.push(self.value(depth + 1)?);
                }
            }
            b'/' => {
                self.at += 1;
                let start = self.at;
                while self
                    .peek()
                    .is_some_and(|b| !is_white(b) && !is_delimiter(b))
                {
                    self.at += 1;
                }
                Some(Value::Name(self.bytes[start..self.at].to_vec()))
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => {
                let word = self.word();
                let text = std::str::from_utf8(word).ok()?;
                let Ok(n) = text.parse::<i64>() else {
                    return text.parse::<f64>().ok().map(|_| Value::Real);
                };
                // "n 0 R" is a reference.
                let back = self.at;
                if n >= 0 {
                    let generation = self.word();
                    if generation.iter().all(u8::is_ascii_digit) && !generation.is_empty() {
                        self.skip_white();
                        if self.peek() == Some(b'R')
                            && self
                                .bytes
                                .get(self.at + 1)
                                .is_none_or(|b| is_white(*b) || is_delimiter(*b))
                        {
                            self.at += 1;
                            return usize::try_from(n).ok().map(Value::Ref);
                        }
                    }
                }
                self.at = back;
                Some(Value::Int(n))
            }
            _ => {
                let word = self.word();
                if word.is_empty() {
                    return None;
                }
                Some(Value::Other)
            }
        }
    }
}

/// The file's objects, found through its cross-reference table.
struct Objects<'a> {
    bytes: &'a [u8],
    offsets: Vec<usize>,
}

impl<'a> Objects<'a> {
    /// Object `n`: its value and, for a stream, its data.
    fn get(&self, n: usize) -> Result<(Value, Option<&'a [u8]>), DossierError> {
        let offset = *self
            .offsets
            .get(n.wrapping_sub(1))
            .ok_or(damaged(PdfDamage::Object))?;
        let mut p = Parser::at(self.bytes, offset);
        let header = format!("{n} 0 obj");
        if !p.eat(header.as_bytes()) {
            return Err(damaged(PdfDamage::Object));
        }
        let value = p.value(0).ok_or(damaged(PdfDamage::Object))?;
        p.skip_white();
        if !p
            .bytes
            .get(p.at..)
            .is_some_and(|r| r.starts_with(b"stream"))
        {
            return Ok((value, None));
        }
        p.at += b"stream".len();
        if p.eat_line_end().is_none() {
            return Err(damaged(PdfDamage::Stream));
        }
        let length = value
            .get(b"Length")
            .and_then(Value::int)
            .and_then(|l| usize::try_from(l).ok())
            .ok_or(damaged(PdfDamage::Stream))?;
        let end =
            p.at.checked_add(length)
                .filter(|end| *end <= self.bytes.len())
                .ok_or(damaged(PdfDamage::Stream))?;
        let data = &self.bytes[p.at..end];
        let mut after = Parser::at(self.bytes, end);
        if !after.eat(b"endstream") {
            return Err(damaged(PdfDamage::Stream));
        }
        Ok((value, Some(data)))
    }

    /// The dictionary behind `value` (followed once if it is a reference).
    fn resolve(&self, value: &Value) -> Result<Value, DossierError> {
        match value {
            Value::Ref(n) => Ok(self.get(*n)?.0),
            other => Ok(other.clone()),
        }
    }
}

impl Parser<'_> {
    /// The end of line after `stream`: `\n` or `\r\n`.
    fn eat_line_end(&mut self) -> Option<()> {
        match self.peek()? {
            b'\n' => self.at += 1,
            b'\r' if self.bytes.get(self.at + 1) == Some(&b'\n') => self.at += 2,
            _ => return None,
        }
        Some(())
    }
}

/// Finds the pages and attachments of a dossier PDF.
pub fn read(bytes: &[u8]) -> Result<DossierFile, DossierError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(DossierError::NotAPdf);
    }
    // The end: "startxref\n<offset>\n%%EOF" within the last bytes.
    let tail_start = bytes.len().saturating_sub(64);
    let tail = &bytes[tail_start..];
    let mark = tail
        .windows(9)
        .rposition(|w| w == b"startxref")
        .ok_or(damaged(PdfDamage::NoEnd))?;
    let mut p = Parser::at(bytes, tail_start + mark + 9);
    let xref = p
        .number()
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n < bytes.len())
        .ok_or(damaged(PdfDamage::NoEnd))?;
    if !p.eat(b"%%EOF") {
        return Err(damaged(PdfDamage::NoEnd));
    }

    // The cross-reference table: one subsection from object 0.
    let bad_xref = || damaged(PdfDamage::CrossReference);
    let mut p = Parser::at(bytes, xref);
    if !p.eat(b"xref") || p.number() != Some(0) {
        return Err(bad_xref());
    }
    let count = p
        .number()
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n >= 1)
        .ok_or_else(bad_xref)?;
    if count > MAX_OBJECTS {
        return Err(not_ours(Missing::TooMany));
    }
    p.skip_white();
    let table = p.at;
    let entries = bytes
        .get(table..)
        .filter(|rest| rest.len() / 20 >= count)
        .ok_or_else(bad_xref)?;
    let mut offsets = Vec::with_capacity(count - 1);
    for i in 1..count {
        let entry = &entries[i * 20..i * 20 + 20];
        let offset = std::str::from_utf8(&entry[..10])
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
            .filter(|o| *o < bytes.len())
            .ok_or_else(bad_xref)?;
        if entry[17] != b'n' {
            return Err(bad_xref());
        }
        offsets.push(offset);
    }
    let mut p = Parser::at(bytes, table + count * 20);
    if !p.eat(b"trailer") {
        return Err(bad_xref());
    }
    let trailer = p.value(0).ok_or_else(bad_xref)?;
    let objects = Objects { bytes, offsets };

    let root = trailer
        .get(b"Root")
        .and_then(Value::reference)
        .ok_or_else(bad_xref)?;
    let catalog = objects.get(root)?.0;
    if !catalog.get(b"Type").is_some_and(|t| t.is_name(b"Catalog")) {
        return Err(not_ours(Missing::Pages));
    }

    // A flat page tree: the root's kids are pages, each with one content stream.
    let tree = catalog
        .get(b"Pages")
        .map(|v| objects.resolve(v))
        .transpose()?
        .ok_or(not_ours(Missing::Pages))?;
    let Some(Value::Array(kids)) = tree.get(b"Kids") else {
        return Err(not_ours(Missing::Pages));
    };
    if kids.len() > MAX_PAGES {
        return Err(not_ours(Missing::TooMany));
    }
    let mut pages = Vec::with_capacity(kids.len());
    for kid in kids {
        let page = objects.resolve(kid)?;
        if !page.get(b"Type").is_some_and(|t| t.is_name(b"Page")) {
            return Err(not_ours(Missing::Pages));
        }
        let contents = page
            .get(b"Contents")
            .and_then(Value::reference)
            .ok_or(not_ours(Missing::Pages))?;
        let (dict, data) = objects.get(contents)?;
        if dict.get(b"Filter").is_some() {
            return Err(not_ours(Missing::Pages));
        }
        pages.push(data.ok_or(not_ours(Missing::Pages))?.to_vec());
    }
    if pages.is_empty() {
        return Err(not_ours(Missing::Pages));
    }

    // A flat name tree of embedded files.
    let names = catalog
        .get(b"Names")
        .map(|v| objects.resolve(v))
        .transpose()?
        .ok_or(not_ours(Missing::Manifest))?;
    let files = names
        .get(b"EmbeddedFiles")
        .map(|v| objects.resolve(v))
        .transpose()?
        .ok_or(not_ours(Missing::Manifest))?;
    let Some(Value::Array(list)) = files.get(b"Names") else {
        return Err(not_ours(Missing::Attachments));
    };
    if list.len() > 2 * MAX_ATTACHMENTS {
        return Err(not_ours(Missing::TooMany));
    }
    let mut attachments = Vec::with_capacity(list.len() / 2);
    for pair in list.chunks(2) {
        let [Value::Str(name), spec] = pair else {
            return Err(not_ours(Missing::Attachments));
        };
        let spec = objects.resolve(spec)?;
        let file = spec
            .get(b"EF")
            .and_then(|ef| ef.get(b"F"))
            .and_then(Value::reference)
            .ok_or(not_ours(Missing::Attachments))?;
        let (dict, data) = objects.get(file)?;
        if !dict
            .get(b"Type")
            .is_some_and(|t| t.is_name(b"EmbeddedFile"))
            || dict.get(b"Filter").is_some()
        {
            return Err(not_ours(Missing::Attachments));
        }
        let params = dict.get(b"Params");
        attachments.push(Attached {
            name: String::from_utf8_lossy(name).into_owned(),
            data: data.ok_or(not_ours(Missing::Attachments))?.to_vec(),
            size: params
                .and_then(|p| p.get(b"Size"))
                .and_then(Value::int)
                .and_then(|n| u64::try_from(n).ok()),
            checksum: match params.and_then(|p| p.get(b"CheckSum")) {
                Some(Value::Str(sum)) => Some(sum.clone()),
                _ => None,
            },
        });
    }
    if !attachments.iter().any(|a| a.name == MANIFEST_NAME) {
        return Err(not_ours(Missing::Manifest));
    }
    Ok(DossierFile { pages, attachments })
}

/// The MD5 digest of `data` (RFC 1321), which PDF asks for as an embedded file's checksum. Not
/// used for security: the receipts' signatures and the manifest's comparison with the text are.
pub fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    let k: Vec<u32> = (0..64)
        .map(|i| ((i as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32)
        .collect();
    let mut state: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend(((data.len() as u64).wrapping_mul(8)).to_le_bytes());
    for block in message.chunks(64) {
        let m: Vec<u32> = block
            .chunks(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect();
        let [mut a, mut b, mut c, mut d] = state;
        for (i, (k, s)) in k.iter().zip(S).enumerate() {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(*k).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(s));
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut out = [0u8; 16];
    for (i, s) in state.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&s.to_le_bytes());
    }
    out
}

/// Parses a manifest: `Err(Some((line, column)))` where its JSON does not fit, `Err(None)` for
/// another kind of file or a newer format.
pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, Option<(usize, usize)>> {
    let manifest: Manifest =
        serde_json::from_slice(bytes).map_err(|e| Some((e.line(), e.column())))?;
    if manifest.kind != MANIFEST_KIND || manifest.format > MANIFEST_FORMAT {
        return Err(None);
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn md5_gives_the_rfc_1321_test_values() {
        assert_eq!(hex(&md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(&md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            hex(&md5(
                b"12345678901234567890123456789012345678901234567890123456789012345678901234567890"
            )),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
    }

    #[test]
    fn values_nest_only_so_deep() {
        let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        assert_eq!(Parser::at(deep.as_bytes(), 0).value(0), None);
        let fine = format!("{}1{}", "[".repeat(5), "]".repeat(5));
        assert!(Parser::at(fine.as_bytes(), 0).value(0).is_some());
    }

    #[test]
    fn references_strings_and_dictionaries_parse() {
        let v = Parser::at(b"<< /A 12 0 R /B (x\\(y\\)) /C <414> /D [1 2.5 /N] >>", 0)
            .value(0)
            .expect("dict");
        assert_eq!(v.get(b"A"), Some(&Value::Ref(12)));
        assert_eq!(v.get(b"B"), Some(&Value::Str(b"x(y)".to_vec())));
        assert_eq!(v.get(b"C"), Some(&Value::Str(vec![0x41, 0x40])));
        assert_eq!(
            v.get(b"D"),
            Some(&Value::Array(vec![
                Value::Int(1),
                Value::Real,
                Value::Name(b"N".to_vec())
            ]))
        );
    }
}
