//! Text as the writer prints it: [`normalize`]d characters for the embedded fonts, and
//! Windows-1252 (WinAnsiEncoding) for the standard Courier.

/// Windows-1252 bytes 0x80..=0x9f and the characters they stand for (0x81, 0x8d, 0x8f, 0x90
/// and 0x9d are unassigned).
pub(super) const CP1252_HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8a),
    ('‹', 0x8b),
    ('Œ', 0x8c),
    ('Ž', 0x8e),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9a),
    ('›', 0x9b),
    ('œ', 0x9c),
    ('ž', 0x9e),
    ('Ÿ', 0x9f),
];

/// Letters that a combining mark turns into a precomposed letter Windows-1252 has: the mark,
/// the base letters and, in the same order, the results. Text in decomposed form (as some file
/// systems hand it out) thus prints the same as composed text.
const COMBINING: [(char, &str, &str); 8] = [
    ('\u{300}', "AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
    ('\u{301}', "AEIOUYaeiouy", "ÁÉÍÓÚÝáéíóúý"),
    ('\u{302}', "AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
    ('\u{303}', "ANOano", "ÃÑÕãñõ"),
    ('\u{308}', "AEIOUYaeiouy", "ÄËÏÖÜŸäëïöüÿ"),
    ('\u{30a}', "Aa", "Åå"),
    ('\u{30c}', "SZsz", "ŠŽšž"),
    ('\u{327}', "Cc", "Çç"),
];

/// The precomposed form of `base` followed by the combining `mark`, if Windows-1252 has it.
fn compose(base: char, mark: char) -> Option<char> {
    let (_, bases, results) = COMBINING.iter().find(|(m, _, _)| *m == mark)?;
    let index = bases.chars().position(|c| c == base)?;
    results.chars().nth(index)
}

/// One character as printed: control and zero-width characters left out, every kind of space a
/// space (or a non-breaking one), the non-breaking hyphens plain hyphens.
fn normal_char(c: char) -> Option<char> {
    match c {
        '\u{ad}' => None,
        '\t' | '\n' | '\r' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200a}' | '\u{205f}' => {
            Some(' ')
        }
        '\u{2007}' | '\u{202f}' => Some('\u{a0}'),
        '\u{2010}' | '\u{2011}' => Some('-'),
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => None,
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// `text` as the embedded fonts print it: see [`normal_char`]; a letter followed by a combining
/// mark is composed where [`COMBINING`] knows the result, as [`encode`] does.
pub(super) fn normalize(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if let Some(composed) = previous.and_then(|p| compose(p, c)) {
            out.pop();
            out.push(composed);
            previous = None;
            continue;
        }
        out.extend(normal_char(c));
        previous = Some(c);
    }
    out
}

/// One character in Windows-1252, or `None` when it is to be left out.
fn encode_char(c: char) -> Option<u8> {
    match c {
        // Soft hyphens would print as a hyphen mid-word.
        '\u{ad}' => None,
        '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => u8::try_from(u32::from(c)).ok(),
        // Tabs, line ends and typographic spaces separate words.
        '\t' | '\n' | '\r' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200a}' | '\u{205f}' => {
            Some(b' ')
        }
        // Non-breaking spaces (figure space, narrow no-break space) keep words together.
        '\u{2007}' | '\u{202f}' => Some(0xa0),
        '\u{2010}' | '\u{2011}' => Some(b'-'),
        // Zero-width characters, other control characters.
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => None,
        c if c.is_control() => None,
        c => Some(
            CP1252_HIGH
                .iter()
                .find(|(ch, _)| *ch == c)
                .map_or(b'?', |(_, b)| *b),
        ),
    }
}

/// Encodes `text` in Windows-1252 (the PDF's WinAnsiEncoding). Characters it cannot hold become
/// `?`; control characters are left out, except tabs and line ends, which become spaces.
pub(super) fn encode(text: &str) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if let Some(composed) = previous.and_then(|p| compose(p, c)) {
            out.pop();
            out.extend(encode_char(composed));
            previous = None;
            continue;
        }
        out.extend(encode_char(c));
        previous = Some(c);
    }
    out
}
