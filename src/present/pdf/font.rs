//! The three standard fonts the writer uses, their widths, and line wrapping by those widths.

use super::encoding::encode;

/// The three fonts the writer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Font {
    Regular,
    Bold,
    Mono,
}

impl Font {
    pub(super) fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
            Font::Mono => "F3",
        }
    }

    /// Width of one encoded byte in 1/1000 em.
    pub(super) fn advance(self, byte: u8) -> u32 {
        let index = usize::from(byte.max(32) - 32);
        u32::from(match self {
            Font::Regular => HELVETICA[index],
            Font::Bold => HELVETICA_BOLD[index],
            Font::Mono => 600,
        })
    }

    /// Width of encoded text in 1/1000 em.
    pub(super) fn units(self, bytes: &[u8]) -> u32 {
        bytes.iter().map(|b| self.advance(*b)).sum()
    }

    /// Width of encoded text in points at `size`.
    pub(super) fn width(self, bytes: &[u8], size: f32) -> f32 {
        units_to_points(self.units(bytes), size)
    }
}

fn units_to_points(units: u32, size: f32) -> f32 {
    // Widths stay far below 2^24, so the conversion is exact.
    units as f32 * size / 1000.0
}

/// The most 1/1000-em units that fit in `points` at `size`.
pub(super) fn points_to_units(points: f32, size: f32) -> u32 {
    // Saturating cast: a negative width gives 0.
    (points * 1000.0 / size + 0.001).floor() as u32
}

/// The longest prefix of `word` (at least one byte) that fits in `max` units.
pub(super) fn fitting_prefix(word: &[u8], font: Font, max: u32) -> usize {
    let mut used = 0;
    for (i, b) in word.iter().enumerate() {
        used += font.advance(*b);
        if used > max {
            return i.max(1);
        }
    }
    word.len()
}

/// Splits encoded text into lines no wider than `max` points, at spaces; words longer than a line
/// are cut where they no longer fit. Runs of spaces count as one. Always at least one line.
pub(super) fn wrap(text: &[u8], font: Font, size: f32, max: f32) -> Vec<Vec<u8>> {
    let max = points_to_units(max, size);
    let space = font.advance(b' ');
    let mut lines = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    let mut used = 0;
    for word in text.split(|b| *b == b' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        loop {
            let width = font.units(word);
            if line.is_empty() {
                if width <= max {
                    line.extend_from_slice(word);
                    used = width;
                    break;
                }
                let cut = fitting_prefix(word, font, max);
                lines.push(word[..cut].to_vec());
                word = &word[cut..];
                if word.is_empty() {
                    break;
                }
            } else if used + space + width <= max {
                line.push(b' ');
                line.extend_from_slice(word);
                used += space + width;
                break;
            } else {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wraps `text` like [`wrap`], keeping its line breaks (`\n`, `\r\n`) as line breaks.
pub(super) fn wrap_text(text: &str, font: Font, size: f32, max: f32) -> Vec<Vec<u8>> {
    text.split('\n')
        .flat_map(|part| wrap(&encode(part), font, size, max))
        .collect()
}

/// Advance widths (1/1000 em) of Helvetica for Windows-1252 bytes 32..=255, from the font's AFM
/// metrics (unassigned bytes: the width of a space; the writer never emits them).
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

/// Advance widths (1/1000 em) of Helvetica-Bold for Windows-1252 bytes 32..=255, from the font's
/// AFM metrics (unassigned bytes: the width of a space; the writer never emits them).
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
