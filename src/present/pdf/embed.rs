//! The objects of an embedded font: a Type0 font with Identity-H encoding over a CIDFontType2
//! font whose CIDs are the glyph ids of the TrueType file, its descriptor, the font file itself
//! (compressed) and a ToUnicode map, so that text copied from the PDF is the text that was
//! printed.

use super::object::stream;
use super::truetype::Face;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Objects each embedded font adds after its Type0 dictionary.
pub(super) const PARTS: usize = 4;

/// Subset tags of the regular and the bold font (six capitals, as PDF asks of a font subset).
pub(super) const TAGS: [&str; 2] = ["OWSUBA", "OWSUBB"];

/// The Type0 dictionary of `face` and, numbered from `first`, its [`PARTS`] further objects:
/// the CIDFont, the descriptor, the font file and the ToUnicode map. `used` holds the glyphs the
/// document shows and the character each stands for.
pub(super) fn font(
    face: &Face,
    used: &BTreeMap<u16, char>,
    first: usize,
    tag: &str,
) -> (Vec<u8>, Vec<Vec<u8>>) {
    let name = format!("{tag}+{}", face.name);
    let (cid_font, descriptor, file, to_unicode) = (first, first + 1, first + 2, first + 3);
    let type0 = format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H \
         /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
    )
    .into_bytes();
    let mut widths = String::new();
    for glyph in used.keys() {
        let _ = write!(widths, "{glyph} [{}] ", face.advance(*glyph));
    }
    let cid = format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
         /FontDescriptor {descriptor} 0 R /DW 1000 /W [{}] /CIDToGIDMap /Identity >>",
        widths.trim_end()
    )
    .into_bytes();
    let [x0, y0, x1, y1] = face.bbox;
    let desc = format!(
        "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{x0} {y0} {x1} {y1}] \
         /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /FontFile2 {file} 0 R >>",
        face.ascent, face.descent, face.cap_height
    )
    .into_bytes();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(face.data, 9);
    let font_file = stream(
        &format!(" /Length1 {} /Filter /FlateDecode", face.data.len()),
        &packed,
    );
    (
        type0,
        vec![cid, desc, font_file, stream("", &to_unicode_map(used))],
    )
}

/// A ToUnicode CMap from the glyph ids in `used` to their characters.
fn to_unicode_map(used: &BTreeMap<u16, char>) -> Vec<u8> {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = used.iter().collect();
    // At most 100 entries per block, as the CMap format asks.
    for chunk in entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for (glyph, c) in chunk {
            let mut units = [0u16; 2];
            let utf16: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(cmap, "<{glyph:04X}> <{utf16}>");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend");
    cmap.into_bytes()
}
