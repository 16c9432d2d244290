//! Broken packs: each case asserts the exact error (code, file, field, problem).

use opnamewijs::policy::{parse_pack, PackSet, PolicyError};
use serde_json::{json, Value};

/// The smallest valid pack; each case breaks one thing.
fn minimal() -> Value {
    json!({
        "format": 1,
        "id": "test-pack",
        "version": "1.0.0",
        "title": { "nl": "Test", "en": "Test" },
        "source": { "nl": "Bron", "en": "Source" },
        "phases": [ { "id": "vooraf", "title": { "nl": "Vooraf", "en": "Before" } } ],
        "questions": [
            { "id": "a", "text": { "nl": "A?", "en": "A?" }, "answer": "yes_no" },
            { "id": "b", "text": { "nl": "B?", "en": "B?" }, "answer": { "choice": [
                { "id": "x", "text": { "nl": "X", "en": "X" } },
                { "id": "y", "text": { "nl": "Y", "en": "Y" } }
            ] } }
        ],
        "verdict_rules": [ { "id": "default", "verdict": "allowed", "reason": { "nl": "Mag.", "en": "May." } } ],
        "items": [ { "id": "i1", "phase": "vooraf", "text": { "nl": "Doe iets", "en": "Do something" } } ],
        "audience": ["student"]
    })
}

fn parse(v: &Value) -> Result<(), PolicyError> {
    parse_pack("kapot.json", &v.to_string()).map(|_| ())
}

fn invalid(field: &str, problem: &str) -> PolicyError {
    PolicyError::Invalid {
        file: "kapot.json".into(),
        field: field.into(),
        problem: problem.into(),
    }
}

#[test]
fn the_minimal_pack_is_valid() {
    assert_eq!(parse(&minimal()), Ok(()));
}

