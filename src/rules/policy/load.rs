//! Reading and validating policy packs. A broken pack is reported with its file, the field and the
//! problem, and never stops the valid packs from loading.
//!
//! Here: the embedded packs, parsing (and reading the parser's errors into a [`ShapeProblem`]),
//! reading pack files and the set of loaded packs. The rules of the format a parsed pack is
//! checked against are in `validate.rs`, the errors in `error.rs` and their details in
//! `problem.rs`.

pub use super::error::PolicyError;
pub use super::validate::fits;

use super::model::*;
use super::problem::{JsonKind, ReadProblem, ShapeProblem};
use super::validate::Validator;
use crate::files::FileProblem;
use crate::limits::{read_at_most, MAX_PACK_BYTES, MAX_PACK_FILES};
use std::collections::{BTreeSet, BinaryHeap};
use std::path::Path;

/// The packs that ship inside the app, as (file name, JSON).
///
/// Every version recordings can be pinned to stays: a new version of a pack is a new file, and the
/// versions before it move to `assets/policies/archive/`, so a recording checked against one of
/// them opens, shows and exports as it did.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "archive/hu-stage-opnamen-1.0.0.json",
        include_str!("../../../assets/policies/archive/hu-stage-opnamen-1.0.0.json"),
    ),
    (
        "archive/memo-lesopnamen-1.0.0.json",
        include_str!("../../../assets/policies/archive/memo-lesopnamen-1.0.0.json"),
    ),
    (
        "hu-stage-opnamen.json",
        include_str!("../../../assets/policies/hu-stage-opnamen.json"),
    ),
    (
        "memo-lesopnamen.json",
        include_str!("../../../assets/policies/memo-lesopnamen.json"),
    ),
];

/// Parses and validates one pack. `file` names it in errors.
pub fn parse_pack(file: &str, json: &str) -> Result<PolicyPack, PolicyError> {
    use serde::Deserialize;
    // Parsed once without following the path (a third faster); only a pack that does not parse
    // is parsed again to name the field where the parser stopped.
    let plain = PolicyPack::deserialize(&mut serde_json::Deserializer::from_str(json));
    let pack = match plain {
        Ok(pack) => pack,
        Err(_) => parse_tracked(file, json)?,
    };
    Validator::new(file, &pack).validate()?;
    Ok(pack)
}

/// Parses a pack following the path to each field, so an error names the field.
fn parse_tracked(file: &str, json: &str) -> Result<PolicyPack, PolicyError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        PolicyError::Syntax {
            file: file.to_owned(),
            field: (field != "." && field != "?").then_some(field),
            problem: Box::new(shape_problem(&inner)),
            line: inner.line(),
            column: inner.column(),
        }
    })
}

/// What the JSON parser's error says, read into a problem; its words are not kept. Every file the
/// core parses as JSON (packs, a mentor's files, the journal's entries) reports through this.
pub fn shape_problem(err: &serde_json::Error) -> ShapeProblem {
    use serde_json::error::Category;
    let text = err.to_string();
    // serde_json appends " at line L column C"; the error gives the position itself.
    let message = text
        .rfind(" at line ")
        .map_or(text.as_str(), |i| &text[..i]);
    if message == "recursion limit exceeded" {
        return ShapeProblem::TooDeep;
    }
    match err.classify() {
        Category::Eof => return ShapeProblem::EndsEarly,
        Category::Syntax | Category::Io => return ShapeProblem::NotJson,
        Category::Data => {}
    }
    // serde's wording of its data errors (`serde::de::Error`'s default messages).
    if let Some(rest) = message.strip_prefix("missing field ") {
        return ShapeProblem::MissingField(ticked(rest).unwrap_or_default());
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return ShapeProblem::DuplicateField(ticked(rest).unwrap_or_default());
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, allowed) = name_and_allowed(rest);
        return ShapeProblem::UnknownField { name, allowed };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, allowed) = name_and_allowed(rest);
        return ShapeProblem::UnknownName { name, allowed };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if let Some(found) = found_kind(found) {
            return ShapeProblem::WrongKind {
                found,
                expected: expected_kind(expected),
            };
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        return ShapeProblem::WrongValue {
            expected: expected_kind(expected),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if let Ok(found) = found.parse() {
            let expected = expected
                .rsplit_once(" with ")
                .and_then(|(_, n)| n.split(' ').next()?.parse().ok());
            return ShapeProblem::WrongLength { found, expected };
        }
    }
    ShapeProblem::Other
}

/// The name between the first pair of backticks.
fn ticked(s: &str) -> Option<String> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(s[start..start + len].to_owned())
}

/// "`name`, expected one of `a`, `b`" (or "`a` or `b`", or "there are no fields"): the name and
/// the allowed names.
fn name_and_allowed(s: &str) -> (String, Vec<String>) {
    let name = ticked(s).unwrap_or_default();
    let rest = s.split_once(", expected ").map_or("", |(_, r)| r);
    let allowed = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    (name, allowed)
}

