//! Broken packs: each case asserts the exact error (code, file, field, problem and the problem's
//! Dutch sentence), and that its English sentence has no Dutch in it.

use crate::english::{dutch_error_fragments, dutch_in};
use opnamewijs::error::{ErrorCode, ErrorPayload, Localized};
use opnamewijs::files::FileProblem;
use opnamewijs::limits::{MAX_CONDITION_DEPTH, MAX_CONDITION_NODES, MAX_PACK_BYTES, MAX_PACK_LIST};
use opnamewijs::policy::{
    load_pack_file, parse_pack, AnswerRange, JsonKind, PackProblem, PackSet, PolicyError,
    ReadProblem, ShapeProblem,
};
use opnamewijs::text::Lang;
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

fn parse_text(text: &str) -> Result<(), PolicyError> {
    parse_pack("kapot.json", text).map(|_| ())
}

fn parse(v: &Value) -> Result<(), PolicyError> {
    parse_text(&v.to_string())
}

type Mutate = fn(&mut Value);

/// The minimal pack with `mutate` applied, as text.
fn with(mutate: Mutate) -> String {
    let mut v = minimal();
    mutate(&mut v);
    v.to_string()
}

/// `["a", "b"]` as owned strings.
fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// A pack whose JSON does not have the pack's shape: (case, the file's text, the field, the
/// problem, its Dutch sentence).
type ShapeCase = (
    &'static str,
    String,
    Option<&'static str>,
    ShapeProblem,
    &'static str,
);

fn shape_cases() -> Vec<ShapeCase> {
    vec![
        (
            "missing field",
            with(|v| _ = v["items"][0].as_object_mut().map(|o| o.remove("phase"))),
            Some("items[0]"),
            ShapeProblem::MissingField("phase".into()),
            "het veld \"phase\" ontbreekt",
        ),
        (
            "wrong type",
            with(|v| v["items"][0]["blocking"] = json!("ja")),
            Some("items[0].blocking"),
            ShapeProblem::WrongKind {
                found: JsonKind::Text,
                expected: Some(JsonKind::Boolean),
            },
            "hier hoort true of false, niet tekst",
        ),
        (
            "unknown field (typo)",
            with(|v| v["items"][0]["blokking"] = json!(true)),
            Some("items[0].blokking"),
            ShapeProblem::UnknownField {
                name: "blokking".into(),
                allowed: names(&[
                    "id",
                    "phase",
                    "text",
                    "help",
                    "shown_when",
                    "blocking",
                    "evidence",
                    "records_event",
                    "from",
                ]),
            },
            "onbekend veld \"blokking\" (toegestaan: \"id\", \"phase\", \"text\", \"help\", \
             \"shown_when\", \"blocking\", \"evidence\", \"records_event\", \"from\")",
        ),
        (
            "unknown verdict",
            with(|v| v["verdict_rules"][0]["verdict"] = json!("maybe")),
            Some("verdict_rules[0].verdict"),
            ShapeProblem::UnknownName {
                name: "maybe".into(),
                allowed: names(&[
                    "allowed",
                    "allowed_with_conditions",
                    "needs_officer_approval",
                    "not_allowed",
                ]),
            },
            "onbekende waarde \"maybe\" (kies uit \"allowed\", \"allowed_with_conditions\", \
             \"needs_officer_approval\", \"not_allowed\")",
        ),
        (
            "unknown event",
            with(|v| v["items"][0]["records_event"] = json!("filmed")),
            Some("items[0].records_event"),
            ShapeProblem::UnknownName {
                name: "filmed".into(),
                allowed: names(&[
                    "planned_for",
                    "recorded",
                    "stored_securely",
                    "shared",
                    "feedback_given",
                    "assessment_passed",
                    "officer_request_sent",
                    "officer_answered",
                    "consent_withdrawn",
                    "objection",
                    "officer_lead_time_given",
                    "objection_upheld",
                    "assessment_not_passed",
                    "answer_changed",
                    "incident",
                ]),
            },
            "onbekende waarde \"filmed\" (kies uit \"planned_for\", \"recorded\", \
             \"stored_securely\", \"shared\", \"feedback_given\", \"assessment_passed\", \
             \"officer_request_sent\", \"officer_answered\", \"consent_withdrawn\", \"objection\", \
             \"officer_lead_time_given\", \"objection_upheld\", \"assessment_not_passed\", \
             \"answer_changed\", \"incident\")",
        ),
        (
            "unknown answer kind",
            with(|v| v["questions"][0]["answer"] = json!("text")),
            Some("questions[0].answer"),
            ShapeProblem::UnknownName {
                name: "text".into(),
                allowed: names(&["yes_no", "choice", "choices", "count"]),
            },
            "onbekende waarde \"text\" (kies uit \"yes_no\", \"choice\", \"choices\", \"count\")",
        ),
        (
            "negative format version",
            with(|v| v["format"] = json!(-1)),
            Some("format"),
            ShapeProblem::WrongValue {
                expected: Some(JsonKind::Count),
            },
            "deze waarde is hier niet toegestaan; hier hoort een geheel getal van 0 of meer",
        ),
        (
            "condition with one value",
            with(|v| v["items"][0]["shown_when"] = json!({ "eq": ["a"] })),
            Some("items[0].shown_when.eq"),
            ShapeProblem::WrongLength {
                found: 1,
                expected: Some(2),
            },
            "verkeerd aantal waarden: 1, verwacht 2",
        ),
        (
            "a field twice",
            format!("{{\"format\": 1, {}", &minimal().to_string()[1..]),
            None,
            ShapeProblem::DuplicateField("format".into()),
            "het veld \"format\" staat er twee keer",
        ),
        (
            "not JSON",
            "{ \"format\": 1,, }".to_owned(),
            None,
            ShapeProblem::NotJson,
            "dit is geen geldige JSON",
        ),
        (
            "cut short",
            "{ \"format\": 1, ".to_owned(),
            None,
            ShapeProblem::EndsEarly,
            "het bestand houdt op voordat de JSON compleet is",
        ),
    ]
}

