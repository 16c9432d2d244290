//! How hard a new passphrase is to guess: an estimate in the manner of zxcvbn (Wheeler, USENIX
//! Security 2016), sized for this app and for Dutch users.
//!
//! The passphrase is covered by the cheapest sequence of patterns an attacker would try: words
//! and passwords from a list of the most used ones (Dutch and English, also in l33t spelling and
//! with capitals), years and dates, runs like `abc`, `123` or `qwerty`, and repeats (`aaa`,
//! `abcabc`). What no pattern covers counts as guessed character by character. The estimate is
//! the base-2 logarithm of the guesses that cover needs; a new passphrase needs
//! [`MIN_GUESSES_LOG2`].
//!
//! Why not the zxcvbn crate itself: its frequency lists (≈ 800 kB of mostly English words) and two
//! regex engines would take the release binary past its 12 MB budget, and its feedback is English.
//! The list here is short, so an unlisted word counts as random letters; the minimum length
//! ([`super::MIN_PASSPHRASE_CHARS`]) makes up for that.

/// The least guesses (log2) a new passphrase must need: 10^10, zxcvbn's highest score. With
/// Argon2id at 64 MiB and three passes per guess (about a quarter of a second of one core), that
/// is some eighty core-years for an attacker who has the file.
pub const MIN_GUESSES_LOG2: f64 = 33.22;

/// Common passwords and words, most used first (rank = position). Lowercase, without accents.
const COMMON: &str = "123456,wachtwoord,password,welkom,12345678,qwerty,123456789,geheim,12345,\
    1234,111111,1234567,hallo,azerty,welcome,letmein,iloveyou,admin,ajax,feyenoord,psv,voetbal,\
    football,monkey,dragon,master,sunshine,princess,prinses,abc123,password1,wachtwoord1,liefde,\
    love,schat,lieverd,schatje,konijn,hond,poes,kat,paard,snoopy,pokemon,batman,superman,\
    starwars,zomer,winter,lente,herfst,summer,januari,februari,maart,april,mei,juni,juli,\
    augustus,september,oktober,november,december,maandag,dinsdag,woensdag,donderdag,vrijdag,\
    zaterdag,zondag,amsterdam,rotterdam,utrecht,denhaag,nederland,holland,oranje,hogeschool,\
    school,stage,student,studente,leraar,lerares,docent,klas,les,opname,opnames,video,privacy,\
    opnamewijs,test,test123,testtest,qwertyuiop,asdfgh,asdfghjkl,zxcvbnm,secret,sommer,thomas,\
    daan,sem,lucas,emma,julia,sophie,anna,lisa,mohammed,noah,jan,peter,kees,piet,henk,marie,\
    maria,fleur,tess,sanne,lotte,eva,bas,tim,lars,ruben,kevin,dennis,jeroen,mark,michael,\
    jordan,charlie,computer,internet,samsung,iphone,google,facebook,instagram,whatsapp,\
    snapchat,tiktok,minecraft,fortnite,roblox,netflix,spotify,chocolade,pannenkoek,fiets,\
    auto,huis,thuis,familie,vrienden,vriend,vriendin,mama,papa,oma,opa,baby,kind,kinderen,\
    geluk,vrede,vrijheid,freedom,hello,hoi,doei,ikhouvanjou,jij,ik,wij,zij,mijn,jouw,voor,\
    van,het,een,de,en,nog,niet,wel,maar,ook,veel,heel,goed,mooi,lief,leuk,groot,klein,nieuw,\
    oud,lang,kort,eerste,tweede,nul,een,twee,drie,vier,vijf,zes,zeven,acht,negen,tien,honderd,\
    duizend,admin123,root,user,gebruiker,inloggen,login,changeme,veranderen,starten,begin";

/// Keyboard rows and counting runs that people type as "random".
const ROWS: [&str; 6] = [
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "azertyuiop",
    "1234567890",
    "0987654321",
];

/// Why a passphrase is easy to guess: what the estimate found in it, as data; `Display` is the
/// Dutch phrase, the English one is in `crate::wording`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weakness {
    /// A word or password that many people use.
    Common {
        /// The word, lowercase, as found.
        word: String,
    },
    /// A year or a date.
    Date,
    /// A run like `abc`, `123` or a keyboard row.
    Sequence,
    /// A character or group typed several times.
    Repeat,
}

