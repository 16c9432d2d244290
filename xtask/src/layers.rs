//! The core's layers, checked from the source: each module imports only modules of its own layer or
//! of layers below it, and no modules import each other in a ring. A `use` that breaks either
//! fails `cargo xtask test`, naming the import or the ring.
//!
//! The layers, bottom to top, are the folders of `src/` (see `src/lib.rs`): the foundation (files
//! directly in `src/`), `nouns`, `rules`, `persistence`, `ops`, `present`, then `app.rs` (the
//! desktop shell's handle) and `fuzzing.rs` (entry points for the fuzz targets).

#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn core_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../src")
}

/// The code of a file without its comments (doc comments name other modules in links).
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `.rs` file under `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The first path segment of each item in a `use crate::{…}` group (depth-aware).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut item = String::new();
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    heads.push(item);
    heads
        .iter()
        .filter_map(|i| {
            let head: String = i
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!head.is_empty()).then_some(head)
        })
        .collect()
}

/// The layer folders of `src/`, bottom to top.
const LAYERS: [&str; 5] = ["nouns", "rules", "persistence", "ops", "present"];

/// The modules that `code` names through `crate::`: `crate::recording` and
/// `crate::nouns::recording` both name `recording`.
fn imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let mut rest = &code[i + "crate::".len()..];
        if let Some(layer) = LAYERS.iter().find(|l| rest.starts_with(&format!("{l}::"))) {
            rest = &rest[layer.len() + 2..];
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(j, _)| j);
            found.extend(group_heads(&group[..end]));
        } else {
            let head: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !head.is_empty() {
                found.insert(head);
            }
        }
    }
    found
}

/// A module of the core: its layer's rank (0 = foundation) and its files.
struct Module {
    rank: usize,
    files: Vec<PathBuf>,
}

/// The modules directly in `dir`: `name.rs` (with `name/`, if any) or `name/mod.rs`.
fn modules_in(dir: &Path, rank: usize) -> BTreeMap<String, Module> {
    let mut modules: BTreeMap<String, Module> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if ["lib", "main", "mod"].contains(&stem.as_str()) || LAYERS.contains(&stem.as_str()) {
            continue;
        }
        let files = if path.is_dir() {
            files_under(&path)
        } else if path.extension().is_some_and(|e| e == "rs") {
            vec![path]
        } else {
            continue;
        };
        modules
            .entry(stem)
            .or_insert(Module {
                rank,
                files: Vec::new(),
            })
            .files
            .extend(files);
    }
    modules
}

/// Every module of the core with its layer's rank: the foundation, the layer folders, then
/// `app` and `fuzzing` on top.
fn modules() -> BTreeMap<String, Module> {
    let src = core_src();
    let mut all = modules_in(&src, 0);
    for (i, layer) in LAYERS.iter().enumerate() {
        all.extend(modules_in(&src.join(layer), i + 1));
    }
    for (rank, top) in [(LAYERS.len() + 1, "app"), (LAYERS.len() + 2, "fuzzing")] {
        if let Some(m) = all.get_mut(top) {
            m.rank = rank;
        }
    }
    all
}

/// Module → the modules it imports.
fn graph(modules: &BTreeMap<String, Module>) -> BTreeMap<String, BTreeSet<String>> {
    modules
        .iter()
        .map(|(name, m)| {
            let mut deps: BTreeSet<String> =
                m.files.iter().flat_map(|f| imports(&code_of(f))).collect();
            deps.retain(|d| d != name && modules.contains_key(d));
            (name.clone(), deps)
        })
        .collect()
}

/// A cycle through `start`, if any (depth-first search).
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        let here = path.last().cloned().unwrap_or_default();
        for next in graph.get(&here).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    walk(graph, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn the_parser_finds_plain_grouped_and_nested_imports() {
    let code = "use crate::a::B;\nuse crate::{b::{C, D}, c, d::e::F};\nlet x = crate::e::f();\n\
                use crate::nouns::g::H;\nuse crate::rules::{h, i::J};";
    let expected: BTreeSet<String> = ["a", "b", "c", "d", "e", "g", "h", "i"]
        .map(String::from)
        .into();
    assert_eq!(imports(code), expected);
}

#[test]
fn every_core_module_imports_only_its_own_layer_and_those_below() {
    let modules = modules();
    assert!(
        modules.len() >= 20,
        "read the core's modules: {:?}",
        modules.keys()
    );
    let graph = graph(&modules);
    let upward: Vec<String> = graph
        .iter()
        .flat_map(|(m, deps)| deps.iter().map(move |d| (m, d)))
        .filter(|(m, d)| modules[*d].rank > modules[*m].rank)
        .map(|(m, d)| format!("{m} imports {d}, a layer above it"))
        .collect();
    assert!(upward.is_empty(), "{}", upward.join("\n"));
}

#[test]
fn the_core_modules_import_each_other_without_a_cycle() {
    let graph = graph(&modules());
    let rings: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(&graph, m))
        .map(|ring| ring.join(" → "))
        .collect();
    assert!(
        rings.is_empty(),
        "import cycles between core modules:\n{}",
        rings.join("\n")
    );
}