/// A pack with the right shape that breaks a rule: (case, how, the field, the problem, its Dutch
/// sentence).
type ContentCase = (
    &'static str,
    Mutate,
    &'static str,
    PackProblem,
    &'static str,
);

fn content_cases() -> Vec<ContentCase> {
    vec![
        ("unsupported format", |v| v["format"] = json!(3), "format", PackProblem::UnsupportedFormat { found: 3, expected: 2 }, "formaatversie 3 wordt niet ondersteund (verwacht 2)"),
        ("not a version number", |v| v["version"] = json!("1.0-beta"), "version", PackProblem::BadVersion("1.0-beta".into()), "\"1.0-beta\" is geen versienummer zoals 1.0.0"),
        ("invalid id", |v| v["id"] = json!("Test Pack"), "id", PackProblem::BadId("Test Pack".into()), "\"Test Pack\" is geen geldige id (kleine letters, cijfers, '-', '_' of '.')"),
        ("no phases", |v| v["phases"] = json!([]), "phases", PackProblem::NoPhases, "er moet minstens één fase zijn"),
        ("unknown phase", |v| v["items"][0]["phase"] = json!("later"), "items[0].phase", PackProblem::UnknownPhase("later".into()), "onbekende fase \"later\""),
        ("unknown question", |v| v["items"][0]["shown_when"] = json!({ "eq": ["z", true] }), "items[0].shown_when", PackProblem::UnknownQuestion("z".into()), "onbekende vraag \"z\""),
        (
            "value does not fit a yes/no question",
            |v| v["items"][0]["shown_when"] = json!({ "eq": ["a", "ja"] }),
            "items[0].shown_when",
            PackProblem::ValueDoesNotFit { value: "\"ja\"".into(), question: "a".into(), expected: AnswerRange::YesNo },
            "waarde \"ja\" past niet bij vraag \"a\" (verwacht true of false)",
        ),
        (
            "value is not an option",
            |v| v["items"][0]["shown_when"] = json!({ "eq": ["b", "z"] }),
            "items[0].shown_when",
            PackProblem::ValueDoesNotFit { value: "\"z\"".into(), question: "b".into(), expected: AnswerRange::OneOf(names(&["x", "y"])) },
            "waarde \"z\" past niet bij vraag \"b\" (verwacht een van \"x\", \"y\")",
        ),
        (
            "count above the maximum",
            |v| {
                v["questions"][1]["answer"] = json!({ "count": 3 });
                v["items"][0]["shown_when"] = json!({ "at_least": ["b", 5] });
            },
            "items[0].shown_when",
            PackProblem::ValueDoesNotFit { value: "≥ 5".into(), question: "b".into(), expected: AnswerRange::UpTo(3) },
            "waarde ≥ 5 past niet bij vraag \"b\" (verwacht een aantal van 0 tot en met 3)",
        ),
        (
            "empty list of values",
            |v| v["items"][0]["shown_when"] = json!({ "in": ["b", []] }),
            "items[0].shown_when",
            PackProblem::EmptyValueList("b".into()),
            "lege lijst van waarden voor vraag \"b\"",
        ),
        (
            "unsatisfiable condition",
            |v| v["items"][0]["shown_when"] = json!({ "all": [{ "eq": ["a", true] }, { "eq": ["a", false] }] }),
            "items[0].shown_when",
            PackProblem::NeverTrue,
            "deze voorwaarde kan nooit waar zijn",
        ),
        (
            "cyclic condition",
            |v| {
                v["questions"][0]["asked_when"] = json!({ "eq": ["b", "x"] });
                v["questions"][1]["asked_when"] = json!({ "eq": ["a", true] });
            },
            "questions[0].asked_when",
            PackProblem::Cycle(names(&["a", "b", "a"])),
            "cyclische voorwaarde: a → b → a",
        ),
        (
            "self-referencing question",
            |v| v["questions"][0]["asked_when"] = json!({ "eq": ["a", true] }),
            "questions[0].asked_when",
            PackProblem::Cycle(names(&["a", "a"])),
            "cyclische voorwaarde: a → a",
        ),
        (
            "choice with one option",
            |v| _ = v["questions"][1]["answer"]["choice"].as_array_mut().map(|o| o.truncate(1)),
            "questions[1].answer.choice",
            PackProblem::TooFewOptions,
            "een keuzevraag heeft minstens twee opties",
        ),
        ("count up to 0", |v| v["questions"][1]["answer"] = json!({ "count": 0 }), "questions[1].answer.count", PackProblem::ZeroMaximum, "het maximum moet groter dan 0 zijn"),
        ("default not an option", |v| v["questions"][1]["default"] = json!("z"), "questions[1].default", PackProblem::DefaultDoesNotFit, "het standaardantwoord past niet bij de vraag"),
        ("no verdict rules", |v| v["verdict_rules"] = json!([]), "verdict_rules", PackProblem::NoVerdictRules, "er moet minstens één oordeelregel zijn"),
        (
            "last verdict rule has a condition",
            |v| v["verdict_rules"][0]["when"] = json!({ "eq": ["a", true] }),
            "verdict_rules[0].when",
            PackProblem::LastRuleHasCondition,
            "de laatste oordeelregel moet zonder voorwaarde zijn, zodat er altijd een oordeel is",
        ),
        (
            "a rule without a condition before the last",
            |v| {
                let mut last = v["verdict_rules"][0].clone();
                last["id"] = json!("never");
                if let Some(rules) = v["verdict_rules"].as_array_mut() {
                    rules.push(last);
                }
            },
            "verdict_rules[0].when",
            PackProblem::UnconditionalRuleNotLast,
            "een regel zonder voorwaarde mag alleen als laatste staan; de regels erna worden nooit bereikt",
        ),
        (
            "duplicate item id",
            |v| {
                let copy = v["items"][0].clone();
                if let Some(items) = v["items"].as_array_mut() {
                    items.push(copy);
                }
            },
            "items[1].id",
            PackProblem::DuplicateId("i1".into()),
            "id \"i1\" komt twee keer voor",
        ),
        ("empty English text", |v| v["items"][0]["text"]["en"] = json!(" "), "items[0].text.en", PackProblem::EmptyText(Lang::En), "de Engelse tekst is leeg"),
        ("empty Dutch text", |v| v["title"]["nl"] = json!(""), "title.nl", PackProblem::EmptyText(Lang::Nl), "de Nederlandse tekst is leeg"),
        (
            "deadline completed by an unknown item",
            |v| {
                v["deadlines"] = json!([{ "id": "d", "title": { "nl": "T", "en": "T" },
                    "due": { "type": "after_event", "event": "recorded", "offset": { "days": 0 } },
                    "done_when": { "item": "nope" } }]);
            },
            "deadlines[0].done_when.item",
            PackProblem::UnknownItem("nope".into()),
            "onbekend item \"nope\"",
        ),
        (
            "deadline before the recording",
            |v| {
                v["deadlines"] = json!([{ "id": "d", "title": { "nl": "T", "en": "T" },
                    "due": { "type": "after_event", "event": "recorded", "offset": { "days": -1 } },
                    "done_when": { "item": "i1" } }]);
            },
            "deadlines[0].due.offset",
            PackProblem::NegativeOffset,
            "alleen termijnen vanaf de geplande datum mogen negatief zijn",
        ),
        ("nobody may see it", |v| v["audience"] = json!([]), "audience", PackProblem::NoAudience, "er moet minstens één rol zijn die de opname mag zien"),
        (
            "a list longer than a pack may have",
            |v| {
                let question = |i| json!({ "id": format!("q{i}"), "text": { "nl": "V?", "en": "Q?" }, "answer": "yes_no" });
                v["questions"] = json!((0..=MAX_PACK_LIST).map(question).collect::<Vec<_>>());
            },
            "questions",
            PackProblem::TooManyEntries { max: MAX_PACK_LIST },
            "deze lijst is te lang (hoogstens 256)",
        ),
        (
            "more options than a list may have",
            |v| {
                let option = |i| json!({ "id": format!("o{i}"), "text": { "nl": "O", "en": "O" } });
                v["questions"][1]["answer"]["choice"] = json!((0..=MAX_PACK_LIST).map(option).collect::<Vec<_>>());
            },
            "questions[1].answer.choice",
            PackProblem::TooManyEntries { max: MAX_PACK_LIST },
            "deze lijst is te lang (hoogstens 256)",
        ),
        (
            "a condition nested too deeply",
            |v| {
                let mut cond = json!({ "eq": ["a", true] });
                for _ in 0..MAX_CONDITION_DEPTH {
                    cond = json!({ "not": cond });
                }
                v["items"][0]["shown_when"] = cond;
            },
            "items[0].shown_when",
            PackProblem::ConditionTooDeep { max: MAX_CONDITION_DEPTH },
            "deze voorwaarde is te diep genest (hoogstens 8 niveaus)",
        ),
        (
            "a condition of too many parts",
            |v| {
                let parts = vec![json!({ "eq": ["a", true] }); MAX_CONDITION_NODES];
                v["items"][0]["shown_when"] = json!({ "any": parts });
            },
            "items[0].shown_when",
            PackProblem::ConditionTooLarge { max: MAX_CONDITION_NODES },
            "deze voorwaarde heeft te veel onderdelen (hoogstens 64)",
        ),
        (
            "an `in` of too many values",
            |v| v["items"][0]["shown_when"] = json!({ "in": ["b", vec!["x"; MAX_CONDITION_NODES]] }),
            "items[0].shown_when",
            PackProblem::ConditionTooLarge { max: MAX_CONDITION_NODES },
            "deze voorwaarde heeft te veel onderdelen (hoogstens 64)",
        ),
        (
            "forbidden channel with an unknown incident type",
            |v| v["forbidden_channels"] = json!([{ "channel": "email", "reason": { "nl": "R", "en": "R" }, "incident": "nope" }]),
            "forbidden_channels[0].incident",
            PackProblem::UnknownIncidentType("nope".into()),
            "onbekend incidenttype \"nope\"",
        ),
        (
            "a forbidden channel twice",
            |v| {
                v["incidents"] = json!([{ "id": "leak", "title": { "nl": "T", "en": "T" }, "advice": { "nl": "A", "en": "A" } }]);
                let channel = json!({ "channel": "email", "reason": { "nl": "R", "en": "R" }, "incident": "leak" });
                v["forbidden_channels"] = json!([channel.clone(), channel]);
            },
            "forbidden_channels[1].channel",
            PackProblem::DuplicateChannel,
            "dit kanaal staat er al",
        ),
    ]
}

