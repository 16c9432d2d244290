//! Reading and validating policy packs. A broken pack is reported with its file, the field and the
//! problem, and never stops the valid packs from loading.

use super::condition::{satisfiable, Comparison, Condition};
use super::model::*;
use crate::error::ErrorCode;
use crate::recording::Answer;
use crate::text::Text;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The packs that ship inside the app, as (file name, JSON).
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "hu-stage-opnamen.json",
        include_str!("../../../assets/policies/hu-stage-opnamen.json"),
    ),
    (
        "memo-lesopnamen.json",
        include_str!("../../../assets/policies/memo-lesopnamen.json"),
    ),
];

/// Largest pack file accepted (a real pack is a few tens of kilobytes).
const MAX_PACK_BYTES: u64 = 1024 * 1024;

/// Why a pack could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("Beleidspakket {file} kan niet worden gelezen: {problem}")]
    Read {
        /// File name.
        file: String,
        /// What the OS said.
        problem: String,
    },
    /// The JSON does not have the pack's shape (syntax error, missing field, wrong type).
    #[error("Beleidspakket {file}, veld {field}: {problem}")]
    Syntax {
        /// File name.
        file: String,
        /// Path of the offending field, e.g. `items[3].phase`.
        field: String,
        /// What is wrong.
        problem: String,
    },
    /// The JSON has the right shape but its content breaks a rule of the format.
    #[error("Beleidspakket {file}, veld {field}: {problem}")]
    Invalid {
        /// File name.
        file: String,
        /// Path of the offending field.
        field: String,
        /// What is wrong.
        problem: String,
    },
    /// Two packs with the same id and version.
    #[error("Beleidspakket {file}: {id} versie {version} is al geladen uit een ander bestand")]
    Duplicate {
        /// File name of the second one.
        file: String,
        /// Pack id.
        id: String,
        /// Pack version.
        version: String,
    },
    /// A recording refers to a pack (version) that is not loaded.
    #[error("Beleidspakket {id} versie {version} is niet beschikbaar")]
    Unknown {
        /// Pack id.
        id: String,
        /// Pack version.
        version: String,
    },
}

impl ErrorCode for PolicyError {
    fn code(&self) -> &'static str {
        match self {
            PolicyError::Read { .. } => "policy.read",
            PolicyError::Syntax { .. } => "policy.syntax",
            PolicyError::Invalid { .. } => "policy.invalid",
            PolicyError::Duplicate { .. } => "policy.duplicate",
            PolicyError::Unknown { .. } => "policy.unknown",
        }
    }
}

/// Parses and validates one pack. `file` names it in errors.
pub fn parse_pack(file: &str, json: &str) -> Result<PolicyPack, PolicyError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let pack: PolicyPack = serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        PolicyError::Syntax {
            file: file.to_owned(),
            field: if field == "." || field == "?" {
                "(bestand)".to_owned()
            } else {
                field
            },
            problem: format!(
                "{} (regel {}, kolom {})",
                strip_position(&inner.to_string()),
                inner.line(),
                inner.column()
            ),
        }
    })?;
    Validator { file, pack: &pack }.validate()?;
    Ok(pack)
}

/// serde_json appends " at line L column C"; the error already says where in Dutch.
fn strip_position(msg: &str) -> &str {
    msg.rfind(" at line ").map_or(msg, |i| &msg[..i])
}

/// Reads one pack file.
pub fn load_pack_file(path: &Path) -> Result<PolicyPack, PolicyError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let read_err = |problem: String| PolicyError::Read {
        file: file.clone(),
        problem,
    };
    let len = std::fs::metadata(path)
        .map_err(|e| read_err(e.to_string()))?
        .len();
    if len > MAX_PACK_BYTES {
        return Err(read_err(format!(
            "het bestand is groter dan {} kB",
            MAX_PACK_BYTES / 1024
        )));
    }
    let json = std::fs::read_to_string(path).map_err(|e| read_err(e.to_string()))?;
    parse_pack(&file, &json)
}