impl std::fmt::Display for Weakness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Weakness::Common { word } => write!(f, "het veelgebruikte woord '{word}'"),
            Weakness::Date => f.write_str("een jaartal of datum"),
            Weakness::Sequence => f.write_str("een reeks zoals abc, 123 of qwerty"),
            Weakness::Repeat => f.write_str("herhaalde tekens"),
        }
    }
}

/// The estimate of one passphrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// log2 of the guesses the cheapest cover needs.
    pub guesses_log2: f64,
    /// The patterns of that cover, in order, each kind once.
    pub weaknesses: Vec<Weakness>,
}

impl Estimate {
    /// Whether it protects a new key.
    pub fn is_strong(&self) -> bool {
        self.guesses_log2 >= MIN_GUESSES_LOG2
    }
}

/// One pattern found at `start..end` (char indices) and what guessing it costs.
struct Found {
    start: usize,
    end: usize,
    bits: f64,
    weakness: Weakness,
}

/// Estimates how many guesses `text` needs.
pub fn estimate(text: &str) -> Estimate {
    let chars: Vec<char> = text.chars().collect();
    let plain: Vec<char> = chars.iter().map(|c| unleet(*c)).collect();
    let mut found = Vec::new();
    words(&plain, &chars, &mut found);
    dates(&chars, &mut found);
    runs(&plain, &mut found);
    repeats(&chars, &mut found);
    // best[i]: the cheapest cover of the first i characters, and the pattern that ends it.
    let n = chars.len();
    let mut best: Vec<(f64, Option<usize>)> = vec![(f64::INFINITY, None); n + 1];
    best[0] = (0.0, None);
    for i in 1..=n {
        let brute = best[i - 1].0 + pool(chars[i - 1]).log2();
        best[i] = (brute, None);
        for (k, f) in found.iter().enumerate().filter(|(_, f)| f.end == i) {
            // One bit per pattern: the attacker also guesses where the patterns sit.
            let cost = best[f.start].0 + f.bits + 1.0;
            if cost < best[i].0 {
                best[i] = (cost, Some(k));
            }
        }
    }
    let mut weaknesses = Vec::new();
    let mut i = n;
    while i > 0 {
        match best[i].1 {
            Some(k) => {
                let w = &found[k].weakness;
                if !weaknesses.contains(w) {
                    weaknesses.push(w.clone());
                }
                i = found[k].start;
            }
            None => i -= 1,
        }
    }
    weaknesses.reverse();
    Estimate {
        guesses_log2: best[n].0,
        weaknesses,
    }
}