#[test]
fn the_minimal_pack_is_valid() {
    assert_eq!(parse(&minimal()), Ok(()));
}

#[test]
fn shape_errors_name_the_field() {
    for (case, text, field, problem, dutch) in shape_cases() {
        let err = parse_text(&text).expect_err(case);
        let PolicyError::Syntax {
            file,
            field: f,
            problem: p,
            line,
            column,
        } = &err
        else {
            panic!("{case}: expected a syntax error, got {err:?}");
        };
        assert_eq!(file, "kapot.json", "{case}");
        assert_eq!(f.as_deref(), field, "{case}");
        assert_eq!(**p, problem, "{case}");
        assert_eq!(p.to_string(), dutch, "{case}");
        assert_eq!((*line, *column > 0), (1, true), "{case}: position given");
        assert_eq!(
            err.to_string(),
            format!(
                "Beleidspakket kapot.json, veld {}: {dutch} (regel 1, kolom {column})",
                field.unwrap_or("(bestand)")
            ),
            "{case}"
        );
    }
}

#[test]
fn content_errors_name_the_field_and_the_problem() {
    for (case, mutate, field, problem, dutch) in content_cases() {
        assert_eq!(problem.to_string(), dutch, "{case}: the Dutch problem");
        let expected = PolicyError::Invalid {
            file: "kapot.json".into(),
            field: field.into(),
            problem: Box::new(problem),
        };
        assert_eq!(parse_text(&with(mutate)), Err(expected.clone()), "{case}");
        assert_eq!(
            expected.to_string(),
            format!("Beleidspakket kapot.json, veld {field}: {dutch}"),
            "{case}"
        );
    }
}