/// The kind of a value as serde names it (`serde::de::Unexpected`'s wording).
fn found_kind(s: &str) -> Option<JsonKind> {
    let kinds = [
        ("boolean", JsonKind::Boolean),
        ("integer", JsonKind::Integer),
        ("floating point", JsonKind::Number),
        ("string", JsonKind::Text),
        ("character", JsonKind::Text),
        ("unit value", JsonKind::Null),
        ("null", JsonKind::Null),
        ("Option value", JsonKind::Null),
        ("sequence", JsonKind::List),
        ("map", JsonKind::Object),
    ];
    kinds
        .into_iter()
        .find(|(word, _)| s.starts_with(word))
        .map(|(_, kind)| kind)
}

/// The kind a Rust type expects, from what its deserializer says it expects.
fn expected_kind(s: &str) -> Option<JsonKind> {
    let kinds = [
        ("a boolean", JsonKind::Boolean),
        ("u8", JsonKind::Count),
        ("u16", JsonKind::Count),
        ("u32", JsonKind::Count),
        ("u64", JsonKind::Count),
        ("usize", JsonKind::Count),
        ("i8", JsonKind::Integer),
        ("i16", JsonKind::Integer),
        ("i32", JsonKind::Integer),
        ("i64", JsonKind::Integer),
        ("isize", JsonKind::Integer),
        ("f32", JsonKind::Number),
        ("f64", JsonKind::Number),
        ("a string", JsonKind::Text),
        ("a character", JsonKind::Text),
        ("variant identifier", JsonKind::Text),
        ("field identifier", JsonKind::Text),
        ("a sequence", JsonKind::List),
        ("tuple", JsonKind::List),
        ("struct ", JsonKind::Object),
        ("a map", JsonKind::Object),
        ("internally tagged enum", JsonKind::Object),
    ];
    kinds
        .into_iter()
        .find(|(word, _)| s.starts_with(word))
        .map(|(_, kind)| kind)
}

/// Reads one pack file, if it is at most [`MAX_PACK_BYTES`] (its size is checked before it is
/// read).
pub fn load_pack_file(path: &Path) -> Result<PolicyPack, PolicyError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let read_err = |problem: ReadProblem| PolicyError::Read {
        file: file.clone(),
        problem,
    };
    let os_err = |e: std::io::Error| read_err(ReadProblem::File(FileProblem::of(&e)));
    let bytes = read_at_most(path, MAX_PACK_BYTES)
        .map_err(os_err)?
        .ok_or_else(|| {
            read_err(ReadProblem::TooLarge {
                max_kb: MAX_PACK_BYTES / 1024,
            })
        })?;
    let json = String::from_utf8(bytes).map_err(|_| read_err(ReadProblem::NotText))?;
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
            set.add(file, parse_pack(file, json), PackOrigin::Embedded);
        }
        set
    }

    /// Adds every `*.json` pack in `dir` (a missing directory adds nothing), in name order, up to
    /// [`MAX_PACK_FILES`]; the files after those are not read, and reported as one
    /// [`PolicyError::TooMany`]. The listing keeps only the first names, however many files the
    /// folder holds.
    pub fn add_dir(&mut self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        // The first MAX_PACK_FILES names (a max-heap: the last of them on top), the others
        // counted, with the first of them.
        let mut first = BinaryHeap::with_capacity(MAX_PACK_FILES + 1);
        let (mut skipped, mut first_skipped) = (0usize, None::<std::ffi::OsString>);
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let path = Path::new(&name);
            if path.extension().is_none_or(|x| x != "json") || name == "schema.json" {
                continue;
            }
            first.push(name);
            if first.len() > MAX_PACK_FILES {
                let dropped = first.pop().expect("more than the limit");
                skipped += 1;
                if first_skipped.as_ref().is_none_or(|f| dropped < *f) {
                    first_skipped = Some(dropped);
                }
            }
        }
        for name in first.into_sorted_vec() {
            let file = name.to_string_lossy().into_owned();
            let origin = PackOrigin::File(file.clone());
            self.add(&file, load_pack_file(&dir.join(&name)), origin);
        }
        if let Some(name) = first_skipped {
            self.errors.push(PolicyError::TooMany {
                file: name.to_string_lossy().into_owned(),
                skipped,
                max: MAX_PACK_FILES,
            });
        }
    }

    fn add(&mut self, file: &str, pack: Result<PolicyPack, PolicyError>, origin: PackOrigin) {
        let pack = pack.map(|p| PolicyPack { origin, ..p });
        match pack {
            Ok(p)
                if p.origin != PackOrigin::Embedded
                    && self
                        .packs
                        .iter()
                        .any(|e| e.id == p.id && e.origin == PackOrigin::Embedded) =>
            {
                self.errors.push(PolicyError::Impersonates {
                    file: file.to_owned(),
                    id: p.id,
                })
            }
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
