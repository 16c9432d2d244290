//! PDF syntax: string literals, text strings and dates, and the file around the objects
//! (header, cross-reference table, trailer).

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

/// Escapes a PDF string literal.
pub(super) fn literal(bytes: &[u8]) -> Vec<u8> {
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
/// mark, as hex, so any character survives.
pub(super) fn text_string(text: &str) -> String {
    let units: String = text
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .encode_utf16()
        .map(|u| format!("{u:04X}"))
        .collect();
    format!("<FEFF{units}>")
}

/// A stream object holding `data`, with `extra` entries in its dictionary (e.g. `/Filter …`).
pub(super) fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
    let mut obj = format!("<< /Length {}{extra} >>\nstream\n", data.len()).into_bytes();
    obj.extend(data);
    obj.extend(b"\nendstream");
    obj
}

/// A PDF date: `D:YYYYMMDDHHmmSS+HH'mm'`.
pub(super) fn pdf_date(at: DateTime<FixedOffset>) -> String {
    let offset = at.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.unsigned_abs() / 60;
    format!(
        "D:{}{sign}{:02}'{:02}'",
        at.format("%Y%m%d%H%M%S"),
        minutes / 60,
        minutes % 60
    )
}

/// The file of `objects`, numbered from 1 in their order: the header, the objects, the
/// cross-reference table and the trailer, which names object `root` as the catalog and object
/// `info` as the document information.
pub(super) fn file(objects: &[Vec<u8>], root: usize, info: usize) -> Vec<u8> {
    // A binary comment line tells transfer tools the file is not text.
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
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
    // The file identifier is derived from the content, so equal input gives equal bytes.
    let id: String = Sha256::digest(&out)[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root {root} 0 R /Info {info} 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