#[test]
fn read_errors_say_why_the_file_cannot_be_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let large = dir.path().join("groot.json");
    std::fs::write(&large, vec![b' '; MAX_PACK_BYTES as usize + 1]).expect("write");
    let latin1 = dir.path().join("latin1.json");
    std::fs::write(&latin1, b"{ \"id\": \"caf\xe9\" }").expect("write");
    let cases = [
        (
            dir.path().join("weg.json"),
            ReadProblem::File(FileProblem::NotFound),
            "het bestand of de map bestaat niet",
        ),
        (
            large,
            ReadProblem::TooLarge { max_kb: 128 },
            "het bestand is groter dan 128 kB",
        ),
        (
            latin1,
            ReadProblem::NotText,
            "het bestand is geen tekst (geen UTF-8)",
        ),
    ];
    for (path, problem, dutch) in cases {
        let file = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let err = load_pack_file(&path).expect_err("refused");
        assert_eq!(problem.to_string(), dutch);
        assert_eq!(
            err,
            PolicyError::Read {
                file: file.clone(),
                problem
            }
        );
        assert_eq!(
            err.to_string(),
            format!("Beleidspakket {file} kan niet worden gelezen: {dutch}")
        );
        assert_english(&err, dutch);
    }
}

/// The English sentence of `err`: not empty, not the Dutch one, without the Dutch `problem` and
/// without any phrase of the Dutch catalog or Dutch word; and the payload carries it.
fn assert_english(err: &PolicyError, problem: &str) -> String {
    let catalog = dutch_error_fragments();
    let en = err.message(Lang::En);
    assert!(!en.trim().is_empty(), "{err:?}: no English");
    assert_ne!(en, err.to_string(), "{err:?}: not translated");
    assert!(!en.contains(problem), "{en:?} holds the Dutch {problem:?}");
    let found = dutch_in(&en, &catalog);
    assert!(found.is_empty(), "{en:?} holds Dutch: {found:?}");
    let payload = ErrorPayload::localized(err, Lang::En);
    assert_eq!(
        (payload.code.as_str(), payload.message.as_str()),
        (err.code(), en.as_str())
    );
    en
}