/// The loaded packs, plus what was wrong with the ones that did not load.
#[derive(Debug, Default, Clone)]
pub struct PackSet {
    packs: Vec<PolicyPack>,
    errors: Vec<PolicyError>,
}

impl PackSet {
    /// The packs embedded in the app.
    pub fn embedded() -> Self {
        let mut set = PackSet::default();
        for (file, json) in EMBEDDED {
            set.add(file, parse_pack(file, json));
        }
        set
    }

    /// Adds every `*.json` pack in `dir` (a missing directory adds nothing).
    pub fn add_dir(&mut self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && p.file_name().is_some_and(|n| n != "schema.json")
            })
            .collect();
        paths.sort();
        for path in paths {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.add(&file, load_pack_file(&path));
        }
    }

    fn add(&mut self, file: &str, pack: Result<PolicyPack, PolicyError>) {
        match pack {
            Ok(p) if self.get(&p.id, &p.version).is_some() => {
                self.errors.push(PolicyError::Duplicate {
                    file: file.to_owned(),
                    id: p.id,
                    version: p.version,
                })
            }
            Ok(p) => self.packs.push(p),
            Err(e) => self.errors.push(e),
        }
    }

    /// Every valid pack.
    pub fn packs(&self) -> &[PolicyPack] {
        &self.packs
    }

    /// What was wrong with the packs that did not load.
    pub fn errors(&self) -> &[PolicyError] {
        &self.errors
    }

    /// The pack with this id and version.
    pub fn get(&self, id: &str, version: &str) -> Option<&PolicyPack> {
        self.packs
            .iter()
            .find(|p| p.id == id && p.version == version)
    }

    /// Like [`PackSet::get`], as an error when missing.
    pub fn require(&self, id: &str, version: &str) -> Result<&PolicyPack, PolicyError> {
        self.get(id, version).ok_or_else(|| PolicyError::Unknown {
            id: id.to_owned(),
            version: version.to_owned(),
        })
    }

    /// The newest version of pack `id`; new recordings are pinned to it.
    pub fn latest(&self, id: &str) -> Option<&PolicyPack> {
        self.packs
            .iter()
            .filter(|p| p.id == id)
            .max_by_key(|p| version_key(&p.version))
    }

    /// The newest version of every pack id, in load order.
    pub fn latest_each(&self) -> Vec<&PolicyPack> {
        let ids: Vec<&str> = self.packs.iter().map(|p| p.id.as_str()).collect();
        let mut seen = BTreeSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(*id))
            .filter_map(|id| self.latest(id))
            .collect()
    }
}

/// Orders `1.10.0` after `1.9.0`.
fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

struct Validator<'a> {
    file: &'a str,
    pack: &'a PolicyPack,
}