#[test]
fn shape_errors_name_the_field() {
    // (case, mutation, expected field, expected start of the problem)
    type Mutate = fn(&mut Value);
    let cases: [(&str, Mutate, &str, &str); 6] = [
        (
            "missing field",
            |v| _ = v["items"][0].as_object_mut().map(|o| o.remove("phase")),
            "items[0]",
            "missing field `phase`",
        ),
        (
            "wrong type",
            |v| v["items"][0]["blocking"] = json!("ja"),
            "items[0].blocking",
            "invalid type: string \"ja\", expected a boolean",
        ),
        (
            "unknown field (typo)",
            |v| v["items"][0]["blokking"] = json!(true),
            "items[0].blokking",
            "unknown field `blokking`",
        ),
        (
            "unknown verdict",
            |v| v["verdict_rules"][0]["verdict"] = json!("maybe"),
            "verdict_rules[0].verdict",
            "unknown variant `maybe`",
        ),
        (
            "unknown event",
            |v| v["items"][0]["records_event"] = json!("filmed"),
            "items[0].records_event",
            "unknown variant `filmed`",
        ),
        (
            "unknown answer kind",
            |v| v["questions"][0]["answer"] = json!("text"),
            "questions[0].answer",
            "unknown variant `text`",
        ),
    ];
    for (case, mutate, field, problem) in cases {
        let mut v = minimal();
        mutate(&mut v);
        match parse(&v) {
            Err(PolicyError::Syntax {
                file,
                field: f,
                problem: p,
            }) => {
                assert_eq!(file, "kapot.json", "{case}");
                assert_eq!(f, field, "{case}");
                assert!(p.starts_with(problem), "{case}: {p}");
                assert!(
                    p.contains("(regel 1, kolom "),
                    "{case}: position given: {p}"
                );
            }
            other => panic!("{case}: expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn content_errors_name_the_field_and_the_problem() {
    type Mutate = fn(&mut Value);
    let cases: [(&str, Mutate, PolicyError); 12] = [
        ("unsupported format", |v| v["format"] = json!(2), invalid("format", "formaatversie 2 wordt niet ondersteund (verwacht 1)")),
        ("unknown phase", |v| v["items"][0]["phase"] = json!("later"), invalid("items[0].phase", "onbekende fase \"later\"")),
        ("unknown question", |v| v["items"][0]["shown_when"] = json!({ "eq": ["z", true] }), invalid("items[0].shown_when", "onbekende vraag \"z\"")),
        (
            "value does not fit a yes/no question",
            |v| v["items"][0]["shown_when"] = json!({ "eq": ["a", "ja"] }),
            invalid("items[0].shown_when", "waarde \"ja\" past niet bij vraag \"a\" (verwacht true of false)"),
        ),
        (
            "value is not an option",
            |v| v["items"][0]["shown_when"] = json!({ "eq": ["b", "z"] }),
            invalid("items[0].shown_when", "waarde \"z\" past niet bij vraag \"b\" (verwacht een van \"x\", \"y\")"),
        ),
        (
            "unsatisfiable condition",
            |v| v["items"][0]["shown_when"] = json!({ "all": [{ "eq": ["a", true] }, { "eq": ["a", false] }] }),
            invalid("items[0].shown_when", "deze voorwaarde kan nooit waar zijn"),
        ),
        (
            "cyclic condition",
            |v| {
                v["questions"][0]["asked_when"] = json!({ "eq": ["b", "x"] });
                v["questions"][1]["asked_when"] = json!({ "eq": ["a", true] });
            },
            invalid("questions[0].asked_when", "cyclische voorwaarde: a → b → a"),
        ),
        (
            "self-referencing question",
            |v| v["questions"][0]["asked_when"] = json!({ "eq": ["a", true] }),
            invalid("questions[0].asked_when", "cyclische voorwaarde: a → a"),
        ),
        (
            "last verdict rule has a condition",
            |v| v["verdict_rules"][0]["when"] = json!({ "eq": ["a", true] }),
            invalid("verdict_rules[0].when", "de laatste oordeelregel moet zonder voorwaarde zijn, zodat er altijd een oordeel is"),
        ),
        (
            "duplicate item id",
            |v| {
                let copy = v["items"][0].clone();
                if let Some(items) = v["items"].as_array_mut() {
                    items.push(copy);
                }
            },
            invalid("items[1].id", "id \"i1\" komt twee keer voor")),
        ("empty English text", |v| v["items"][0]["text"]["en"] = json!(" "), invalid("items[0].text.en", "de Engelse tekst is leeg")),
        (
            "deadline completed by an unknown item",
            |v| {
                v["deadlines"] = json!([{ "id": "d", "title": { "nl": "T", "en": "T" },
                    "due": { "type": "after_event", "event": "recorded", "offset": { "days": 0 } },
                    "done_when": { "item": "nope" } }]);
            },
            invalid("deadlines[0].done_when.item", "onbekend item \"nope\""),
        ),
    ];
    for (case, mutate, expected) in cases {
        let mut v = minimal();
        mutate(&mut v);
        assert_eq!(parse(&v), Err(expected), "{case}");
    }
}

#[test]
fn a_broken_pack_in_a_folder_does_not_stop_the_valid_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut good = minimal();
    good["id"] = json!("ander-instituut");
    std::fs::write(dir.path().join("ander.json"), good.to_string()).expect("write");
    std::fs::write(dir.path().join("kapot.json"), "{ \"format\": 1, ").expect("write");
    let mut set = PackSet::embedded();
    set.add_dir(dir.path());
    assert!(
        set.latest("ander-instituut").is_some(),
        "the valid extra pack loads"
    );
    assert!(
        set.latest("hu-stage-opnamen").is_some(),
        "the embedded packs stay"
    );
    assert_eq!(set.errors().len(), 1);
    let err = opnamewijs::ErrorPayload::from(set.errors()[0].clone());
    assert_eq!(err.code, "policy.syntax");
    assert!(
        err.message
            .starts_with("Beleidspakket kapot.json, veld (bestand): EOF while parsing"),
        "{}",
        err.message
    );
}

#[test]
fn a_second_copy_of_the_same_pack_version_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("hu-kopie.json"),
        opnamewijs::policy::load::EMBEDDED[0].1,
    )
    .expect("write");
    let mut set = PackSet::embedded();
    set.add_dir(dir.path());
    assert_eq!(
        set.errors(),
        [PolicyError::Duplicate {
            file: "hu-kopie.json".into(),
            id: "hu-stage-opnamen".into(),
            version: "1.0.0".into()
        }]
    );
}

/// The published schema is generated from the Rust types; this writes it, and `cargo xtask test`
/// fails when the committed file differs from what was generated.
#[test]
fn the_published_schema_matches_the_format() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/policies/schema.json");
    let generated = opnamewijs::policy::json_schema();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        std::fs::write(&path, &generated).expect("write schema.json");
    }
    let schema: Value = serde_json::from_str(&generated).expect("schema is JSON");
    let required = schema["required"].as_array().expect("required list");
    for field in [
        "format",
        "id",
        "version",
        "phases",
        "questions",
        "verdict_rules",
        "items",
        "audience",
    ] {
        assert!(
            required.contains(&json!(field)),
            "{field} is required by the schema"
        );
    }
}