#[test]
fn every_broken_pack_is_reported_in_english_without_dutch() {
    let mut checked = 0;
    for (case, text, _, _, dutch) in shape_cases() {
        let err = parse_text(&text).expect_err(case);
        assert_english(&err, dutch);
        checked += 1;
    }
    for (case, mutate, _, _, dutch) in content_cases() {
        let err = parse_text(&with(mutate)).expect_err(case);
        assert_english(&err, dutch);
        checked += 1;
    }
    assert!(checked >= 35, "{checked} cases");
}

#[test]
fn broken_packs_in_english_word_for_word() {
    let en = |text: &str| parse_text(text).expect_err("refused").message(Lang::En);
    assert_eq!(
        en(&with(|v| v["format"] = json!(3))),
        "Policy pack kapot.json, field format: format version 3 is not supported (expected 2)"
    );
    assert_eq!(
        en(&with(
            |v| v["items"][0]["shown_when"] = json!({ "eq": ["b", "z"] })
        )),
        "Policy pack kapot.json, field items[0].shown_when: value \"z\" does not fit question \
         \"b\" (expected one of \"x\", \"y\")"
    );
    assert_eq!(
        en(&with(
            |v| v["verdict_rules"][0]["when"] = json!({ "eq": ["a", true] })
        )),
        "Policy pack kapot.json, field verdict_rules[0].when: the last verdict rule must have no \
         condition, so that there is always a verdict"
    );
    assert_eq!(
        en(&with(|v| _ = v["items"][0].as_object_mut().map(|o| o.remove("phase")))),
        "Policy pack kapot.json, field items[0]: the field \"phase\" is missing (line 1, column 117)"
    );
    assert_eq!(
        en(&with(|v| v["items"][0]["blocking"] = json!("ja"))),
        "Policy pack kapot.json, field items[0].blocking: expected true or false, not text (line 1, \
         column 77)"
    );
    assert_eq!(
        en("{ \"format\": 1, "),
        "Policy pack kapot.json: the file ends before the JSON is complete (line 1, column 15)"
    );
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
    let err = ErrorPayload::from(set.errors()[0].clone());
    assert_eq!(err.code, "policy.syntax");
    assert_eq!(
        err.message,
        "Beleidspakket kapot.json, veld (bestand): het bestand houdt op voordat de JSON compleet \
         is (regel 1, kolom 15)"
    );
    let en = assert_english(
        &set.errors()[0],
        "het bestand houdt op voordat de JSON compleet is",
    );
    assert_eq!(
        en,
        "Policy pack kapot.json: the file ends before the JSON is complete (line 1, column 15)"
    );
}

