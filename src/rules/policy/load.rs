//! Reading and validating policy packs. A broken pack is reported with its file, the field and the
//! problem, and never stops the valid packs from loading.
//!
//! Here: the embedded packs, parsing, reading pack files and the set of loaded packs. The rules of
//! the format a parsed pack is checked against are in `validate.rs`, the errors in `error.rs`.

pub use super::error::PolicyError;
pub use super::validate::fits;

use super::model::*;
use super::validate::Validator;
use std::collections::BTreeSet;
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
