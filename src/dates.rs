//! Dates and times as the user reads them, in Dutch time.

use crate::text::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

const WEEKDAYS_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS_NL: [&str; 12] = [
    "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "di 24 nov. 2026" / "Tue 24 Nov 2026".
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    let wd = d.weekday().num_days_from_monday() as usize;
    let m = d.month0() as usize;
    match lang {
        Lang::Nl => format!(
            "{} {} {} {}",
            WEEKDAYS_NL[wd],
            d.day(),
            MONTHS_NL[m],
            d.year()
        ),
        Lang::En => format!(
            "{} {} {} {}",
            WEEKDAYS_EN[wd],
            d.day(),
            MONTHS_EN[m],
            d.year()
        ),
    }
}

/// Date and Dutch local time: "di 24 nov. 2026 23:59".
pub fn format_datetime(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Amsterdam);
    format!(
        "{} {:02}:{:02}",
        format_date(local.date_naive(), lang),
        local.hour(),
        local.minute()
    )
}