#[test]
fn a_second_copy_of_the_same_pack_version_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let own = opnamewijs::policy::load::EMBEDDED[0].1.replacen(
        "\"hu-stage-opnamen\"",
        "\"mijn-stageschool\"",
        1,
    );
    std::fs::write(dir.path().join("a-eigen.json"), &own).expect("write");
    std::fs::write(dir.path().join("b-eigen-kopie.json"), &own).expect("write");
    let mut set = PackSet::embedded();
    set.add_dir(dir.path());
    assert_eq!(
        set.errors(),
        [PolicyError::Duplicate {
            file: "b-eigen-kopie.json".into(),
            id: "mijn-stageschool".into(),
            version: "1.0.0".into()
        }]
    );
}

/// A file in the data folder cannot pass for a pack the app ships: not as a copy, and not as a
/// "newer version" that new recordings would be pinned to. A pack of its own loads, and every
/// pack says where it comes from.
#[test]
fn a_dropped_pack_cannot_use_the_name_of_a_built_in_pack() {
    use opnamewijs::policy::PackOrigin;
    let dir = tempfile::tempdir().expect("temp dir");
    let hu = opnamewijs::policy::load::EMBEDDED[0].1;
    let newer = hu.replacen("\"version\": \"1.0.0\"", "\"version\": \"9.0.0\"", 1);
    assert_ne!(newer, hu);
    std::fs::write(dir.path().join("hu-kopie.json"), hu).expect("write");
    std::fs::write(dir.path().join("hu-nieuwer.json"), &newer).expect("write");
    let own = hu.replacen("\"hu-stage-opnamen\"", "\"mijn-stageschool\"", 1);
    std::fs::write(dir.path().join("mijn-school.json"), &own).expect("write");
    let mut set = PackSet::embedded();
    set.add_dir(dir.path());
    assert_eq!(
        set.errors(),
        [
            PolicyError::Impersonates {
                file: "hu-kopie.json".into(),
                id: "hu-stage-opnamen".into(),
            },
            PolicyError::Impersonates {
                file: "hu-nieuwer.json".into(),
                id: "hu-stage-opnamen".into(),
            },
        ]
    );
    assert_eq!(
        set.errors()[1].to_string(),
        "Beleidspakket hu-nieuwer.json gebruikt de naam \"hu-stage-opnamen\" van een \
         beleidspakket dat in Opnamewijs is ingebouwd en is daarom niet geladen. Een eigen pakket \
         heeft een eigen naam (id)."
    );
    let latest = set.latest("hu-stage-opnamen").expect("built in");
    assert_eq!(
        (latest.version.as_str(), &latest.origin),
        ("2.0.0", &PackOrigin::Embedded)
    );
    assert_eq!(
        set.latest("mijn-stageschool").expect("own pack").origin,
        PackOrigin::File("mijn-school.json".into())
    );
}

#[test]
fn conditions_at_the_limits_load() {
    let mut v = minimal();
    let mut deepest = json!({ "eq": ["a", true] });
    for _ in 1..MAX_CONDITION_DEPTH {
        deepest = json!({ "not": deepest });
    }
    v["items"][0]["shown_when"] = deepest;
    let parts = vec![json!({ "eq": ["a", true] }); MAX_CONDITION_NODES - 1];
    v["verdict_rules"] = json!([
        { "id": "groot", "verdict": "not_allowed", "when": { "any": parts }, "reason": { "nl": "Nee.", "en": "No." } },
        { "id": "default", "verdict": "allowed", "reason": { "nl": "Mag.", "en": "May." } }
    ]);
    assert_eq!(parse(&v), Ok(()));
}

