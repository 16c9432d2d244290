//! The embedded TrueType fonts: a small pre-made subset of DejaVu Sans and DejaVu Sans Bold
//! (`assets/fonts/`, made with `pyftsubset` from Debian's `fonts-dejavu-core`: Latin, Latin
//! Extended-A and -B, Latin Extended Additional for Vietnamese, general punctuation and €), read
//! here for the glyph of each character and its width. Only what the writer needs is read: `head`,
//! `hhea`, `maxp`, `hmtx`, a format-4 `cmap` and `OS/2`'s cap height.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// DejaVu Sans, subset (see `assets/fonts/README.md`).
const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-subset.ttf");
/// DejaVu Sans Bold, subset.
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold-subset.ttf");

/// One embedded font, read.
#[derive(Debug)]
pub(super) struct Face {
    /// The font file, embedded whole in every PDF that uses it.
    pub(super) data: &'static [u8],
    /// Its PostScript name, e.g. `DejaVuSans`.
    pub(super) name: &'static str,
    units_per_em: u32,
    /// Advance width of every glyph, in font units.
    advances: Vec<u16>,
    /// Glyph of each character the font has.
    glyphs: BTreeMap<char, u16>,
    /// The font's bounding box, in 1/1000 em.
    pub(super) bbox: [i32; 4],
    /// Ascent, descent and cap height, in 1/1000 em.
    pub(super) ascent: i32,
    pub(super) descent: i32,
    pub(super) cap_height: i32,
}

/// The regular face.
pub(super) fn regular() -> &'static Face {
    static FACE: OnceLock<Face> = OnceLock::new();
    FACE.get_or_init(|| Face::read(REGULAR, "DejaVuSans"))
}

/// The bold face.
pub(super) fn bold() -> &'static Face {
    static FACE: OnceLock<Face> = OnceLock::new();
    FACE.get_or_init(|| Face::read(BOLD, "DejaVuSans-Bold"))
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    data.get(at..at + 2)
        .map_or(0, |b| u16::from_be_bytes([b[0], b[1]]))
}

fn i16_at(data: &[u8], at: usize) -> i16 {
    u16_at(data, at) as i16
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    data.get(at..at + 4)
        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// The table `tag` of the font file `data` (empty when it has none).
fn table<'a>(data: &'a [u8], tag: &[u8; 4]) -> &'a [u8] {
    let count = usize::from(u16_at(data, 4));
    (0..count)
        .map(|i| 12 + 16 * i)
        .find(|at| data.get(*at..at + 4) == Some(tag.as_slice()))
        .and_then(|at| {
            let offset = u32_at(data, at + 8) as usize;
            let length = u32_at(data, at + 12) as usize;
            data.get(offset..offset.checked_add(length)?)
        })
        .unwrap_or_default()
}

/// The characters of a format-4 subtable of `cmap` (Unicode BMP) and their glyphs.
fn read_cmap(cmap: &[u8]) -> BTreeMap<char, u16> {
    let mut glyphs = BTreeMap::new();
    let subtables = usize::from(u16_at(cmap, 2));
    let Some(sub) = (0..subtables)
        .map(|i| 4 + 8 * i)
        .filter(|at| {
            let (platform, encoding) = (u16_at(cmap, *at), u16_at(cmap, at + 2));
            (platform == 3 && encoding == 1) || platform == 0
        })
        .map(|at| u32_at(cmap, at + 4) as usize)
        .find(|offset| u16_at(cmap, *offset) == 4)
    else {
        return glyphs;
    };
    let segments = usize::from(u16_at(cmap, sub + 6) / 2);
    let ends = sub + 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let ranges = deltas + 2 * segments;
    for s in 0..segments {
        let end = u16_at(cmap, ends + 2 * s);
        let start = u16_at(cmap, starts + 2 * s);
        let delta = u16_at(cmap, deltas + 2 * s);
        let range = usize::from(u16_at(cmap, ranges + 2 * s));
        for code in start..=end {
            if code == 0xffff {
                break;
            }
            let glyph = if range == 0 {
                code.wrapping_add(delta)
            } else {
                let at = ranges + 2 * s + range + 2 * usize::from(code - start);
                match u16_at(cmap, at) {
                    0 => 0,
                    g => g.wrapping_add(delta),
                }
            };
            if let (Some(c), true) = (char::from_u32(u32::from(code)), glyph != 0) {
                glyphs.insert(c, glyph);
            }
        }
    }
    glyphs
}

impl Face {
    fn read(data: &'static [u8], name: &'static str) -> Face {
        let head = table(data, b"head");
        let hhea = table(data, b"hhea");
        let maxp = table(data, b"maxp");
        let hmtx = table(data, b"hmtx");
        let os2 = table(data, b"OS/2");
        let units_per_em = u32::from(u16_at(head, 18)).max(1);
        let glyph_count = usize::from(u16_at(maxp, 4));
        let metrics = usize::from(u16_at(hhea, 34)).clamp(1, glyph_count.max(1));
        let advances = (0..glyph_count)
            .map(|g| u16_at(hmtx, 4 * g.min(metrics - 1)))
            .collect();
        let scale = |v: i16| i32::from(v) * 1000 / units_per_em as i32;
        Face {
            data,
            name,
            units_per_em,
            advances,
            glyphs: read_cmap(table(data, b"cmap")),
            bbox: [36, 38, 40, 42].map(|at| scale(i16_at(head, at))),
            ascent: scale(i16_at(hhea, 4)),
            descent: scale(i16_at(hhea, 6)),
            cap_height: scale(i16_at(os2, 88)),
        }
    }

    /// The glyph of `c`; a character the font lacks gets the glyph of `?`.
    pub(super) fn glyph(&self, c: char) -> u16 {
        self.glyphs
            .get(&c)
            .or_else(|| self.glyphs.get(&'?'))
            .copied()
            .unwrap_or(0)
    }

    /// The character `glyph` stands for (the smallest, should several share it).
    pub(super) fn char_of(&self, glyph: u16) -> Option<char> {
        self.glyphs
            .iter()
            .filter(|(_, g)| **g == glyph)
            .map(|(c, _)| *c)
            .min()
    }

    /// Whether the font has a glyph for `c`.
    pub(super) fn has(&self, c: char) -> bool {
        self.glyphs.contains_key(&c)
    }

    /// Advance width of `glyph` in 1/1000 em, rounded.
    pub(super) fn advance(&self, glyph: u16) -> u32 {
        let units = u32::from(self.advances.get(usize::from(glyph)).copied().unwrap_or(0));
        (units * 1000 + self.units_per_em / 2) / self.units_per_em
    }
}