/// The letter a l33t digit or symbol stands for; lowercase otherwise.
fn unleet(c: char) -> char {
    match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// How many characters one of `c`'s kind could be.
fn pool(c: char) -> f64 {
    match c {
        '0'..='9' => 10.0,
        'a'..='z' | 'A'..='Z' => 26.0,
        ' ' => 8.0,
        c if c.is_ascii() => 33.0,
        _ => 100.0,
    }
}

/// Listed words (also in l33t and with capitals) of three or more letters.
fn words(plain: &[char], typed: &[char], found: &mut Vec<Found>) {
    for (rank, word) in COMMON.split(',').map(str::trim).enumerate() {
        let w: Vec<char> = word.chars().collect();
        if w.len() < 3 || w.len() > plain.len() {
            continue;
        }
        for start in 0..=plain.len() - w.len() {
            if plain[start..start + w.len()] != w[..] {
                continue;
            }
            let typed = &typed[start..start + w.len()];
            let capitals = typed.iter().filter(|c| c.is_uppercase()).count();
            let leet = typed.iter().filter(|c| !c.is_alphabetic()).count();
            let variants = (capitals + leet) as f64;
            found.push(Found {
                start,
                end: start + w.len(),
                bits: ((rank + 2) as f64).log2() + variants,
                weakness: Weakness::Common {
                    word: word.to_owned(),
                },
            });
        }
    }
}

/// Years 1900–2099 and dates of six or eight digits, with or without separators.
fn dates(chars: &[char], found: &mut Vec<Found>) {
    let digits = |s: &[char]| s.iter().all(char::is_ascii_digit);
    for start in 0..chars.len() {
        for (len, bits) in [(4, 7.7), (6, 16.2), (8, 16.2), (10, 17.2)] {
            let Some(s) = chars.get(start..start + len) else {
                continue;
            };
            let is_year = len == 4 && digits(s) && matches!((s[0], s[1]), ('1', '9') | ('2', '0'));
            let is_date = len > 4 && {
                let d: Vec<char> = s.iter().filter(|c| c.is_ascii_digit()).copied().collect();
                let seps = s.iter().filter(|c| matches!(c, '-' | '/' | '.')).count();
                (d.len() + seps == len) && (seps == 0 || seps == 2) && (6..=8).contains(&d.len())
            };
            if is_year || is_date {
                found.push(Found {
                    start,
                    end: start + len,
                    bits,
                    weakness: Weakness::Date,
                });
            }
        }
    }
}

/// Runs of three or more with a step of one (`abc`, `987`) and pieces of keyboard rows.
fn runs(plain: &[char], found: &mut Vec<Found>) {
    let mut start = 0;
    while start + 2 < plain.len() {
        let step = plain[start + 1] as i32 - plain[start] as i32;
        let mut end = start + 1;
        while end < plain.len()
            && step.abs() == 1
            && plain[end] as i32 - plain[end - 1] as i32 == step
        {
            end += 1;
        }
        if end - start >= 3 {
            found.push(Found {
                start,
                end,
                bits: 26f64.log2() + ((end - start) as f64).log2() + 1.0,
                weakness: Weakness::Sequence,
            });
        }
        start = if end - start >= 3 { end } else { start + 1 };
    }
    let text: String = plain.iter().collect();
    for row in ROWS {
        for len in (4..=row.len()).rev() {
            for piece in (0..=row.len() - len).map(|i| &row[i..i + len]) {
                for (byte, _) in text.match_indices(piece) {
                    let start = text[..byte].chars().count();
                    found.push(Found {
                        start,
                        end: start + len,
                        bits: (ROWS.len() as f64 * row.len() as f64 * len as f64).log2(),
                        weakness: Weakness::Sequence,
                    });
                }
            }
        }
    }
}

/// A group of one to four characters typed three or more times in a row (`aaa`, `abab ab`).
fn repeats(chars: &[char], found: &mut Vec<Found>) {
    for size in 1..=4 {
        let mut start = 0;
        while start + size * 2 <= chars.len() {
            let block = &chars[start..start + size];
            let mut end = start + size;
            while chars.get(end..end + size) == Some(block) {
                end += size;
            }
            let times = (end - start) / size;
            if times >= 2 && end - start >= 3 {
                let block_bits: f64 = block.iter().map(|c| pool(*c).log2()).sum();
                found.push(Found {
                    start,
                    end,
                    bits: block_bits + (times as f64).log2(),
                    weakness: Weakness::Repeat,
                });
                start = end;
            } else {
                start += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strong(text: &str) -> bool {
        estimate(text).is_strong()
    }

    #[test]
    fn common_words_dates_runs_and_repeats_are_weak_and_named() {
        for weak in [
            "Welkom2026!",
            "wachtwoord123",
            "W@chtw00rd1234",
            "qwertyuiop12",
            "Zomer2026Zomer",
            "aaaaaaaaaaaaaaaa",
            "abcdefghijklmnop",
            "ajaxfeyenoordpsv",
            "24-11-2026 welkom",
            "ikhouvanjou1234",
            "xxxxxxxxxx",
        ] {
            let e = estimate(weak);
            assert!(!e.is_strong(), "{weak}: {e:?}");
            assert!(!e.weaknesses.is_empty(), "{weak} names why: {e:?}");
        }
        let e = estimate("Welkom2026!");
        assert!(e.weaknesses.contains(&Weakness::Common {
            word: "welkom".into()
        }));
        assert!(e.weaknesses.contains(&Weakness::Date));
        assert!(estimate("hjkl9876zyxw").weaknesses == [Weakness::Sequence]);
    }

    #[test]
    fn unrelated_words_and_random_text_are_strong() {
        for good in [
            "fiets wolk pindakaas lantaarn",
            "reservekopie wachtwoord",
            "correct paard batterij",
            "Łukasz fietst naar Zwolle",
            "k7#Vq9!mPz2&",
        ] {
            assert!(strong(good), "{good}: {:?}", estimate(good));
        }
    }

    #[test]
    fn more_patterns_never_make_it_cheaper_than_the_best_cover() {
        let e = estimate("welkomwelkom");
        let once = estimate("welkom");
        assert!(e.guesses_log2 >= once.guesses_log2);
        assert!(e.guesses_log2 < 20.0, "{e:?}");
    }
}