#[test]
fn json_nested_deeper_than_the_parser_reads_is_refused_without_overflowing_the_stack() {
    // Conditions are where a pack nests (every other object refuses a field it does not know
    // before it reads its value); `all` nests two levels a step, `not` one.
    let dutch = "de JSON is dieper genest dan 128 niveaus en is niet verder gelezen";
    for (step, depth) in [("not", 200), ("not", 100_000), ("all", 100)] {
        let mut v = minimal();
        v["items"][0]["shown_when"] = json!(null);
        let (open, close) = match step {
            "not" => ("{\"not\": ", "}"),
            _ => ("{\"all\": [", "]}"),
        };
        let cond = format!(
            "{}{{\"eq\": [\"a\", true]}}{}",
            open.repeat(depth),
            close.repeat(depth)
        );
        let err = parse_text(&v.to_string().replacen("null", &cond, 1)).expect_err("refused");
        match &err {
            PolicyError::Syntax { problem, .. } => {
                assert_eq!(**problem, ShapeProblem::TooDeep, "{depth} × {step}");
                assert_eq!(problem.to_string(), dutch);
            }
            other => panic!("{depth} × {step}: expected a syntax error, got {other:?}"),
        }
        assert_english(&err, dutch);
    }
}

/// Forty questions, each asked when any of the ones after it has an answer: 2^39 paths through
/// the dependencies, each question reached along many of them. Checking for a cycle visits each
/// question once per question (it used to walk every path), and the pack loads; the same with a
/// ring added at the end is refused with that ring.
#[test]
fn the_cycle_check_visits_each_question_once() {
    let n = 40;
    let mut v = minimal();
    let questions: Vec<Value> = (0..n)
        .map(|i| {
            let later: Vec<Value> = ((i + 1)..n)
                .map(|j| json!({ "eq": [format!("q{j}"), true] }))
                .collect();
            let mut q = json!({ "id": format!("q{i}"), "text": { "nl": "V?", "en": "Q?" }, "answer": "yes_no" });
            if !later.is_empty() {
                q["asked_when"] = json!({ "any": later });
            }
            q
        })
        .collect();
    v["questions"] = json!(questions);
    assert_eq!(parse(&v), Ok(()));
    v["questions"][n - 1]["asked_when"] = json!({ "eq": ["q0", true] });
    match parse(&v) {
        Err(PolicyError::Invalid { field, problem, .. }) => {
            assert_eq!(field, "questions[0].asked_when");
            assert_eq!(
                *problem,
                PackProblem::Cycle(names(&[
                    "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11",
                    "q12", "q13", "q14", "q15", "q16", "q17", "q18", "q19", "q20", "q21", "q22",
                    "q23", "q24", "q25", "q26", "q27", "q28", "q29", "q30", "q31", "q32", "q33",
                    "q34", "q35", "q36", "q37", "q38", "q39", "q0"
                ]))
            );
        }
        other => panic!("expected the ring, got {other:?}"),
    }
}

