//! The three fonts the writer uses, their widths, and line wrapping by those widths. Text is
//! wrapped as characters ([`normalize`]d); each font turns a line into the bytes of its content
//! stream at the end ([`Font::show`]).

use super::encoding::{encode, normalize};
use super::object::literal;
use super::truetype::{self, Face};

/// The three fonts the writer uses: DejaVu Sans and DejaVu Sans Bold, embedded (every name in a
/// Latin script prints and copies as text), and the standard Courier for hashes.
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

    /// Which embedded font this is (0 regular, 1 bold; 2 for Courier, which is not embedded).
    pub(super) fn embedded_index(self) -> usize {
        match self {
            Font::Regular => 0,
            Font::Bold => 1,
            Font::Mono => 2,
        }
    }

    /// The embedded face, for the fonts that have one.
    pub(super) fn face(self) -> Option<&'static Face> {
        match self {
            Font::Regular => Some(truetype::regular()),
            Font::Bold => Some(truetype::bold()),
            Font::Mono => None,
        }
    }

    /// Width of one character in 1/1000 em.
    pub(super) fn advance(self, c: char) -> u32 {
        match self.face() {
            Some(face) => face.advance(face.glyph(c)),
            None => 600,
        }
    }

    /// Width of text in 1/1000 em.
    pub(super) fn units(self, text: &[char]) -> u32 {
        text.iter().map(|c| self.advance(*c)).sum()
    }

    /// Width of text in points at `size`.
    pub(super) fn width(self, text: &[char], size: f32) -> f32 {
        units_to_points(self.units(text), size)
    }

    /// The string operand that shows `text` in this font: glyph ids, two bytes each, for the
    /// embedded fonts (their encoding is Identity-H); Windows-1252 for Courier.
    pub(super) fn show(self, text: &[char]) -> Vec<u8> {
        match self.face() {
            Some(face) => {
                let mut out = Vec::with_capacity(2 + 4 * text.len());
                out.push(b'<');
                for c in text {
                    out.extend(format!("{:04X}", face.glyph(*c)).as_bytes());
                }
                out.push(b'>');
                out
            }
            None => literal(&encode(&text.iter().collect::<String>())),
        }
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

/// The longest prefix of `word` (at least one character) that fits in `max` units.
pub(super) fn fitting_prefix(word: &[char], font: Font, max: u32) -> usize {
    let mut used = 0;
    for (i, c) in word.iter().enumerate() {
        used += font.advance(*c);
        if used > max {
            return i.max(1);
        }
    }
    word.len()
}

/// Splits normalized text into lines no wider than `max` points, at spaces; words longer than a
/// line are cut where they no longer fit. Runs of spaces count as one. Always at least one line.
pub(super) fn wrap(text: &[char], font: Font, size: f32, max: f32) -> Vec<Vec<char>> {
    let max = points_to_units(max, size);
    let space = font.advance(' ');
    let mut lines = Vec::new();
    let mut line: Vec<char> = Vec::new();
    let mut used = 0;
    for word in text.split(|c| *c == ' ').filter(|w| !w.is_empty()) {
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
                line.push(' ');
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
pub(super) fn wrap_text(text: &str, font: Font, size: f32, max: f32) -> Vec<Vec<char>> {
    text.split('\n')
        .flat_map(|part| wrap(&normalize(part), font, size, max))
        .collect()
}