impl Validator<'_> {
    fn err(&self, field: impl Into<String>, problem: impl Into<String>) -> PolicyError {
        PolicyError::Invalid {
            file: self.file.to_owned(),
            field: field.into(),
            problem: problem.into(),
        }
    }

    fn validate(&self) -> Result<(), PolicyError> {
        let p = self.pack;
        if p.format != FORMAT {
            return Err(self.err(
                "format",
                format!(
                    "formaatversie {} wordt niet ondersteund (verwacht {FORMAT})",
                    p.format
                ),
            ));
        }
        self.identifier("id", &p.id)?;
        if p.version.is_empty()
            || !p
                .version
                .split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(self.err(
                "version",
                format!("\"{}\" is geen versienummer zoals 1.0.0", p.version),
            ));
        }
        self.text("title", &p.title)?;
        self.text("source", &p.source)?;
        if p.phases.is_empty() {
            return Err(self.err("phases", "er moet minstens één fase zijn"));
        }
        let phases = self.unique("phases", p.phases.iter().map(|ph| &ph.id))?;
        for (i, ph) in p.phases.iter().enumerate() {
            self.text(&format!("phases[{i}].title"), &ph.title)?;
        }
        self.questions()?;
        self.verdict_rules()?;
        self.unique("items", p.items.iter().map(|it| &it.id))?;
        for (i, it) in p.items.iter().enumerate() {
            let f = format!("items[{i}]");
            if !phases.contains(it.phase.as_str()) {
                return Err(self.err(
                    format!("{f}.phase"),
                    format!("onbekende fase \"{}\"", it.phase),
                ));
            }
            self.text(&format!("{f}.text"), &it.text)?;
            self.condition(&format!("{f}.shown_when"), it.shown_when.as_ref())?;
        }
        self.deadlines()?;
        for (i, c) in p.copies.iter().enumerate() {
            self.text(&format!("copies[{i}].label"), &c.label)?;
            self.condition(&format!("copies[{i}].when"), c.when.as_ref())?;
        }
        if p.audience.is_empty() {
            return Err(self.err(
                "audience",
                "er moet minstens één rol zijn die de opname mag zien",
            ));
        }
        let incidents = self.unique("incidents", p.incidents.iter().map(|t| &t.id))?;
        for (i, t) in p.incidents.iter().enumerate() {
            self.text(&format!("incidents[{i}].title"), &t.title)?;
            self.text(&format!("incidents[{i}].advice"), &t.advice)?;
            self.unique(
                &format!("incidents[{i}].clocks"),
                t.clocks.iter().map(|c| &c.id),
            )?;
        }
        let mut channels = BTreeSet::new();
        for (i, fc) in p.forbidden_channels.iter().enumerate() {
            if !channels.insert(fc.channel) {
                return Err(self.err(
                    format!("forbidden_channels[{i}].channel"),
                    "dit kanaal staat er al",
                ));
            }
            if !incidents.contains(fc.incident.as_str()) {
                return Err(self.err(
                    format!("forbidden_channels[{i}].incident"),
                    format!("onbekend incidenttype \"{}\"", fc.incident),
                ));
            }
        }
        Ok(())
    }

    fn identifier(&self, field: &str, id: &str) -> Result<(), PolicyError> {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.'
            });
        if ok {
            Ok(())
        } else {
            Err(self.err(
                field,
                format!("\"{id}\" is geen geldige id (kleine letters, cijfers, '-', '_' of '.')"),
            ))
        }
    }

    fn text(&self, field: &str, t: &Text) -> Result<(), PolicyError> {
        if t.nl.trim().is_empty() {
            return Err(self.err(format!("{field}.nl"), "de Nederlandse tekst is leeg"));
        }
        if t.en.trim().is_empty() {
            return Err(self.err(format!("{field}.en"), "de Engelse tekst is leeg"));
        }
        Ok(())
    }

    fn unique<'s>(
        &self,
        field: &str,
        ids: impl Iterator<Item = &'s String>,
    ) -> Result<BTreeSet<&'s str>, PolicyError> {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            self.identifier(&format!("{field}[{i}].id"), id)?;
            if !seen.insert(id.as_str()) {
                return Err(self.err(
                    format!("{field}[{i}].id"),
                    format!("id \"{id}\" komt twee keer voor"),
                ));
            }
        }
        Ok(seen)
    }

    fn questions(&self) -> Result<(), PolicyError> {
        let qs = &self.pack.questions;
        self.unique("questions", qs.iter().map(|q| &q.id))?;
        for (i, q) in qs.iter().enumerate() {
            let f = format!("questions[{i}]");
            self.text(&format!("{f}.text"), &q.text)?;
            match &q.answer {
                AnswerKind::YesNo => {}
                AnswerKind::Choice(options) => {
                    if options.len() < 2 {
                        return Err(self.err(
                            format!("{f}.answer.choice"),
                            "een keuzevraag heeft minstens twee opties",
                        ));
                    }
                    self.unique(&format!("{f}.answer.choice"), options.iter().map(|o| &o.id))?;
                    for (j, o) in options.iter().enumerate() {
                        self.text(&format!("{f}.answer.choice[{j}].text"), &o.text)?;
                    }
                }
                AnswerKind::Count(0) => {
                    return Err(self.err(
                        format!("{f}.answer.count"),
                        "het maximum moet groter dan 0 zijn",
                    ))
                }
                AnswerKind::Count(_) => {}
            }
        }
        for (i, q) in qs.iter().enumerate() {
            self.condition(&format!("questions[{i}].asked_when"), q.asked_when.as_ref())?;
            if let Some(default) = &q.default {
                if !fits(&q.answer, default) {
                    return Err(self.err(
                        format!("questions[{i}].default"),
                        "het standaardantwoord past niet bij de vraag",
                    ));
                }
            }
        }
        // A question may only depend on questions that do not (transitively) depend on it.
        for (i, q) in qs.iter().enumerate() {
            if let Some(cycle) = self.cycle_from(&q.id) {
                return Err(self.err(
                    format!("questions[{i}].asked_when"),
                    format!("cyclische voorwaarde: {}", cycle.join(" → ")),
                ));
            }
        }
        Ok(())
    }

    /// A dependency cycle through `start`'s `asked_when`, as the list of question ids.
    fn cycle_from(&self, start: &str) -> Option<Vec<String>> {
        let deps = |id: &str| -> Vec<String> {
            let mut out = Vec::new();
            if let Some(c) = self.question(id).and_then(|q| q.asked_when.as_ref()) {
                c.comparisons(&mut out);
            }
            let mut ids: Vec<String> = out.into_iter().map(|(q, _)| q).collect();
            ids.dedup();
            ids
        };
        let mut path = vec![start.to_owned()];
        let mut stack = vec![deps(start).into_iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(next) if next == start => {
                    path.push(next);
                    return Some(path);
                }
                Some(next) if !path.contains(&next) => {
                    stack.push(deps(&next).into_iter());
                    path.push(next);
                }
                Some(_) => {}
                None => {
                    stack.pop();
                    path.pop();
                }
            }
        }
        None
    }

    fn question(&self, id: &str) -> Option<&Question> {
        self.pack.questions.iter().find(|q| q.id == id)
    }

    /// Every question reference exists, every value fits its question, and some answers make it true.
    fn condition(&self, field: &str, cond: Option<&Condition>) -> Result<(), PolicyError> {
        let Some(cond) = cond else { return Ok(()) };
        let mut comparisons = Vec::new();
        cond.comparisons(&mut comparisons);
        let mut domains: BTreeMap<String, Vec<Answer>> = BTreeMap::new();
        for (qid, cmp) in &comparisons {
            let q = self
                .question(qid)
                .ok_or_else(|| self.err(field, format!("onbekende vraag \"{qid}\"")))?;
            let fits = match (&q.answer, cmp) {
                (_, Comparison::EmptyList) => {
                    return Err(self.err(
                        field,
                        format!("lege lijst van waarden voor vraag \"{qid}\""),
                    ))
                }
                (AnswerKind::YesNo, Comparison::Value(Answer::Flag(_))) => true,
                (AnswerKind::Choice(opts), Comparison::Value(Answer::Choice(v))) => {
                    opts.iter().any(|o| &o.id == v)
                }
                (
                    AnswerKind::Count(max),
                    Comparison::Value(Answer::Count(n)) | Comparison::AtLeast(n),
                ) => n <= max,
                _ => false,
            };
            if !fits {
                let expected = match &q.answer {
                    AnswerKind::YesNo => "true of false".to_owned(),
                    AnswerKind::Choice(opts) => format!(
                        "een van {}",
                        opts.iter()
                            .map(|o| format!("\"{}\"", o.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    AnswerKind::Count(max) => format!("een aantal van 0 tot en met {max}"),
                };
                return Err(self.err(
                    field,
                    format!(
                        "waarde {} past niet bij vraag \"{qid}\" (verwacht {expected})",
                        describe(cmp)
                    ),
                ));
            }
            let domain = domains
                .entry(qid.clone())
                .or_insert_with(|| match &q.answer {
                    AnswerKind::YesNo => vec![Answer::Flag(true), Answer::Flag(false)],
                    AnswerKind::Choice(opts) => {
                        opts.iter().map(|o| Answer::Choice(o.id.clone())).collect()
                    }
                    AnswerKind::Count(max) => vec![Answer::Count(0), Answer::Count(*max)],
                });
            if let Comparison::Value(Answer::Count(n)) | Comparison::AtLeast(n) = cmp {
                for c in [n.saturating_sub(1), *n] {
                    if !domain.contains(&Answer::Count(c)) {
                        domain.push(Answer::Count(c));
                    }
                }
            }
        }
        let domains: Vec<(String, Vec<Answer>)> = domains.into_iter().collect();
        if satisfiable(cond, &domains) == Some(false) {
            return Err(self.err(field, "deze voorwaarde kan nooit waar zijn"));
        }
        Ok(())
    }

    fn verdict_rules(&self) -> Result<(), PolicyError> {
        let rules = &self.pack.verdict_rules;
        if rules.is_empty() {
            return Err(self.err("verdict_rules", "er moet minstens één oordeelregel zijn"));
        }
        self.unique("verdict_rules", rules.iter().map(|r| &r.id))?;
        let last = rules.len() - 1;
        for (i, r) in rules.iter().enumerate() {
            let f = format!("verdict_rules[{i}]");
            match (&r.when, i == last) {
                (Some(_), true) => return Err(self.err(format!("{f}.when"), "de laatste oordeelregel moet zonder voorwaarde zijn, zodat er altijd een oordeel is")),
                (None, false) => return Err(self.err(format!("{f}.when"), "een regel zonder voorwaarde mag alleen als laatste staan; de regels erna worden nooit bereikt")),
                _ => {}
            }
            self.condition(&format!("{f}.when"), r.when.as_ref())?;
            self.text(&format!("{f}.reason"), &r.reason)?;
        }
        Ok(())
    }

    fn deadlines(&self) -> Result<(), PolicyError> {
        let p = self.pack;
        self.unique("deadlines", p.deadlines.iter().map(|d| &d.id))?;
        for (i, d) in p.deadlines.iter().enumerate() {
            let f = format!("deadlines[{i}]");
            self.text(&format!("{f}.title"), &d.title)?;
            self.condition(&format!("{f}.applies_when"), d.applies_when.as_ref())?;
            match &d.due {
                Due::AfterEvent {
                    event: crate::recording::EventKind::PlannedFor,
                    ..
                } => {}
                Due::AfterEvent {
                    offset: Offset::Hours(n) | Offset::Days(n),
                    ..
                } if *n < 0 => {
                    return Err(self.err(
                        format!("{f}.due.offset"),
                        "alleen termijnen vanaf de geplande datum mogen negatief zijn",
                    ));
                }
                Due::AfterEvent { .. } => {}
                Due::ChosenDate { prompt, .. } => self.text(&format!("{f}.due.prompt"), prompt)?,
            }
            if let DoneWhen::Item(item) = &d.done_when {
                if !p.items.iter().any(|it| &it.id == item) {
                    return Err(self.err(
                        format!("{f}.done_when.item"),
                        format!("onbekend item \"{item}\""),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Whether `answer` is a valid answer to a question of kind `kind`.
pub fn fits(kind: &AnswerKind, answer: &Answer) -> bool {
    match (kind, answer) {
        (AnswerKind::YesNo, Answer::Flag(_)) => true,
        (AnswerKind::Choice(opts), Answer::Choice(c)) => opts.iter().any(|o| &o.id == c),
        (AnswerKind::Count(max), Answer::Count(n)) => n <= max,
        _ => false,
    }
}

fn describe(cmp: &Comparison) -> String {
    match cmp {
        Comparison::Value(a) => serde_json::to_string(a).unwrap_or_default(),
        Comparison::AtLeast(n) => format!("≥ {n}"),
        Comparison::EmptyList => "[]".to_owned(),
    }
}