/// The checks that each condition can be true share one budget: a condition that can never be
/// true is found while the budget lasts; past it, conditions are not checked (the check helps
/// authors, it protects nothing), and a pack whose conditions would take more still loads.
#[test]
fn the_satisfiability_checks_share_a_budget() {
    // Five count questions; each item's condition tries 4^5 = 1,024 combinations of their answers
    // (11,264 steps with its six parts and five questions): the budget of 16,384 lasts one.
    let mut v = minimal();
    let questions: Vec<Value> = (0..5)
        .map(|i| json!({ "id": format!("n{i}"), "text": { "nl": "Hoeveel?", "en": "How many?" }, "answer": { "count": 9 } }))
        .collect();
    v["questions"] = json!(questions);
    let wide = json!({ "all": (0..5).map(|i| json!({ "at_least": [format!("n{i}"), 5] })).collect::<Vec<_>>() });
    let item = |i: usize, when: &Value| json!({ "id": format!("i{i}"), "phase": "vooraf", "text": { "nl": "Doe", "en": "Do" }, "shown_when": when });
    v["items"] = json!((0..200).map(|i| item(i, &wide)).collect::<Vec<_>>());
    assert_eq!(parse(&v), Ok(()), "200 such conditions");
    let never = json!({ "all": [{ "at_least": ["n0", 9] }, { "not": { "at_least": ["n0", 1] } }] });
    // One wide one fits, with room for the small one as the second; the second wide one does not
    // fit, and spends the rest.
    for (at, found) in [(0, true), (1, true), (2, false), (199, false)] {
        let mut v = v.clone();
        v["items"][at] = item(at, &never);
        let refused = matches!(parse(&v), Err(PolicyError::Invalid { ref field, ref problem, .. })
            if *field == format!("items[{at}].shown_when") && **problem == PackProblem::NeverTrue);
        assert_eq!(refused, found, "a never-true condition at item {at}");
    }
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

/// The minimal pack in format 2: every element says where it comes from.
fn minimal_v2() -> Value {
    let section = json!({ "section": { "nl": "Vooraf", "en": "Beforehand" } });
    let mut v = minimal();
    v["format"] = json!(2);
    v["source_name"] = json!({ "nl": "Bron", "en": "Source" });
    v["scope"] = json!({ "nl": "Voor docenten", "en": "For lecturers" });
    for list in ["questions", "verdict_rules", "items"] {
        for element in v[list].as_array_mut().into_iter().flatten() {
            element["from"] = section.clone();
        }
    }
    v
}

#[test]
fn every_rule_of_a_format_2_pack_says_where_it_comes_from() {
    parse_text(&minimal_v2().to_string()).expect("the complete pack loads");
    for list in ["questions", "verdict_rules", "items"] {
        let mut v = minimal_v2();
        let id = v[list][0]["id"].as_str().expect("id").to_owned();
        v[list][0].as_object_mut().expect("object").remove("from");
        assert_eq!(
            parse_text(&v.to_string()),
            Err(PolicyError::Invalid {
                file: "kapot.json".into(),
                field: format!("{list}[0].from"),
                problem: Box::new(PackProblem::NoProvenance(id.clone())),
            }),
            "{list} without provenance"
        );
        let err = parse_text(&v.to_string()).expect_err("refused");
        assert!(
            err.message(Lang::En)
                .contains(&format!("\"{id}\" does not say where it comes from")),
            "{}",
            err.message(Lang::En)
        );
    }
    let mut v = minimal_v2();
    v.as_object_mut().expect("object").remove("source_name");
    assert_eq!(
        parse_text(&v.to_string()),
        Err(PolicyError::Invalid {
            file: "kapot.json".into(),
            field: "source_name".into(),
            problem: Box::new(PackProblem::RequiredFromFormat(2)),
        })
    );
    // An advice with an empty reason is no provenance either.
    let mut v = minimal_v2();
    v["items"][0]["from"] = json!({ "advice": { "nl": "", "en": "why" } });
    assert_eq!(
        parse_text(&v.to_string()),
        Err(PolicyError::Invalid {
            file: "kapot.json".into(),
            field: "items[0].from.advice.nl".into(),
            problem: Box::new(PackProblem::EmptyText(Lang::Nl)),
        })
    );
    // The grace after an "at once" deadline is always the app's advice.
    let mut v = minimal_v2();
    v["deadlines"] = json!([{
        "id": "meteen",
        "title": { "nl": "Meteen", "en": "At once" },
        "due": { "type": "after_event", "event": "recorded", "offset": { "hours": 0 } },
        "done_when": "all_copies_deleted",
        "grace": { "until": "end_of_day", "from": { "section": { "nl": "Opslaan", "en": "Storing" } } },
        "from": { "section": { "nl": "Opslaan", "en": "Storing" } }
    }]);
    assert_eq!(
        parse_text(&v.to_string()),
        Err(PolicyError::Invalid {
            file: "kapot.json".into(),
            field: "deadlines[0].grace.from".into(),
            problem: Box::new(PackProblem::GraceNotAdvice),
        })
    );
}

#[test]
fn every_rule_of_the_packs_that_ship_names_its_source_or_says_it_is_advice() {
    for pack in PackSet::embedded().packs().iter().filter(|p| p.format >= 2) {
        assert!(
            pack.source_name.is_some() && pack.scope.is_some(),
            "{}",
            pack.id
        );
        let froms = pack
            .questions
            .iter()
            .map(|q| (&q.id, &q.from))
            .chain(pack.verdict_rules.iter().map(|r| (&r.id, &r.from)))
            .chain(pack.items.iter().map(|i| (&i.id, &i.from)))
            .chain(pack.deadlines.iter().map(|d| (&d.id, &d.from)))
            .chain(pack.incidents.iter().map(|t| (&t.id, &t.from)))
            .chain(
                pack.incidents
                    .iter()
                    .flat_map(|t| t.clocks.iter().map(|c| (&c.id, &c.from))),
            );
        for (id, from) in froms {
            assert!(from.is_some(), "{} {id}", pack.id);
        }
    }
}
