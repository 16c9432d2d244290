//! Policy packs crafted to cost the most that the limits allow (`opnamewijs::limits`), for the
//! start-up benchmark: a folder of more pack files than are read, each read one as large as a pack
//! may be, with lists of questions whose conditions depend on many earlier ones, and every
//! condition at the most parts and the deepest nesting allowed, comparing questions of many
//! options. Each is valid, so every check of loading runs to its end.

use opnamewijs::limits::{
    MAX_CONDITION_DEPTH, MAX_CONDITION_NODES, MAX_PACK_BYTES, MAX_PACK_FILES, MAX_PACK_LIST,
};
use serde_json::{json, Value};
use std::path::Path;

/// Questions in a crafted pack, each a choice of [`OPTIONS`].
const QUESTIONS: usize = 48;
/// Options of each question.
const OPTIONS: usize = 16;
/// Files beyond those read: listed, counted, not read.
pub const EXTRA_FILES: usize = 100;

fn text(s: &str) -> Value {
    json!({ "nl": s, "en": s })
}

/// A condition of exactly [`MAX_CONDITION_NODES`] parts, [`MAX_CONDITION_DEPTH`] deep, comparing
/// the questions `on` with their options.
fn condition(on: &[usize], seed: usize) -> Value {
    let mut deep = json!({ "eq": [format!("q{}", on[0]), "o0"] });
    for _ in 0..MAX_CONDITION_DEPTH - 2 {
        deep = json!({ "not": deep });
    }
    // `any` and the chain of `not`s down to its comparison.
    let used = 1 + MAX_CONDITION_DEPTH - 1;
    let mut parts = vec![deep];
    for k in 0..MAX_CONDITION_NODES - used {
        let q = on[k % on.len()];
        parts.push(json!({ "eq": [format!("q{q}"), format!("o{}", (k + seed) % OPTIONS)] }));
    }
    json!({ "any": parts })
}

/// One crafted pack, `id`, as close to [`MAX_PACK_BYTES`] as its items make it.
pub fn crafted_pack(id: &str) -> String {
    let questions: Vec<Value> = (0..QUESTIONS)
        .map(|i| {
            let options: Vec<Value> = (0..OPTIONS)
                .map(|o| json!({ "id": format!("o{o}"), "text": text("Keuze") }))
                .collect();
            let mut q = json!({ "id": format!("q{i}"), "text": text("Vraag?"), "answer": { "choice": options } });
            if i > 0 {
                // Asked when any of up to 56 earlier questions has a certain answer.
                let earlier: Vec<usize> = (0..i).rev().collect();
                q["asked_when"] = condition(&earlier, i);
            }
            q
        })
        .collect();
    let mut rules: Vec<Value> = (0..8)
        .map(|r| json!({ "id": format!("r{r}"), "verdict": "needs_officer_approval", "when": condition(&[0, 1], r), "reason": text("Vraag het na.") }))
        .collect();
    rules.push(json!({ "id": "default", "verdict": "allowed", "reason": text("Mag.") }));
    let mut pack = json!({
        "format": 1,
        "id": id,
        "version": "1.0.0",
        "title": text(id),
        "source": text("Gemaakt om te meten"),
        "phases": [{ "id": "p0", "title": text("Vooraf") }],
        "questions": questions,
        "verdict_rules": rules,
        "items": [],
        "audience": ["student"],
    });
    let item = |i: usize| json!({ "id": format!("i{i}"), "phase": "p0", "text": text("Doe iets"), "shown_when": condition(&[2 + i % 8, 3 + i % 8], i) });
    let size = |pack: &Value| pack.to_string().len() as u64;
    let mut items = Vec::new();
    while items.len() < MAX_PACK_LIST {
        items.push(item(items.len()));
        pack["items"] = json!(items);
        if size(&pack) > MAX_PACK_BYTES {
            items.pop();
            break;
        }
    }
    pack["items"] = json!(items);
    pack.to_string()
}

/// Writes [`MAX_PACK_FILES`] crafted packs and [`EXTRA_FILES`] more into `dir`.
pub fn write_crafted(dir: &Path) {
    // Made once with an id as long as the others, which then differ in the id only (the first
    // string of that value: the keys before "id" hold none).
    let one = crafted_pack("gemaakt-000");
    for n in 0..MAX_PACK_FILES + EXTRA_FILES {
        let id = format!("gemaakt-{n:03}");
        let json = one.replacen("\"gemaakt-000\"", &format!("\"{id}\""), 1);
        std::fs::write(dir.join(format!("{id}.json")), json).expect("write a crafted pack");
    }
}
